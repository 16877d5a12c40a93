/**
 * The admin HTTP API of `kmsw serve` through real HTTP: health with the package version, reset to the seed, state
 * export and import (a bad document is refused and changes nothing), the clock, the request log, and that it is
 * never reachable through the AWS protocol; `kmsw --help`, `--version` and `--no-admin-api` through the bin.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { CreateKeyCommand, DescribeKeyCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { afterEach, expect, test } from 'vitest';
import { DAY_MS } from '../src/kms/clock.ts';
import { startKmsHttpServer, type KmsHttpServer } from '../src/msw/http-server.ts';
import { VERSION } from '../src/version.ts';
import { kmsClient } from './support/kms-fixture.ts';
import { spawnServe } from './support/serve-process.ts';

const run = promisify(execFile);
const SEEDED = '11111111-2222-4333-8444-555555555555';
const seed = { keys: [{ id: SEEDED, aliases: ['alias/seeded'] }] };

let server: KmsHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: Parameters<typeof startKmsHttpServer>[0] = {}) {
  server = await startKmsHttpServer({ port: 0, seed, ...options });
  return { url: server.url, client: kmsClient({ endpoint: server.url }) };
}

async function call(url: string, method: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as unknown };
}

const keyIds = async (client: ReturnType<typeof kmsClient>) =>
  ((await client.send(new ListKeysCommand({}))).Keys ?? []).map((k) => k.KeyId).sort();

test('the version constant is the package version', () => {
  expect(VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
});

test('GET /_kmsw/health answers ok with the version', async () => {
  const { url } = await start();
  expect(await call(`${url}/_kmsw/health`, 'GET')).toMatchObject({
    status: 200,
    json: { status: 'ok', version: VERSION },
  });
});

test('POST /_kmsw/reset returns to the seed and the start clock', async () => {
  const { url, client } = await start();
  const created = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  expect(await keyIds(client)).toEqual([SEEDED, created].sort());
  await call(`${url}/_kmsw/clock`, 'POST', { advanceMs: DAY_MS });
  expect(await call(`${url}/_kmsw/reset`, 'POST')).toMatchObject({ status: 200, json: { status: 'ok' } });
  expect(await keyIds(client)).toEqual([SEEDED]);
  expect((await call(`${url}/_kmsw/clock`, 'GET')).json).toMatchObject({ offsetMs: 0 });
});

test('GET /_kmsw/state exports; PUT imports it into another server; a bad document is a 400 and changes nothing', async () => {
  const first = await start({ seed: undefined });
  const keyId = (await first.client.send(new CreateKeyCommand({ Description: 'moved' }))).KeyMetadata!.KeyId!;
  const exported = await fetch(`${first.url}/_kmsw/state`);
  expect(exported.headers.get('content-type')).toBe('application/json');
  const doc = await exported.text();
  expect(JSON.parse(doc)).toMatchObject({ format: 'kmsw-state', version: 1 });
  await server!.close();

  const second = await start();
  expect(await call(`${second.url}/_kmsw/state`, 'PUT', doc)).toMatchObject({ status: 200 });
  expect(await keyIds(second.client)).toEqual([keyId]);
  const bad = await call(`${second.url}/_kmsw/state`, 'PUT', { format: 'kmsw-state', version: 99, data: {} });
  expect(bad.status).toBe(400);
  expect((bad.json as { message: string }).message).toMatch(/version/);
  expect((await call(`${second.url}/_kmsw/state`, 'PUT', '{not json')).status).toBe(400);
  expect(await keyIds(second.client)).toEqual([keyId]);
  expect(
    (await call(`${second.url}/_kmsw/state?mode=merge`, 'PUT', JSON.stringify(seedDoc(doc)))).status,
  ).toBe(200);
  expect((await call(`${second.url}/_kmsw/state?mode=sideways`, 'PUT', doc)).status).toBe(400);
});

/** A state document with no records: merging it changes nothing. */
function seedDoc(doc: string) {
  return { ...JSON.parse(doc), data: { keys: [], aliases: [], grants: [] } };
}

