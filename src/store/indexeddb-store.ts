/**
 * The IndexedDB `KmsStore`: the browser's persistent store, shared by every tab of an origin.
 *
 * Layout (version 3; version 1 had no `customKeyStores`, version 2 no indexes): one object store per table,
 * in-line compound key [account, region, id]. Keys sort by
 * account, then region, then id, so `list(table, scope)` is one ranged `getAll` on the primary key
 * ([account, region] .. [account, region, []]: an array sorts after every string) and comes back ordered by id;
 * a page starts just after [account, region, after] and stops at its limit. Each of the port's `INDEXES` is an
 * IndexedDB index on [account, region, field, ...position] (version 3 added them), so `listBy` is one ranged
 * `getAll` on the index in the same way. Records without the field (a grant without a retiring principal) are
 * left out of the index by IndexedDB itself.
 *
 * `commit` is one readwrite transaction over the tables it touches: it reads the current records (but not the ones
 * it creates: `add` checks those), checks the expectations (`planCommit`), then puts deep copies (as the memory store
 * keeps) or deletes, commits, and resolves on `tx.done`. Only IDB requests are awaited inside the transaction, so it
 * cannot auto-commit half way. On a conflict (or a value IndexedDB cannot store) the transaction is aborted and
 * nothing is written. Another tab's store on the same database is told about commits through a BroadcastChannel
 * named `kmsw:<name>`; its `subscribe` listeners then fire too.
 *
 * `get` keeps the records it read in memory until a commit, here or in another tab (its change message), may have
 * changed them: a stream of calls on one key reads it once, not once a call (an IndexedDB transaction costs more
 * than the rest of an Encrypt). Copies go out, as IndexedDB hands out copies. Misses are not kept, so a record
 * another tab has just created is found at once; a change another tab has just made is seen when its message
 * arrives, within milliseconds (AWS KMS is itself eventually consistent), and a commit that acts on a record read
 * before that fails its revision check and is retried by the unit of work.
 *
 * idb's helpers test values against the IDB classes on globalThis, so in Node load `fake-indexeddb/auto` first
 * (its classes serve every `new IDBFactory()`).
 */
import { wrap, type DBSchema, type IDBPDatabase, type IDBPObjectStore, type IDBPTransaction } from 'idb';
import type { AliasRecord, CustomKeyStoreRecord, GrantRecord, KeyRecord, Scope } from '../kms/records.ts';
import {
  INDEXES,
  type IndexName,
  type IndexPosition,
  type IndexRow,
  type KmsStore,
  type PageRequest,
  type StoreChange,
  type StoreSnapshot,
  StoreConflictError,
  type StoreWrite,
  type TableName,
  type TableRows,
} from '../kms/store.ts';
import { cloneRecord } from './clone.ts';
import { createListenerSet } from './listeners.ts';
import {
  TABLES,
  assertValidSnapshot,
  assertValidWrite,
  compareScopes,
  describeRecord,
  planCommit,
  recordKey,
  summarizeChange,
  type AnyRecord,
  type PlannedWrite,
} from './tables.ts';

/** Bump when the layout changes, and add the step from the previous version to `upgrade`. */
export const SCHEMA_VERSION = 3;

export const DEFAULT_DATABASE_NAME = 'kmsw';

type RecordKey = [account: string, region: string, id: string];
type IndexKey = [account: string, region: string, value: string, ...position: (string | number)[]];

export interface KmswDB extends DBSchema {
  keys: { key: RecordKey; value: KeyRecord };
  aliases: { key: RecordKey; value: AliasRecord; indexes: { aliasesByKey: IndexKey } };
  grants: {
    key: RecordKey;
    value: GrantRecord;
    indexes: { grantsByKey: IndexKey; grantsByRetiringPrincipal: IndexKey };
  };
  customKeyStores: { key: RecordKey; value: CustomKeyStoreRecord };
}

/** The key path of each index: scope, the indexed field, then the fields of its position (`indexPosition`). */
const INDEX_KEY_PATHS: Record<IndexName, string[]> = {
  aliasesByKey: ['account', 'region', 'targetKeyId', 'aliasName'],
  grantsByKey: ['account', 'region', 'keyId', 'createdAt', 'grantId'],
  grantsByRetiringPrincipal: ['account', 'region', 'retiringPrincipal', 'createdAt', 'grantId'],
};

