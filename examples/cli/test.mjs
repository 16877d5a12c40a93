// `npx kmsw serve` from the installed package, driven by the AWS CLI and boto3, reset and clock moved through the
// admin HTTP API (/_kmsw/*). Needs `aws` and python3 with boto3 on PATH (.ci/run installs them).
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const KEY_ID = 'b1b2b3b4-0000-4000-8000-00000000c11a';

const version = (await run('npx', ['kmsw', '--version'])).stdout.trim();
const help = (await run('npx', ['kmsw', '--help'])).stdout;
assert.match(version, /^\d+\.\d+\.\d+/);
assert.match(help, /--no-admin-api/);

// The installed bin, started directly so SIGTERM reaches it (npx kmsw serve does the same).
const bin = fileURLToPath(new URL('bin/kmsw.js', import.meta.resolve('kmsw/package.json')));
const server = spawn(process.execPath, [bin, 'serve', '--port', '0', '--seed', 'seed.json'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const url = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    server.once('exit', (code) => reject(new Error(`kmsw serve exited with ${code}: ${out}`)));
  });
  const admin = async (method, path, body) => {
    const response = await fetch(`${url}/_kmsw/${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.equal(response.status, 200, `${method} /_kmsw/${path}`);
    return response.json();
  };
  assert.deepEqual(await admin('GET', 'health'), { status: 'ok', version });

  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'example',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_PAGER: '',
  };
  const aws = async (...args) =>
    JSON.parse(
      (await run('aws', ['--endpoint-url', url, '--output', 'json', 'kms', ...args], { env })).stdout || '{}',
    );

  // AWS CLI: the seeded key by alias, a new key, encrypt/decrypt with fileb:// (same in CLI v1 and v2).
  assert.equal((await aws('describe-key', '--key-id', 'alias/cli')).KeyMetadata.KeyId, KEY_ID);
  const created = (await aws('create-key', '--description', 'made by the AWS CLI')).KeyMetadata;
  const dir = mkdtempSync(join(tmpdir(), 'kmsw-cli-example-'));
  writeFileSync(join(dir, 'plain'), 'from the AWS CLI');
  const { CiphertextBlob } = await aws(
    'encrypt',
    '--key-id',
    created.KeyId,
    '--plaintext',
    `fileb://${join(dir, 'plain')}`,
  );
  writeFileSync(join(dir, 'blob'), Buffer.from(CiphertextBlob, 'base64'));
  const { Plaintext } = await aws('decrypt', '--ciphertext-blob', `fileb://${join(dir, 'blob')}`);
  assert.equal(Buffer.from(Plaintext, 'base64').toString(), 'from the AWS CLI');

  // The clock: a key scheduled for deletion in 7 days is gone once the clock is 8 days ahead.
  await aws('schedule-key-deletion', '--key-id', created.KeyId, '--pending-window-in-days', '7');
  const clock = await admin('POST', 'clock', { advanceMs: 8 * 24 * 60 * 60 * 1000 });
  assert.equal(clock.offsetMs, 8 * 24 * 60 * 60 * 1000);
  await assert.rejects(aws('describe-key', '--key-id', created.KeyId), /NotFoundException/);

  // Reset: back to the seed only, clock back to now.
  await admin('POST', 'reset');
  const keys = (await aws('list-keys')).Keys.map((k) => k.KeyId);
  assert.deepEqual(keys, [KEY_ID]);
  assert.equal((await admin('GET', 'clock')).offsetMs, 0);

  // boto3, then the request log it left.
  await admin('DELETE', 'requests');
  const boto = await run('python3', ['boto3_example.py', url]);
  process.stdout.write(boto.stdout);
  const state = await admin('GET', 'state');
  assert.equal(state.format, 'kmsw-state');
  console.log(
    `ok: AWS CLI ${(await run('aws', ['--version'])).stdout.trim() || 'present'}, boto3, admin API on ${url}`,
  );
} finally {
  server.kill('SIGTERM');
}
