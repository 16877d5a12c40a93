/**
 * The IndexedDB store against the KmsStore contract (fake-indexeddb in Node), plus what only a persistent,
 * shared database has: reopening, a second connection (a second tab), and the schema's layout and migrations.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { expect, onTestFinished, test, vi } from 'vitest';
import type { Scope } from '../kms/records.ts';
import { StoreConflictError, type KmsStore, type StoreChange, type StoreSnapshot } from '../kms/store.ts';
import { SCHEMA_VERSION, openIndexedDbStore } from './indexeddb-store.ts';
import { incrementRotationCount, put, runStoreContract } from './store-contract.ts';
import {
  ACCOUNT_A,
  REGION_1,
  makeAliasRecord,
  makeCustomKeyStoreRecord,
  makeGrantRecord,
  makeKeyRecord,
} from './test-records.ts';

const A1: Scope = { account: ACCOUNT_A, region: REGION_1 };

let dbCounter = 0;
/** Unique per test: names the database and the BroadcastChannel, so tests never hear each other. */
const uniqueName = () => `kmsw-test-${process.pid}-${++dbCounter}`;

runStoreContract('indexeddb store', () =>
  openIndexedDbStore({ name: uniqueName(), indexedDB: new IDBFactory() }),
);

async function openStore(factory: IDBFactory, name: string): Promise<KmsStore> {
  const store = await openIndexedDbStore({ name, indexedDB: factory });
  onTestFinished(() => store.close());
  return store;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IDB request failed'));
  });
}

/**
 * The older layouts, written by hand with the raw IndexedDB API (not the store's upgrade code): databases as
 * earlier kmsw versions left them in users' browsers. Version 1: three object stores; version 2: plus
 * `customKeyStores`; neither had indexes. Keep these, add the current layout here at the next bump, and test that
 * every one migrates.
 */
async function createDatabaseAtLayout(
  version: 1 | 2,
  factory: IDBFactory,
  name: string,
  seed: Omit<StoreSnapshot, 'customKeyStores'> & Partial<Pick<StoreSnapshot, 'customKeyStores'>>,
): Promise<void> {
  const open = factory.open(name, version);
  const tables = [
    'keys',
    'aliases',
    'grants',
    ...(version === 2 ? ['customKeyStores' as const] : []),
  ] as const;
  open.onupgradeneeded = () => {
    const db = open.result;
    db.createObjectStore('keys', { keyPath: ['account', 'region', 'keyId'] });
    db.createObjectStore('aliases', { keyPath: ['account', 'region', 'aliasName'] });
    db.createObjectStore('grants', { keyPath: ['account', 'region', 'grantId'] });
    if (version === 2) {
      db.createObjectStore('customKeyStores', { keyPath: ['account', 'region', 'customKeyStoreId'] });
    }
  };
  const db = await request(open);
  const tx = db.transaction([...tables], 'readwrite');
  for (const table of tables) {
    for (const row of seed[table] ?? []) tx.objectStore(table).put(row);
  }
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
  });
  db.close();
}

/** The layout a database has now: store names, key paths, indexes, version. */
async function describeLayout(factory: IDBFactory, name: string) {
  const db = await request(factory.open(name));
  const names = [...db.objectStoreNames].sort();
  const tx = db.transaction(names, 'readonly');
  const stores = Object.fromEntries(
    names.map((n) => {
      const store = tx.objectStore(n);
      return [
        n,
        { keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes: [...store.indexNames] },
      ];
    }),
  );
  const version = db.version;
  db.close();
  return { version, stores };
}

test('indexeddb store: data survives close and reopen with the same factory', async () => {
  const factory = new IDBFactory();
  const name = uniqueName();
  const key = makeKeyRecord(A1, 'k');
  const first = await openIndexedDbStore({ name, indexedDB: factory });
  await first.commit([put('keys', key, null), put('aliases', makeAliasRecord(A1, 'alias/k', 'k'), null)]);
  await first.close();

  const second = await openStore(factory, name);
  expect(await second.get('keys', A1, 'k')).toEqual(key);
  expect((await second.list('aliases', A1)).map((a) => a.aliasName)).toEqual(['alias/k']);
  // Another factory is another browser profile: nothing there.
  const elsewhere = await openStore(new IDBFactory(), name);
  expect(await elsewhere.scopes()).toEqual([]);
});

