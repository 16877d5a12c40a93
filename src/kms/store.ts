/**
 * The storage port of the KMS domain. `src/store` implements it (memory, IndexedDB); the domain depends only on
 * this interface.
 *
 * Contract:
 * - Records are keyed by table, scope (account + region) and id (keyId, aliasName, grantId, customKeyStoreId).
 * - `commit` applies a batch atomically: all writes or none. A write may carry `expectedRev`: the rev the caller
 *   read (`null`: the record must not exist). When any expectation fails, nothing is written and
 *   `StoreConflictError` is thrown; the domain then re-runs the operation on fresh reads.
 * - Values returned are copies or immutable: callers never mutate them in place.
 * - `subscribe` reports committed changes, including those made by another tab sharing the same database.
 */
import type { AliasRecord, CustomKeyStoreRecord, GrantRecord, KeyRecord, Scope } from './records.ts';

export interface TableRows {
  keys: KeyRecord;
  aliases: AliasRecord;
  grants: GrantRecord;
  customKeyStores: CustomKeyStoreRecord;
}
export type TableName = keyof TableRows;

export type StoreWrite =
  | {
      [T in TableName]: {
        op: 'put';
        table: T;
        scope: Scope;
        id: string;
        value: TableRows[T];
        expectedRev?: number | null;
      };
    }[TableName]
  | { op: 'delete'; table: TableName; scope: Scope; id: string; expectedRev?: number | null };

export interface StoreChange {
  tables: TableName[];
  scopes: Scope[];
}

/** A portable copy of everything in a store (export/import, seeding, `kmsw serve --state`). */
export interface StoreSnapshot {
  keys: KeyRecord[];
  aliases: AliasRecord[];
  grants: GrantRecord[];
  customKeyStores: CustomKeyStoreRecord[];
}

export class StoreConflictError extends Error {
  constructor(message = 'a record changed since it was read') {
    super(message);
    this.name = 'StoreConflictError';
  }
}

export interface KmsStore {
  get<T extends TableName>(table: T, scope: Scope, id: string): Promise<TableRows[T] | undefined>;
  /** Every record of a table in one scope, ordered by id. */
  list<T extends TableName>(table: T, scope: Scope): Promise<TableRows[T][]>;
  commit(writes: readonly StoreWrite[]): Promise<void>;
  /** Every scope that holds at least one record. */
  scopes(): Promise<Scope[]>;
  snapshot(): Promise<StoreSnapshot>;
  /** Replace everything with the snapshot, atomically. */
  restore(snapshot: StoreSnapshot): Promise<void>;
  subscribe(listener: (change: StoreChange) => void): () => void;
  close(): Promise<void>;
}
