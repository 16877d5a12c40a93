// Tests for key-resolver.ts: every way of naming a key, AWS's NotFoundException texts, and the lazy purge of keys
// past their deletion date. (Predefined `alias/aws/*` aliases are tested with aws-managed-keys.ts.)
import { expect, test } from 'vitest';
import { NotFoundException } from '../api/generated/exceptions.ts';
// Tests only: the domain runs against a real store implementation (the layer rule keeps src/kms code off src/store).
import { createMemoryStore } from '../store/memory-store.ts';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  makeAliasRecord,
  makeGrantRecord,
  makeKeyRecord,
  REGION_1,
  REGION_2,
} from '../store/test-records.ts';
import { DAY_MS } from './clock.ts';
import { loadLiveKey, manageKey, resolveKey } from './key-resolver.ts';
import type { OperationContext } from './operation-context.ts';
import type { AliasRecord, GrantRecord, KeyRecord, Scope } from './records.ts';
import type { KmsStore, StoreWrite } from './store.ts';
import { UnitOfWork } from './unit-of-work.ts';

const scope: Scope = { account: ACCOUNT_A, region: REGION_1 };
const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';
const MRK = 'mrk-1234abcd12ab34cd56ef1234567890ab';
const OTHER = '0987dcba-09ba-43dc-a5fe-0987654321ba';
const UNKNOWN = 'ffffffff-ffff-4fff-8fff-ffffffffffff';
const NOW = Date.UTC(2026, 0, 1);
const arnOf = (s: Scope, id: string) => `arn:aws:kms:${s.region}:${s.account}:key/${id}`;
const aliasArnOf = (s: Scope, name: string) => `arn:aws:kms:${s.region}:${s.account}:${name}`;
const withAlias = { allowAlias: true, now: NOW, operation: 'DescribeKey' };
const withoutAlias = { allowAlias: false, now: NOW, operation: 'DescribeKey' };

type Row =
  | { table: 'keys'; value: KeyRecord }
  | { table: 'aliases'; value: AliasRecord }
  | { table: 'grants'; value: GrantRecord };

function rowWrite(row: Row): StoreWrite {
  const { value } = row;
  const at = { account: value.account, region: value.region };
  if (row.table === 'keys')
    return { op: 'put', table: 'keys', scope: at, id: row.value.keyId, value: row.value };
  if (row.table === 'aliases')
    return { op: 'put', table: 'aliases', scope: at, id: row.value.aliasName, value: row.value };
  return { op: 'put', table: 'grants', scope: at, id: row.value.grantId, value: row.value };
}

async function storeWith(...rows: Row[]): Promise<KmsStore> {
  const store = createMemoryStore();
  await store.commit(rows.map(rowWrite));
  return store;
}

const key = (value: KeyRecord): Row => ({ table: 'keys', value });
const alias = (value: AliasRecord): Row => ({ table: 'aliases', value });
const grant = (value: GrantRecord): Row => ({ table: 'grants', value });

async function resolve(store: KmsStore, input: string, options = withAlias, at = scope): Promise<KeyRecord> {
  return resolveKey(new UnitOfWork(store), at, input, options);
}

async function notFound(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(NotFoundException);
  return (err as NotFoundException).message;
}

test('resolves a key id and a multi-Region key id', async () => {
  const store = await storeWith(key(makeKeyRecord(scope, KEY)), key(makeKeyRecord(scope, MRK)));
  expect((await resolve(store, KEY, withoutAlias)).keyId).toBe(KEY);
  expect((await resolve(store, MRK, withoutAlias)).keyId).toBe(MRK);
});

test('resolves a key ARN', async () => {
  const store = await storeWith(key(makeKeyRecord(scope, KEY)));
  expect((await resolve(store, arnOf(scope, KEY), withoutAlias)).keyId).toBe(KEY);
});

test('resolves a key ARN of another account in the same region to that account, where its policy allows it', async () => {
  const other = { account: ACCOUNT_B, region: REGION_1 };
  const sharing = JSON.stringify({
    Statement: [
      { Effect: 'Allow', Principal: { AWS: scope.account }, Action: 'kms:Describe*', Resource: '*' },
    ],
  });
  const store = await storeWith(
    key(makeKeyRecord(other, KEY, { description: 'account B', policy: sharing })),
  );
  expect((await resolve(store, arnOf(other, KEY), withoutAlias)).description).toBe('account B');
  expect(await notFound(resolve(store, KEY, withoutAlias))).toBe(`Key '${arnOf(scope, KEY)}' does not exist`);
  const closed = await storeWith(key(makeKeyRecord(other, KEY, { policy: '{"Statement":[]}' })));
  await expect(resolve(closed, arnOf(other, KEY), withoutAlias)).rejects.toMatchObject({
    name: 'AccessDeniedException',
  });
});