test('indexeddb store: a second connection (another tab) sees commits and conflicts instead of overwriting', async () => {
  const factory = new IDBFactory();
  const name = uniqueName();
  const tab1 = await openStore(factory, name);
  const tab2 = await openStore(factory, name);
  const heard: StoreChange[] = [];
  tab2.subscribe((c) => heard.push(c));

  await tab1.commit([put('keys', makeKeyRecord(A1, 'k'), null)]);
  const seenByTab2 = await tab2.get('keys', A1, 'k');
  expect(seenByTab2?.rev).toBe(1);
  await vi.waitFor(() => expect(heard).toEqual([{ tables: ['keys'], scopes: [A1] }]));

  await tab1.commit([put('keys', { ...seenByTab2!, description: 'tab1 wins', rev: 2 }, 1)]);
  await expect(
    tab2.commit([put('keys', { ...seenByTab2!, description: 'tab2 stale', rev: 2 }, 1)]),
  ).rejects.toBeInstanceOf(StoreConflictError);
  await expect(tab2.commit([put('keys', makeKeyRecord(A1, 'k'), null)])).rejects.toBeInstanceOf(
    StoreConflictError,
  );
  expect(await tab2.get('keys', A1, 'k')).toMatchObject({ description: 'tab1 wins', rev: 2 });
  await vi.waitFor(() => expect(heard).toHaveLength(2));
});

test('indexeddb store: get keeps what it read until a commit here or in another tab may have changed it', async () => {
  const factory = new IDBFactory();
  const name = uniqueName();
  const tab1 = await openStore(factory, name);
  const tab2 = await openStore(factory, name);
  const key = makeKeyRecord(A1, 'k');
  const heard: StoreChange[] = [];
  tab2.subscribe((c) => heard.push(c));
  await tab1.commit([put('keys', key, null)]);
  await vi.waitFor(() => expect(heard).toHaveLength(1));

  const reads = vi.spyOn(IDBObjectStore.prototype, 'get');
  onTestFinished(() => reads.mockRestore());
  const first = await tab2.get('keys', A1, 'k');
  first!.description = 'changed by the caller, not in the store';
  expect(await tab2.get('keys', A1, 'k')).toEqual(key);
  expect(reads).toHaveBeenCalledTimes(1);

  // A miss is not kept: a record another tab creates is found at once, before its message arrives.
  expect(await tab2.get('keys', A1, 'new')).toBeUndefined();
  await tab1.commit([put('keys', makeKeyRecord(A1, 'new'), null)]);
  expect(await tab2.get('keys', A1, 'new')).toMatchObject({ rev: 1 });

  // Another tab's change is read afresh once its message arrives; this tab's own change at once.
  await tab1.commit([put('keys', { ...key, description: 'by tab1', rev: 2 }, 1)]);
  await vi.waitFor(async () =>
    expect(await tab2.get('keys', A1, 'k')).toMatchObject({ rev: 2, description: 'by tab1' }),
  );
  await tab2.commit([put('keys', { ...key, description: 'by tab2', rev: 3 }, 2)]);
  expect(await tab2.get('keys', A1, 'k')).toMatchObject({ rev: 3, description: 'by tab2' });
});

