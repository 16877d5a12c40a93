/**
 * The in-memory `KmsStore`: per-table Maps, scope -> id -> record, with each scope's ids kept in order and the
 * secondary indexes of the port (`INDEXES`) kept beside them (`SortedEntries`), so a page of a listing or of an
 * index costs the same at 10 records as at 100,000.
 *
 * Every record goes in and comes out as a deep copy (`cloneRecord`), so neither the caller's value nor a returned
 * one is ever the store's own object. `commit` checks every expectation before it changes anything (see
 * `planCommit` in tables.ts for the exact rules) and then applies the batch synchronously, so it is atomic
 * with respect to every other call. Listeners run before `commit` resolves.
 */
import type { Scope } from '../kms/records.ts';
import {
  INDEXES,
  comparePositions,
  indexPosition,
  indexValue,
  type IndexName,
  type IndexPosition,
  type IndexRow,
  type KmsStore,
  type PageRequest,
  type StoreChange,
  type StoreSnapshot,
  type StoreWrite,
  type TableName,
  type TableRows,
} from '../kms/store.ts';
import { cloneRecord } from './clone.ts';
import { createListenerSet } from './listeners.ts';
import { SortedEntries } from './sorted-entries.ts';
import {
  TABLES,
  assertValidSnapshot,
  assertValidWrite,
  compareScopes,
  compareStrings,
  planCommit,
  recordId,
  summarizeChange,
  type AnyRecord,
  type PlannedWrite,
} from './tables.ts';

/** One scope's records of one table, and their ids in order. */
interface ScopeRows {
  scope: Scope;
  rows: Map<string, AnyRecord>;
  order: SortedEntries<string>;
}
type Table = Map<string, ScopeRows>;
type Tables = Record<TableName, Table>;
/** index -> scope key -> indexed value -> ids in index order. */
type Indexes = Record<IndexName, Map<string, Map<string, SortedEntries<IndexPosition>>>>;

const INDEX_NAMES = Object.keys(INDEXES) as IndexName[];
const INDEXES_OF = Object.fromEntries(
  TABLES.map((t) => [t, INDEX_NAMES.filter((i) => (INDEXES[i].table as TableName) === t)]),
) as Record<TableName, IndexName[]>;

/** Unambiguous for any strings (the account's length fixes where the region starts). */
const scopeKey = (scope: Scope) => `${scope.account.length}:${scope.account}/${scope.region}`;

const emptyTables = (): Tables => Object.fromEntries(TABLES.map((t) => [t, new Map()])) as unknown as Tables;
const emptyIndexes = (): Indexes =>
  Object.fromEntries(INDEX_NAMES.map((i) => [i, new Map()])) as unknown as Indexes;

export interface MemoryStoreOptions {
  /** Called with every applied batch (final values, revs set), synchronously, before listeners run. */
  onCommit?: (plan: readonly PlannedWrite[]) => void;
}

/** The memory store, plus a copy-free view for the file store (records are replaced on write, never changed). */
export interface MemoryKmsStore extends KmsStore {
  /** Every record, ordered as `snapshot()`, without copies: the caller must not change them. */
  records(): StoreSnapshot;
}

