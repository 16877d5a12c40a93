/**
 * The IndexedDB request log (fake-indexeddb in Node): two logs on one database name are two tabs of an origin —
 * they read the same entries and hear each other's new entries (BroadcastChannel); the log is trimmed to its limit.
 */
import 'fake-indexeddb/auto';
import { expect, onTestFinished, test } from 'vitest';
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

test('the log lives in its own database, <databaseName>-requests', async () => {
  const name = uniqueName();
  const log = open(name);
  log.record(entry(1));
  await log.entries();
  const names = (await indexedDB.databases()).map((d) => d.name);
  expect(names).toContain(`${name}-requests`);
  expect(names).not.toContain(name);
});
