/**
 * DeriveSharedSecret through the real SDK on msw/node: the secret equals node:crypto ECDH with the key's public key
 * (an SM2 reference in cn-north-1), both sides of two KMS keys agree, and the recorded errors.
 */
import { diffieHellman, generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  CreateKeyCommand,
  DeriveSharedSecretCommand,
  GetPublicKeyCommand,
  type KeySpec,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { beforeAll, expect, test } from 'vitest';
import { keyArnOf, kmsClient, rawKms, useKmsServer } from './support/kms-fixture.ts';
import { sm2Ecdh, spkiKey } from './support/reference-crypto.ts';

useKmsServer();
const client = kmsClient();
const china = kmsClient({ region: 'cn-north-1' });
const CURVES = {
  ECC_NIST_P256: 'prime256v1',
  ECC_NIST_P384: 'secp384r1',
  ECC_NIST_P521: 'secp521r1',
} as const;
const keys: Partial<Record<KeySpec, { id: string; spki: Uint8Array }>> = {};

async function agreementKey(spec: KeySpec, kms: KMSClient = client) {
  const id = (await kms.send(new CreateKeyCommand({ KeySpec: spec, KeyUsage: 'KEY_AGREEMENT' }))).KeyMetadata!
    .KeyId!;
  return { id, spki: (await kms.send(new GetPublicKeyCommand({ KeyId: id }))).PublicKey! };
}

beforeAll(async () => {
  for (const spec of Object.keys(CURVES) as (keyof typeof CURVES)[]) keys[spec] = await agreementKey(spec);
  keys.SM2 = await agreementKey('SM2', china);
});

const derive = (KeyId: string, PublicKey: Uint8Array, kms: KMSClient = client) =>
  kms.send(new DeriveSharedSecretCommand({ KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey }));

test('the shared secret equals node:crypto ECDH with the key public key, for P-256, P-384 and P-521', async () => {
  for (const [spec, namedCurve] of Object.entries(CURVES) as [keyof typeof CURVES, string][]) {
    const { id, spki } = keys[spec]!;
    const local = generateKeyPairSync('ec', { namedCurve });
    const localSpki = new Uint8Array(local.publicKey.export({ format: 'der', type: 'spki' }));
    const { $metadata: _metadata, SharedSecret, ...rest } = await derive(id, localSpki);
    expect(rest).toEqual({ KeyId: keyArnOf(id), KeyAgreementAlgorithm: 'ECDH', KeyOrigin: 'AWS_KMS' });
    const expected = diffieHellman({ privateKey: local.privateKey, publicKey: spkiKey(spki) });
    expect(Buffer.from(SharedSecret!).equals(expected), spec).toBe(true);
  }
});

test('two KMS keys derive the same secret from each other public keys (recorded)', async () => {
  const a = keys.ECC_NIST_P256!;
  const b = await agreementKey('ECC_NIST_P256');
  const ab = await derive(a.id, b.spki);
  const ba = await derive(b.id, a.spki);
  expect(ab.SharedSecret!.length).toBe(32);
  expect(Buffer.from(ab.SharedSecret!).equals(Buffer.from(ba.SharedSecret!))).toBe(true);
});

test('SM2 in cn-north-1: ECDH on the SM2 curve matches a local reference', async () => {
  const { id, spki } = keys.SM2!;
  const d = BigInt(`0x${randomBytes(31).toString('hex')}`) + 1n;
  const local = sm2Ecdh(d, spki, spki);
  const { SharedSecret, KeyId } = await derive(id, local.spki, china);
  expect(KeyId).toBe(`arn:aws-cn:kms:cn-north-1:000000000000:key/${id}`);
  expect(Buffer.from(SharedSecret!).equals(Buffer.from(local.secret))).toBe(true);
});

test('a garbage or wrong-curve public key is ValidationException with no message (recorded)', async () => {
  const { id } = keys.ECC_NIST_P256!;
  const p384 = keys.ECC_NIST_P384!.spki;
  const ed25519 = new Uint8Array(
    generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }),
  );
  for (const PublicKey of [new TextEncoder().encode('garbage'), p384, ed25519, keys.SM2!.spki]) {
    await expect(derive(id, PublicKey)).rejects.toMatchObject({
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
  }
  const { status, json } = await rawKms(
    'DeriveSharedSecret',
    JSON.stringify({
      KeyId: id,
      KeyAgreementAlgorithm: 'ECDH',
      PublicKey: Buffer.from('garbage').toString('base64'),
    }),
  );
  expect(status).toBe(400);
  expect(json).toEqual({ __type: 'ValidationException' });
});

test('keys of other usages and an unknown algorithm answer with the recorded errors', async () => {
  const signing = (
    await client.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }))
  ).KeyMetadata!.KeyId!;
  const symmetric = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  const peer = keys.ECC_NIST_P256!.spki;
  await expect(derive(signing, peer)).rejects.toMatchObject({
    name: 'InvalidKeyUsageException',
    message: `${keyArnOf(signing)} key usage is SIGN_VERIFY which is not valid for DeriveSharedSecret.`,
  });
  await expect(derive(symmetric, peer)).rejects.toMatchObject({
    name: 'InvalidKeyUsageException',
    message: `${keyArnOf(symmetric)} key usage is ENCRYPT_DECRYPT which is not valid for DeriveSharedSecret.`,
  });
  await expect(
    client.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'KEY_AGREEMENT' })),
  ).rejects.toMatchObject({
    name: 'ValidationException',
    message: 'KeyUsage KEY_AGREEMENT is not compatible with KeySpec RSA_2048',
  });
  const { json } = await rawKms(
    'DeriveSharedSecret',
    JSON.stringify({
      KeyId: keys.ECC_NIST_P256!.id,
      KeyAgreementAlgorithm: 'INVALID',
      PublicKey: Buffer.from(peer).toString('base64'),
    }),
  );
  expect(json).toEqual({
    __type: 'ValidationException',
    message:
      "1 validation error detected: Value 'INVALID' at 'keyAgreementAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [ECDH]",
  });
});

test('DryRun answers DryRunOperationException once the public key is valid', async () => {
  const { id, spki } = keys.ECC_NIST_P256!;
  await expect(
    client.send(
      new DeriveSharedSecretCommand({
        KeyId: id,
        KeyAgreementAlgorithm: 'ECDH',
        PublicKey: spki,
        DryRun: true,
      }),
    ),
  ).rejects.toMatchObject({ name: 'DryRunOperationException' });
});
