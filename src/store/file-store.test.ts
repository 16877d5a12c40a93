/**
 * The file store (`kmsw serve --state FILE`) against the KmsStore contract, plus its journal: every commit is
 * appended and survives a reopen, compaction folds the journal into FILE, a torn last line is ignored, and FILE is
 * always a whole state document.
 */
import { appendFileSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import type { Scope } from '../kms/records.ts';
import { COMPACT_MIN_BYTES, openFileStore, readStateFile } from './file-store.ts';
import { parseState } from './state-document.ts';
import { del, put, runStoreContract } from './store-contract.ts';
import { ACCOUNT_A, REGION_1, makeAliasRecord, makeGrantRecord, makeKeyRecord } from './test-records.ts';

const A1: Scope = { account: ACCOUNT_A, region: REGION_1 };

/** State documents hold real key ids. */
const K1 = '00000000-0000-4000-8000-000000000001';
const K2 = '00000000-0000-4000-8000-000000000002';
const K3 = '00000000-0000-4000-8000-000000000003';
const K = '00000000-0000-4000-8000-00000000000a';

const tempState = () => join(mkdtempSync(join(tmpdir(), 'kmsw-file-store-')), 'state.json');

runStoreContract('file store', async () => (await openFileStore({ path: tempState() })).store);

async function openAt(path: string, clockOffsetMs?: () => number) {
  const opened = await openFileStore({ path, clockOffsetMs });
  onTestFinished(() => opened.store.close());
  return opened;
}

test('file store: a new FILE is a state document at once, and commits go to the journal, not FILE', async () => {
  const path = tempState();
  const { store, existed } = await openAt(path);
  expect(existed).toBe(false);
  expect(parseState(readFileSync(path, 'utf8')).data).toEqual({
    keys: [],
    aliases: [],
    grants: [],
    customKeyStores: [],
  });
  const fileBefore = readFileSync(path, 'utf8');
  await store.commit([put('keys', makeKeyRecord(A1, K1), null)]);
  await store.commit([put('aliases', makeAliasRecord(A1, 'alias/one', K1), null)]);
  expect(readFileSync(path, 'utf8')).toBe(fileBefore);
  expect(readFileSync(`${path}.journal`, 'utf8').trim().split('\n')).toHaveLength(2);
  // FILE and the journal together hold every commit.
  const read = readStateFile(path)!;
  expect(read.journalLines).toBe(2);
  expect(read.doc.data).toEqual(await store.snapshot());
});

test('file store: reopening replays the journal (puts, repeated puts, deletes) and compacts it into FILE', async () => {
  const path = tempState();
  const first = (await openFileStore({ path, clockOffsetMs: () => 42 })).store;
  await first.commit([put('keys', makeKeyRecord(A1, K1), null), put('keys', makeKeyRecord(A1, K2), null)]);
  await first.commit([put('keys', makeKeyRecord(A1, K1, { description: 'second' }), 1)]);
  await first.commit([del('keys', A1, K2, 1), put('grants', makeGrantRecord(A1, 'g', K1), null)]);
  const expected = await first.snapshot();
  // No close: as after SIGKILL, the journal was never folded into FILE.
  expect(parseState(readFileSync(path, 'utf8')).data.keys).toEqual([]);

  const { store, existed } = await openAt(path);
  expect(existed).toBe(true);
  expect(await store.snapshot()).toEqual(expected);
  expect((await store.get('keys', A1, K1))?.rev).toBe(2);
  expect(await store.listBy('grantsByKey', A1, K1)).toHaveLength(1);
  expect(parseState(readFileSync(path, 'utf8')).data).toEqual(expected);
  expect(readFileSync(`${path}.journal`, 'utf8')).toBe('');
});

test('file store: a torn last journal line (a crash mid-append) is ignored', async () => {
  const path = tempState();
  const first = (await openFileStore({ path })).store;
  await first.commit([put('keys', makeKeyRecord(A1, K1), null)]);
  const line = readFileSync(`${path}.journal`, 'utf8').replace(K1, K2);
  appendFileSync(`${path}.journal`, line.slice(0, line.length / 2));
  const { store } = await openAt(path);
  expect((await store.list('keys', A1)).map((k) => k.keyId)).toEqual([K1]);
});

test('file store: replaying a journal that FILE already holds (a crash before it was emptied) changes nothing', async () => {
  const path = tempState();
  const first = (await openFileStore({ path })).store;
  await first.commit([put('keys', makeKeyRecord(A1, K1), null)]);
  await first.commit([put('keys', makeKeyRecord(A1, K1, { description: 'v2' }), 1)]);
  await first.commit([del('keys', A1, K1, 2), put('keys', makeKeyRecord(A1, K3), null)]);
  const journal = readFileSync(`${path}.journal`, 'utf8');
  await first.close(); // compacts: FILE holds everything, the journal is empty
  writeFileSync(`${path}.journal`, journal);
  const { store } = await openAt(path);
  expect((await store.list('keys', A1)).map((k) => [k.keyId, k.rev])).toEqual([[K3, 1]]);
});

test('file store: the journal is compacted into FILE once it outgrows it, and FILE stays a state document', async () => {
  const path = tempState();
  const { store } = await openAt(path);
  await store.commit([put('keys', makeKeyRecord(A1, K), null)]);
  let compacted = false;
  for (let rev = 1; rev < 5000 && !compacted; rev++) {
    await store.commit([put('keys', makeKeyRecord(A1, K, { description: `v${rev + 1}` }), rev)]);
    compacted = statSync(`${path}.journal`).size < statSync(path).size;
    if (rev > 2) compacted &&= statSync(`${path}.journal`).size < COMPACT_MIN_BYTES / 2;
  }
  expect(compacted).toBe(true);
  const doc = parseState(readFileSync(path, 'utf8'));
  expect(doc.data.keys).toHaveLength(1);
  expect(readStateFile(path)!.doc.data).toEqual(await store.snapshot());
});

test('file store: flush writes the clock offset and every change to FILE and empties the journal', async () => {
  const path = tempState();
  let offset = 0;
  const { store } = await openAt(path, () => offset);
  await store.commit([put('keys', makeKeyRecord(A1, K), null)]);
  offset = 86_400_000;
  await store.flush();
  const doc = parseState(readFileSync(path, 'utf8'));
  expect(doc.clockOffsetMs).toBe(86_400_000);
  expect(doc.data.keys.map((k) => k.keyId)).toEqual([K]);
  expect(readFileSync(`${path}.journal`, 'utf8')).toBe('');
  expect(existsSync(`${path}.${process.pid}.tmp`)).toBe(false);
});
