/**
 * One operation's view of the store: reads are cached and remembered with the rev they had, writes are staged and
 * committed in one atomic batch that fails if anything read has changed since. `runUnitOfWork` re-runs the
 * operation on such a conflict, so concurrent requests (two tabs, racing promises) serialise without lost updates,
 * and a request that throws writes nothing.
 */
import type { Scope } from './records.ts';
import {
  StoreConflictError,
  comparePositions,
  indexPosition,
  indexValue,
  INDEXES,
  type IndexName,
  type IndexPosition,
  type IndexRow,
  type IndexTable,
  type KmsStore,
  type PageRequest,
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

  /**
   * The records of a table in a scope ordered by id, with this unit's staged writes applied: all of them, or the
   * page after `page.after` (at most `page.limit`).
   */
  async list<T extends TableName>(
    table: T,
    scope: Scope,
    page?: PageRequest<string>,
  ): Promise<TableRows[T][]> {
    return this.overlay(
      table,
      scope,
      page,
      (p) => this.store.list(table, scope, p),
      (row) => [idOf(table, row)],
      () => true,
    );
  }

  /** The records of a scope in one of the store's `INDEXES` under `value`, in index order, staged writes applied. */
  async listBy<I extends IndexName>(
    index: I,
    scope: Scope,
    value: string,
    page?: PageRequest<IndexPosition>,
  ): Promise<IndexRow<I>[]> {
    const table = INDEXES[index].table as IndexTable<I>;
    return this.overlay(
      table,
      scope,
      page && { after: page.after, limit: page.limit },
      (p) => this.store.listBy(index, scope, value, p),
      (row) => indexPosition(index, row as IndexRow<I>),
      (row) => indexValue(index, row as IndexRow<I>) === value,
    ) as Promise<IndexRow<I>[]>;
  }

  /**
   * A page of an ordered store listing merged with this unit's staged writes. Staged writes may remove rows from
   * the store's page (deletes, or puts that leave the listing), so the store is asked for that many more; when it
   * returns a full page, only rows up to its last position are certain, and the result stops there.
   */
  private async overlay<T extends TableName, P extends string | IndexPosition>(
    table: T,
    scope: Scope,
    page: PageRequest<P> | undefined,
    read: (page: PageRequest<P> | undefined) => Promise<TableRows[T][]>,
    positionOf: (row: TableRows[T]) => IndexPosition,
    inListing: (row: TableRows[T]) => boolean,
  ): Promise<TableRows[T][]> {
    const staged: StoreWrite[] = [];
    for (const w of this.writes.values()) {
      if (w.table === table && w.scope.account === scope.account && w.scope.region === scope.region)
        staged.push(w);
    }
    const limit = page?.limit;
    const asked = limit === undefined ? undefined : limit + staged.length;
    const rows = await read(page && { after: page.after, limit: asked });
    const out = new Map<string, TableRows[T]>();
    for (const row of rows) {
      const id = idOf(table, row);
      const k = cacheKey(table, scope, id);
      if (!this.reads.has(k)) this.reads.set(k, { value: row, rev: row.rev });
      out.set(id, row);
    }
    const after = page?.after === undefined ? undefined : toPosition(page.after);
    const last =
      asked !== undefined && rows.length === asked ? positionOf(rows[rows.length - 1]!) : undefined;
    for (const w of staged) {
      out.delete(w.id);
      if (w.op !== 'put') continue;
      const row = w.value as TableRows[T];
      if (!inListing(row)) continue;
      const position = positionOf(row);
      if (after !== undefined && comparePositions(position, after) <= 0) continue;
      if (last !== undefined && comparePositions(position, last) > 0) continue;
      out.set(w.id, row);
    }
    const sorted = [...out.values()].sort((a, b) => comparePositions(positionOf(a), positionOf(b)));
    return limit === undefined ? sorted : sorted.slice(0, limit);
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

const toPosition = (after: string | IndexPosition): IndexPosition =>
  typeof after === 'string' ? [after] : after;

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
