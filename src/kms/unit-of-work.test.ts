// Tests for unit-of-work.ts over the in-memory store: read-your-writes, merged listings, compare-and-swap commits,
// retries of conflicting units and atomicity of failed operations.
import { expect, test, vi } from 'vitest';
// Tests only: the domain runs against a real store implementation (the layer rule keeps src/kms code off src/store).
import { createMemoryStore } from '../store/memory-store.ts';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  makeAliasRecord,
  makeKeyRecord,
  REGION_1,
  REGION_2,
} from '../store/test-records.ts';
import type { KeyRecord } from './records.ts';
import { StoreConflictError, type KmsStore } from './store.ts';
import { runUnitOfWork, UnitOfWork } from './unit-of-work.ts';

const scope = { account: ACCOUNT_A, region: REGION_1 };
const K1 = '11111111-1111-4111-8111-111111111111';
const K2 = '22222222-2222-4222-8222-222222222222';
const K3 = '33333333-3333-4333-8333-333333333333';

async function storeWith(...keys: KeyRecord[]): Promise<KmsStore> {
  const store = createMemoryStore();
  if (keys.length > 0) {
    await store.commit(keys.map((value) => ({ op: 'put', table: 'keys', scope, id: value.keyId, value })));
  }
  return store;
}

const counterOf = (key: KeyRecord) => Number(key.tags.find((t) => t.TagKey === 'counter')?.TagValue ?? '0');
const withCounter = (key: KeyRecord, n: number): KeyRecord => ({
  ...key,
  tags: [...key.tags.filter((t) => t.TagKey !== 'counter'), { TagKey: 'counter', TagValue: String(n) }],
});

test('a staged put is what later reads of the same unit see, and the store sees nothing before commit', async () => {
  const store = await storeWith(makeKeyRecord(scope, K1));
  const uow = new UnitOfWork(store);
  const key = (await uow.get('keys', scope, K1))!;
  uow.put('keys', scope, K1, { ...key, description: 'changed' });
  expect((await uow.get('keys', scope, K1))?.description).toBe('changed');
  expect((await store.get('keys', scope, K1))?.description).toBe(`test key ${K1}`);
  await uow.commit();
  expect(await store.get('keys', scope, K1)).toMatchObject({ description: 'changed', rev: 2 });
});

test('a staged delete hides the record from later reads of the same unit', async () => {
  const store = await storeWith(makeKeyRecord(scope, K1));
  const uow = new UnitOfWork(store);
  uow.delete('keys', scope, K1);
  expect(await uow.get('keys', scope, K1)).toBeUndefined();
  expect(await store.get('keys', scope, K1)).toBeDefined();
  await uow.commit();
  expect(await store.get('keys', scope, K1)).toBeUndefined();
});

test('a record created in the unit can be read back before commit', async () => {
  const store = await storeWith();
  const uow = new UnitOfWork(store);
  uow.put('keys', scope, K1, makeKeyRecord(scope, K1));
  expect((await uow.get('keys', scope, K1))?.keyId).toBe(K1);
  expect(uow.hasWrites).toBe(true);
});

test('list merges staged puts and deletes into the stored rows, ordered by id', async () => {
  const store = await storeWith(makeKeyRecord(scope, K1), makeKeyRecord(scope, K3));
  const uow = new UnitOfWork(store);
  uow.put('keys', scope, K2, makeKeyRecord(scope, K2));
  uow.put('keys', scope, K3, makeKeyRecord(scope, K3, { description: 'staged' }));
  uow.delete('keys', scope, K1);
  const listed = await uow.list('keys', scope);
  expect(listed.map((k) => [k.keyId, k.description])).toEqual([
    [K2, `test key ${K2}`],
    [K3, 'staged'],
  ]);
});

test('a list page merges staged writes: deletes do not shorten it, puts past its end wait for their page', async () => {
  const ids = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6'];
  const store = createMemoryStore();
  await store.commit(
    ids.map((id) => ({ op: 'put', table: 'keys', scope, id, value: makeKeyRecord(scope, id) }) as const),
  );
  const uow = new UnitOfWork(store);
  uow.delete('keys', scope, 'k1');
  uow.delete('keys', scope, 'k2');
  uow.put('keys', scope, 'k1a', makeKeyRecord(scope, 'k1a'));
  uow.put('keys', scope, 'k9', makeKeyRecord(scope, 'k9'));
  const keyIds = (rows: KeyRecord[]) => rows.map((k) => k.keyId);
  expect(keyIds(await uow.list('keys', scope, { limit: 3 }))).toEqual(['k0', 'k1a', 'k3']);
  expect(keyIds(await uow.list('keys', scope, { after: 'k3', limit: 3 }))).toEqual(['k4', 'k5', 'k6']);
  expect(keyIds(await uow.list('keys', scope, { after: 'k6', limit: 3 }))).toEqual(['k9']);
  expect(keyIds(await uow.list('keys', scope, { after: 'k0' }))).toEqual([
    'k1a',
    'k3',
    'k4',
    'k5',
    'k6',
    'k9',
  ]);
});