type Db = IDBPDatabase<KmswDB>;
type AnyStore = IDBPObjectStore<KmswDB, TableName[], TableName, IDBTransactionMode>;
type WriteStore = IDBPObjectStore<KmswDB, TableName[], TableName, 'readwrite'>;

export interface IndexedDbStoreOptions {
  /** Database name; also names the BroadcastChannel (`kmsw:<name>`). Default `kmsw`. */
  name?: string;
  /** Default `globalThis.indexedDB`. */
  indexedDB?: IDBFactory;
}

/** Walks a database of any older version up to SCHEMA_VERSION, one step per version. */
function upgrade(db: IDBDatabase, tx: IDBTransaction, oldVersion: number): void {
  if (oldVersion < 1) {
    db.createObjectStore('keys', { keyPath: ['account', 'region', 'keyId'] });
    db.createObjectStore('aliases', { keyPath: ['account', 'region', 'aliasName'] });
    db.createObjectStore('grants', { keyPath: ['account', 'region', 'grantId'] });
  }
  if (oldVersion < 2) {
    db.createObjectStore('customKeyStores', { keyPath: ['account', 'region', 'customKeyStoreId'] });
  }
  if (oldVersion < 3) {
    // The secondary indexes; IndexedDB builds them from the records already there.
    for (const index of Object.keys(INDEXES) as IndexName[]) {
      tx.objectStore(INDEXES[index].table).createIndex(index, INDEX_KEY_PATHS[index]);
    }
  }
  // Version 4 goes here as `if (oldVersion < 4)`.
}

/** idb's `openDB` always uses `globalThis.indexedDB`; this is the same with a chosen factory. */
async function openDatabase(factory: IDBFactory, name: string, onVersionChange: () => void): Promise<Db> {
  const request = factory.open(name, SCHEMA_VERSION);
  request.addEventListener('upgradeneeded', (event) => {
    upgrade(request.result, request.transaction!, event.oldVersion);
  });
  const db = (await wrap(request)) as unknown as Db;
  // A newer version is being opened elsewhere (another tab after a deploy): let it upgrade.
  db.addEventListener('versionchange', () => {
    db.close();
    onVersionChange();
  });
  return db;
}

const scopeRange = (scope: Scope) =>
  IDBKeyRange.bound([scope.account, scope.region], [scope.account, scope.region, []]);

/** The keys of `prefix` (an array key) after `after` (exclusive; all without it): prefix+after .. prefix+[[]]. */
const pageRange = (prefix: (string | number)[], after: readonly (string | number)[] | undefined) =>
  after === undefined
    ? IDBKeyRange.bound(prefix, [...prefix, []])
    : IDBKeyRange.bound([...prefix, ...after], [...prefix, []], true, false);

const keyOf = (scope: Scope, id: string): RecordKey => [scope.account, scope.region, id];

/** The distinct scopes in one object store: one key-cursor step per scope (it jumps past each scope's ids). */
async function scopesIn(store: AnyStore): Promise<Scope[]> {
  const found: Scope[] = [];
  let cursor = await store.openKeyCursor();
  while (cursor) {
    const [account, region] = cursor.key;
    found.push({ account, region });
    cursor = await cursor.continue([account, region, []] as unknown as RecordKey);
  }
  return found;
}

function distinctScopes(lists: Scope[][]): Scope[] {
  const byKey = new Map<string, Scope>();
  for (const scope of lists.flat()) byKey.set(JSON.stringify([scope.account, scope.region]), scope);
  return [...byKey.values()].sort(compareScopes);
}

const ignore = () => undefined;

/** Records `get` keeps at most (then it starts over), so a long session over many keys stays small. */
const MAX_CACHED_READS = 1000;

/** Abort if still possible and wait for the transaction to end, so the caller's error is the one reported. */
async function abortQuietly(tx: IDBPTransaction<KmswDB, TableName[], 'readwrite'>, done: Promise<void>) {
  try {
    tx.abort();
  } catch {
    // Already finished or aborting.
  }
  await done.catch(ignore);
}

function isChange(data: unknown): data is StoreChange {
  const change = data as StoreChange | null;
  return Array.isArray(change?.tables) && Array.isArray(change.scopes);
}

