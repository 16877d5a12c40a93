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
 * - Reads cost what they return, not what the store holds: `get` is a point lookup, `list` with a page walks the
 *   id order from `after`, and `listBy` walks one of the `INDEXES` (aliases by target key, grants by key, grants by
 *   retiring principal) — every implementation keeps these indexes, and the contract suite proves them.
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

/** A bounded read in an ordered listing: the records strictly after `after`, at most `limit` of them. */
export interface PageRequest<P> {
  after?: P;
  limit?: number;
}

/**
 * The secondary indexes every store keeps: records of `table` whose `field` equals a value, in the order of
 * `position` (unique within the table and scope). A record whose field is absent is not in the index.
 */
export const INDEXES = {
  /** ListAliases with KeyId, and purging a key's aliases. Ordered by alias name. */
  aliasesByKey: { table: 'aliases', field: 'targetKeyId' },
  /** ListGrants, CreateGrant's idempotent Name, and purging a key's grants. Oldest first, then by grant id. */
  grantsByKey: { table: 'grants', field: 'keyId' },
  /** ListRetirableGrants. Oldest first, then by grant id. */
  grantsByRetiringPrincipal: { table: 'grants', field: 'retiringPrincipal' },
} as const satisfies Record<string, { table: TableName; field: string }>;

export type IndexName = keyof typeof INDEXES;
export type IndexTable<I extends IndexName> = (typeof INDEXES)[I]['table'];
export type IndexRow<I extends IndexName> = TableRows[IndexTable<I>];
/** Where a record sits in an index: compared element by element, numbers before strings (IndexedDB key order). */
export type IndexPosition = readonly (string | number)[];

/** The position of `record` in `index`: `[aliasName]` for aliases, `[createdAt, grantId]` for grants. */
export function indexPosition<I extends IndexName>(index: I, record: IndexRow<I>): IndexPosition {
  if (INDEXES[index].table === 'aliases') return [(record as AliasRecord).aliasName];
  const grant = record as GrantRecord;
  return [grant.createdAt, grant.grantId];
}

/** The value `record` is indexed under in `index`, or undefined when it is not in the index. */
export function indexValue<I extends IndexName>(index: I, record: IndexRow<I>): string | undefined {
  const value = (record as unknown as Record<string, unknown>)[INDEXES[index].field];
  return typeof value === 'string' ? value : undefined;
}

/** Total order of index positions, as IndexedDB orders array keys (numbers before strings, code-unit order). */
export function comparePositions(a: IndexPosition, b: IndexPosition): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x !== typeof y) return typeof x === 'number' ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

export interface KmsStore {
  get<T extends TableName>(table: T, scope: Scope, id: string): Promise<TableRows[T] | undefined>;
  /**
   * The records of a table in one scope, ordered by id (code-unit order): all of them, or one page — the ids
   * strictly greater than `page.after`, at most `page.limit`.
   */
  list<T extends TableName>(table: T, scope: Scope, page?: PageRequest<string>): Promise<TableRows[T][]>;
  /** The records of one scope in `index` under `value`, in index order; a page as in `list`. */
  listBy<I extends IndexName>(
    index: I,
    scope: Scope,
    value: string,
    page?: PageRequest<IndexPosition>,
  ): Promise<IndexRow<I>[]>;
  commit(writes: readonly StoreWrite[]): Promise<void>;
  /** Every scope that holds at least one record. */
  scopes(): Promise<Scope[]>;
  snapshot(): Promise<StoreSnapshot>;
  /** Replace everything with the snapshot, atomically. */
  restore(snapshot: StoreSnapshot): Promise<void>;
  subscribe(listener: (change: StoreChange) => void): () => void;
  close(): Promise<void>;
}
