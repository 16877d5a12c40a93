/**
 * One operation's view of the store: reads are cached and remembered with the rev they had, writes are staged and
 * committed in one atomic batch that fails if anything read has changed since. `runUnitOfWork` re-runs the
 * operation on such a conflict, so concurrent requests (two tabs, racing promises) serialise without lost updates,
 * and a request that throws writes nothing.
 */
import type { Scope } from './records.ts';
import {
  StoreConflictError,
  type KmsStore,
  type StoreWrite,
  type TableName,
  type TableRows,
} from './store.ts';

const MAX_ATTEMPTS = 40;
/** Upper bound of the random pause before a retry, in ms. */
const MAX_BACKOFF_MS = 50;

/**
 * Racing units that all retry at once would collide again in lockstep (one winner per round), so each retry
 * waits a random, growing pause first (full-jitter exponential backoff).
 */
const backoff = (attempt: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.random() * Math.min(MAX_BACKOFF_MS, 2 ** attempt)));

const cacheKey = (table: TableName, scope: Scope, id: string) =>
  `${table}\u0000${scope.account}\u0000${scope.region}\u0000${id}`;

export class UnitOfWork {
  readonly store: KmsStore;
  private readonly reads = new Map<string, { value: unknown; rev: number | null }>();
  private readonly writes = new Map<string, StoreWrite>();

  constructor(store: KmsStore) {
    this.store = store;
  }

  async get<T extends TableName>(table: T, scope: Scope, id: string): Promise<TableRows[T] | undefined> {
    const k = cacheKey(table, scope, id);
    const staged = this.writes.get(k);
    if (staged) return staged.op === 'put' ? (staged.value as TableRows[T]) : undefined;
    const cached = this.reads.get(k);
    if (cached) return cached.value as TableRows[T] | undefined;
    const value = await this.store.get(table, scope, id);
    this.reads.set(k, { value, rev: value ? value.rev : null });
    return value;
  }

  /** Every record of a table in a scope, with this unit's staged writes applied. */
  async list<T extends TableName>(table: T, scope: Scope): Promise<TableRows[T][]> {
    const rows = await this.store.list(table, scope);
    const out = new Map<string, TableRows[T]>();
    for (const row of rows) {
      const id = idOf(table, row);
      const k = cacheKey(table, scope, id);
      if (!this.reads.has(k)) this.reads.set(k, { value: row, rev: row.rev });
      out.set(id, row);
    }
    for (const w of this.writes.values()) {
      if (w.table !== table || w.scope.account !== scope.account || w.scope.region !== scope.region) continue;
      if (w.op === 'put') out.set(w.id, w.value as TableRows[T]);
      else out.delete(w.id);
    }
    return [...out.values()].sort((a, b) => (idOf(table, a) < idOf(table, b) ? -1 : 1));
  }

  /** Stage a write of `value` (a new object; never mutate records read from the store). */
  put<T extends TableName>(table: T, scope: Scope, id: string, value: TableRows[T]): void {
    const k = cacheKey(table, scope, id);
    const read = this.reads.get(k);
    const baseRev = read ? read.rev : null;
    const write = {
      op: 'put',
      table,
      scope,
      id,
      value: { ...value, rev: (baseRev ?? 0) + 1 },
      // Unread records must not exist yet: creating a record never overwrites one made concurrently.
      expectedRev: baseRev,
    } as StoreWrite;
    this.writes.set(k, write);
  }

  delete(table: TableName, scope: Scope, id: string): void {
    const k = cacheKey(table, scope, id);
    const read = this.reads.get(k);
    this.writes.set(k, { op: 'delete', table, scope, id, expectedRev: read ? read.rev : undefined });
  }

  get hasWrites(): boolean {
    return this.writes.size > 0;
  }

  async commit(): Promise<void> {
    if (this.writes.size === 0) return;
    await this.store.commit([...this.writes.values()]);
  }
}

function idOf(table: TableName, row: TableRows[TableName]): string {
  switch (table) {
    case 'keys':
      return (row as TableRows['keys']).keyId;
    case 'aliases':
      return (row as TableRows['aliases']).aliasName;
    case 'grants':
      return (row as TableRows['grants']).grantId;
    case 'customKeyStores':
      return (row as TableRows['customKeyStores']).customKeyStoreId;
  }
}

/** Run `fn` against a fresh unit of work and commit its writes; retry from scratch on a store conflict. */
export async function runUnitOfWork<T>(store: KmsStore, fn: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const uow = new UnitOfWork(store);
    const result = await fn(uow);
    try {
      await uow.commit();
      return result;
    } catch (err) {
      if (!(err instanceof StoreConflictError) || attempt >= MAX_ATTEMPTS) throw err;
    }
    await backoff(attempt);
  }
}