test('listBy follows staged writes: a repointed alias leaves one key and joins the other', async () => {
  const store = createMemoryStore();
  await store.commit(
    ['alias/a', 'alias/b', 'alias/c'].map(
      (name) =>
        ({ op: 'put', table: 'aliases', scope, id: name, value: makeAliasRecord(scope, name, K1) }) as const,
    ),
  );
  const uow = new UnitOfWork(store);
  const b = (await uow.get('aliases', scope, 'alias/b'))!;
  uow.put('aliases', scope, 'alias/b', { ...b, targetKeyId: K2 });
  uow.put('aliases', scope, 'alias/0', makeAliasRecord(scope, 'alias/0', K1));
  const names = async (keyId: string, page?: { after?: string[]; limit?: number }) =>
    (await uow.listBy('aliasesByKey', scope, keyId, page)).map((a) => a.aliasName);
  expect(await names(K1)).toEqual(['alias/0', 'alias/a', 'alias/c']);
  expect(await names(K1, { limit: 2 })).toEqual(['alias/0', 'alias/a']);
  expect(await names(K1, { after: ['alias/a'], limit: 2 })).toEqual(['alias/c']);
  expect(await names(K2)).toEqual(['alias/b']);
  // The store itself is unchanged until commit.
  expect((await store.listBy('aliasesByKey', scope, K1)).map((a) => a.aliasName)).toEqual([
    'alias/a',
    'alias/b',
    'alias/c',
  ]);
});

test('list leaves out staged writes to other tables and scopes', async () => {
  const store = await storeWith(makeKeyRecord(scope, K1));
  const uow = new UnitOfWork(store);
  const otherRegion = { account: ACCOUNT_A, region: REGION_2 };
  const otherAccount = { account: ACCOUNT_B, region: REGION_1 };
  uow.put('keys', otherRegion, K2, makeKeyRecord(otherRegion, K2));
  uow.put('keys', otherAccount, K3, makeKeyRecord(otherAccount, K3));
  uow.put('aliases', scope, 'alias/a', makeAliasRecord(scope, 'alias/a', K1));
  expect((await uow.list('keys', scope)).map((k) => k.keyId)).toEqual([K1]);
  expect((await uow.list('keys', otherRegion)).map((k) => k.keyId)).toEqual([K2]);
  expect((await uow.list('aliases', scope)).map((a) => a.aliasName)).toEqual(['alias/a']);
});

test('a record written after being listed is checked against the rev the listing saw', async () => {
  const store = await storeWith(makeKeyRecord(scope, K1));
  const uow = new UnitOfWork(store);
  const [listed] = await uow.list('keys', scope);
  uow.put('keys', scope, K1, { ...listed!, description: 'from list' });
  await uow.commit();
  expect(await store.get('keys', scope, K1)).toMatchObject({ description: 'from list', rev: 2 });
});

test('creating a record that exists by now conflicts instead of overwriting it', async () => {
  const store = await storeWith();
  const uow = new UnitOfWork(store);
  uow.put('keys', scope, K1, makeKeyRecord(scope, K1, { description: 'mine' }));
  await store.commit([
    { op: 'put', table: 'keys', scope, id: K1, value: makeKeyRecord(scope, K1, { description: 'theirs' }) },
  ]);
  await expect(uow.commit()).rejects.toBeInstanceOf(StoreConflictError);
  expect((await store.get('keys', scope, K1))?.description).toBe('theirs');
});

test('a record read as missing must still be missing at commit', async () => {
  const store = await storeWith();
  const uow = new UnitOfWork(store);
  expect(await uow.get('keys', scope, K1)).toBeUndefined();
  await store.commit([{ op: 'put', table: 'keys', scope, id: K1, value: makeKeyRecord(scope, K1) }]);
  expect(await uow.get('keys', scope, K1)).toBeUndefined();
  uow.put('keys', scope, K1, makeKeyRecord(scope, K1, { description: 'mine' }));
  await expect(uow.commit()).rejects.toBeInstanceOf(StoreConflictError);
});

test('of two units that read and update the same record, the second to commit conflicts and writes nothing', async () => {
  const store = await storeWith(makeKeyRecord(scope, K1), makeKeyRecord(scope, K2));
  const first = new UnitOfWork(store);
  const second = new UnitOfWork(store);
  const a = (await first.get('keys', scope, K1))!;
  const b = (await second.get('keys', scope, K1))!;
  const other = (await second.get('keys', scope, K2))!;
  first.put('keys', scope, K1, { ...a, description: 'first' });
  second.put('keys', scope, K1, { ...b, description: 'second' });
  second.put('keys', scope, K2, { ...other, description: 'second' });
  await first.commit();
  await expect(second.commit()).rejects.toBeInstanceOf(StoreConflictError);
  expect((await store.get('keys', scope, K1))?.description).toBe('first');
  expect((await store.get('keys', scope, K2))?.description).toBe(`test key ${K2}`);
});