export async function openIndexedDbStore(options: IndexedDbStoreOptions = {}): Promise<KmsStore> {
  const name = options.name ?? DEFAULT_DATABASE_NAME;
  const factory = options.indexedDB ?? globalThis.indexedDB;
  if (!factory) throw new Error('IndexedDB is not available here (in Node, import fake-indexeddb/auto)');
  if (typeof IDBRequest === 'undefined' || typeof IDBKeyRange === 'undefined') {
    throw new Error('the IndexedDB classes are not on globalThis (in Node, import fake-indexeddb/auto)');
  }

  let closed = false;
  let closedReason: string | undefined;
  const db = await openDatabase(factory, name, () => {
    closedReason = `the kmsw database "${name}" was upgraded by a newer version of kmsw in another tab; reload`;
    channel?.close();
  });
  const listeners = createListenerSet();
  /**
   * Records `get` read, by recordKey; `generation` counts the invalidations, so a read in flight across one is not
   * kept.
   */
  const readCache = new Map<string, AnyRecord>();
  let generation = 0;
  const invalidate = () => {
    generation++;
    readCache.clear();
  };
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`kmsw:${name}`) : undefined;
  if (channel) {
    // Node: do not keep the process alive for this channel.
    (channel as { unref?: () => void }).unref?.();
    channel.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (closedReason || !isChange(event.data)) return;
      invalidate();
      listeners.notify(event.data);
    });
  }

  function assertOpen(): void {
    if (closedReason) throw new Error(closedReason);
  }

  function publish(change: StoreChange): void {
    invalidate();
    listeners.notify(change);
    try {
      channel?.postMessage(change);
    } catch {
      // Channel closed by a version change: this store is unusable anyway.
    }
  }

  return {
    async get<T extends TableName>(table: T, scope: Scope, id: string): Promise<TableRows[T] | undefined> {
      assertOpen();
      const cacheKey = recordKey(table, scope, id);
      const cached = readCache.get(cacheKey);
      if (cached) return cloneRecord(cached) as TableRows[T];
      const readAt = generation;
      const row = (await db.get(table, keyOf(scope, id))) as AnyRecord | undefined;
      if (row === undefined || readAt !== generation) return row as TableRows[T] | undefined;
      if (readCache.size >= MAX_CACHED_READS) readCache.clear();
      readCache.set(cacheKey, row);
      return cloneRecord(row) as TableRows[T];
    },

    async list<T extends TableName>(
      table: T,
      scope: Scope,
      page?: PageRequest<string>,
    ): Promise<TableRows[T][]> {
      assertOpen();
      if (!page) return (await db.getAll(table, scopeRange(scope))) as TableRows[T][];
      const range = pageRange(
        [scope.account, scope.region],
        page.after === undefined ? undefined : [page.after],
      );
      return (await db.getAll(table, range, page.limit)) as TableRows[T][];
    },

    async listBy<I extends IndexName>(
      index: I,
      scope: Scope,
      value: string,
      page?: PageRequest<IndexPosition>,
    ): Promise<IndexRow<I>[]> {
      assertOpen();
      const range = pageRange([scope.account, scope.region, value], page?.after);
      const source = db.transaction(INDEXES[index].table).store.index(index as never);
      return (await source.getAll(range, page?.limit)) as IndexRow<I>[];
    },

    async commit(writes: readonly StoreWrite[]): Promise<void> {
      assertOpen();
      if (writes.length === 0) return;
      for (const write of writes) assertValidWrite(write);
      const names = TABLES.filter((t) => writes.some((w) => w.table === t));
      const tx = db.transaction(names, 'readwrite');
      const done = tx.done;
      done.catch(ignore);
      let plan: PlannedWrite[];
      /** Set when an `add` finds its record there (the transaction then aborts, and the other requests fail too). */
      let conflict: StoreConflictError | undefined;
      try {
        // Read every record the batch touches (all requests issued at once), then decide synchronously; except the
        // records it creates (its only writes to them are puts, the first expecting no record): those are written
        // with `add`, which fails if one exists after all, and saves the transaction a round trip (below).
        const targets = new Map<string, { table: TableName; key: RecordKey; creates: boolean }>();
        for (const w of writes) {
          const k = recordKey(w.table, w.scope, w.id);
          const target = targets.get(k);
          if (!target) {
            const creates = w.op === 'put' && w.expectedRev === null;
            targets.set(k, { table: w.table, key: keyOf(w.scope, w.id), creates });
          } else if (w.op !== 'put') target.creates = false;
        }
        const read = [...targets].filter(([, target]) => !target.creates);
        const found = await Promise.all(
          read.map(([, { table, key }]) => tx.objectStore(table).get(key) as Promise<AnyRecord | undefined>),
        );
        const currentByKey = new Map(read.map(([k], i) => [k, found[i]]));
        // Deep copies, as the memory store keeps: IndexedDB's own clone of a Uint8Array view would keep the view's
        // whole buffer (in Node, a request's bytes may be a view of the shared Buffer pool: decodeBase64View).
        plan = planCommit(
          writes,
          (table, scope, id) => currentByKey.get(recordKey(table, scope, id)),
          cloneRecord,
        );
        const requests: Promise<unknown>[] = [];
        for (const { table, scope, id, value } of plan) {
          const store = tx.objectStore(table) as WriteStore;
          // put/add/delete throw synchronously on values IDB cannot clone: the catch below aborts everything.
          let request: Promise<unknown>;
          if (!value) request = store.delete(keyOf(scope, id));
          else if (!targets.get(recordKey(table, scope, id))!.creates) request = store.put(value as never);
          else {
            request = store.add(value as never);
            request.catch((error: unknown) => {
              if ((error as DOMException | null)?.name !== 'ConstraintError') return;
              conflict ??= new StoreConflictError(
                `${describeRecord(table, scope, id)} exists already (expected rev null)`,
              );
            });
          }
          request.catch(ignore);
          requests.push(request);
        }
        // Every request is issued: committing now, rather than when IndexedDB finds none pending, saved a readwrite
        // transaction 0.2–0.3 ms (Chromium 156), and reading only what the batch updates another 0.2–0.3 ms.
        tx.commit();
        await Promise.all([...requests, done]);
      } catch (err) {
        // A conflict means a record changed behind this store's back: read afresh from now on.
        invalidate();
        await abortQuietly(tx, done);
        throw conflict ?? err;
      }
      publish(summarizeChange(plan));
    },

    async scopes(): Promise<Scope[]> {
      assertOpen();
      const tx = db.transaction([...TABLES], 'readonly');
      tx.done.catch(ignore);
      const lists = await Promise.all(TABLES.map((t) => scopesIn(tx.objectStore(t) as AnyStore)));
      await tx.done;
      return distinctScopes(lists);
    },

    async snapshot(): Promise<StoreSnapshot> {
      assertOpen();
      const tx = db.transaction([...TABLES], 'readonly');
      tx.done.catch(ignore);
      const [keys, aliases, grants, customKeyStores] = await Promise.all([
        tx.objectStore('keys').getAll(),
        tx.objectStore('aliases').getAll(),
        tx.objectStore('grants').getAll(),
        tx.objectStore('customKeyStores').getAll(),
      ]);
      await tx.done;
      return { keys, aliases, grants, customKeyStores };
    },

    async restore(snapshot: StoreSnapshot): Promise<void> {
      assertOpen();
      assertValidSnapshot(snapshot);
      const tx = db.transaction([...TABLES], 'readwrite');
      const done = tx.done;
      done.catch(ignore);
      let before: Scope[][];
      try {
        before = await Promise.all(TABLES.map((t) => scopesIn(tx.objectStore(t) as AnyStore)));
        const requests: Promise<unknown>[] = [];
        const track = (request: Promise<unknown>) => {
          request.catch(ignore);
          requests.push(request);
        };
        for (const table of TABLES) {
          const store = tx.objectStore(table) as WriteStore;
          track(store.clear());
          for (const row of snapshot[table] as AnyRecord[]) track(store.put(row as never));
        }
        await Promise.all([...requests, done]);
      } catch (err) {
        await abortQuietly(tx, done);
        throw err;
      }
      const after = TABLES.map((t) =>
        (snapshot[t] as AnyRecord[]).map((r) => ({ account: r.account, region: r.region })),
      );
      publish({ tables: [...TABLES], scopes: distinctScopes([...before, ...after]) });
    },

    subscribe(listener: (change: StoreChange) => void): () => void {
      return listeners.add(listener);
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      closedReason = 'the kmsw IndexedDB store is closed';
      listeners.clear();
      channel?.close();
      db.close();
    },
  };
}
