/**
 * Quotas through the real SDK: adjustable resource quotas (LimitExceededException) and request-rate quotas
 * (ThrottlingException from token buckets on the emulator clock) are opt-in with the `quotas` option; the SDK's
 * retry strategy rides a throttle out; `kmsw serve --quota` does the same over HTTP.
 */
import {
  ConnectCustomKeyStoreCommand,
  CreateAliasCommand,
  CreateCustomKeyStoreCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  ListKeysCommand,
  SignCommand,
  UpdateAliasCommand,
} from '@aws-sdk/client-kms';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { afterEach, expect, test, vi } from 'vitest';
import type { QuotaOptions } from '../src/kms/quotas/quota-settings.ts';
import type { KmsEmulatorOptions } from '../src/msw/emulator.ts';
import { setupKmsServer, type KmsServer } from '../src/msw/node.ts';
import { BACKENDS, CERT, SECRET } from './support/custom-key-store-backends.ts';
import { kmsClient } from './support/kms-fixture.ts';
import { serve } from './support/serve.ts';

const THROTTLED = 'You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.';
let server: KmsServer | undefined;

function start(quotas: QuotaOptions, options: Omit<KmsEmulatorOptions, 'quotas'> = {}): KmsServer {
  server = setupKmsServer({ ...options, quotas });
  server.listen({ onUnhandledFrame: 'error' });
  return server;
}

afterEach(async () => {
  vi.restoreAllMocks();
  server?.close();
  await server?.emulator.close();
  server = undefined;
});

const client = kmsClient();
const plaintext = new Uint8Array([1, 2, 3]);

test('a resource quota reached answers LimitExceededException: keys, aliases per key, grants per key', async () => {
  start({ keysPerRegion: 2, aliasesPerKey: 1, grantsPerKey: 2, grantsPerPrincipalPerKey: 1 });
  const first = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  const second = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  await expect(client.send(new CreateKeyCommand({}))).rejects.toMatchObject({
    name: 'LimitExceededException',
    message: 'The request would exceed the quota of 2 customer managed KMS keys in this account and Region.',
    $metadata: { httpStatusCode: 400 },
  });
  // Another Region has its own quota.
  await kmsClient({ region: 'eu-west-1' }).send(new CreateKeyCommand({}));

  await client.send(new CreateAliasCommand({ AliasName: 'alias/one', TargetKeyId: first }));
  await expect(
    client.send(new CreateAliasCommand({ AliasName: 'alias/two', TargetKeyId: first })),
  ).rejects.toMatchObject({ name: 'LimitExceededException' });
  await client.send(new CreateAliasCommand({ AliasName: 'alias/two', TargetKeyId: second }));
  await expect(
    client.send(new UpdateAliasCommand({ AliasName: 'alias/two', TargetKeyId: first })),
  ).rejects.toMatchObject({ name: 'LimitExceededException' });

  const grant = (GranteePrincipal: string) =>
    new CreateGrantCommand({ KeyId: first, GranteePrincipal, Operations: ['Encrypt'] });
  await client.send(grant('arn:aws:iam::000000000000:role/a'));
  await expect(client.send(grant('arn:aws:iam::000000000000:role/a'))).rejects.toMatchObject({
    name: 'LimitExceededException',
    message: 'The request would exceed the quota of 1 grants for this grantee principal on this KMS key.',
  });
  await client.send(grant('arn:aws:iam::000000000000:role/b'));
  await expect(client.send(grant('arn:aws:iam::000000000000:role/c'))).rejects.toMatchObject({
    name: 'LimitExceededException',
    message: 'The request would exceed the quota of 2 grants for this KMS key.',
  });
});

test('cryptographic operations share one bucket per key type; management operations have their own', async () => {
  // Real time stands still here, so only the emulator clock refills the buckets.
  const frozen = Date.now();
  vi.spyOn(Date, 'now').mockImplementation(() => frozen);
  const { emulator } = start({
    cryptographicOperationsSymmetric: 3,
    cryptographicOperationsEcc: 1,
    DescribeKey: 1,
  });
  const symmetric = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  const ecc = (await client.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' })))
    .KeyMetadata!.KeyId!;
  // Encrypt, GenerateDataKey and Decrypt draw on the same symmetric quota of 3 per second.
  const { CiphertextBlob } = await client.send(
    new EncryptCommand({ KeyId: symmetric, Plaintext: plaintext }),
  );
  await client.send(new GenerateDataKeyCommand({ KeyId: symmetric, KeySpec: 'AES_256' }));
  await client.send(new DecryptCommand({ CiphertextBlob }));
  await expect(
    client.send(new EncryptCommand({ KeyId: symmetric, Plaintext: plaintext })),
  ).rejects.toMatchObject({
    name: 'ThrottlingException',
    message: THROTTLED,
    $metadata: { httpStatusCode: 400 },
  });
  // The ECC quota and the per-API quotas are counted apart.
  const sign = () =>
    client.send(new SignCommand({ KeyId: ecc, Message: plaintext, SigningAlgorithm: 'ECDSA_SHA_256' }));
  await sign();
  await expect(sign()).rejects.toMatchObject({ name: 'ThrottlingException' });
  await client.send(new DescribeKeyCommand({ KeyId: symmetric }));
  await expect(client.send(new DescribeKeyCommand({ KeyId: symmetric }))).rejects.toMatchObject({
    name: 'ThrottlingException',
  });
  await client.send(new ListKeysCommand({}));
  // Another account has its own buckets.
  const other = kmsClient({ credentials: { accessKeyId: '111122223333', secretAccessKey: 'x' } });
  await other.send(new CreateKeyCommand({}));

  // A second of emulator time refills them.
  await emulator.admin.clock.advance(1000);
  await client.send(new EncryptCommand({ KeyId: symmetric, Plaintext: plaintext }));
  await sign();
});

test('an external key store has its own quota, where GenerateDataKey counts three times', async () => {
  const frozen = Date.now();
  vi.spyOn(Date, 'now').mockImplementation(() => frozen);
  const { emulator } = start(
    { externalKeyStoreRequests: 4 },
    { customKeyStoreBackends: BACKENDS, customKeyStoreConnectMs: 0 },
  );
  const { CustomKeyStoreId } = await client.send(
    new CreateCustomKeyStoreCommand({
      CustomKeyStoreName: 'xks',
      CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
      XksProxyConnectivity: 'PUBLIC_ENDPOINT',
      XksProxyUriEndpoint: 'https://xks.example.com',
      XksProxyUriPath: '/example/kms/xks/v1',
      XksProxyAuthenticationCredential: { AccessKeyId: 'ABCDEFGHIJKLMNOPQRST', RawSecretAccessKey: SECRET },
    }),
  );
  await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
  const keyId = (
    await client.send(
      new CreateKeyCommand({ Origin: 'EXTERNAL_KEY_STORE', CustomKeyStoreId, XksKeyId: 'xks-key-1' }),
    )
  ).KeyMetadata!.KeyId!;
  await client.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
  await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }));
  await expect(client.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }))).rejects.toMatchObject(
    {
      name: 'ThrottlingException',
    },
  );
  // An ordinary key is not held back by the store's quota.
  const ordinary = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  await client.send(new EncryptCommand({ KeyId: ordinary, Plaintext: plaintext }));
  await emulator.admin.clock.advance(1000);
  await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }));
});

