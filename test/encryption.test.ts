/**
 * Symmetric Encrypt, Decrypt and ReEncrypt through the real SDK on msw/node, with the recorded AWS behaviour:
 * encryption context binding, tampering, IncorrectKeyException, state errors, every form of KeyId, DryRun.
 */
import {
  CreateKeyCommand,
  DecryptCommand,
  DisableKeyCommand,
  EncryptCommand,
  ReEncryptCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { beforeAll, expect, test } from 'vitest';
import { keyArnOf, rawKms, useKmsServer } from './support/kms-fixture.ts';

const { client } = useKmsServer();
const text = new TextEncoder();
let keyId: string;

beforeAll(async () => {
  keyId = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
});

test('Encrypt then Decrypt round-trips and returns the recorded fields', async () => {
  const plaintext = text.encode('hello kmsw');
  const encrypted = await client.send(
    new EncryptCommand({ KeyId: keyId, Plaintext: plaintext, EncryptionContext: { purpose: 'test' } }),
  );
  expect(encrypted).toMatchObject({ KeyId: keyArnOf(keyId), EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
  expect(encrypted.CiphertextBlob!.length).toBeGreaterThan(plaintext.length + 16);
  const decrypted = await client.send(
    new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob, EncryptionContext: { purpose: 'test' } }),
  );
  expect(decrypted).toMatchObject({ KeyId: keyArnOf(keyId), EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
  expect(decrypted.KeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
  expect(new TextDecoder().decode(decrypted.Plaintext)).toBe('hello kmsw');
});

test('the same plaintext encrypts differently every time (fresh nonce)', async () => {
  const a = await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: text.encode('x') }));
  const b = await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: text.encode('x') }));
  expect(Buffer.from(a.CiphertextBlob!).equals(Buffer.from(b.CiphertextBlob!))).toBe(false);
});

test('a wrong, missing or colliding encryption context is InvalidCiphertextException with no message', async () => {
  const { CiphertextBlob } = await client.send(
    new EncryptCommand({ KeyId: keyId, Plaintext: text.encode('secret'), EncryptionContext: { a: 'bc' } }),
  );
  const contexts: (Record<string, string> | undefined)[] = [
    undefined,
    { a: 'b' },
    { ab: 'c' },
    { a: 'bc', d: 'e' },
  ];
  for (const EncryptionContext of contexts) {
    await expect(
      client.send(new DecryptCommand({ CiphertextBlob, EncryptionContext })),
    ).rejects.toMatchObject({
      name: 'InvalidCiphertextException',
      message: 'UnknownError',
      $metadata: { httpStatusCode: 400 },
    });
  }
});

test('a flipped bit, cut bytes or appended bytes are InvalidCiphertextException', async () => {
  const { CiphertextBlob } = await client.send(
    new EncryptCommand({ KeyId: keyId, Plaintext: text.encode('secret') }),
  );
  const blob = CiphertextBlob!;
  const variants: Uint8Array[] = [blob.slice(10), new Uint8Array([...blob, 1, 2, 3])];
  for (let i = 0; i < blob.length; i += 7) {
    const flipped = blob.slice();
    flipped[i]! ^= 0x01;
    variants.push(flipped);
  }
  for (const variant of variants) {
    await expect(client.send(new DecryptCommand({ CiphertextBlob: variant }))).rejects.toMatchObject({
      name: expect.stringMatching(/^(InvalidCiphertextException|NotFoundException)$/),
    });
  }
  // Bit flips outside the key id land on InvalidCiphertextException exactly.
  const tail = blob.slice();
  tail[tail.length - 1]! ^= 0x80;
  await expect(client.send(new DecryptCommand({ CiphertextBlob: tail }))).rejects.toMatchObject({
    name: 'InvalidCiphertextException',
  });
});

