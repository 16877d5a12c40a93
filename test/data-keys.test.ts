/**
 * GenerateDataKey, GenerateDataKeyWithoutPlaintext and GenerateRandom through the real SDK on msw/node.
 */
import {
  CreateKeyCommand,
  DecryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GenerateRandomCommand,
} from '@aws-sdk/client-kms';
import { beforeAll, expect, test } from 'vitest';
import { keyArnOf, rawKms, useKmsServer } from './support/kms-fixture.ts';

const { client } = useKmsServer();
let keyId: string;

beforeAll(async () => {
  keyId = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
});

test.each([
  [{ KeySpec: 'AES_256' as const }, 32],
  [{ KeySpec: 'AES_128' as const }, 16],
  [{ NumberOfBytes: 1 }, 1],
  [{ NumberOfBytes: 1024 }, 1024],
])('GenerateDataKey %o gives %i bytes whose ciphertext decrypts to them', async (spec, length) => {
  const out = await client.send(
    new GenerateDataKeyCommand({ KeyId: keyId, ...spec, EncryptionContext: { k: 'v' } }),
  );
  expect(out.KeyId).toBe(keyArnOf(keyId));
  expect(out.Plaintext!.length).toBe(length);
  expect(out.KeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
  const back = await client.send(
    new DecryptCommand({ CiphertextBlob: out.CiphertextBlob, EncryptionContext: { k: 'v' } }),
  );
  expect(Buffer.from(back.Plaintext!).equals(Buffer.from(out.Plaintext!))).toBe(true);
  await expect(client.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob }))).rejects.toMatchObject(
    {
      name: 'InvalidCiphertextException',
    },
  );
});

test('GenerateDataKeyWithoutPlaintext returns only CiphertextBlob, KeyId and KeyMaterialId', async () => {
  const out = await client.send(
    new GenerateDataKeyWithoutPlaintextCommand({ KeyId: keyId, KeySpec: 'AES_256' }),
  );
  const { $metadata: _, ...fields } = out;
  expect(Object.keys(fields).sort()).toEqual(['CiphertextBlob', 'KeyId', 'KeyMaterialId']);
  const back = await client.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob }));
  expect(back.Plaintext!.length).toBe(32);
});

test('GenerateDataKey needs exactly one of KeySpec and NumberOfBytes', async () => {
  for (const input of [{}, { KeySpec: 'AES_256' as const, NumberOfBytes: 32 }]) {
    await expect(client.send(new GenerateDataKeyCommand({ KeyId: keyId, ...input }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Please specify either number of bytes or key spec.',
    });
  }
});

test.each([1, 12, 44, 91, 1024])('GenerateRandom returns %i random bytes', async (n) => {
  const a = await client.send(new GenerateRandomCommand({ NumberOfBytes: n }));
  expect(a.Plaintext!.length).toBe(n);
});

test('GenerateRandom rejects a missing, zero or too-large NumberOfBytes as AWS does', async () => {
  await expect(client.send(new GenerateRandomCommand({}))).rejects.toMatchObject({
    name: 'ValidationException',
    message: 'NumberOfBytes is required.',
  });
  await expect(client.send(new GenerateRandomCommand({ NumberOfBytes: 0 }))).rejects.toMatchObject({
    message:
      "1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater than or equal to 1",
  });
  const { status, json } = await rawKms('GenerateRandom', '{"NumberOfBytes":1025}');
  expect(status).toBe(400);
  expect(json).toEqual({
    __type: 'ValidationException',
    message:
      "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024",
  });
});
