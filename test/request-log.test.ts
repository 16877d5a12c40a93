/**
 * The request log through the real SDK: every call recorded in order with its redacted bodies (no plaintext, data
 * key or private key anywhere in the log), errors with their AWS code, the limit and `requestLog: false`, and
 * `onRequest` firing for each call.
 */
import {
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyPairCommand,
  GenerateRandomCommand,
} from '@aws-sdk/client-kms';
import { expect, test } from 'vitest';
import { createKmsEmulator, kmsRequestHandler, type KmsRequestLogEntry } from '../src/index.ts';
import { setupKmsServer } from '../src/msw/node.ts';
import { kmsClient, rawKms } from './support/kms-fixture.ts';

const text = new TextEncoder();
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

test('every call is logged oldest first, with scope, access key, key id, status and redacted bodies', async () => {
  const emulator = createKmsEmulator({ store: 'memory' });
  const client = kmsClient({ requestHandler: kmsRequestHandler({ emulator }), region: 'eu-west-1' });
  const heard: KmsRequestLogEntry[] = [];
  emulator.admin.onRequest((entry) => heard.push(entry));
  const keyId = (await client.send(new CreateKeyCommand({ Description: 'logged' }))).KeyMetadata!.KeyId!;
  const secret = text.encode('the secret plaintext');
  const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: secret }));
  const decrypted = await client.send(new DecryptCommand({ CiphertextBlob }));
  const dataKey = await client.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
  await expect(client.send(new DescribeKeyCommand({ KeyId: 'alias/missing' }))).rejects.toThrow();

  const log = await emulator.admin.requests();
  expect(log.map((e) => e.operation)).toEqual([
    'CreateKey',
    'Encrypt',
    'Decrypt',
    'GenerateDataKey',
    'DescribeKey',
  ]);
  expect(heard).toEqual(log);
  expect([...log].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(log);
  for (const entry of log) {
    expect(entry).toMatchObject({
      region: 'eu-west-1',
      account: '000000000000',
      accessKeyId: 'AKIAKMSWEXAMPLE',
    });
    expect(new Date(entry.time).toISOString()).toBe(entry.time);
    expect(entry.durationMs).toBeGreaterThanOrEqual(0);
  }
  const [created, encrypt, decrypt, generated, missing] = log as [
    KmsRequestLogEntry,
    KmsRequestLogEntry,
    KmsRequestLogEntry,
    KmsRequestLogEntry,
    KmsRequestLogEntry,
  ];
  expect(created).toMatchObject({ status: 200, keyId, request: { Description: 'logged' } });
  expect(created).not.toHaveProperty('errorCode');
  expect(encrypt).toMatchObject({
    keyId,
    request: { KeyId: keyId, Plaintext: `<redacted ${secret.length} bytes>` },
    response: { CiphertextBlob: b64(CiphertextBlob!) },
  });
  expect(decrypt.response).toMatchObject({ Plaintext: `<redacted ${decrypted.Plaintext!.length} bytes>` });
  expect(generated.response).toMatchObject({
    Plaintext: '<redacted 32 bytes>',
    CiphertextBlob: b64(dataKey.CiphertextBlob!),
  });
  expect(missing).toMatchObject({
    status: 400,
    errorCode: 'NotFoundException',
    errorMessage: 'Alias arn:aws:kms:eu-west-1:000000000000:alias/missing is not found.',
    keyId: 'alias/missing',
    response: { __type: 'NotFoundException' },
  });
  const whole = JSON.stringify(log);
  for (const value of [secret, decrypted.Plaintext!, dataKey.Plaintext!])
    expect(whole).not.toContain(b64(value));
  await emulator.close();
});

test('private keys and random bytes never reach the log', async () => {
  const handler = kmsRequestHandler();
  const client = kmsClient({ requestHandler: handler });
  const keyId = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  const pair = await client.send(
    new GenerateDataKeyPairCommand({ KeyId: keyId, KeyPairSpec: 'ECC_NIST_P256' }),
  );
  const random = await client.send(new GenerateRandomCommand({ NumberOfBytes: 64 }));
  const log = JSON.stringify(await handler.emulator.admin.requests());
  expect(log).not.toContain(b64(pair.PrivateKeyPlaintext!));
  expect(log).not.toContain(b64(random.Plaintext!));
  expect(log).toContain(`"PrivateKeyPlaintext":"<redacted ${pair.PrivateKeyPlaintext!.length} bytes>"`);
  expect(log).toContain('"Plaintext":"<redacted 64 bytes>"');
  expect(log).toContain(b64(pair.PublicKey!));
});

test('msw/node: raw requests the SDK cannot send are logged too (unknown target, body that is not JSON)', async () => {
  const server = setupKmsServer();
  server.listen({ onUnhandledFrame: 'error' });
  try {
    await rawKms('NoSuchOperation', '{}');
    await rawKms('Encrypt', '{"Plaintext": "not closed');
    const log = await server.emulator.admin.requests();
    expect(log).toMatchObject([
      {
        operation: 'TrentService.NoSuchOperation',
        status: 400,
        errorCode: 'UnknownOperationException',
        request: null,
      },
      { operation: 'Encrypt', status: 400, errorCode: 'SerializationException', request: null },
    ]);
    await server.emulator.admin.clearRequests();
    expect(await server.emulator.admin.requests()).toEqual([]);
  } finally {
    server.close();
    await server.emulator.close();
  }
});

test('requestLog.limit keeps the newest entries; requestLog: false records nothing', async () => {
  const limited = kmsRequestHandler({ requestLog: { limit: 2 } });
  const client = kmsClient({ requestHandler: limited });
  for (const n of [1, 2, 3]) await client.send(new GenerateRandomCommand({ NumberOfBytes: n }));
  expect((await limited.emulator.admin.requests()).map((e) => e.response)).toEqual([
    { Plaintext: '<redacted 2 bytes>' },
    { Plaintext: '<redacted 3 bytes>' },
  ]);

  const off = kmsRequestHandler({ requestLog: false });
  const heard: unknown[] = [];
  off.emulator.admin.onRequest((entry) => heard.push(entry));
  await kmsClient({ requestHandler: off }).send(new GenerateRandomCommand({ NumberOfBytes: 1 }));
  expect(await off.emulator.admin.requests()).toEqual([]);
  expect(heard).toEqual([]);
});

test('a limit that is not a positive integer fails where the emulator is created', () => {
  expect(() => createKmsEmulator({ requestLog: { limit: -1 } })).toThrow(
    'requestLog.limit must be a positive integer, got -1',
  );
});