test('deleting a record that changed since it was read conflicts', async () => {
  const store = await storeWith(makeKeyRecord(scope, K1));
  const uow = new UnitOfWork(store);
  const key = (await uow.get('keys', scope, K1))!;
  await store.commit([{ op: 'put', table: 'keys', scope, id: K1, value: { ...key, description: 'newer' } }]);
  uow.delete('keys', scope, K1);
  await expect(uow.commit()).rejects.toBeInstanceOf(StoreConflictError);
  expect(await store.get('keys', scope, K1)).toBeDefined();
});

test('a unit without writes commits nothing', async () => {
  const store = await storeWith(makeKeyRecord(scope, K1));
  const changes: unknown[] = [];
  store.subscribe((change) => changes.push(change));
  const uow = new UnitOfWork(store);
  await uow.get('keys', scope, K1);
  await uow.list('keys', scope);
  expect(uow.hasWrites).toBe(false);
  await uow.commit();
  expect(changes).toEqual([]);
});

test('runUnitOfWork re-runs conflicting units so that 20 concurrent increments all land', async () => {
  const store = await storeWith(makeKeyRecord(scope, K1));
  let runs = 0;
  await Promise.all(
    Array.from({ length: 20 }, () =>
      runUnitOfWork(store, async (uow) => {
        runs++;
        const key = (await uow.get('keys', scope, K1))!;
        uow.put('keys', scope, K1, withCounter(key, counterOf(key) + 1));
      }),
    ),
  );
  const key = (await store.get('keys', scope, K1))!;
  expect(counterOf(key)).toBe(20);
  expect(key.rev).toBe(21);
  expect(runs).toBeGreaterThan(20);
});

test('runUnitOfWork keeps both of two racing updates to different fields of one record', async () => {
  const store = await storeWith(makeKeyRecord(scope, K1));
  await Promise.all([
    runUnitOfWork(store, async (uow) => {
      const key = (await uow.get('keys', scope, K1))!;
      uow.put('keys', scope, K1, { ...key, description: 'updated' });
    }),
    runUnitOfWork(store, async (uow) => {
      const key = (await uow.get('keys', scope, K1))!;
      uow.put('keys', scope, K1, { ...key, state: 'Disabled' });
    }),
  ]);
  expect(await store.get('keys', scope, K1)).toMatchObject({
    description: 'updated',
    state: 'Disabled',
    rev: 3,
  });
});

test('runUnitOfWork returns the result of the run that committed', async () => {
  const store = await storeWith(makeKeyRecord(scope, K1));
  const seen = await Promise.all(
    [1, 2, 3].map(() =>
      runUnitOfWork(store, async (uow) => {
        const key = (await uow.get('keys', scope, K1))!;
        uow.put('keys', scope, K1, withCounter(key, counterOf(key) + 1));
        return counterOf(key) + 1;
      }),
    ),
  );
  expect(seen.sort()).toEqual([1, 2, 3]);
});

test('an operation that throws writes nothing and is not retried', async () => {
  const store = await storeWith(makeKeyRecord(scope, K1));
  const changes: unknown[] = [];
  store.subscribe((change) => changes.push(change));
  let runs = 0;
  const failure = new Error('boom');
  await expect(
    runUnitOfWork(store, async (uow) => {
      runs++;
      const key = (await uow.get('keys', scope, K1))!;
      uow.put('keys', scope, K1, { ...key, description: 'half done' });
      uow.put('keys', scope, K2, makeKeyRecord(scope, K2));
      uow.delete('keys', scope, K1);
      throw failure;
    }),
  ).rejects.toBe(failure);
  expect(runs).toBe(1);
  expect(changes).toEqual([]);
  expect(await store.get('keys', scope, K1)).toMatchObject({ description: `test key ${K1}`, rev: 1 });
  expect(await store.get('keys', scope, K2)).toBeUndefined();
});

test('runUnitOfWork gives up with StoreConflictError when every run conflicts', async () => {
  const store = await storeWith(makeKeyRecord(scope, K1));
  let runs = 0;
  vi.useFakeTimers();
  try {
    const outcome = runUnitOfWork(store, async (uow) => {
      runs++;
      // Creating a record that already exists conflicts on every run.
      uow.put('keys', scope, K1, makeKeyRecord(scope, K1, { description: 'never' }));
    }).catch((err: unknown) => err);
    await vi.runAllTimersAsync();
    expect(await outcome).toBeInstanceOf(StoreConflictError);
  } finally {
    vi.useRealTimers();
  }
  expect(runs).toBeGreaterThan(1);
  expect((await store.get('keys', scope, K1))?.description).toBe(`test key ${K1}`);
});
