/**
 * Encapsulate and Decapsulate (ML-KEM) through the real SDK on msw/node: a secret encapsulated locally with
 * @noble/post-quantum to the key's public key decapsulates in kmsw, kmsw's own encapsulations decapsulate, and
 * ciphertexts of the wrong length are InvalidCiphertextException.
 */
import {
  CreateKeyCommand,
  DecapsulateCommand,
  EncapsulateCommand,
  GetPublicKeyCommand,
  type KeySpec,
} from '@aws-sdk/client-kms';
import { beforeAll, expect, test } from 'vitest';
import { keyArnOf, kmsClient, rawKms, useKmsServer } from './support/kms-fixture.ts';
import { ML_KEM, tail } from './support/reference-crypto.ts';

useKmsServer();
const client = kmsClient();
const SPECS = ['ML_KEM_512', 'ML_KEM_768', 'ML_KEM_1024'] as const;
const keys: Partial<Record<KeySpec, { id: string; publicKey: Uint8Array }>> = {};

beforeAll(async () => {
  for (const spec of SPECS) {
    const id = (
      await client.send(new CreateKeyCommand({ KeySpec: spec, KeyUsage: 'ENCAPSULATE_DECAPSULATE' }))
    ).KeyMetadata!.KeyId!;
    const spki = (await client.send(new GetPublicKeyCommand({ KeyId: id }))).PublicKey!;
    keys[spec] = { id, publicKey: tail(spki, ML_KEM[spec].lengths.publicKey!) };
  }
});

const decapsulate = (KeyId: string, SharedSecretCiphertextBlob: Uint8Array) =>
  client.send(
    new DecapsulateCommand({ KeyId, SharedSecretCiphertextBlob, EncapsulationAlgorithm: 'ML_KEM' }),
  );

test('a secret encapsulated locally to the public key decapsulates in kmsw, for every parameter set', async () => {
  for (const spec of SPECS) {
    const { id, publicKey } = keys[spec]!;
    const { cipherText, sharedSecret } = ML_KEM[spec].encapsulate(publicKey);
    const { $metadata: _metadata, ...body } = await decapsulate(id, cipherText);
    expect(body).toEqual({
      KeyId: keyArnOf(id),
      SharedSecret: expect.any(Uint8Array),
      EncapsulationAlgorithm: 'ML_KEM',
    });
    expect(Buffer.from(body.SharedSecret!).equals(Buffer.from(sharedSecret)), spec).toBe(true);
  }
});

test('Encapsulate returns a ciphertext of the parameter set size whose secret Decapsulate recovers', async () => {
  for (const spec of SPECS) {
    const { id } = keys[spec]!;
    const { $metadata: _metadata, ...body } = await client.send(
      new EncapsulateCommand({ KeyId: id, EncapsulationAlgorithm: 'ML_KEM' }),
    );
    expect(body).toMatchObject({ KeyId: keyArnOf(id), EncapsulationAlgorithm: 'ML_KEM' });
    expect(body.SharedSecret).toHaveLength(32);
    expect(body.SharedSecretCiphertextBlob).toHaveLength(ML_KEM[spec].lengths.cipherText!);
    const back = await decapsulate(id, body.SharedSecretCiphertextBlob!);
    expect(Buffer.from(back.SharedSecret!).equals(Buffer.from(body.SharedSecret!))).toBe(true);
  }
});

test('a ciphertext of the wrong length is InvalidCiphertextException; a tampered one gives another secret', async () => {
  const { id, publicKey } = keys.ML_KEM_768!;
  const { cipherText, sharedSecret } = ML_KEM.ML_KEM_768.encapsulate(publicKey);
  for (const blob of [cipherText.subarray(1), new Uint8Array([...cipherText, 0]), new Uint8Array(10)]) {
    await expect(decapsulate(id, blob)).rejects.toMatchObject({
      name: 'InvalidCiphertextException',
      $metadata: { httpStatusCode: 400 },
    });
  }
  const { json } = await rawKms(
    'Decapsulate',
    JSON.stringify({ KeyId: id, SharedSecretCiphertextBlob: 'AAAA', EncapsulationAlgorithm: 'ML_KEM' }),
  );
  expect(json).toEqual({ __type: 'InvalidCiphertextException' });
  // ML-KEM rejects implicitly: a flipped bit yields a pseudo-random secret, not an error.
  const tampered = cipherText.slice();
  tampered[0]! ^= 1;
  const { SharedSecret } = await decapsulate(id, tampered);
  expect(Buffer.from(SharedSecret!).equals(Buffer.from(sharedSecret))).toBe(false);
});

test('other key usages and DryRun answer like the other cryptographic operations', async () => {
  const signing = (
    await client.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }))
  ).KeyMetadata!.KeyId!;
  await expect(
    client.send(new EncapsulateCommand({ KeyId: signing, EncapsulationAlgorithm: 'ML_KEM' })),
  ).rejects.toMatchObject({
    name: 'InvalidKeyUsageException',
    message: `${keyArnOf(signing)} key usage is SIGN_VERIFY which is not valid for Encapsulate.`,
  });
  await expect(decapsulate(signing, new Uint8Array(768))).rejects.toMatchObject({
    name: 'InvalidKeyUsageException',
    message: `${keyArnOf(signing)} key usage is SIGN_VERIFY which is not valid for Decapsulate.`,
  });
  await expect(
    client.send(
      new EncapsulateCommand({ KeyId: keys.ML_KEM_512!.id, EncapsulationAlgorithm: 'ML_KEM', DryRun: true }),
    ),
  ).rejects.toMatchObject({
    name: 'DryRunOperationException',
    message: 'The request would have succeeded, but the DryRun option is set.',
  });
});
