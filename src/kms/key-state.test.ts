// Tests for key-state.ts against a table written from the AWS key-state page
// (https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html) and the API reference of each operation.
import { expect, test } from 'vitest';
import { DisabledException, KMSInvalidStateException } from '../api/generated/exceptions.ts';
import type { KeyState } from '../api/generated/types.ts';
import {
  assertUsable,
  isEnabledState,
  stateError,
  transition,
  type KeyEvent,
  type UsageClass,
} from './key-state.ts';

const ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const key = (state: KeyState) => ({ arn: ARN, state });

const STATES: readonly KeyState[] = [
  'Creating',
  'Enabled',
  'Disabled',
  'PendingDeletion',
  'PendingImport',
  'PendingReplicaDeletion',
  'Unavailable',
  'Updating',
];

const STATE_TEXT: Record<KeyState, string> = {
  Creating: 'creating',
  Enabled: 'enabled',
  Disabled: 'disabled',
  PendingDeletion: 'pending deletion',
  PendingImport: 'pending import',
  PendingReplicaDeletion: 'pending replica deletion',
  Unavailable: 'unavailable',
  Updating: 'updating',
};

/** The state each event leads to; a state not listed must be refused. */
const EXPECTED_TRANSITIONS: Record<KeyEvent, Partial<Record<KeyState, KeyState>>> = {
  // EnableKey / DisableKey: Enabled and Disabled only; PendingImport and PendingDeletion fail.
  enable: { Enabled: 'Enabled', Disabled: 'Enabled' },
  disable: { Enabled: 'Disabled', Disabled: 'Disabled' },
  // ScheduleKeyDeletion: Enabled, Disabled, PendingImport; not a key already pending deletion.
  scheduleDeletion: {
    Enabled: 'PendingDeletion',
    Disabled: 'PendingDeletion',
    PendingImport: 'PendingDeletion',
  },
  // CancelKeyDeletion: a key pending deletion, or a primary waiting for its replicas; it becomes Disabled.
  cancelDeletion: { PendingDeletion: 'Disabled', PendingReplicaDeletion: 'Disabled' },
  // ImportKeyMaterial: PendingImport becomes Enabled; reimport keeps Enabled (or Disabled).
  importMaterial: { PendingImport: 'Enabled', Enabled: 'Enabled', Disabled: 'Disabled' },
  // DeleteImportedKeyMaterial: PendingImport, except that a key pending deletion keeps its state.
  deleteImportedMaterial: {
    Enabled: 'PendingImport',
    Disabled: 'PendingImport',
    PendingImport: 'PendingImport',
    PendingDeletion: 'PendingDeletion',
  },
  // A replica leaves the transient Creating state once replication completes.
  replicaReady: { Creating: 'Enabled' },
};

const USABLE_IN: Record<UsageClass, readonly KeyState[]> = {
  crypto: ['Enabled'],
  configure: ['Creating', 'Enabled', 'Disabled', 'PendingImport', 'Unavailable'],
  read: STATES,
};

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

test('moves every (event, state) pair as the AWS key-state table says, or refuses it', () => {
  let checked = 0;
  for (const [event, allowed] of Object.entries(EXPECTED_TRANSITIONS) as [
    KeyEvent,
    Partial<Record<KeyState, KeyState>>,
  ][]) {
    for (const state of STATES) {
      const next = allowed[state];
      if (next) {
        expect(transition(key(state), event), `${event} from ${state}`).toBe(next);
      } else {
        const err = caught(() => transition(key(state), event));
        expect(err, `${event} from ${state}`).toBeInstanceOf(KMSInvalidStateException);
      }
      checked++;
    }
  }
  expect(checked).toBe(7 * 8);
});

test('refuses an event with KMSInvalidStateException naming the key and its state', () => {
  expect(() => transition(key('PendingDeletion'), 'enable')).toThrow(
    new KMSInvalidStateException(`${ARN} is pending deletion.`),
  );
  expect(() => transition(key('PendingImport'), 'disable')).toThrow(`${ARN} is pending import.`);
  expect(() => transition(key('PendingDeletion'), 'scheduleDeletion')).toThrow(`${ARN} is pending deletion.`);
  expect(() => transition(key('Enabled'), 'replicaReady')).toThrow(`${ARN} is enabled.`);
});

test('refuses to cancel the deletion of a key that is not pending deletion', () => {
  // CancelKeyDeletion does not model DisabledException: a disabled key gets KMSInvalidStateException too.
  for (const state of ['Enabled', 'Disabled', 'PendingImport'] as const) {
    const err = caught(() => transition(key(state), 'cancelDeletion'));
    expect(err, state).toBeInstanceOf(KMSInvalidStateException);
    expect(err, state).toMatchObject({ message: `${ARN} is not pending deletion.` });
  }
});

test('allows each usage class exactly in its states', () => {
  for (const usage of Object.keys(USABLE_IN) as UsageClass[]) {
    for (const state of STATES) {
      if (USABLE_IN[usage].includes(state)) {
        expect(() => assertUsable(key(state), usage), `${usage} in ${state}`).not.toThrow();
      } else {
        expect(() => assertUsable(key(state), usage), `${usage} in ${state}`).toThrow(
          `${ARN} is ${STATE_TEXT[state]}.`,
        );
      }
    }
  }
});

test('refuses cryptography on a disabled key with DisabledException', () => {
  const err = caught(() => assertUsable(key('Disabled'), 'crypto'));
  expect(err).toBeInstanceOf(DisabledException);
  expect(err).toMatchObject({ name: 'DisabledException', message: `${ARN} is disabled.` });
});

test('refuses cryptography on a key pending deletion or import with KMSInvalidStateException', () => {
  const deletion = caught(() => assertUsable(key('PendingDeletion'), 'crypto'));
  expect(deletion).toBeInstanceOf(KMSInvalidStateException);
  expect(deletion).toMatchObject({ message: `${ARN} is pending deletion.` });
  const pendingImport = caught(() => assertUsable(key('PendingImport'), 'crypto'));
  expect(pendingImport).toBeInstanceOf(KMSInvalidStateException);
  expect(pendingImport).toMatchObject({ message: `${ARN} is pending import.` });
});

test('refuses configuration changes on a key pending deletion', () => {
  const err = caught(() => assertUsable(key('PendingDeletion'), 'configure'));
  expect(err).toBeInstanceOf(KMSInvalidStateException);
  expect(err).toMatchObject({ message: `${ARN} is pending deletion.` });
});

test('builds DisabledException only for Disabled keys', () => {
  for (const state of STATES) {
    const err = stateError(key(state));
    expect(err).toBeInstanceOf(state === 'Disabled' ? DisabledException : KMSInvalidStateException);
    expect(err.message).toBe(`${ARN} is ${STATE_TEXT[state]}.`);
  }
});

test('calls only the Enabled state enabled', () => {
  expect(STATES.filter(isEnabledState)).toEqual(['Enabled']);
});
