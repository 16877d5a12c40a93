/**
 * The ways in share one handler: the in-process request handler, msw handlers in a user's own setupServer, and
 * `kmsw serve` over HTTP (SDK with an endpoint, CORS preflight, --state persistence, and the AWS CLI when present).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CreateKeyCommand, DecryptCommand, DescribeKeyCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { setupServer } from 'msw/node';
import { expect, test } from 'vitest';
import { createKmsEmulator, kmsHandlers, kmsRequestHandler } from '../src/index.ts';
import { startKmsHttpServer } from '../src/msw/http-server.ts';
import { kmsClient } from './support/kms-fixture.ts';
import { spawnServe } from './support/serve-process.ts';

const run = promisify(execFile);
const text = new TextEncoder();

test('kmsRequestHandler answers the SDK in-process, sharing state with msw handlers on the same emulator', async () => {
  const emulator = createKmsEmulator({ store: 'memory' });
  const direct = kmsClient({ requestHandler: kmsRequestHandler({ emulator }) });
  const keyId = (await direct.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  const server = setupServer(...kmsHandlers({ emulator }));
  server.listen({ onUnhandledFrame: 'error' });
  try {
    const viaMsw = kmsClient();
    const { CiphertextBlob } = await viaMsw.send(
      new EncryptCommand({ KeyId: keyId, Plaintext: text.encode('shared') }),
    );
    const back = await direct.send(new DecryptCommand({ CiphertextBlob }));
    expect(new TextDecoder().decode(back.Plaintext)).toBe('shared');
  } finally {
    server.close();
    await emulator.close();
  }
});

test('kmsHandlers answers an extra endpoint URL given in options', async () => {
  const server = setupServer(...kmsHandlers({ store: 'memory', endpoints: ['http://kms.test:4599'] }));
  server.listen({ onUnhandledFrame: 'error' });
  try {
    const client = kmsClient({ endpoint: 'http://kms.test:4599', region: 'eu-central-1' });
    const created = (await client.send(new CreateKeyCommand({}))).KeyMetadata!;
    expect(created.Arn).toBe(`arn:aws:kms:eu-central-1:000000000000:key/${created.KeyId}`);
  } finally {
    server.close();
  }
});

test('kmsw serve answers the SDK over loopback, answers CORS preflights and persists --state atomically', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kmsw-'));
  const stateFile = join(dir, 'state.json');
  const first = await startKmsHttpServer({ port: 0, stateFile });
  let keyId: string;
  let blob: Uint8Array;
  try {
    const client = kmsClient({ endpoint: first.url });
    keyId = (await client.send(new CreateKeyCommand({ Description: 'persisted' }))).KeyMetadata!.KeyId!;
    blob = (await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: text.encode('on disk') })))
      .CiphertextBlob!;
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ format: 'kmsw-state', version: 1 });
    const preflight = await fetch(first.url, {
      method: 'OPTIONS',
      headers: { origin: 'http://app.test', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('*');
    // An answer carries its length (not chunked, as AWS) and what a browser needs to read it from another origin.
    const answer = await fetch(first.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'TrentService.ListKeys', 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
    const body = await answer.text();
    expect(answer.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
    expect(answer.headers.get('transfer-encoding')).toBeNull();
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('access-control-expose-headers')).toBe('x-amzn-requestid, x-amzn-errortype');
  } finally {
    await first.close();
  }
  const second = await startKmsHttpServer({ port: 0, stateFile });
  try {
    const client = kmsClient({ endpoint: second.url });
    expect((await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.Description).toBe(
      'persisted',
    );
    const back = await client.send(new DecryptCommand({ CiphertextBlob: blob }));
    expect(new TextDecoder().decode(back.Plaintext)).toBe('on disk');
  } finally {
    await second.close();
  }
});

test('npx kmsw serve starts from a clean clone, answers, and stops on SIGTERM', async () => {
  const serve = spawnServe(['--port', '0']);
  const { child } = serve;
  try {
    const url = await serve.url;
    const client = kmsClient({ endpoint: url });
    expect((await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyState).toBe('Enabled');
    child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
  } finally {
    child.kill('SIGKILL');
  }
});

test('the AWS CLI talks to kmsw serve', async () => {
  const aws = await run('aws', ['--version']).catch(() => undefined);
  if (!aws) {
    // .ci/run installs the AWS CLI; a developer machine without it checks everything else.
    console.warn('[kmsw] aws CLI not installed: CLI interop not checked here');
    return;
  }
  const server = await startKmsHttpServer({ port: 0 });
  try {
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'AKIAKMSWEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'kmsw',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_PAGER: '',
    };
    const cli = (...args: string[]) =>
      run('aws', ['--endpoint-url', server.url, '--output', 'json', 'kms', ...args], { env });
    const created = JSON.parse((await cli('create-key', '--description', 'from the CLI')).stdout);
    expect(created.KeyMetadata).toMatchObject({ Description: 'from the CLI', KeyState: 'Enabled' });
    // fileb:// passes raw bytes the same way in AWS CLI v1 and v2 (their string blob handling differs).
    const dir = mkdtempSync(join(tmpdir(), 'kmsw-cli-'));
    writeFileSync(join(dir, 'plain'), 'cli');
    const encrypted = JSON.parse(
      (
        await cli(
          'encrypt',
          '--key-id',
          created.KeyMetadata.KeyId,
          '--plaintext',
          `fileb://${join(dir, 'plain')}`,
        )
      ).stdout,
    );
    writeFileSync(join(dir, 'blob'), Buffer.from(encrypted.CiphertextBlob, 'base64'));
    const decrypted = JSON.parse(
      (await cli('decrypt', '--ciphertext-blob', `fileb://${join(dir, 'blob')}`)).stdout,
    );
    expect(Buffer.from(decrypted.Plaintext, 'base64').toString()).toBe('cli');
    const failure = await cli('describe-key', '--key-id', 'fake-key-id').catch((e: { stderr: string }) => e);
    expect((failure as { stderr: string }).stderr).toContain('NotFoundException');
    expect((failure as { stderr: string }).stderr).toContain("Invalid keyId 'fake-key-id'");
  } finally {
    await server.close();
  }
});
