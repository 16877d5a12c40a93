/**
 * GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext through the real SDK on msw/node, for every
 * KeyPairSpec: the PKCS#8 private key matches the SPKI public key (checked with node:crypto, or @noble for ML-KEM),
 * the sealed private key decrypts with its encryption context only, and the recorded fields and errors.
 */
import { createPrivateKey, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import {
  CreateKeyCommand,
  DecryptCommand,
  GenerateDataKeyPairCommand,
  GenerateDataKeyPairWithoutPlaintextCommand,
  type DataKeyPairSpec,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { beforeAll, expect, test } from 'vitest';
import { keyArnOf, kmsClient, useKmsServer } from './support/kms-fixture.ts';
import { ML_KEM, spkiKey, tail } from './support/reference-crypto.ts';

useKmsServer();
const client = kmsClient();
const china = kmsClient({ region: 'cn-north-1' });
const context = { purpose: 'data key pair' };
let keyId: string;
let chinaKeyId: string;

beforeAll(async () => {
  keyId = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  chinaKeyId = (await china.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
});

const message = new TextEncoder().encode('proof of possession');

/** The private key signs (or decapsulates) in a way only the matching public key accepts. */
function expectPair(spec: DataKeyPairSpec, pkcs8: Uint8Array, spki: Uint8Array) {
  if (spec.startsWith('ML_KEM_')) {
    const kem = ML_KEM[spec as keyof typeof ML_KEM];
    // PKCS#8 seed form: ... [0] IMPLICIT OCTET STRING (64 bytes: d ‖ z), as AWS returns it.
    const seed = tail(pkcs8, 64);
    expect(Buffer.from(pkcs8.subarray(pkcs8.length - 66, pkcs8.length - 64)).toString('hex')).toBe('8040');
    const { publicKey, secretKey } = kem.keygen(seed);
    expect(Buffer.from(tail(spki, publicKey.length)).equals(Buffer.from(publicKey))).toBe(true);
    const { cipherText, sharedSecret } = kem.encapsulate(tail(spki, publicKey.length));
    expect(Buffer.from(kem.decapsulate(cipherText, secretKey)).equals(Buffer.from(sharedSecret))).toBe(true);
    return;
  }
  const privateKey = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  const publicKey = spkiKey(spki);
  expect(privateKey.asymmetricKeyType).toBe(publicKey.asymmetricKeyType);
  const hash = spec === 'ECC_NIST_EDWARDS25519' ? null : spec === 'SM2' ? 'sm3' : 'sha256';
  const signature = nodeSign(hash, message, privateKey);
  expect(nodeVerify(hash, message, publicKey, signature), spec).toBe(true);
  expect(nodeVerify(hash, message.subarray(1), publicKey, signature)).toBe(false);
}

const SPECS: [DataKeyPairSpec, string | undefined][] = [
  ['RSA_2048', 'rsa'],
  ['RSA_3072', 'rsa'],
  ['ECC_NIST_P256', 'ec'],
  ['ECC_NIST_P384', 'ec'],
  ['ECC_NIST_P521', 'ec'],
  ['ECC_SECG_P256K1', 'ec'],
  ['ECC_NIST_EDWARDS25519', 'ed25519'],
  ['ML_KEM_512', undefined],
  ['ML_KEM_768', undefined],
  ['ML_KEM_1024', undefined],
];

test('every KeyPairSpec gives a matching PKCS#8 / SPKI pair with the recorded fields', async () => {
  for (const [KeyPairSpec, type] of SPECS) {
    const { $metadata: _metadata, ...pair } = await client.send(
      new GenerateDataKeyPairCommand({ KeyId: keyId, KeyPairSpec, EncryptionContext: context }),
    );
    expect(Object.keys(pair).sort()).toEqual([
      'KeyId',
      'KeyMaterialId',
      'KeyPairSpec',
      'PrivateKeyCiphertextBlob',
      'PrivateKeyPlaintext',
      'PublicKey',
    ]);
    expect(pair).toMatchObject({
      KeyId: keyArnOf(keyId),
      KeyPairSpec,
      KeyMaterialId: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    if (type) expect(spkiKey(pair.PublicKey!).asymmetricKeyType).toBe(type);
    expectPair(KeyPairSpec, pair.PrivateKeyPlaintext!, pair.PublicKey!);
    const decrypted = await client.send(
      new DecryptCommand({ CiphertextBlob: pair.PrivateKeyCiphertextBlob, EncryptionContext: context }),
    );
    expect(decrypted.KeyId).toBe(keyArnOf(keyId));
    expect(
      Buffer.from(decrypted.Plaintext!).equals(Buffer.from(pair.PrivateKeyPlaintext!)),
      KeyPairSpec,
    ).toBe(true);
  }
});

test('an SM2 pair in cn-north-1 matches too (RSA_4096 is left out: its key generation is slow)', async () => {
  const sm2 = await china.send(new GenerateDataKeyPairCommand({ KeyId: chinaKeyId, KeyPairSpec: 'SM2' }));
  expect(sm2.KeyId).toBe(`arn:aws-cn:kms:cn-north-1:000000000000:key/${chinaKeyId}`);
  expectPair('SM2', sm2.PrivateKeyPlaintext!, sm2.PublicKey!);
});

test('WithoutPlaintext omits the private key; its blob decrypts only with the context (recorded)', async () => {
  const { $metadata: _metadata, ...pair } = await client.send(
    new GenerateDataKeyPairWithoutPlaintextCommand({
      KeyId: keyId,
      KeyPairSpec: 'ECC_NIST_P256',
      EncryptionContext: context,
    }),
  );
  expect(Object.keys(pair).sort()).toEqual([
    'KeyId',
    'KeyMaterialId',
    'KeyPairSpec',
    'PrivateKeyCiphertextBlob',
    'PublicKey',
  ]);
  await expect(
    client.send(new DecryptCommand({ CiphertextBlob: pair.PrivateKeyCiphertextBlob })),
  ).rejects.toMatchObject({ name: 'InvalidCiphertextException' });
  const { Plaintext } = await client.send(
    new DecryptCommand({ CiphertextBlob: pair.PrivateKeyCiphertextBlob, EncryptionContext: context }),
  );
  expectPair('ECC_NIST_P256', Plaintext!, pair.PublicKey!);
});

test('DryRun is the recorded DryRunOperationException for both operations', async () => {
  const expected = {
    name: 'DryRunOperationException',
    message: 'The request would have succeeded, but the DryRun option is set.',
    $metadata: { httpStatusCode: 400 },
  };
  await expect(
    client.send(new GenerateDataKeyPairCommand({ KeyId: keyId, KeyPairSpec: 'RSA_2048', DryRun: true })),
  ).rejects.toMatchObject(expected);
  await expect(
    client.send(
      new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: keyId, KeyPairSpec: 'RSA_2048', DryRun: true }),
    ),
  ).rejects.toMatchObject(expected);
});

test('the KMS key must be a symmetric encryption key; SM2 only in the China Regions', async () => {
  const send = (kms: KMSClient, KeyId: string, KeyPairSpec: DataKeyPairSpec) =>
    kms.send(new GenerateDataKeyPairCommand({ KeyId, KeyPairSpec }));
  const rsa = (await client.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' })))
    .KeyMetadata!.KeyId!;
  await expect(send(client, rsa, 'ECC_NIST_P256')).rejects.toMatchObject({
    name: 'InvalidKeyUsageException',
    message: `${keyArnOf(rsa)} key spec is RSA_2048 which is not valid for GenerateDataKeyPair.`,
  });
  const hmac = (
    await client.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }))
  ).KeyMetadata!.KeyId!;
  await expect(send(client, hmac, 'ECC_NIST_P256')).rejects.toMatchObject({
    name: 'InvalidKeyUsageException',
    message: `${keyArnOf(hmac)} key usage is GENERATE_VERIFY_MAC which is not valid for GenerateDataKeyPair.`,
  });
  await expect(send(client, keyId, 'SM2')).rejects.toMatchObject({
    name: 'ValidationException',
    message: 'KeyPairSpec SM2 is not supported in this region.',
  });
});
