/**
 * `kmsw serve --identities FILE --enforce-policies --verify-signatures` with the AWS CLI: the README's access-control
 * example, run as written (its identities file, key policy and shell commands), plus SigV4 refusals over HTTP.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'kmsw-access-'));
const readme = readFileSync('README.md', 'utf8');
const section = readme.slice(readme.indexOf('## Access control'));
const blocks = [...section.matchAll(/```(json|sh)\n([\s\S]*?)```/g)].map((m) => m[2]!);
const [identitiesJson, policyJson, shell] = blocks as [string, string, string];

let child: ReturnType<typeof spawn>;
let url: string;

beforeAll(async () => {
  writeFileSync(join(dir, 'identities.json'), identitiesJson);
  writeFileSync(join(dir, 'policy.json'), policyJson);
  child = spawn(
    process.execPath,
    [
      'bin/kmsw.js',
      'serve',
      '--port',
      '0',
      '--identities',
      join(dir, 'identities.json'),
      '--enforce-policies',
      '--verify-signatures',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`kmsw serve exited with ${code}: ${out}`)));
  });
}, 60_000);

afterAll(() => {
  child?.kill('SIGTERM');
});

const cliEnv = { ...process.env, AWS_PAGER: '', AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1' };

test("the README's example: the app role decrypts with app=orders and is refused with app=billing", async () => {
  expect(identitiesJson).toContain('AKIAAPPROLE000000001');
  const script = shell
    .split('\n')
    .filter((line) => !line.startsWith('npx kmsw serve'))
    .join('\n')
    .replaceAll('http://127.0.0.1:4599', url);
  // The README's script sets the Region itself.
  const { AWS_REGION: _region, AWS_DEFAULT_REGION: _defaultRegion, ...env } = cliEnv;
  const result = await run('bash', ['-c', script], { cwd: dir, env }).catch(
    (error: { stdout: string; stderr: string }) => error,
  );
  const decrypted = JSON.parse(result.stdout.slice(result.stdout.indexOf('{')));
  expect(decrypted).toMatchObject({
    Plaintext: Buffer.from('hi').toString('base64'),
    EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
  });
  expect(result.stderr).toMatch(
    /An error occurred \(AccessDeniedException\) when calling the Decrypt operation: User: arn:aws:sts::111122223333:assumed-role\/app\/kmsw is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:111122223333:key\/[0-9a-f-]{36} because no identity-based policy allows the kms:Decrypt action/,
  );
}, 120_000);

const cli = (accessKeyId: string, secret: string, ...args: string[]) =>
  run('aws', ['--endpoint-url', url, '--output', 'json', 'kms', ...args], {
    env: { ...cliEnv, AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secret },
  }).catch((error: { stdout: string; stderr: string }) => error);

test('over HTTP: a wrong secret and an unknown access key are refused as AWS refuses them', async () => {
  const ok = await cli('AKIAADMIN00000000001', 'admin-secret', 'list-keys');
  expect(JSON.parse(ok.stdout).Keys.length).toBeGreaterThan(0);
  expect((await cli('AKIAADMIN00000000001', 'not-the-secret', 'list-keys')).stderr).toContain(
    'An error occurred (InvalidSignatureException) when calling the ListKeys operation: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  );
  expect((await cli('AKIAUNKNOWN000000001', 'x', 'list-keys')).stderr).toContain(
    'An error occurred (UnrecognizedClientException) when calling the ListKeys operation: The security token included in the request is invalid.',
  );
}, 120_000);

test('over HTTP: IAM policies decide operations on no key (the app role may not list keys)', async () => {
  expect((await cli('AKIAAPPROLE000000001', 'unused', 'list-keys')).stderr).toContain(
    'An error occurred (AccessDeniedException) when calling the ListKeys operation: User: arn:aws:sts::111122223333:assumed-role/app/kmsw is not authorized to perform: kms:ListKeys on resource: * because no identity-based policy allows the kms:ListKeys action',
  );
}, 120_000);

test('a bad identities file stops kmsw serve with status 2 and the reason', async () => {
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ AKIABAD: 'not-an-arn' }));
  const result = await run(process.execPath, [
    'bin/kmsw.js',
    'serve',
    '--port',
    '0',
    '--identities',
    join(dir, 'bad.json'),
  ]).catch((error: { code: number; stderr: string }) => error);
  expect(result).toMatchObject({ code: 2 });
  expect((result as { stderr: string }).stderr).toContain(
    `[kmsw] --identities ${join(dir, 'bad.json')}: identity AKIABAD: "arn" must be the ARN of an account root, IAM user, IAM role, assumed-role session or federated user, got "not-an-arn"`,
  );
}, 120_000);

test('--grant-propagation-ms needs --enforce-policies and a number', async () => {
  const serve = (...args: string[]) =>
    run(process.execPath, ['bin/kmsw.js', 'serve', '--port', '0', ...args]).catch(
      (error: { code: number; stderr: string }) => error,
    );
  expect(await serve('--grant-propagation-ms', '5000')).toMatchObject({
    code: 2,
    stderr: expect.stringContaining('[kmsw] --grant-propagation-ms needs --enforce-policies'),
  });
  expect(await serve('--enforce-policies', '--grant-propagation-ms', 'soon')).toMatchObject({
    code: 2,
    stderr: expect.stringContaining('[kmsw] --grant-propagation-ms must be milliseconds ≥ 0, got soon'),
  });
}, 60_000);