test("an exhausted rate quota is ridden out by the SDK's retry strategy", async () => {
  start({ cryptographicOperationsSymmetric: 5 });
  const keyId = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  const retrying = kmsClient({ retryStrategy: new ConfiguredRetryStrategy(10, () => 250) });
  const attempts: number[] = [];
  for (let i = 0; i < 12; i++) {
    const out = await retrying.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }));
    attempts.push(out.$metadata.attempts!);
  }
  // The first five fit the bucket; later ones were throttled, retried after 250 ms, and succeeded.
  expect(attempts.slice(0, 5)).toEqual([1, 1, 1, 1, 1]);
  expect(attempts.some((n) => n > 1)).toBe(true);
  expect(attempts).toHaveLength(12);
});

test('with quotas off nothing is throttled or limited; unknown quota names are refused', async () => {
  start(false);
  const keyId = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  for (let i = 0; i < 30; i++) await client.send(new DescribeKeyCommand({ KeyId: keyId }));
  expect(() => setupKmsServer({ quotas: { keysPerGalaxy: 1 } as never })).toThrow(
    'quotas: keysPerGalaxy is not a KMS quota kmsw knows',
  );
  expect(() => setupKmsServer({ quotas: { CreateKey: 0 } })).toThrow(
    'quotas: CreateKey must be a positive number',
  );
});

test('kmsw serve --quota: a rate quota and a resource quota over HTTP', async () => {
  // One CreateKey per 10 s: the bucket cannot refill between two calls, only when the clock is moved.
  const { url } = serve(['--quota', 'CreateKey=0.1', '--quota', 'keysPerRegion=2']);
  const http = kmsClient({ endpoint: await url });
  await http.send(new CreateKeyCommand({}));
  await expect(http.send(new CreateKeyCommand({}))).rejects.toMatchObject({
    name: 'ThrottlingException',
    message: THROTTLED,
  });
  await fetch(`${await url}/_kmsw/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 10_000 }) });
  await http.send(new CreateKeyCommand({}));
  await fetch(`${await url}/_kmsw/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 10_000 }) });
  await expect(http.send(new CreateKeyCommand({}))).rejects.toMatchObject({ name: 'LimitExceededException' });
});

test('an AWS CloudHSM key store is throttled at 1,800 requests a second even with quotas off', async () => {
  const frozen = Date.now();
  vi.spyOn(Date, 'now').mockImplementation(() => frozen);
  server = setupKmsServer({ customKeyStoreBackends: BACKENDS, customKeyStoreConnectMs: 0 });
  server.listen({ onUnhandledFrame: 'error' });
  const { CustomKeyStoreId } = await client.send(
    new CreateCustomKeyStoreCommand({
      CustomKeyStoreName: 'hsm',
      CloudHsmClusterId: 'cluster-234abcdefgh',
      TrustAnchorCertificate: CERT,
      KeyStorePassword: 'kmsuser-password',
    }),
  );
  await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
  const keyId = (await client.send(new CreateKeyCommand({ Origin: 'AWS_CLOUDHSM', CustomKeyStoreId })))
    .KeyMetadata!.KeyId!;
  // GenerateDataKey counts three times against a key store's quota: 600 of them are one second's 1,800.
  for (let i = 0; i < 600; i++) {
    await client.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
  }
  await expect(client.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }))).rejects.toMatchObject(
    {
      name: 'ThrottlingException',
      message: THROTTLED,
    },
  );
  // A key outside the store is not held back, and the store's bucket refills on the emulator clock.
  const ordinary = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  await client.send(new EncryptCommand({ KeyId: ordinary, Plaintext: plaintext }));
  await server.emulator.admin.clock.advance(1000);
  await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }));
}, 120_000);
