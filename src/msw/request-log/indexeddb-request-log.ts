/**
 * The browser's request log: entries in their own IndexedDB database `<databaseName>-requests` (apart from the
 * store's schema), so every tab of an origin reads the same log, and a BroadcastChannel of the same name, so
 * `subscribe` listeners in every tab hear each new entry: this tab's at once, the other tabs' within ~10 ms.
 *
 * Cheap on the hot path: `record` keeps the entry in memory and tells this tab's listeners; entries are posted to
 * the other tabs as one message per ~10 ms batch (a message per entry was 3 % of a page's time for a stream of
 * Decrypts, Chromium), and written in batches of up to ~100 ms of traffic or 32 entries, each batch one record
 * (see Batch) in one transaction that also drops the oldest records beyond `limit` with one ranged delete. A
 * transaction per 10 ms batch had cost ~0.6 ms of the page's time per call on the service worker path, whose calls
 * take longer than 10 ms each.
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

/**
 * One write's entries, as one record: a `put` per entry cost the page 0.05–0.09 ms and the whole write 0.17–0.35 ms
 * of wall time an entry (Chromium, 32 entries of ~2.5 KB to a transaction), one `put` of the batch 0.01–0.04 and
 * 0.08–0.15. Keyed by the first entry's id and the entry count, so the trim can count entries from the keys alone.
 */
interface Batch {
  first: string;
  count: number;
  entries: KmsRequestLogEntry[];
}

interface RequestLogDB extends DBSchema {
  batches: { key: [string, number]; value: Batch };
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
  const dbPromise: Promise<IDBPDatabase<RequestLogDB>> = openDB<RequestLogDB>(name, 2, {
    upgrade(db) {
      // Version 1 kept an entry per record; its entries are dropped with it (the log starts afresh).
      const stores = db.objectStoreNames as DOMStringList;
      if (stores.contains('entries')) db.deleteObjectStore('entries' as never);
      db.createObjectStore('batches', { keyPath: ['first', 'count'] });
    },
    // A newer kmsw in another tab upgrades this database: let it (this tab's later writes fail, and say so).
    blocking: () => void dbPromise.then((db) => db.close()),
    blocked: () => console.warn('[kmsw] the request log waits for the tabs of an older kmsw to close'),
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

  /**
   * Adds `batch` as one record, then drops whole records from the oldest while the newer ones keep at least `limit`
   * entries and one more record (batches of other tabs may overlap this one in time).
   */
  async function write(batch: KmsRequestLogEntry[]): Promise<void> {
    const db = await dbPromise;
    const tx = db.transaction('batches', 'readwrite');
    void tx.store.put({ first: batch[0]!.id, count: batch.length, entries: batch });
    const keys = await tx.store.getAllKeys();
    let kept = 0;
    let i = keys.length - 1;
    while (i >= 0 && kept < limit) kept += keys[i--]![1];
    const newestDropped = keys[i - 1];
    if (newestDropped !== undefined) void tx.store.delete(IDBKeyRange.upperBound(newestDropped));
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
      const stored = (await (await dbPromise).getAll('batches'))
        .flatMap((b) => b.entries)
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      if (heard.size > 0) {
        const storedIds = new Set(stored.map((entry) => entry.id));
        for (const [id, entry] of heard) {
          if (storedIds.has(id)) heard.delete(id);
          else insertSorted(stored, entry);
        }
      }
      // The database keeps whole batches, up to a batch or two more than `limit`.
      return stored.length > limit ? stored.slice(-limit) : stored;
    },
    subscribe: (listener) => addListener(listeners, listener),
    async clear() {
      unannounced = [];
      unwritten = [];
      heard.clear();
      await flush();
      await (await dbPromise).clear('batches');
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
