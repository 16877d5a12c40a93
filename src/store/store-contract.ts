/**
 * The `KmsStore` contract (src/kms/store.ts) as a Vitest suite: every store implementation runs it.
 * `runStoreContract(name, makeStore)` registers the tests; `makeStore` must return a fresh, empty store.
 */
import { expect, onTestFinished, test } from 'vitest';
import type { Scope } from '../kms/records.ts';
import {
  StoreConflictError,
  type KmsStore,
  type StoreChange,
  type StoreWrite,
  type TableName,
  type TableRows,
} from '../kms/store.ts';
import { ID_FIELD } from './tables.ts';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  REGION_1,
  REGION_2,
  makeAliasRecord,
  makeCustomKeyStoreRecord,
  makeGrantRecord,
  makeKeyRecord,
} from './test-records.ts';

const A1: Scope = { account: ACCOUNT_A, region: REGION_1 };
const A2: Scope = { account: ACCOUNT_A, region: REGION_2 };
const B1: Scope = { account: ACCOUNT_B, region: REGION_1 };
const B2: Scope = { account: ACCOUNT_B, region: REGION_2 };

function idOf(table: TableName, row: TableRows[TableName]): string {
  return (row as unknown as Record<string, string>)[ID_FIELD[table]]!;
}

export function put<T extends TableName>(
  table: T,
  value: TableRows[T],
  expectedRev?: number | null,
): StoreWrite {
  const write = {
    op: 'put',
    table,
    scope: { account: value.account, region: value.region },
    id: idOf(table, value),
    value,
  };
  return (expectedRev === undefined ? write : { ...write, expectedRev }) as StoreWrite;
}

