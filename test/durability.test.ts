/**
 * `kmsw serve --state FILE` survives SIGKILL: many concurrent CreateKey calls, the process killed in the middle,
 * restarted on the same FILE — twice. Every key whose CreateKey was answered 200 is there and usable
 * (Encrypt/Decrypt); FILE is always a whole, valid state document, and FILE with its journal (FILE.journal, the
 * commits since FILE was last compacted) holds every acknowledged key.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DecryptCommand, DescribeKeyCommand, EncryptCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { expect, test } from 'vitest';
import { readStateFile } from '../src/store/file-store.ts';
import { parseState } from '../src/store/state-document.ts';
import { kmsClient } from './support/kms-fixture.ts';

const WORKERS = 32;
const KILL_AFTER = 150;

async function serve(stateFile: string): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
  const child = spawn(process.execPath, ['bin/kmsw.js', 'serve', '--port', '0', '--state', stateFile]);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`kmsw serve exited with ${code}: ${out}`)));
  });
  return { child, url };
}

async function createKey(url: string, n: number): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.CreateKey' },
    body: JSON.stringify({ Description: `durable ${n}` }),
  });
  if (response.status !== 200) throw new Error(`CreateKey answered ${response.status}`);
  return ((await response.json()) as { KeyMetadata: { KeyId: string } }).KeyMetadata.KeyId;
}

/** Fires CreateKey from WORKERS concurrent loops and SIGKILLs the server after KILL_AFTER answers. */
async function createUntilKilled(stateFile: string): Promise<{ acknowledged: string[]; lost: number }> {
  const { child, url } = await serve(stateFile);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const acknowledged: string[] = [];
  let lost = 0;
  let sent = 0;
  const worker = async () => {
    for (;;) {
      const n = sent++;
      try {
        acknowledged.push(await createKey(url, n));
      } catch {
        lost++; // in flight when the process died: no answer, so no promise was made
        return;
      }
      if (acknowledged.length === KILL_AFTER) child.kill('SIGKILL');
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  await exited;
  return { acknowledged, lost };
}

test('kmsw serve --state: every acknowledged CreateKey survives SIGKILL, twice', async () => {
  const stateFile = join(mkdtempSync(join(tmpdir(), 'kmsw-durable-')), 'state.json');
  const first = await createUntilKilled(stateFile);
  // FILE itself parses as a whole state document; with the journal replayed it holds every acknowledged key.
  parseState(readFileSync(stateFile, 'utf8'));
  expect(readStateFile(stateFile)!.doc.data.keys.length).toBeGreaterThanOrEqual(first.acknowledged.length);
  const second = await createUntilKilled(stateFile);
  const acknowledged = [...first.acknowledged, ...second.acknowledged];
  expect(first.acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
  expect(second.acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
  console.log(
    `[durability] ${acknowledged.length} CreateKey acknowledged over two SIGKILLs (${first.lost + second.lost} requests cut off in flight)`,
  );

  parseState(readFileSync(stateFile, 'utf8'));
  const doc = readStateFile(stateFile)!.doc;
  const stored = new Set(doc.data.keys.map((k) => k.keyId));
  expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);

  const { child, url } = await serve(stateFile);
  try {
    const client = kmsClient({ endpoint: url });
    const listed = new Set<string>();
    let marker: string | undefined;
    do {
      const page = await client.send(new ListKeysCommand({ Marker: marker }));
      for (const k of page.Keys ?? []) listed.add(k.KeyId!);
      marker = page.NextMarker;
    } while (marker);
    expect(acknowledged.filter((id) => !listed.has(id))).toEqual([]);
    // Every acknowledged key is usable; check a spread of them (all of them would only repeat the same path).
    for (const keyId of acknowledged.filter((_, i) => i % 10 === 0)) {
      const { KeyMetadata } = await client.send(new DescribeKeyCommand({ KeyId: keyId }));
      expect(KeyMetadata!.KeyState).toBe('Enabled');
      const plaintext = new TextEncoder().encode(keyId);
      const { CiphertextBlob } = await client.send(
        new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }),
      );
      const back = await client.send(new DecryptCommand({ CiphertextBlob }));
      expect(new TextDecoder().decode(back.Plaintext)).toBe(keyId);
    }
  } finally {
    child.kill('SIGKILL');
  }
}, 60_000);
