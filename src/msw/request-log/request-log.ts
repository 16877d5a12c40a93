/**
 * The request log of one emulator: a bounded, chronological list of `KmsRequestLogEntry` (oldest first) with
 * listeners. Two implementations: memory (Node, and any emulator not on IndexedDB) and IndexedDB (the browser:
 * shared by the tabs of an origin, see indexeddb-request-log.ts).
 */
import type { KmsRequestLogEntry } from './entry.ts';

export const DEFAULT_REQUEST_LOG_LIMIT = 1000;

export interface RequestLogOptions {
  /** Most entries kept; the oldest go first. Default 1000. */
  limit?: number;
}

export interface RequestLog {
  /** Adds an entry and tells the listeners at once (writing it to storage may follow later). */
  record(entry: KmsRequestLogEntry): void;
  /** Every entry kept, oldest first. */
  entries(): Promise<KmsRequestLogEntry[]>;
  /** Calls `listener` for each new entry (in the browser: from every tab of the origin). */
  subscribe(listener: (entry: KmsRequestLogEntry) => void): () => void;
  clear(): Promise<void>;
  close(): Promise<void>;
}

export function checkLimit(options: RequestLogOptions): number {
  const limit = options.limit ?? DEFAULT_REQUEST_LOG_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`requestLog.limit must be a positive integer, got ${String(limit)}`);
  }
  return limit;
}

/** Calls each listener; one that throws is reported and does not stop the others. */
export function notifyAll(
  listeners: Iterable<(entry: KmsRequestLogEntry) => void>,
  entry: KmsRequestLogEntry,
): void {
  for (const listener of [...listeners]) {
    try {
      listener(entry);
    } catch (error) {
      if (typeof globalThis.reportError === 'function') globalThis.reportError(error);
      else console.error('[kmsw] request log listener failed', error);
    }
  }
}

/** Adds `listener` to `set` wrapped, so one function subscribed twice is two subscriptions. */
export function addListener(
  set: Set<(entry: KmsRequestLogEntry) => void>,
  listener: (entry: KmsRequestLogEntry) => void,
): () => void {
  const wrapped = (entry: KmsRequestLogEntry) => listener(entry);
  set.add(wrapped);
  return () => void set.delete(wrapped);
}

/** Inserts `entry` into `list` (sorted by id) from the end, where it almost always belongs. */
export function insertSorted(list: KmsRequestLogEntry[], entry: KmsRequestLogEntry): void {
  let at = list.length;
  while (at > 0 && list[at - 1]!.id > entry.id) at--;
  if (at === list.length) list.push(entry);
  else list.splice(at, 0, entry);
}

export function createMemoryRequestLog(options: RequestLogOptions = {}): RequestLog {
  const limit = checkLimit(options);
  let list: KmsRequestLogEntry[] = [];
  const listeners = new Set<(entry: KmsRequestLogEntry) => void>();
  return {
    record(entry) {
      insertSorted(list, entry);
      // Trim in batches, so a full log does not shift the whole array on every request.
      if (list.length > limit + Math.max(1, Math.floor(limit / 10))) list = list.slice(-limit);
      notifyAll(listeners, entry);
    },
    entries: async () => (list.length > limit ? list.slice(-limit) : [...list]),
    subscribe: (listener) => addListener(listeners, listener),
    async clear() {
      list = [];
    },
    async close() {
      listeners.clear();
    },
  };
}