test('POST /_kmsw/clock advances or sets the offset and answers the time; the SDK sees the moved clock', async () => {
  const { url, client } = await start();
  const before = Date.now();
  const advanced = await call(`${url}/_kmsw/clock`, 'POST', { advanceMs: 3 * DAY_MS });
  expect(advanced.status).toBe(200);
  const { now, offsetMs } = advanced.json as { now: string; offsetMs: number };
  expect(offsetMs).toBe(3 * DAY_MS);
  expect(Date.parse(now)).toBeGreaterThanOrEqual(before + 3 * DAY_MS);
  expect(new Date(now).toISOString()).toBe(now);
  const created = (await client.send(new CreateKeyCommand({}))).KeyMetadata!;
  expect(created.CreationDate!.getTime()).toBeGreaterThanOrEqual(before + 3 * DAY_MS);
  expect((await call(`${url}/_kmsw/clock`, 'POST', { offsetMs: 5 })).json).toMatchObject({ offsetMs: 5 });
  for (const body of [{ advanceMs: -1 }, { advanceMs: 'x' }, { offsetMs: 1, advanceMs: 1 }, {}, [], 'nope']) {
    const refused = await call(`${url}/_kmsw/clock`, 'POST', body);
    expect(refused.status, JSON.stringify(body)).toBe(400);
  }
  expect((await call(`${url}/_kmsw/clock`, 'GET')).json).toMatchObject({ offsetMs: 5 });
});

test('GET /_kmsw/requests is the request log, oldest first; DELETE empties it', async () => {
  const { url, client } = await start();
  await client.send(new CreateKeyCommand({}));
  await client.send(new DescribeKeyCommand({ KeyId: 'alias/seeded' })).catch(() => undefined);
  const log = (await call(`${url}/_kmsw/requests`, 'GET')).json as {
    operation: string;
    accessKeyId: string;
  }[];
  expect(log.map((e) => e.operation)).toEqual(['CreateKey', 'DescribeKey']);
  expect(log[0]!.accessKeyId).toBe('AKIAKMSWEXAMPLE');
  expect(await call(`${url}/_kmsw/requests`, 'DELETE')).toMatchObject({ status: 200 });
  expect((await call(`${url}/_kmsw/requests`, 'GET')).json).toEqual([]);
});

test('the admin API is not reachable through the AWS protocol, and answers unknown routes and methods', async () => {
  const { url, client } = await start();
  await client.send(new CreateKeyCommand({}));
  const disguised = await call(`${url}/_kmsw/reset`, 'POST', {}, { 'x-amz-target': 'TrentService.ListKeys' });
  expect(disguised.status).toBe(400);
  expect(await keyIds(client)).toHaveLength(2);
  // An SDK given an endpoint under /_kmsw/ gets no KMS answer either.
  const misdirected = kmsClient({ endpoint: `${url}/_kmsw/requests` });
  await expect(misdirected.send(new ListKeysCommand({}))).rejects.toThrow();
  expect(await call(`${url}/_kmsw/nope`, 'GET')).toMatchObject({ status: 404 });
  const wrong = await call(`${url}/_kmsw/health`, 'DELETE');
  expect(wrong.status).toBe(405);
  expect(wrong.headers.get('allow')).toBe('GET');
  // A KMS request at the root still works beside it.
  expect(await keyIds(client)).toHaveLength(2);
});

test('with adminApi off, /_kmsw/ paths answer like any path without a KMS operation, even with X-Amz-Target', async () => {
  const { url, client } = await start({ adminApi: false });
  const health = await call(`${url}/_kmsw/health`, 'GET');
  expect(health).toMatchObject({ status: 400, json: { __type: 'UnknownOperationException' } });
  const disguised = await call(
    `${url}/_kmsw/reset`,
    'POST',
    {},
    { 'x-amz-target': 'TrentService.CreateKey' },
  );
  expect(disguised).toMatchObject({ status: 400, json: { __type: 'UnknownOperationException' } });
  expect(await keyIds(client)).toEqual([SEEDED]);
});

test('kmsw --version prints the version; kmsw --help documents serve, its flags and the admin API', async () => {
  expect((await run(process.execPath, ['bin/kmsw.js', '--version'])).stdout.trim()).toBe(VERSION);
  const help = (await run(process.execPath, ['bin/kmsw.js', '--help'])).stdout;
  for (const flag of [
    'serve',
    '--port',
    '--host',
    '--state',
    '--seed',
    '--account',
    '--region',
    '--no-admin-api',
  ]) {
    expect(help).toContain(flag);
  }
  expect(help).toContain('/_kmsw/health');
  expect((await run(process.execPath, ['bin/kmsw.js', 'serve', '--help'])).stdout).toBe(help);
  const unknown = await run(process.execPath, ['bin/kmsw.js', 'serve', '--bogus']).catch((e: unknown) => e);
  expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--bogus'") });
});

test('kmsw serve --no-admin-api turns the admin API off', async () => {
  const serve = spawnServe(['--port', '0', '--no-admin-api']);
  try {
    expect((await call(`${await serve.url}/_kmsw/health`, 'GET')).status).toBe(400);
  } finally {
    serve.child.kill('SIGKILL');
  }
});
