// Jest in native ESM mode (node --experimental-vm-modules), no transform: kmsw/node is plain built JavaScript.
import { CreateKeyCommand, GenerateDataKeyCommand, DecryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { afterAll, afterEach, beforeAll, expect, test } from '@jest/globals';
import { setupKmsServer } from 'kmsw/node';

const server = setupKmsServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.emulator.admin.reset());
afterAll(() => server.close());

const kms = new KMSClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'example' },
});

test('a data key decrypts back to its plaintext', async () => {
  const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
  const dataKey = await kms.send(
    new GenerateDataKeyCommand({ KeyId: KeyMetadata.KeyId, KeySpec: 'AES_256' }),
  );
  const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob }));
  expect(Buffer.from(Plaintext)).toEqual(Buffer.from(dataKey.Plaintext));
  const log = await server.emulator.admin.requests();
  expect(log.map((entry) => entry.operation)).toEqual(['CreateKey', 'GenerateDataKey', 'Decrypt']);
  expect(log[1].response.Plaintext).toBe('<redacted 32 bytes>');
});
