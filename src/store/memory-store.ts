/**
 * The in-memory `KmsStore`: per-table Maps, scope -> id -> record. The default store in Node and in tests.
 *
 * Every record goes in and comes out as a deep copy (`cloneRecord`), so neither the caller's value nor a returned
 * one is ever the store's own object. `commit` checks every expectation before it changes anything (see
 * `planCommit` in tables.ts for the exact rules) and then applies the batch synchronously, so it is atomic
 * with respect to every other call. Listeners run before `commit` resolves.
 */
import type { Scope } from '../kms/records.ts';
import type { KmsStore, StoreChange, StoreSnapshot, StoreWrite, TableName, TableRows } from '../kms/store.ts';
import { cloneRecord } from './clone.ts';
import { createListenerSet } from './listeners.ts';
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
} from './tables.ts';

/** One scope's records of one table. */
interface ScopeRows {
  scope: Scope;
  rows: Map<string, AnyRecord>;
}
type Table = Map<string, ScopeRows>;
type Tables = Record<TableName, Table>;

/** Unambiguous for any strings (the account's length fixes where the region starts). */
const scopeKey = (scope: Scope) => `${scope.account.length}:${scope.account}/${scope.region}`;

const emptyTables = (): Tables => ({
  keys: new Map(),
  aliases: new Map(),
  grants: new Map(),
  customKeyStores: new Map(),
});

export function createMemoryStore(): KmsStore {
  let tables = emptyTables();
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

  function sortedRows(entry: ScopeRows): AnyRecord[] {
    return [...entry.rows.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, row]) => row);
  }

  return {
    async get<T extends TableName>(table: T, scope: Scope, id: string): Promise<TableRows[T] | undefined> {
      assertOpen();
      const row = current(table, scope, id);
      return row === undefined ? undefined : (cloneRecord(row) as TableRows[T]);
    },

    async list<T extends TableName>(table: T, scope: Scope): Promise<TableRows[T][]> {
      assertOpen();
      const entry = tables[table].get(scopeKey(scope));
      return entry ? (sortedRows(entry).map(cloneRecord) as TableRows[T][]) : [];
    },

    async commit(writes: readonly StoreWrite[]): Promise<void> {
      assertOpen();
      if (writes.length === 0) return;
      for (const write of writes) assertValidWrite(write);
      const plan = planCommit(writes, current, cloneRecord);
      for (const { table, scope, id, value } of plan) {
        const key = scopeKey(scope);
        let entry = tables[table].get(key);
        if (value) {
          if (!entry) tables[table].set(key, (entry = { scope, rows: new Map() }));
          entry.rows.set(id, value);
        } else if (entry) {
          entry.rows.delete(id);
          if (entry.rows.size === 0) tables[table].delete(key);
        }
      }
      listeners.notify(summarizeChange(plan));
    },

    async scopes(): Promise<Scope[]> {
      assertOpen();
      return allScopes(tables).map((s) => ({ ...s }));
    },

    async snapshot(): Promise<StoreSnapshot> {
      assertOpen();
      const out: StoreSnapshot = { keys: [], aliases: [], grants: [], customKeyStores: [] };
      for (const table of TABLES) {
        const entries = [...tables[table].values()].sort((a, b) => compareScopes(a.scope, b.scope));
        const rows: AnyRecord[] = entries.flatMap((entry) => sortedRows(entry).map(cloneRecord));
        (out[table] as AnyRecord[]) = rows;
      }
      return out;
    },

    async restore(snapshot: StoreSnapshot): Promise<void> {
      assertOpen();
      assertValidSnapshot(snapshot);
      const next = emptyTables();
      const touched: { table: TableName; scope: Scope }[] = [];
      for (const table of TABLES) {
        for (const row of snapshot[table] as AnyRecord[]) {
          const scope = { account: row.account, region: row.region };
          const key = scopeKey(scope);
          let entry = next[table].get(key);
          if (!entry) next[table].set(key, (entry = { scope, rows: new Map() }));
          entry.rows.set(recordId(table, row), cloneRecord(row));
        }
      }
      for (const scope of [...allScopes(tables), ...allScopes(next)]) {
        for (const table of TABLES) touched.push({ table, scope });
      }
      tables = next;
      const change: StoreChange = summarizeChange(touched);
      listeners.notify({ tables: [...TABLES], scopes: change.scopes });
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