export function del(table: TableName, scope: Scope, id: string, expectedRev?: number | null): StoreWrite {
  return expectedRev === undefined
    ? { op: 'delete', table, scope, id }
    : { op: 'delete', table, scope, id, expectedRev };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** Read-modify-write with retry on conflict, as the domain's unit of work does. Returns the conflicts seen. */
export async function incrementRotationCount(store: KmsStore, scope: Scope, keyId: string): Promise<number> {
  for (let conflicts = 0; ; conflicts++) {
    const key = await store.get('keys', scope, keyId);
    if (!key) throw new Error(`key ${keyId} is gone`);
    const next = {
      ...key,
      rotation: { ...key.rotation, onDemandCount: key.rotation.onDemandCount + 1 },
      rev: key.rev + 1,
    };
    try {
      await store.commit([put('keys', next, key.rev)]);
      return conflicts;
    } catch (err) {
      if (!(err instanceof StoreConflictError)) throw err;
    }
  }
}

export function runStoreContract(name: string, makeStore: () => Promise<KmsStore>): void {
  async function open(): Promise<KmsStore> {
    const store = await makeStore();
    onTestFinished(() => store.close());
    return store;
  }

  test(`${name}: get returns undefined for a missing record and a stored one after commit`, async () => {
    const store = await open();
    expect(await store.get('keys', A1, 'k1')).toBeUndefined();
    const key = makeKeyRecord(A1, 'k1');
    await store.commit([put('keys', key, null)]);
    expect(await store.get('keys', A1, 'k1')).toEqual(key);
    expect(await store.get('aliases', A1, 'k1')).toBeUndefined();
  });

  test(`${name}: bytes committed as a view of a larger buffer are kept as their own, and only those`, async () => {
    // A request's blobs may be views of Node's shared Buffer pool (decodeBase64View): a store must keep the view's
    // bytes, not the buffer around them, and not be changed when that buffer is reused.
    const store = await open();
    const backing = new Uint8Array(8192).fill(0xaa);
    const secret = backing.subarray(100, 132).fill(7);
    const material = { id: 'f'.repeat(64), createdAt: 1, secret, state: 'CURRENT' as const };
    await store.commit([put('keys', makeKeyRecord(A1, 'view', { materials: [material] }), null)]);
    backing.fill(0xbb);
    const kept = (await store.get('keys', A1, 'view'))!.materials[0]!.secret!;
    const snapshotted = (await store.snapshot()).keys.find((k) => k.keyId === 'view')!.materials[0]!.secret!;
    for (const bytes of [kept, snapshotted]) {
      expect(sameBytes(bytes, new Uint8Array(32).fill(7))).toBe(true);
      expect(bytes.buffer.byteLength).toBe(32);
    }
  });

  test(`${name}: get and list keep the scopes of two accounts and two regions apart`, async () => {
    const store = await open();
    const scopes = [A1, A2, B1, B2];
    await store.commit(
      scopes.flatMap((scope, i) => [
        put('keys', makeKeyRecord(scope, 'same-id', { description: `key ${i}` }), null),
        put('keys', makeKeyRecord(scope, `only-${i}`), null),
        put('aliases', makeAliasRecord(scope, 'alias/same', 'same-id', { targetKeyId: `target-${i}` }), null),
      ]),
    );
    for (const [i, scope] of scopes.entries()) {
      expect((await store.get('keys', scope, 'same-id'))?.description).toBe(`key ${i}`);
      expect((await store.list('keys', scope)).map((k) => k.keyId)).toEqual([`only-${i}`, 'same-id']);
      expect((await store.list('aliases', scope)).map((a) => a.targetKeyId)).toEqual([`target-${i}`]);
      expect(await store.list('grants', scope)).toEqual([]);
      for (const [j, other] of scopes.entries()) {
        if (i !== j) expect(await store.get('keys', other, `only-${i}`)).toBeUndefined();
      }
    }
    expect(await store.list('keys', { account: ACCOUNT_A, region: 'ap-south-1' })).toEqual([]);
  });

  test(`${name}: scopes whose names are prefixes of one another do not leak into each other`, async () => {
    const store = await open();
    const short = { account: '1', region: 'r' };
    const longAccount = { account: '11', region: 'r' };
    const longRegion = { account: '1', region: 'r1' };
    await store.commit([
      put('keys', makeKeyRecord(short, 'a'), null),
      put('keys', makeKeyRecord(longAccount, 'b'), null),
      put('keys', makeKeyRecord(longRegion, 'c'), null),
    ]);
    expect((await store.list('keys', short)).map((k) => k.keyId)).toEqual(['a']);
    expect((await store.list('keys', longAccount)).map((k) => k.keyId)).toEqual(['b']);
    expect((await store.list('keys', longRegion)).map((k) => k.keyId)).toEqual(['c']);
  });

  test(`${name}: list orders by id in code-unit order, whatever the insertion order`, async () => {
    const store = await open();
    const ids = ['b', 'aa', 'A', '0', 'a', 'Z', 'é', '_'];
    for (const id of ids) await store.commit([put('grants', makeGrantRecord(A1, id, 'k1'), null)]);
    const expected = [...ids].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    expect(expected).toEqual(['0', 'A', 'Z', '_', 'a', 'aa', 'b', 'é']);
    expect((await store.list('grants', A1)).map((g) => g.grantId)).toEqual(expected);
  });

  test(`${name}: list pages walk the id order from after, at most limit, whatever the insertion order`, async () => {
    const store = await open();
    const ids = Array.from({ length: 30 }, (_, i) => `k${String((i * 7) % 30).padStart(2, '0')}`);
    for (const id of ids) await store.commit([put('keys', makeKeyRecord(A1, id), null)]);
    await store.commit([put('keys', makeKeyRecord(A2, 'k05'), null)]);
    const sorted = [...ids].sort();
    const keyIds = (rows: TableRows['keys'][]) => rows.map((k) => k.keyId);
    expect(keyIds(await store.list('keys', A1, { limit: 4 }))).toEqual(sorted.slice(0, 4));
    expect(keyIds(await store.list('keys', A1, { after: 'k03', limit: 4 }))).toEqual(sorted.slice(4, 8));
    // `after` need not exist; the page starts at the next id.
    expect(keyIds(await store.list('keys', A1, { after: 'k03x', limit: 2 }))).toEqual(['k04', 'k05']);
    expect(keyIds(await store.list('keys', A1, { after: 'k27' }))).toEqual(['k28', 'k29']);
    expect(await store.list('keys', A1, { after: 'k29', limit: 5 })).toEqual([]);
    expect(keyIds(await store.list('keys', A1, {}))).toEqual(sorted);
    // Walking every page visits each record once, and deletes and inserts between pages are seen.
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await store.list('keys', A1, { after, limit: 7 });
      if (page.length === 0) break;
      seen.push(...keyIds(page));
      after = page[page.length - 1]!.keyId;
      if (seen.length === 7) {
        await store.commit([del('keys', A1, 'k08'), put('keys', makeKeyRecord(A1, 'k08x'), null)]);
      }
    }
    expect(seen).toEqual([...sorted.filter((id) => id !== 'k08'), 'k08x'].sort());
  });

  test(`${name}: the alias index lists a key's aliases in name order and follows every change`, async () => {
    const store = await open();
    await store.commit([
      put('aliases', makeAliasRecord(A1, 'alias/c', 'k1'), null),
      put('aliases', makeAliasRecord(A1, 'alias/a', 'k1'), null),
      put('aliases', makeAliasRecord(A1, 'alias/b', 'k2'), null),
      put('aliases', makeAliasRecord(A2, 'alias/a', 'k1'), null),
      put('aliases', makeAliasRecord(B1, 'alias/z', 'k1'), null),
    ]);
    const names = async (scope: Scope, keyId: string, page?: { after?: readonly string[]; limit?: number }) =>
      (await store.listBy('aliasesByKey', scope, keyId, page)).map((a) => a.aliasName);
    expect(await names(A1, 'k1')).toEqual(['alias/a', 'alias/c']);
    expect(await names(A1, 'k2')).toEqual(['alias/b']);
    expect(await names(A2, 'k1')).toEqual(['alias/a']);
    expect(await names(A1, 'k3')).toEqual([]);
    expect(await names(A1, 'k1', { limit: 1 })).toEqual(['alias/a']);
    expect(await names(A1, 'k1', { after: ['alias/a'] })).toEqual(['alias/c']);
    expect(await names(A1, 'k1', { after: ['alias/c'] })).toEqual([]);
    // Repointing moves the alias between keys; deleting removes it.
    const c = (await store.get('aliases', A1, 'alias/c'))!;
    await store.commit([put('aliases', { ...c, targetKeyId: 'k2' }, c.rev)]);
    expect(await names(A1, 'k1')).toEqual(['alias/a']);
    expect(await names(A1, 'k2')).toEqual(['alias/b', 'alias/c']);
    await store.commit([del('aliases', A1, 'alias/b')]);
    expect(await names(A1, 'k2')).toEqual(['alias/c']);
    // A batch that fails changes no index.
    await expect(
      store.commit([put('aliases', makeAliasRecord(A1, 'alias/d', 'k2'), null), del('keys', A1, 'gone', 1)]),
    ).rejects.toBeInstanceOf(StoreConflictError);
    expect(await names(A1, 'k2')).toEqual(['alias/c']);
    // Restore rebuilds the indexes from the snapshot.
    await store.restore({
      keys: [],
      aliases: [makeAliasRecord(A1, 'alias/r', 'k9')],
      grants: [],
      customKeyStores: [],
    });
    expect(await names(A1, 'k1')).toEqual([]);
    expect(await names(A1, 'k9')).toEqual(['alias/r']);
  });

  test(`${name}: the grant indexes list grants by key and by retiring principal, oldest first`, async () => {
    const store = await open();
    const grant = (id: string, keyId: string, createdAt: number, retiringPrincipal?: string) =>
      put(
        'grants',
        makeGrantRecord(A1, id, keyId, { createdAt, ...(retiringPrincipal && { retiringPrincipal }) }),
        null,
      );
    await store.commit([
      grant('g-b', 'k1', 300, 'arn:r1'),
      grant('g-a', 'k1', 300),
      grant('g-z', 'k1', 100, 'arn:r2'),
      grant('g-m', 'k2', 200, 'arn:r1'),
      // A later time with fewer digits still sorts after (times compare as numbers).
      grant('g-c', 'k1', 1000, 'arn:r1'),
    ]);
    await store.commit([put('grants', makeGrantRecord(B1, 'g-b', 'k1', { createdAt: 5 }), null)]);
    const ids = (rows: TableRows['grants'][]) => rows.map((g) => g.grantId);
    expect(ids(await store.listBy('grantsByKey', A1, 'k1'))).toEqual(['g-z', 'g-a', 'g-b', 'g-c']);
    expect(ids(await store.listBy('grantsByKey', A1, 'k1', { after: [300, 'g-a'], limit: 1 }))).toEqual([
      'g-b',
    ]);
    expect(ids(await store.listBy('grantsByKey', A1, 'k1', { after: [300, 'g-b'] }))).toEqual(['g-c']);
    expect(ids(await store.listBy('grantsByKey', A1, 'k2'))).toEqual(['g-m']);
    expect(ids(await store.listBy('grantsByKey', B1, 'k1'))).toEqual(['g-b']);
    // Grants without a retiring principal are not in that index.
    expect(ids(await store.listBy('grantsByRetiringPrincipal', A1, 'arn:r1'))).toEqual(['g-m', 'g-b', 'g-c']);
    expect(ids(await store.listBy('grantsByRetiringPrincipal', A1, 'arn:r2'))).toEqual(['g-z']);
    await store.commit([del('grants', A1, 'g-b'), del('grants', A1, 'g-z')]);
    expect(ids(await store.listBy('grantsByKey', A1, 'k1'))).toEqual(['g-a', 'g-c']);
    expect(ids(await store.listBy('grantsByRetiringPrincipal', A1, 'arn:r1'))).toEqual(['g-m', 'g-c']);
    expect(await store.listBy('grantsByRetiringPrincipal', A1, 'arn:r2')).toEqual([]);
    // Returned records are copies, like get's.
    const [first] = await store.listBy('grantsByKey', A1, 'k1');
    first!.operations.push('Decrypt');
    expect((await store.get('grants', A1, 'g-a'))!.operations).toEqual(['Sign', 'Verify']);
  });

  test(`${name}: scopes lists every scope holding a record, and drops one when its last record goes`, async () => {
    const store = await open();
    expect(await store.scopes()).toEqual([]);
    await store.commit([
      put('keys', makeKeyRecord(B2, 'k'), null),
      put('aliases', makeAliasRecord(A2, 'alias/x', 'k'), null),
      put('grants', makeGrantRecord(A1, 'g', 'k'), null),
      put('grants', makeGrantRecord(A1, 'h', 'k'), null),
    ]);
    // Ordered by account, then region: eu-west-1 before us-east-1.
    expect(await store.scopes()).toEqual([A2, A1, B2]);
    await store.commit([del('aliases', A2, 'alias/x')]);
    expect(await store.scopes()).toEqual([A1, B2]);
  });

  test(`${name}: custom key stores are a table of their own, keyed by scope and customKeyStoreId`, async () => {
    const store = await open();
    const hsm = makeCustomKeyStoreRecord(A1, 'cks-00000000000000002', {
      type: 'AWS_CLOUDHSM',
      xks: undefined,
      cloudHsm: { clusterId: 'cluster-1a23b4cdefg', trustAnchorCertificate: 'cert', keyStorePassword: 'pw' },
    });
    await store.commit([
      put('customKeyStores', hsm, null),
      put('customKeyStores', makeCustomKeyStoreRecord(A1, 'cks-00000000000000001'), null),
      put('customKeyStores', makeCustomKeyStoreRecord(B2, 'cks-00000000000000001'), null),
    ]);
    expect((await store.list('customKeyStores', A1)).map((s) => s.customKeyStoreId)).toEqual([
      'cks-00000000000000001',
      'cks-00000000000000002',
    ]);
    expect(await store.get('customKeyStores', A1, 'cks-00000000000000002')).toEqual(hsm);
    expect(await store.list('keys', A1)).toEqual([]);
    expect(await store.scopes()).toEqual([A1, B2]);
    await store.commit([
      put('customKeyStores', { ...hsm, connectionState: 'CONNECTING', connectingUntil: 9 }, 1),
    ]);
    expect(await store.get('customKeyStores', A1, hsm.customKeyStoreId)).toMatchObject({
      connectionState: 'CONNECTING',
      rev: 2,
    });
    await store.commit([del('customKeyStores', B2, 'cks-00000000000000001', 1)]);
    expect(await store.scopes()).toEqual([A1]);
  });

  test(`${name}: the store sets rev: 1 for a new record, previous + 1 on each put`, async () => {
    const store = await open();
    await store.commit([put('keys', makeKeyRecord(A1, 'k', { rev: 7 }), null)]);
    const first = await store.get('keys', A1, 'k');
    expect(first?.rev).toBe(1);
    await store.commit([put('keys', { ...first!, description: 'two', rev: 2 }, 1)]);
    await store.commit([put('keys', { ...first!, description: 'three' })]);
    const third = await store.get('keys', A1, 'k');
    expect(third).toMatchObject({ description: 'three', rev: 3 });
  });

  test(`${name}: expectedRev null means the record must not exist yet`, async () => {
    const store = await open();
    await store.commit([put('keys', makeKeyRecord(A1, 'k', { description: 'first' }), null)]);
    await expect(
      store.commit([put('keys', makeKeyRecord(A1, 'k', { description: 'second' }), null)]),
    ).rejects.toBeInstanceOf(StoreConflictError);
    expect((await store.get('keys', A1, 'k'))?.description).toBe('first');
    // In a batch: the error names the record, and the batch's other new record is not written either.
    await expect(
      store.commit([
        put('keys', makeKeyRecord(A1, 'n'), null),
        put('keys', makeKeyRecord(A1, 'k', { description: 'third' }), null),
      ]),
    ).rejects.toThrow(new RegExp(`keys "k" in ${A1.account}/${A1.region}`));
    expect(await store.get('keys', A1, 'n')).toBeUndefined();
    expect((await store.get('keys', A1, 'k'))?.description).toBe('first');
    // The same id in another scope does not exist yet.
    await store.commit([put('keys', makeKeyRecord(A2, 'k'), null)]);
  });

  test(`${name}: a stale expectedRev rejects with StoreConflictError and leaves the record alone`, async () => {
    const store = await open();
    await store.commit([put('keys', makeKeyRecord(A1, 'k'), null)]);
    await store.commit([put('keys', makeKeyRecord(A1, 'k', { description: 'v2' }), 1)]);
    const err: unknown = await store
      .commit([put('keys', makeKeyRecord(A1, 'k', { description: 'lost' }), 1)])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreConflictError);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe('StoreConflictError');
    expect(await store.get('keys', A1, 'k')).toMatchObject({ description: 'v2', rev: 2 });
    await expect(store.commit([put('keys', makeKeyRecord(A1, 'never'), 3)])).rejects.toBeInstanceOf(
      StoreConflictError,
    );
    expect(await store.get('keys', A1, 'never')).toBeUndefined();
  });

  test(`${name}: a batch with one failing expectation writes nothing`, async () => {
    const store = await open();
    await store.commit([
      put('aliases', makeAliasRecord(A1, 'alias/a', 'k0'), null),
      put('keys', makeKeyRecord(A1, 'old'), null),
    ]);
    const before = await store.snapshot();
    const batch: StoreWrite[] = [
      put('keys', makeKeyRecord(A1, 'new'), null),
      put('aliases', makeAliasRecord(A1, 'alias/a', 'new'), 1),
      del('keys', A1, 'old', 1),
      put('grants', makeGrantRecord(B2, 'g', 'new'), null),
      put('keys', makeKeyRecord(A2, 'stale'), 4), // fails: does not exist
    ];
    await expect(store.commit(batch)).rejects.toBeInstanceOf(StoreConflictError);
    expect(await store.snapshot()).toEqual(before);
    // Without the failing write the same batch applies entirely.
    await store.commit(batch.slice(0, 4));
    expect(await store.get('keys', A1, 'new')).toBeDefined();
    expect(await store.get('keys', A1, 'old')).toBeUndefined();
    expect((await store.get('aliases', A1, 'alias/a'))?.targetKeyId).toBe('new');
    expect(await store.get('grants', B2, 'g')).toBeDefined();
  });

  test(`${name}: a batch holding a value that cannot be stored writes nothing`, async () => {
    const store = await open();
    const bad = { ...makeKeyRecord(A1, 'bad'), description: (() => 'x') as unknown as string };
    await expect(
      store.commit([put('keys', makeKeyRecord(A1, 'good'), null), put('keys', bad, null)]),
    ).rejects.toThrow();
    expect(await store.snapshot()).toEqual({ keys: [], aliases: [], grants: [], customKeyStores: [] });
  });

  test(`${name}: a put whose value names another record is rejected`, async () => {
    const store = await open();
    const key = makeKeyRecord(A1, 'k');
    await expect(
      store.commit([{ op: 'put', table: 'keys', scope: A1, id: 'other', value: key }]),
    ).rejects.toThrow(TypeError);
    await expect(
      store.commit([{ op: 'put', table: 'keys', scope: A2, id: 'k', value: key }]),
    ).rejects.toThrow(TypeError);
    expect(await store.scopes()).toEqual([]);
  });

  test(`${name}: writes to one record in one batch apply in order`, async () => {
    const store = await open();
    await store.commit([
      put('keys', makeKeyRecord(A1, 'k', { description: 'one' }), null),
      put('keys', makeKeyRecord(A1, 'k', { description: 'two' }), 1),
      put('keys', makeKeyRecord(A1, 'k', { description: 'three' }), 2),
    ]);
    expect(await store.get('keys', A1, 'k')).toMatchObject({ description: 'three', rev: 3 });
    await store.commit([
      del('keys', A1, 'k', 3),
      put('keys', makeKeyRecord(A1, 'k', { description: 'again' }), null),
    ]);
    expect(await store.get('keys', A1, 'k')).toMatchObject({ description: 'again', rev: 1 });
    await expect(store.commit([del('keys', A1, 'k', 1), del('keys', A1, 'k', 1)])).rejects.toBeInstanceOf(
      StoreConflictError,
    );
    expect(await store.get('keys', A1, 'k')).toBeDefined();
  });

  test(`${name}: delete removes a record, checks expectedRev, and ignores a missing record`, async () => {
    const store = await open();
    await store.commit([
      put('keys', makeKeyRecord(A1, 'k'), null),
      put('keys', makeKeyRecord(A1, 'j'), null),
    ]);
    await expect(store.commit([del('keys', A1, 'k', 2)])).rejects.toBeInstanceOf(StoreConflictError);
    await expect(store.commit([del('keys', A1, 'missing', 1)])).rejects.toBeInstanceOf(StoreConflictError);
    expect(await store.get('keys', A1, 'k')).toBeDefined();
    await store.commit([del('keys', A1, 'k', 1)]);
    expect(await store.get('keys', A1, 'k')).toBeUndefined();
    expect((await store.list('keys', A1)).map((k) => k.keyId)).toEqual(['j']);
    await store.commit([del('keys', A1, 'missing'), del('keys', A1, 'missing-too', null)]);
    await store.commit([del('keys', A1, 'j')]);
    expect(await store.list('keys', A1)).toEqual([]);
  });

  test(`${name}: an empty batch is a no-op`, async () => {
    const store = await open();
    const changes: StoreChange[] = [];
    store.subscribe((c) => changes.push(c));
    await store.commit([]);
    expect(changes).toEqual([]);
    expect(await store.scopes()).toEqual([]);
  });

  test(`${name}: snapshot and restore round-trip every record with key material bytes intact`, async () => {
    const source = await open();
    const keys = [makeKeyRecord(A1, 'k1'), makeKeyRecord(B2, 'k2'), makeKeyRecord(A1, 'k0')];
    keys[0]!.materials.push({
      id: 'f'.repeat(64),
      createdAt: 5,
      secret: new Uint8Array([0, 1, 2, 255]),
      state: 'NON_CURRENT',
    });
    await source.commit([
      ...keys.map((k) => put('keys', k, null)),
      put('aliases', makeAliasRecord(A1, 'alias/one', 'k1'), null),
      put(
        'grants',
        makeGrantRecord(B2, 'g1', 'k2', { constraints: { EncryptionContextEquals: { a: 'b' } } }),
        null,
      ),
      put('customKeyStores', makeCustomKeyStoreRecord(A1, 'cks-0123456789abcdef0'), null),
    ]);
    const snapshot = await source.snapshot();
    expect(snapshot.customKeyStores.map((s) => s.customKeyStoreId)).toEqual(['cks-0123456789abcdef0']);
    expect(snapshot.keys.map((k) => k.keyId)).toEqual(['k0', 'k1', 'k2']);

    const target = await open();
    await target.commit([put('keys', makeKeyRecord(B1, 'to-be-replaced'), null)]);
    await target.restore(snapshot);
    expect(await target.snapshot()).toEqual(snapshot);
    expect(await target.scopes()).toEqual([A1, B2]);
    expect(await target.get('keys', B1, 'to-be-replaced')).toBeUndefined();
    for (const original of keys) {
      const restored = await target.get(
        'keys',
        { account: original.account, region: original.region },
        original.keyId,
      );
      expect(restored?.materials).toHaveLength(original.materials.length);
      for (const [i, material] of original.materials.entries()) {
        const copy = restored!.materials[i]!;
        for (const field of ['secret', 'privateKey', 'publicKey'] as const) {
          if (material[field] === undefined) continue;
          expect(copy[field]).toBeInstanceOf(Uint8Array);
          expect(sameBytes(copy[field]!, material[field]!)).toBe(true);
        }
      }
    }
    // Revs survive: the restored records are the same versions.
    await target.commit([put('keys', { ...keys[0]!, description: 'next' }, 1)]);
    await target.restore({ keys: [], aliases: [], grants: [], customKeyStores: [] });
    expect(await target.scopes()).toEqual([]);
  });

  test(`${name}: restore rejects a malformed snapshot and keeps the old contents`, async () => {
    const store = await open();
    await store.commit([put('keys', makeKeyRecord(A1, 'k'), null)]);
    const bad = {
      keys: [{ ...makeKeyRecord(A1, 'x'), keyId: undefined }],
      aliases: [],
      grants: [],
      customKeyStores: [],
    };
    await expect(store.restore(bad as never)).rejects.toThrow(TypeError);
    await expect(store.restore({ keys: [] } as never)).rejects.toThrow(TypeError);
    expect((await store.list('keys', A1)).map((k) => k.keyId)).toEqual(['k']);
  });

  test(`${name}: returned and committed objects are not live`, async () => {
    const store = await open();
    const written = makeKeyRecord(A1, 'k');
    const originalBytes = new Uint8Array(written.materials[0]!.privateKey!);
    await store.commit([put('keys', written, null)]);
    // The caller keeps mutating what it committed.
    written.description = 'mutated after commit';
    written.materials[0]!.privateKey!.fill(9);
    written.tags.push({ TagKey: 'late', TagValue: 'x' });

    const mutateAll = (key: TableRows['keys']) => {
      try {
        key.description = 'mutated after read';
        key.tags.push({ TagKey: 'x', TagValue: 'y' });
        key.rotation.onDemandCount = 99;
        key.materials[0]!.privateKey!.fill(7);
      } catch {
        // Frozen data is fine too.
      }
    };
    mutateAll((await store.get('keys', A1, 'k'))!);
    mutateAll((await store.list('keys', A1))[0]!);
    mutateAll((await store.snapshot()).keys[0]!);

    const stored = (await store.get('keys', A1, 'k'))!;
    expect(stored.description).toBe('test key k');
    expect(stored.tags).toEqual([{ TagKey: 'env', TagValue: 'test' }]);
    expect(stored.rotation.onDemandCount).toBe(0);
    expect(sameBytes(stored.materials[0]!.privateKey!, originalBytes)).toBe(true);

    const snapshot = await store.snapshot();
    const restoredFrom = structuredClone(snapshot);
    await store.restore(restoredFrom);
    restoredFrom.keys[0]!.description = 'mutated after restore';
    restoredFrom.keys[0]!.materials[0]!.privateKey!.fill(5);
    expect(await store.snapshot()).toEqual(snapshot);
  });

  test(`${name}: subscribe reports each commit's tables and scopes until unsubscribed`, async () => {
    const store = await open();
    const changes: StoreChange[] = [];
    const unsubscribe = store.subscribe((c) => changes.push(c));
    const alsoThrows = store.subscribe(() => {
      throw new Error('a broken listener must not break the store');
    });
    const originalError = console.error;
    const originalReport = globalThis.reportError;
    console.error = () => undefined;
    globalThis.reportError = () => undefined;
    try {
      await store.commit([
        put('keys', makeKeyRecord(A1, 'k'), null),
        put('grants', makeGrantRecord(B2, 'g', 'k'), null),
      ]);
    } finally {
      console.error = originalError;
      globalThis.reportError = originalReport;
    }
    alsoThrows();
    // Reported by the time commit resolves.
    expect(changes).toHaveLength(1);
    expect(changes[0]!.tables.sort()).toEqual(['grants', 'keys']);
    expect(changes[0]!.scopes).toEqual(expect.arrayContaining([A1, B2]));
    expect(changes[0]!.scopes).toHaveLength(2);

    await store.commit([del('keys', A1, 'k')]);
    expect(changes[1]).toEqual({ tables: ['keys'], scopes: [A1] });

    await expect(store.commit([del('keys', A1, 'gone', 5)])).rejects.toBeInstanceOf(StoreConflictError);
    expect(changes).toHaveLength(2);

    await store.restore({ keys: [makeKeyRecord(A2, 'r')], aliases: [], grants: [], customKeyStores: [] });
    expect(changes).toHaveLength(3);
    expect(changes[2]!.tables.sort()).toEqual(['aliases', 'customKeyStores', 'grants', 'keys']);
    expect(changes[2]!.scopes).toEqual(expect.arrayContaining([A2, B2]));

    unsubscribe();
    await store.commit([put('keys', makeKeyRecord(A1, 'k'), null)]);
    expect(changes).toHaveLength(3);
  });

  test(`${name}: 50 concurrent read-modify-write commits with retry lose no update`, async () => {
    const store = await open();
    await store.commit([put('keys', makeKeyRecord(A1, 'counter'), null)]);
    const conflicts = await Promise.all(
      Array.from({ length: 50 }, () => incrementRotationCount(store, A1, 'counter')),
    );
    const key = await store.get('keys', A1, 'counter');
    expect(key?.rotation.onDemandCount).toBe(50);
    expect(key?.rev).toBe(51);
    // The race really happened: without conflicts this test would prove nothing.
    expect(conflicts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  test(`${name}: a closed store rejects further calls`, async () => {
    const store = await open();
    await store.close();
    await expect(store.get('keys', A1, 'k')).rejects.toThrow();
    await expect(store.commit([put('keys', makeKeyRecord(A1, 'k'), null)])).rejects.toThrow();
  });
}
