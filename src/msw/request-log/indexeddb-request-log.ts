/**
 * The browser's request log: entries in their own IndexedDB database `<databaseName>-requests` (apart from the
 * store's schema), so every tab of an origin reads the same log, and a BroadcastChannel of the same name, so
 * `subscribe` listeners in every tab hear each new entry: this tab's at once, the other tabs' within ~10 ms.
 *
 * Cheap on the hot path: `record` keeps the entry in memory and tells this tab's listeners; entries are written in
 * batches (one transaction per ~10 ms of traffic), posted to the other tabs as one message per batch (a message
 * per entry was 3 % of a page's time for a stream of Decrypts, Chromium), and the same transaction trims the log to
 * `limit` with one ranged delete. `entries()` writes what is pending first, and adds the entries this tab heard
 * from others that their tab has not written yet, so a listener that hears an entry finds it in `entries()` at
 * once. Entries recorded in the last moments before a tab closes may be lost to tabs opened later.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { KmsRequestLogEntry } from './entry.ts';
import {
  addListener,
  checkLimit,
  insertSorted,
  notifyAll,
  type RequestLog,
  type RequestLogOptions,
} from './request-log.ts';

interface RequestLogDB extends DBSchema {
  entries: { key: string; value: KmsRequestLogEntry };
}

export interface IndexedDbRequestLogOptions extends RequestLogOptions {
  /** The store's database name; the log uses `<name>-requests`. */
  databaseName: string;
}

const FLUSH_DELAY_MS = 10;

const isEntry = (data: unknown): data is KmsRequestLogEntry =>
  typeof (data as KmsRequestLogEntry | null)?.id === 'string';

/** What a tab posts when it empties the log, so the others drop what they heard. */
const CLEARED = 'kmsw-request-log-cleared';

export function createIndexedDbRequestLog(options: IndexedDbRequestLogOptions): RequestLog {
  const limit = checkLimit(options);
  const name = `${options.databaseName}-requests`;
  const dbPromise: Promise<IDBPDatabase<RequestLogDB>> = openDB<RequestLogDB>(name, 1, {
    upgrade(db) {
      db.createObjectStore('entries', { keyPath: 'id' });
    },
  });
  dbPromise.catch((error: unknown) => console.warn('[kmsw] the request log database did not open:', error));
  const listeners = new Set<(entry: KmsRequestLogEntry) => void>();
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : undefined;
  (channel as { unref?: () => void } | undefined)?.unref?.();
  /** Entries heard from other tabs and not yet seen in the database (their tab writes them within ~10 ms). */
  const heard = new Map<string, KmsRequestLogEntry>();
  channel?.addEventListener('message', (event: MessageEvent) => {
    if (event.data === CLEARED) {
      heard.clear();
    } else if (Array.isArray(event.data)) {
      for (const entry of event.data as unknown[]) {
        if (!isEntry(entry)) continue;
        heard.set(entry.id, entry);
        if (heard.size > limit) heard.delete(heard.keys().next().value!);
        notifyAll(listeners, entry);
      }
    }
  });

  let pending: KmsRequestLogEntry[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();

  async function write(batch: KmsRequestLogEntry[]): Promise<void> {
    const db = await dbPromise;
    const tx = db.transaction('entries', 'readwrite');
    for (const entry of batch) void tx.store.put(entry);
    const count = await tx.store.count();
    if (count > limit) {
      const oldest = await tx.store.getAllKeys(null, count - limit);
      const last = oldest[oldest.length - 1];
      if (last !== undefined) void tx.store.delete(IDBKeyRange.upperBound(last));
    }
    await tx.done;
  }

  /** Writes everything pending; resolves when it (and every earlier write) is in the database. */
  function flush(): Promise<void> {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending.length > 0) {
      const batch = pending;
      pending = [];
      channel?.postMessage(batch);
      writing = writing
        .then(() => write(batch))
        .catch((error: unknown) => console.warn('[kmsw] could not write the request log:', error));
    }
    return writing;
  }

  return {
    record(entry) {
      pending.push(entry);
      timer ??= setTimeout(flush, FLUSH_DELAY_MS);
      notifyAll(listeners, entry);
    },
    async entries() {
      await flush();
      const stored = await (await dbPromise).getAll('entries');
      if (heard.size === 0) return stored;
      const storedIds = new Set(stored.map((entry) => entry.id));
      for (const [id, entry] of heard) {
        if (storedIds.has(id)) heard.delete(id);
        else insertSorted(stored, entry);
      }
      return stored.length > limit ? stored.slice(-limit) : stored;
    },
    subscribe: (listener) => addListener(listeners, listener),
    async clear() {
      pending = [];
      heard.clear();
      await flush();
      await (await dbPromise).clear('entries');
      channel?.postMessage(CLEARED);
    },
    async close() {
      await flush();
      channel?.close();
      listeners.clear();
      (await dbPromise.catch(() => undefined))?.close();
    },
  };
}
