/**
 * What both stores share: the tables and their id fields, scope ordering, and the commit rules.
 *
 * Commit rules (the `KmsStore` contract, made precise):
 * - Writes apply in order; a later write to the same record sees the earlier one (put with `expectedRev: null`,
 *   then put with `expectedRev: 1`, in one batch, is valid).
 * - `expectedRev` is checked against the record as it stands before that write (`null`: must not exist;
 *   `undefined`: no check). Any failure rejects the whole batch with `StoreConflictError`.
 * - The store owns `rev`: a put stores `rev = previous rev + 1` (1 for a new record), whatever `value.rev` says.
 *   The domain's unit of work computes the same number, so this only matters for writes without expectations.
 * - A put's value must name the record it is written to (scope and id fields equal the write's).
 */
import type { Scope } from '../kms/records.ts';
import {
  StoreConflictError,
  type StoreChange,
  type StoreSnapshot,
  type StoreWrite,
  type TableName,
  type TableRows,
} from '../kms/store.ts';

export type AnyRecord = TableRows[TableName];

export const TABLES: readonly TableName[] = ['keys', 'aliases', 'grants', 'customKeyStores'];

export const ID_FIELD = {
  keys: 'keyId',
  aliases: 'aliasName',
  grants: 'grantId',
  customKeyStores: 'customKeyStoreId',
} as const satisfies {
  [T in TableName]: keyof TableRows[T];
};

export function recordId(table: TableName, record: AnyRecord): string {
  return (record as unknown as Record<string, string>)[ID_FIELD[table]] as string;
}

/** IndexedDB key order for strings: UTF-16 code units, which is also what `<` compares (not localeCompare). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareScopes(a: Scope, b: Scope): number {
  return compareStrings(a.account, b.account) || compareStrings(a.region, b.region);
}

/** A record named for messages: `keys "id" in account/region`. */
export function describeRecord(table: TableName, scope: Scope, id: string): string {
  return `${table} ${JSON.stringify(id)} in ${scope.account}/${scope.region}`;
}

function isTable(table: unknown): table is TableName {
  return TABLES.includes(table as TableName);
}

/** Reject malformed writes before anything is read or written. */
export function assertValidWrite(write: StoreWrite): void {
  if (!isTable(write.table)) throw new TypeError(`store write to unknown table ${String(write.table)}`);
  if (
    typeof write.id !== 'string' ||
    typeof write.scope?.account !== 'string' ||
    typeof write.scope.region !== 'string'
  ) {
    throw new TypeError(`store write to ${write.table} needs a string id and scope`);
  }
  if (write.op === 'put') {
    const v = write.value;
    if (
      v?.account !== write.scope.account ||
      v.region !== write.scope.region ||
      recordId(write.table, v) !== write.id
    ) {
      throw new TypeError(
        `store write to ${describeRecord(write.table, write.scope, write.id)} carries a value for another record`,
      );
    }
  } else if (write.op !== 'delete') {
    throw new TypeError(`store write with unknown op ${String((write as { op: unknown }).op)}`);
  }
}

export function assertValidSnapshot(snapshot: StoreSnapshot): void {
  for (const table of TABLES) {
    const rows: unknown = snapshot?.[table];
    if (!Array.isArray(rows)) throw new TypeError(`snapshot.${table} must be an array`);
    for (const row of rows as AnyRecord[]) {
      const id: unknown = row && recordId(table, row);
      if (typeof row?.account !== 'string' || typeof row.region !== 'string' || typeof id !== 'string') {
        throw new TypeError(
          `snapshot.${table} holds a record without account, region and ${ID_FIELD[table]}`,
        );
      }
      if (typeof row.rev !== 'number')
        throw new TypeError(`snapshot.${table} record ${id} has no numeric rev`);
    }
  }
}

/** A string naming one record, unique across tables and scopes. */
export function recordKey(table: TableName, scope: Scope, id: string): string {
  return JSON.stringify([table, scope.account, scope.region, id]);
}

export interface PlannedWrite {
  table: TableName;
  scope: Scope;
  id: string;
  /** The record to store (its rev set), or undefined to delete it. */
  value: AnyRecord | undefined;
}

/**
 * Check every expectation of a batch against `current` and compute the final state of each record it touches
 * (one entry per record, in first-touched order). Throws `StoreConflictError` and computes nothing on a mismatch.
 * `copy` makes the stored value from the caller's (a deep copy for the memory store).
 */
export function planCommit(
  writes: readonly StoreWrite[],
  current: (table: TableName, scope: Scope, id: string) => AnyRecord | undefined,
  copy: (value: AnyRecord) => AnyRecord,
): PlannedWrite[] {
  const planned = new Map<string, PlannedWrite>();
  for (const write of writes) {
    const key = recordKey(write.table, write.scope, write.id);
    const staged = planned.get(key);
    const before = staged ? staged.value : current(write.table, write.scope, write.id);
    if (write.expectedRev !== undefined) {
      const actual = before ? before.rev : null;
      if (actual !== write.expectedRev) {
        throw new StoreConflictError(
          `${describeRecord(write.table, write.scope, write.id)} changed since it was read (expected rev ${String(write.expectedRev)}, found ${String(actual)})`,
        );
      }
    }
    let value: AnyRecord | undefined;
    if (write.op === 'put') {
      value = copy(write.value);
      value.rev = (before?.rev ?? 0) + 1;
    }
    planned.set(key, {
      table: write.table,
      scope: { account: write.scope.account, region: write.scope.region },
      id: write.id,
      value,
    });
  }
  return [...planned.values()];
}

/** The distinct tables and scopes a set of records or writes touches. */
export function summarizeChange(items: readonly { table: TableName; scope: Scope }[]): StoreChange {
  const tables = new Set<TableName>();
  const scopes = new Map<string, Scope>();
  for (const { table, scope } of items) {
    tables.add(table);
    scopes.set(JSON.stringify([scope.account, scope.region]), {
      account: scope.account,
      region: scope.region,
    });
  }
  return { tables: TABLES.filter((t) => tables.has(t)), scopes: [...scopes.values()].sort(compareScopes) };
}
