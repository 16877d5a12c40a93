/**
 * The key-state machine: which state each administrative event moves a key to, and in which states each
 * operation may use a key. One table each, one `assertUsable` that throws AWS's exception and message.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html
 */
import type { KeyState } from '../api/generated/types.ts';
import { DisabledException, KMSInvalidStateException } from '../api/generated/exceptions.ts';
import type { KeyRecord } from './records.ts';

/** Administrative events that change a key's state. */
export type KeyEvent =
  | 'enable'
  | 'disable'
  | 'scheduleDeletion'
  | 'cancelDeletion'
  | 'importMaterial'
  | 'deleteImportedMaterial'
  | 'replicaReady';

const TRANSITIONS: Readonly<Record<KeyEvent, Partial<Record<KeyState, KeyState>>>> = {
  enable: { Enabled: 'Enabled', Disabled: 'Enabled' },
  disable: { Enabled: 'Disabled', Disabled: 'Disabled' },
  scheduleDeletion: {
    Enabled: 'PendingDeletion',
    Disabled: 'PendingDeletion',
    PendingImport: 'PendingDeletion',
  },
  // Cancelling returns a key to Disabled, or to PendingImport when it has no usable material (resolved by caller).
  cancelDeletion: { PendingDeletion: 'Disabled', PendingReplicaDeletion: 'Disabled' },
  importMaterial: { PendingImport: 'Enabled', Enabled: 'Enabled', Disabled: 'Disabled' },
  // "When the specified KMS key is in the PendingDeletion state, this operation does not change the KMS key's state."
  deleteImportedMaterial: {
    Enabled: 'PendingImport',
    Disabled: 'PendingImport',
    PendingImport: 'PendingImport',
    PendingDeletion: 'PendingDeletion',
  },
  replicaReady: { Creating: 'Enabled' },
};

/** Operation families, as the AWS key-state table groups them. */
export type UsageClass =
  /** Cryptographic operations: Encrypt, Decrypt, Sign, GenerateMac, ... */
  | 'crypto'
  /**
   * Configuration changes: tags, description, policy, aliases, rotation settings (CreateGrant has its own
   * table in grant-rules.ts). AWS lets you manage Unavailable keys and replicas still Creating (key-state.html,
   * ReplicateKey), not keys pending deletion.
   */
  | 'configure'
  /** Reads that work in every state: DescribeKey, GetKeyPolicy, ListResourceTags, ... */
  | 'read';

const USABLE: Readonly<Record<UsageClass, readonly KeyState[]>> = {
  crypto: ['Enabled'],
  configure: ['Creating', 'Enabled', 'Disabled', 'PendingImport', 'Unavailable'],
  read: [
    'Creating',
    'Enabled',
    'Disabled',
    'PendingDeletion',
    'PendingImport',
    'PendingReplicaDeletion',
    'Unavailable',
    'Updating',
  ],
};

const STATE_TEXT: Readonly<Record<KeyState, string>> = {
  Creating: 'creating',
  Enabled: 'enabled',
  Disabled: 'disabled',
  PendingDeletion: 'pending deletion',
  PendingImport: 'pending import',
  PendingReplicaDeletion: 'pending replica deletion',
  Unavailable: 'unavailable',
  Updating: 'updating',
};

/** The exception AWS raises for a key in `state` that an operation cannot use. */
export function stateError(
  key: Pick<KeyRecord, 'arn' | 'state'>,
): DisabledException | KMSInvalidStateException {
  const message = `${key.arn} is ${STATE_TEXT[key.state]}.`;
  return key.state === 'Disabled' ? new DisabledException(message) : new KMSInvalidStateException(message);
}

export function assertUsable(key: Pick<KeyRecord, 'arn' | 'state'>, usage: UsageClass): void {
  if (!USABLE[usage].includes(key.state)) throw stateError(key);
}

/**
 * The state after `event`, or KMSInvalidStateException when the key's state does not allow it. Never
 * DisabledException: EnableKey, DisableKey, ScheduleKeyDeletion, CancelKeyDeletion, ImportKeyMaterial and
 * DeleteImportedKeyMaterial do not model it.
 */
export function transition(key: Pick<KeyRecord, 'arn' | 'state'>, event: KeyEvent): KeyState {
  const next = TRANSITIONS[event][key.state];
  if (next !== undefined) return next;
  if (event === 'cancelDeletion') throw new KMSInvalidStateException(`${key.arn} is not pending deletion.`);
  throw new KMSInvalidStateException(`${key.arn} is ${STATE_TEXT[key.state]}.`);
}

export const isEnabledState = (state: KeyState): boolean => state === 'Enabled';