test('resolves an alias name and an alias ARN to the target key', async () => {
  const store = await storeWith(
    key(makeKeyRecord(scope, KEY)),
    key(makeKeyRecord(scope, OTHER)),
    alias(makeAliasRecord(scope, 'alias/app', OTHER)),
  );
  expect((await resolve(store, 'alias/app')).keyId).toBe(OTHER);
  expect((await resolve(store, aliasArnOf(scope, 'alias/app'))).keyId).toBe(OTHER);
});

test('refuses alias names and alias ARNs where only keys are accepted', async () => {
  const store = await storeWith(
    key(makeKeyRecord(scope, KEY)),
    alias(makeAliasRecord(scope, 'alias/app', KEY)),
  );
  expect(await notFound(resolve(store, 'alias/app', withoutAlias))).toBe(`Invalid keyId 'alias/app'`);
  const arn = aliasArnOf(scope, 'alias/app');
  expect(await notFound(resolve(store, arn, withoutAlias))).toBe(`Invalid keyId '${arn}'`);
});

test('reports an unknown alias, or one whose key is gone, by its alias ARN', async () => {
  const store = await storeWith(alias(makeAliasRecord(scope, 'alias/orphan', UNKNOWN)));
  expect(await notFound(resolve(store, 'alias/missing'))).toBe(
    `Alias ${aliasArnOf(scope, 'alias/missing')} is not found.`,
  );
  expect(await notFound(resolve(store, 'alias/orphan'))).toBe(
    `Alias ${aliasArnOf(scope, 'alias/orphan')} is not found.`,
  );
  expect(await notFound(resolve(store, aliasArnOf(scope, 'alias/missing')))).toBe(
    `Alias ${aliasArnOf(scope, 'alias/missing')} is not found.`,
  );
});

test('refuses an ARN from another region with "Invalid arn <region>"', async () => {
  const away = { account: ACCOUNT_A, region: REGION_2 };
  const store = await storeWith(
    key(makeKeyRecord(away, KEY)),
    alias(makeAliasRecord(away, 'alias/app', KEY)),
  );
  expect(await notFound(resolve(store, arnOf(away, KEY)))).toBe(`Invalid arn ${REGION_2}`);
  expect(await notFound(resolve(store, aliasArnOf(away, 'alias/app')))).toBe(`Invalid arn ${REGION_2}`);
});

test('looks a bare key id up in the caller region only', async () => {
  const away = { account: ACCOUNT_A, region: REGION_2 };
  const store = await storeWith(key(makeKeyRecord(away, KEY)));
  expect(await notFound(resolve(store, KEY))).toBe(`Key '${arnOf(scope, KEY)}' does not exist`);
  expect((await resolve(store, KEY, withAlias, away)).region).toBe(REGION_2);
});

test('refuses malformed key ids with "Invalid keyId \'<input>\'"', async () => {
  const store = await storeWith(key(makeKeyRecord(scope, KEY)));
  for (const input of ['fake-key-id', KEY.replaceAll('-', ''), 'mrk-fake-key-id', `${KEY}x`, ' ' + KEY, '']) {
    expect(await notFound(resolve(store, input)), input).toBe(`Invalid keyId '${input}'`);
  }
});

test('reports a well-formed unknown key by its full ARN, even when given a bare id', async () => {
  const store = await storeWith(key(makeKeyRecord(scope, KEY)));
  expect(await notFound(resolve(store, UNKNOWN))).toBe(`Key '${arnOf(scope, UNKNOWN)}' does not exist`);
  expect(await notFound(resolve(store, arnOf(scope, UNKNOWN)))).toBe(
    `Key '${arnOf(scope, UNKNOWN)}' does not exist`,
  );
  expect(await notFound(resolve(store, MRK))).toBe(`Key '${arnOf(scope, MRK)}' does not exist`);
});

