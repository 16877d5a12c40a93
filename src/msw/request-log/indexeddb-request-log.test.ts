/**
 * The IndexedDB request log (fake-indexeddb in Node): two logs on one database name are two tabs of an origin —
 * they read the same entries and hear each other's new entries (BroadcastChannel); the log is trimmed to its limit;
 * entries reach the database in batches, a record each, and at once when the page is hidden.
 */
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { expect, onTestFinished, test, vi } from 'vitest';
import { toLogEntry, type KmsRequestLogEntry } from './entry.ts';
import { createIndexedDbRequestLog } from './indexeddb-request-log.ts';
import type { RequestLog } from './request-log.ts';

let counter = 0;
const uniqueName = () => `kmsw-log-test-${process.pid}-${++counter}`;

function open(databaseName: string, limit?: number): RequestLog {
  const log = createIndexedDbRequestLog({ databaseName, ...(limit ? { limit } : {}) });
  onTestFinished(() => log.close());
  return log;
}

const entry = (startedAt: number, keyId = 'k'): KmsRequestLogEntry =>
  toLogEntry({
    requestId: 'r',
    startedAt,
    durationMs: 1,
    target: 'TrentService.DescribeKey',
    operation: 'DescribeKey',
    account: '000000000000',
    region: 'us-east-1',
    request: { KeyId: keyId },
    requestLength: 20,
    status: 200,
    response: { KeyMetadata: { KeyId: keyId } },
  });

function nextEntry(log: RequestLog): Promise<KmsRequestLogEntry> {
  return new Promise((resolve) => {
    const off = log.subscribe((e) => {
      off();
      resolve(e);
    });
  });
}

test('two tabs share one log: entries from both, oldest first, and each hears the other', async () => {
  const name = uniqueName();
  const tabA = open(name);
  const tabB = open(name);
  const heardByB = nextEntry(tabB);
  const a = entry(1000, 'from-a');
  tabA.record(a);
  expect(await heardByB).toEqual(a);
  const heardByA = nextEntry(tabA);
  const b = entry(2000, 'from-b');
  tabB.record(b);
  expect(await heardByA).toEqual(b);
  expect(await tabA.entries()).toEqual([a, b]);
  expect(await tabB.entries()).toEqual([a, b]);
});

test('entries survive a reopen; the log is trimmed to its limit; clear empties it for every tab', async () => {
  const name = uniqueName();
  const first = createIndexedDbRequestLog({ databaseName: name, limit: 5 });
  const entries = Array.from({ length: 12 }, (_, i) => entry(1000 + i));
  for (const e of entries) first.record(e);
  await first.close();
  const again = open(name, 5);
  expect(await again.entries()).toEqual(entries.slice(-5));
  const other = open(name, 5);
  await other.clear();
  expect(await again.entries()).toEqual([]);
});

test('each write is one record; old records go whole, while the newer ones hold the limit and one record more', async () => {
  const name = uniqueName();
  const log = open(name, 5);
  const batches = [0, 1, 2, 3].map((b) => [0, 1, 2].map((i) => entry(1000 + 10 * b + i)));
  for (const batch of batches) {
    for (const e of batch) log.record(e);
    await log.entries(); // writes what is pending, as one batch
  }
  const db = await openDB(`${name}-requests`);
  onTestFinished(() => db.close());
  expect(await db.count('batches')).toBe(3);
  // Batches 2-4 hold 9 entries: 4 and 3 (six) hold the limit, 2 is the one record more; batch 1 is gone.
  expect(await stored(name)).toEqual(
    batches
      .slice(1)
      .flat()
      .map((e) => e.id),
  );
  expect(await log.entries()).toEqual(batches.flat().slice(-5));
});

test('a database of the first version (a record per entry) is replaced by an empty log', async () => {
  const name = uniqueName();
  const old = await openDB(`${name}-requests`, 1, {
    upgrade: (db) => void db.createObjectStore('entries', { keyPath: 'id' }),
  });
  await old.put('entries', entry(1));
  old.close();
  const log = open(name);
  expect(await log.entries()).toEqual([]);
  const e = entry(2);
  log.record(e);
  expect(await log.entries()).toEqual([e]);
});

test('a newer version of the database opened in another tab is not kept waiting', async () => {
  const name = uniqueName();
  const log = open(name);
  log.record(entry(1));
  await log.entries();
  const newer = await openDB(`${name}-requests`, 3);
  expect(newer.version).toBe(3);
  newer.close();
});

test('the log lives in its own database, <databaseName>-requests', async () => {
  const name = uniqueName();
  const log = open(name);
  log.record(entry(1));
  await log.entries();
  const names = (await indexedDB.databases()).map((d) => d.name);
  expect(names).toContain(`${name}-requests`);
  expect(names).not.toContain(name);
});

/** What the database holds, read past every log (a tab opened later reads this). */
async function stored(name: string): Promise<string[]> {
  const db = await openDB(`${name}-requests`);
  try {
    const batches = (await db.getAll('batches')) as { entries: KmsRequestLogEntry[] }[];
    return batches.flatMap((b) => b.entries.map((e) => e.id)).sort();
  } finally {
    db.close();
  }
}

/** Waits, without timers (they are faked here), until `check` holds; fails after 2 s. */
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = performance.now() + 2_000;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Timers under the test's control; IndexedDB (fake-indexeddb) and BroadcastChannel keep running. */
function fakeTimers() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  onTestFinished(() => void vi.useRealTimers());
}

test('other tabs hear entries after ~10 ms; the database gets them in one write after ~100 ms', async () => {
  const name = uniqueName();
  const tabA = open(name);
  await tabA.entries(); // the database exists
  const tabB = open(name);
  const heardByB: string[] = [];
  tabB.subscribe((e) => heardByB.push(e.id));
  fakeTimers();
  const ids = [entry(1000), entry(1001), entry(1002)].map((e) => (tabA.record(e), e.id));
  vi.advanceTimersByTime(10);
  await until(() => heardByB.length === 3);
  expect(heardByB).toEqual(ids);
  expect(await stored(name)).toEqual([]);
  // Heard and not yet written: the other tab's log has them anyway.
  expect((await tabB.entries()).map((e) => e.id)).toEqual(ids);
  vi.advanceTimersByTime(90);
  await until(async () => (await stored(name)).length === 3);
  expect(await stored(name)).toEqual(ids);
});

test('pending entries are written when the page is hidden, before their batch is due', async () => {
  const page = new EventTarget();
  const global = globalThis as { addEventListener?: unknown; removeEventListener?: unknown };
  global.addEventListener = page.addEventListener.bind(page);
  global.removeEventListener = page.removeEventListener.bind(page);
  onTestFinished(() => {
    delete global.addEventListener;
    delete global.removeEventListener;
  });
  const name = uniqueName();
  const log = open(name);
  await log.entries();
  fakeTimers();
  const e = entry(1000);
  log.record(e);
  page.dispatchEvent(new Event('pagehide'));
  await until(async () => (await stored(name)).length === 1);
  expect(await stored(name)).toEqual([e.id]);
});

test('a burst of 32 entries is written at once, without waiting for the batch timer', async () => {
  const name = uniqueName();
  const log = open(name);
  await log.entries();
  fakeTimers();
  const ids = Array.from({ length: 32 }, (_, i) => entry(1000 + i)).map((e) => (log.record(e), e.id));
  await until(async () => (await stored(name)).length === 32);
  expect(await stored(name)).toEqual(ids);
});