test('indexeddb store: concurrent read-modify-write from two connections loses no update', async () => {
  const factory = new IDBFactory();
  const name = uniqueName();
  const tab1 = await openStore(factory, name);
  const tab2 = await openStore(factory, name);
  await tab1.commit([put('keys', makeKeyRecord(A1, 'counter'), null)]);
  const conflicts = await Promise.all(
    Array.from({ length: 40 }, (_, i) => incrementRotationCount(i % 2 ? tab1 : tab2, A1, 'counter')),
  );
  expect((await tab2.get('keys', A1, 'counter'))?.rotation.onDemandCount).toBe(40);
  expect(conflicts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
});

test('indexeddb store: a new database gets the version 3 layout (upgrade from version 0)', async () => {
  const factory = new IDBFactory();
  const name = uniqueName();
  await (await openIndexedDbStore({ name, indexedDB: factory })).close();
  // Update this test (and add a migration test) when the schema version changes.
  expect(SCHEMA_VERSION).toBe(3);
  expect(await describeLayout(factory, name)).toEqual(LAYOUT_V3);
});

const LAYOUT_V3 = {
  version: 3,
  stores: {
    aliases: {
      keyPath: ['account', 'region', 'aliasName'],
      autoIncrement: false,
      indexes: ['aliasesByKey'],
    },
    customKeyStores: {
      keyPath: ['account', 'region', 'customKeyStoreId'],
      autoIncrement: false,
      indexes: [],
    },
    grants: {
      keyPath: ['account', 'region', 'grantId'],
      autoIncrement: false,
      indexes: ['grantsByKey', 'grantsByRetiringPrincipal'],
    },
    keys: { keyPath: ['account', 'region', 'keyId'], autoIncrement: false, indexes: [] },
  },
};

test('indexeddb store: migrates a database written in the version 1 layout and works on its records', async () => {
  const factory = new IDBFactory();
  const name = uniqueName();
  const key = makeKeyRecord(A1, 'k', { rev: 4 });
  const seed = {
    keys: [key],
    aliases: [makeAliasRecord(A1, 'alias/k', 'k', { rev: 2 })],
    grants: [makeGrantRecord(A1, 'g', 'k')],
  };
  await createDatabaseAtLayout(1, factory, name, seed);

  const store = await openStore(factory, name);
  expect(await store.snapshot()).toEqual({ ...seed, customKeyStores: [] });
  expect(await describeLayout(factory, name)).toEqual(LAYOUT_V3);
  await store.commit([put('customKeyStores', makeCustomKeyStoreRecord(A1, 'cks-00000000000000001'), null)]);
  expect(await store.list('customKeyStores', A1)).toHaveLength(1);
  // The upgrade indexed the records already there.
  expect(await store.listBy('aliasesByKey', A1, 'k')).toEqual(seed.aliases);
  expect(await store.listBy('grantsByKey', A1, 'k')).toEqual(seed.grants);
  expect(await store.get('keys', A1, 'k')).toEqual(key);
  expect(await store.scopes()).toEqual([A1]);
  await expect(store.commit([put('keys', key, 3)])).rejects.toBeInstanceOf(StoreConflictError);
  await store.commit([put('keys', { ...key, description: 'updated' }, 4)]);
  expect(await store.get('keys', A1, 'k')).toMatchObject({ description: 'updated', rev: 5 });
});

test('indexeddb store: migrates a database written in the version 2 layout, indexing its records', async () => {
  const factory = new IDBFactory();
  const name = uniqueName();
  const seed: StoreSnapshot = {
    keys: [makeKeyRecord(A1, 'k')],
    aliases: [makeAliasRecord(A1, 'alias/b', 'k'), makeAliasRecord(A1, 'alias/a', 'k')],
    grants: [
      makeGrantRecord(A1, 'g2', 'k', { createdAt: 2, retiringPrincipal: 'arn:r' }),
      makeGrantRecord(A1, 'g1', 'k', { createdAt: 9 }),
    ],
    customKeyStores: [makeCustomKeyStoreRecord(A1, 'cks-00000000000000001')],
  };
  await createDatabaseAtLayout(2, factory, name, seed);
  const store = await openStore(factory, name);
  expect(await describeLayout(factory, name)).toEqual(LAYOUT_V3);
  expect(await store.list('customKeyStores', A1)).toEqual(seed.customKeyStores);
  expect((await store.listBy('aliasesByKey', A1, 'k')).map((a) => a.aliasName)).toEqual([
    'alias/a',
    'alias/b',
  ]);
  expect((await store.listBy('grantsByKey', A1, 'k')).map((g) => g.grantId)).toEqual(['g2', 'g1']);
  expect((await store.listBy('grantsByRetiringPrincipal', A1, 'arn:r')).map((g) => g.grantId)).toEqual([
    'g2',
  ]);
});

test('indexeddb store: refuses a database created by a newer kmsw', async () => {
  const factory = new IDBFactory();
  const name = uniqueName();
  (await request(factory.open(name, SCHEMA_VERSION + 1))).close();
  await expect(openIndexedDbStore({ name, indexedDB: factory })).rejects.toMatchObject({
    name: 'VersionError',
  });
});

test('indexeddb store: closes itself when a newer version opens the database elsewhere', async () => {
  const factory = new IDBFactory();
  const name = uniqueName();
  const store = await openStore(factory, name);
  // Would stay blocked if the store did not close its connection on versionchange.
  (await request(factory.open(name, SCHEMA_VERSION + 1))).close();
  await expect(store.get('keys', A1, 'k')).rejects.toThrow(/newer version/);
});