test('returns a key pending deletion until its deletion date', async () => {
  const pending = makeKeyRecord(scope, KEY, {
    state: 'PendingDeletion',
    deletionDate: NOW + 1,
    pendingWindowInDays: 7,
  });
  const store = await storeWith(key(pending));
  expect((await resolve(store, KEY)).state).toBe('PendingDeletion');
});

test('purges a key whose deletion date has come, with its aliases and grants, and leaves the rest', async () => {
  const expired = makeKeyRecord(scope, KEY, {
    state: 'PendingDeletion',
    deletionDate: NOW,
    pendingWindowInDays: 7,
  });
  const store = await storeWith(
    key(expired),
    key(makeKeyRecord(scope, OTHER)),
    alias(makeAliasRecord(scope, 'alias/gone-1', KEY)),
    alias(makeAliasRecord(scope, 'alias/gone-2', KEY)),
    alias(makeAliasRecord(scope, 'alias/kept', OTHER)),
    grant(makeGrantRecord(scope, 'a'.repeat(64), KEY)),
    grant(makeGrantRecord(scope, 'b'.repeat(64), OTHER)),
  );
  const uow = new UnitOfWork(store);
  expect(await notFound(resolveKey(uow, scope, KEY, withAlias))).toBe(
    `Key '${arnOf(scope, KEY)}' does not exist`,
  );
  // The removal is staged in the unit of work: later reads of the same request no longer see any of it.
  expect(await uow.get('keys', scope, KEY)).toBeUndefined();
  expect((await uow.list('aliases', scope)).map((a) => a.aliasName)).toEqual(['alias/kept']);
  expect((await uow.list('grants', scope)).map((g) => g.grantId)).toEqual(['b'.repeat(64)]);
  expect((await uow.list('keys', scope)).map((k) => k.keyId)).toEqual([OTHER]);
});

test('commits the purge when the request that found the expired key succeeds', async () => {
  const expired = makeKeyRecord(scope, KEY, { state: 'PendingDeletion', deletionDate: NOW - 30 * DAY_MS });
  const store = await storeWith(
    key(expired),
    alias(makeAliasRecord(scope, 'alias/gone', KEY)),
    grant(makeGrantRecord(scope, 'a'.repeat(64), KEY)),
  );
  const uow = new UnitOfWork(store);
  expect(await loadLiveKey(uow, scope, KEY, NOW)).toBeUndefined();
  await uow.commit();
  expect(await store.snapshot()).toEqual({ keys: [], aliases: [], grants: [], customKeyStores: [] });
});

test('hides an alias whose key has passed its deletion date', async () => {
  const expired = makeKeyRecord(scope, KEY, { state: 'PendingDeletion', deletionDate: NOW - 1 });
  const store = await storeWith(key(expired), alias(makeAliasRecord(scope, 'alias/app', KEY)));
  expect(await notFound(resolve(store, 'alias/app'))).toBe(
    `Alias ${aliasArnOf(scope, 'alias/app')} is not found.`,
  );
});

test('does not purge a key past a stale deletion date unless it is pending deletion', async () => {
  const cancelled = makeKeyRecord(scope, KEY, { state: 'Disabled', deletionDate: NOW - DAY_MS });
  const store = await storeWith(key(cancelled));
  const uow = new UnitOfWork(store);
  expect((await resolveKey(uow, scope, KEY, withAlias)).keyId).toBe(KEY);
  expect(uow.hasWrites).toBe(false);
});

test('manageKey resolves ids and ARNs at the request time, and refuses aliases', async () => {
  const pending = makeKeyRecord(scope, KEY, { state: 'PendingDeletion', deletionDate: NOW + DAY_MS });
  const store = await storeWith(key(pending), alias(makeAliasRecord(scope, 'alias/app', KEY)));
  const op = (now: number) =>
    ({ uow: new UnitOfWork(store), scope, now, env: {} }) as unknown as OperationContext;
  expect((await manageKey(op(NOW), KEY)).keyId).toBe(KEY);
  expect((await manageKey(op(NOW), arnOf(scope, KEY))).keyId).toBe(KEY);
  expect(await notFound(manageKey(op(NOW), 'alias/app'))).toBe(`Invalid keyId 'alias/app'`);
  expect(await notFound(manageKey(op(NOW + DAY_MS), KEY))).toBe(`Key '${arnOf(scope, KEY)}' does not exist`);
});