export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryKmsStore {
  let tables = emptyTables();
  let indexes = emptyIndexes();
  let closed = false;
  const listeners = createListenerSet();

  function assertOpen(): void {
    if (closed) throw new Error('the kmsw memory store is closed');
  }

  function current(table: TableName, scope: Scope, id: string): AnyRecord | undefined {
    return tables[table].get(scopeKey(scope))?.rows.get(id);
  }

  function allScopes(from: Tables): Scope[] {
    const found = new Map<string, Scope>();
    for (const table of TABLES) for (const [key, entry] of from[table]) found.set(key, entry.scope);
    return [...found.values()].sort(compareScopes);
  }

  function indexEntries(index: IndexName, key: string, value: string, create: boolean) {
    let byValue = indexes[index].get(key);
    if (!byValue) {
      if (!create) return undefined;
      indexes[index].set(key, (byValue = new Map()));
    }
    let entries = byValue.get(value);
    if (!entries && create) byValue.set(value, (entries = new SortedEntries(comparePositions)));
    return entries;
  }

  function unindex(table: TableName, key: string, row: AnyRecord): void {
    for (const index of INDEXES_OF[table]) {
      const value = indexValue(index, row as IndexRow<typeof index>);
      if (value === undefined) continue;
      const entries = indexEntries(index, key, value, false);
      if (!entries) continue;
      entries.delete(indexPosition(index, row as IndexRow<typeof index>));
      if (entries.size === 0) {
        const byValue = indexes[index].get(key)!;
        byValue.delete(value);
        if (byValue.size === 0) indexes[index].delete(key);
      }
    }
  }

  function addToIndexes(table: TableName, key: string, row: AnyRecord): void {
    for (const index of INDEXES_OF[table]) {
      const value = indexValue(index, row as IndexRow<typeof index>);
      if (value === undefined) continue;
      indexEntries(index, key, value, true)!.set(
        indexPosition(index, row as IndexRow<typeof index>),
        recordId(table, row),
      );
    }
  }

  /** Puts (value) or deletes (undefined) one record, keeping the id order and the indexes. */
  function apply(table: TableName, scope: Scope, id: string, value: AnyRecord | undefined): void {
    const key = scopeKey(scope);
    let entry = tables[table].get(key);
    const before = entry?.rows.get(id);
    if (before) unindex(table, key, before);
    if (value) {
      if (!entry)
        tables[table].set(
          key,
          (entry = { scope, rows: new Map(), order: new SortedEntries(compareStrings) }),
        );
      if (!before) entry.order.set(id, id);
      entry.rows.set(id, value);
      addToIndexes(table, key, value);
    } else if (entry && before) {
      entry.rows.delete(id);
      entry.order.delete(id);
      if (entry.rows.size === 0) tables[table].delete(key);
    }
  }

  function records(): StoreSnapshot {
    assertOpen();
    const out = {} as Record<TableName, AnyRecord[]>;
    for (const table of TABLES) {
      const entries = [...tables[table].values()].sort((a, b) => compareScopes(a.scope, b.scope));
      out[table] = entries.flatMap((entry) => entry.order.page(undefined).map((id) => entry.rows.get(id)!));
    }
    return out as unknown as StoreSnapshot;
  }

  return {
    async get<T extends TableName>(table: T, scope: Scope, id: string): Promise<TableRows[T] | undefined> {
      assertOpen();
      const row = current(table, scope, id);
      return row === undefined ? undefined : (cloneRecord(row) as TableRows[T]);
    },

    async list<T extends TableName>(
      table: T,
      scope: Scope,
      page?: PageRequest<string>,
    ): Promise<TableRows[T][]> {
      assertOpen();
      const entry = tables[table].get(scopeKey(scope));
      if (!entry) return [];
      return entry.order
        .page(page?.after, page?.limit)
        .map((id) => cloneRecord(entry.rows.get(id)!) as TableRows[T]);
    },

    async listBy<I extends IndexName>(
      index: I,
      scope: Scope,
      value: string,
      page?: PageRequest<IndexPosition>,
    ): Promise<IndexRow<I>[]> {
      assertOpen();
      const key = scopeKey(scope);
      const entries = indexEntries(index, key, value, false);
      if (!entries) return [];
      const rows = tables[INDEXES[index].table].get(key)!.rows;
      return entries.page(page?.after, page?.limit).map((id) => cloneRecord(rows.get(id)!) as IndexRow<I>);
    },

    async commit(writes: readonly StoreWrite[]): Promise<void> {
      assertOpen();
      if (writes.length === 0) return;
      for (const write of writes) assertValidWrite(write);
      const plan = planCommit(writes, current, cloneRecord);
      for (const { table, scope, id, value } of plan) apply(table, scope, id, value);
      options.onCommit?.(plan);
      listeners.notify(summarizeChange(plan));
    },

    async scopes(): Promise<Scope[]> {
      assertOpen();
      return allScopes(tables).map((s) => ({ ...s }));
    },

    async snapshot(): Promise<StoreSnapshot> {
      assertOpen();
      const out = {} as Record<TableName, AnyRecord[]>;
      for (const [table, rows] of Object.entries(records())) out[table as TableName] = rows.map(cloneRecord);
      return out as unknown as StoreSnapshot;
    },

    records,

    async restore(snapshot: StoreSnapshot): Promise<void> {
      assertOpen();
      assertValidSnapshot(snapshot);
      // Copy everything first: a value that cannot be copied throws before anything changed.
      const rows = TABLES.flatMap((table) =>
        (snapshot[table] as AnyRecord[]).map((row) => ({ table, row: cloneRecord(row) })),
      );
      const before = allScopes(tables);
      tables = emptyTables();
      indexes = emptyIndexes();
      for (const { table, row } of rows) {
        apply(table, { account: row.account, region: row.region }, recordId(table, row), row);
      }
      const touched = [...before, ...allScopes(tables)].map((scope) => ({ table: TABLES[0]!, scope }));
      listeners.notify({ tables: [...TABLES], scopes: summarizeChange(touched).scopes });
    },

    subscribe(listener: (change: StoreChange) => void): () => void {
      return listeners.add(listener);
    },

    async close(): Promise<void> {
      closed = true;
      listeners.clear();
    },
  };
}