test('Decrypt with a KeyId naming another key is IncorrectKeyException', async () => {
  const other = (
    await client.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }))
  ).KeyMetadata!.KeyId!;
  const { CiphertextBlob } = await client.send(
    new EncryptCommand({ KeyId: keyId, Plaintext: text.encode('x') }),
  );
  await expect(client.send(new DecryptCommand({ CiphertextBlob, KeyId: other }))).rejects.toMatchObject({
    name: 'IncorrectKeyException',
    message: 'The key ID in the request does not identify a CMK that can perform this operation.',
  });
  await expect(
    client.send(new ReEncryptCommand({ CiphertextBlob, SourceKeyId: other, DestinationKeyId: keyId })),
  ).rejects.toMatchObject({ name: 'IncorrectKeyException' });
});

test('Encrypt accepts a key id, key ARN, alias name and alias ARN', async () => {
  for (const id of [keyId, keyArnOf(keyId)]) {
    const out = await client.send(new EncryptCommand({ KeyId: id, Plaintext: text.encode('x') }));
    expect(out.KeyId).toBe(keyArnOf(keyId));
  }
  await expect(
    client.send(new EncryptCommand({ KeyId: 'alias/missing', Plaintext: text.encode('x') })),
  ).rejects.toMatchObject({
    name: 'NotFoundException',
    message: 'Alias arn:aws:kms:us-east-1:000000000000:alias/missing is not found.',
  });
});

test('ReEncrypt moves a ciphertext to another key with the recorded fields', async () => {
  const destination = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  const { CiphertextBlob } = await client.send(
    new EncryptCommand({ KeyId: keyId, Plaintext: text.encode('move me'), EncryptionContext: { s: '1' } }),
  );
  const moved = await client.send(
    new ReEncryptCommand({
      CiphertextBlob,
      SourceEncryptionContext: { s: '1' },
      DestinationKeyId: destination,
      DestinationEncryptionContext: { d: '2' },
    }),
  );
  expect(moved).toMatchObject({
    KeyId: keyArnOf(destination),
    SourceKeyId: keyArnOf(keyId),
    SourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    DestinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
  });
  const back = await client.send(
    new DecryptCommand({ CiphertextBlob: moved.CiphertextBlob, EncryptionContext: { d: '2' } }),
  );
  expect(new TextDecoder().decode(back.Plaintext)).toBe('move me');
  expect(back.KeyId).toBe(keyArnOf(destination));
});

test('a disabled key is DisabledException, a key pending deletion KMSInvalidStateException', async () => {
  const id = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  const { CiphertextBlob } = await client.send(
    new EncryptCommand({ KeyId: id, Plaintext: text.encode('x') }),
  );
  await client.send(new DisableKeyCommand({ KeyId: id }));
  await expect(
    client.send(new EncryptCommand({ KeyId: id, Plaintext: text.encode('x') })),
  ).rejects.toMatchObject({
    name: 'DisabledException',
    message: `${keyArnOf(id)} is disabled.`,
  });
  await expect(client.send(new DecryptCommand({ CiphertextBlob }))).rejects.toMatchObject({
    name: 'DisabledException',
  });
  await client.send(new ScheduleKeyDeletionCommand({ KeyId: id }));
  await expect(client.send(new DecryptCommand({ CiphertextBlob }))).rejects.toMatchObject({
    name: 'KMSInvalidStateException',
    message: `${keyArnOf(id)} is pending deletion.`,
  });
});

test('Encrypt with a SIGN_VERIFY-usage error text and an oversize plaintext omit nothing AWS sends', async () => {
  const big = new Uint8Array(4268);
  await expect(client.send(new EncryptCommand({ KeyId: keyId, Plaintext: big }))).rejects.toMatchObject({
    name: 'ValidationException',
    message:
      "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096",
  });
});

test('DryRun answers DryRunOperationException after every check passes', async () => {
  await expect(
    client.send(new EncryptCommand({ KeyId: keyId, Plaintext: text.encode('x'), DryRun: true })),
  ).rejects.toMatchObject({
    name: 'DryRunOperationException',
    message: 'The request would have succeeded, but the DryRun option is set.',
    $metadata: { httpStatusCode: 400 },
  });
});

test('a raw Decrypt without CiphertextBlob is a not-null ValidationException', async () => {
  const { status, json } = await rawKms('Decrypt', '{}');
  expect(status).toBe(400);
  expect(json).toEqual({
    __type: 'ValidationException',
    message:
      "1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint: Member must not be null",
  });
});
