/**
 * The browser's request log: entries in their own IndexedDB database `<databaseName>-requests` (apart from the
 * store's schema), so every tab of an origin reads the same log, and a BroadcastChannel of the same name, so
 * `subscribe` listeners in every tab hear each new entry: this tab's at once, the other tabs' within ~10 ms.
 *
 * Cheap on the hot path: `record` keeps the entry in memory and tells this tab's listeners; entries are posted to
 * the other tabs as one message per ~10 ms batch (a message per entry was 3 % of a page's time for a stream of
 * Decrypts, Chromium), and written in batches of up to ~100 ms of traffic or 32 entries, one transaction that also
 * trims the log to `limit` with one ranged delete (a transaction per 10 ms batch, with its put and count, cost
 * ~0.6 ms of the page's time per call on the service worker path, whose calls take longer than 10 ms each).
 * `entries()` writes what is pending first, and adds the entries this tab heard from others that their tab has not
 * written yet, so a listener that hears an entry finds it in `entries()` at once, and every open tab sees the same
 * log. Pending entries are written when the page is hidden (`pagehide`); entries recorded in the last moments
 * before a tab is killed may still be lost to tabs opened later.
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

/** How long new entries wait before they are posted to the other tabs. */
const ANNOUNCE_DELAY_MS = 10;
/** How long new entries wait before they are written to the database, unless WRITE_BATCH_MAX are waiting. */
const WRITE_DELAY_MS = 100;
/**
 * The most entries one write takes: a burst of fast calls is written as it goes, in transactions of a bounded cost
 * (each entry is cloned on the page's thread), rather than in one long task every 100 ms.
 */
const WRITE_BATCH_MAX = 32;

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

  /** Recorded here, not yet posted to the other tabs. */
  let unannounced: KmsRequestLogEntry[] = [];
  /** Recorded here, not yet written. */
  let unwritten: KmsRequestLogEntry[] = [];
  let announceTimer: ReturnType<typeof setTimeout> | undefined;
  let writeTimer: ReturnType<typeof setTimeout> | undefined;
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

  function announce(): void {
    if (announceTimer !== undefined) clearTimeout(announceTimer);
    announceTimer = undefined;
    if (unannounced.length === 0) return;
    channel?.postMessage(unannounced);
    unannounced = [];
  }

  /** Posts and writes everything pending; resolves when it (and every earlier write) is in the database. */
  function flush(): Promise<void> {
    announce();
    if (writeTimer !== undefined) clearTimeout(writeTimer);
    writeTimer = undefined;
    if (unwritten.length > 0) {
      const batch = unwritten;
      unwritten = [];
      writing = writing
        .then(() => write(batch))
        .catch((error: unknown) => console.warn('[kmsw] could not write the request log:', error));
    }
    return writing;
  }

  const onPageHide = () => void flush();
  const page = globalThis as {
    addEventListener?: typeof addEventListener;
    removeEventListener?: typeof removeEventListener;
  };
  page.addEventListener?.('pagehide', onPageHide);

  return {
    record(entry) {
      unannounced.push(entry);
      unwritten.push(entry);
      announceTimer ??= setTimeout(announce, ANNOUNCE_DELAY_MS);
      if (unwritten.length >= WRITE_BATCH_MAX) void flush();
      else writeTimer ??= setTimeout(flush, WRITE_DELAY_MS);
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
      unannounced = [];
      unwritten = [];
      heard.clear();
      await flush();
      await (await dbPromise).clear('entries');
      channel?.postMessage(CLEARED);
    },
    async close() {
      page.removeEventListener?.('pagehide', onPageHide);
      await flush();
      channel?.close();
      listeners.clear();
      (await dbPromise.catch(() => undefined))?.close();
    },
  };
}
