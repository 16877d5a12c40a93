/**
 * GetPublicKey through the real SDK on msw/node: the SPKI (read back with node:crypto), spec, usage and the
 * algorithm list of the key's usage only; refused for symmetric and HMAC keys and for keys not Enabled.
 */
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DisableKeyCommand,
  GetPublicKeyCommand,
  ScheduleKeyDeletionCommand,
  type CreateKeyCommandInput,
} from '@aws-sdk/client-kms';
import { expect, test } from 'vitest';
import { keyArnOf, kmsClient, useKmsServer } from './support/kms-fixture.ts';
import { ML_KEM, spkiKey, tail } from './support/reference-crypto.ts';

useKmsServer();
const client = kmsClient();

async function create(input: CreateKeyCommandInput): Promise<string> {
  return (await client.send(new CreateKeyCommand(input))).KeyMetadata!.KeyId!;
}

async function publicKeyOf(keyId: string) {
  const { $metadata: _metadata, ...body } = await client.send(new GetPublicKeyCommand({ KeyId: keyId }));
  return body;
}

test('an RSA key returns its SPKI and only the algorithms of its usage', async () => {
  const encryption = await create({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
  const { PublicKey, ...rest } = await publicKeyOf(encryption);
  expect(rest).toEqual({
    KeyId: keyArnOf(encryption),
    CustomerMasterKeySpec: 'RSA_2048',
    KeySpec: 'RSA_2048',
    KeyUsage: 'ENCRYPT_DECRYPT',
    EncryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'],
  });
  const key = spkiKey(PublicKey!);
  expect(key.asymmetricKeyType).toBe('rsa');
  expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);

  const signing = await create({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
  const signingKey = await publicKeyOf(signing);
  expect(signingKey.SigningAlgorithms).toHaveLength(6);
  expect(signingKey.EncryptionAlgorithms).toBeUndefined();
});

test('ECC, Ed25519 and SECG keys return standard SPKIs node:crypto reads', async () => {
  const cases = [
    { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', curve: 'prime256v1', cmk: 'ECC_NIST_P256' },
    { KeySpec: 'ECC_NIST_P384', KeyUsage: 'KEY_AGREEMENT', curve: 'secp384r1', cmk: 'ECC_NIST_P384' },
    { KeySpec: 'ECC_SECG_P256K1', KeyUsage: 'SIGN_VERIFY', curve: 'secp256k1', cmk: 'ECC_SECG_P256K1' },
  ] as const;
  for (const { KeySpec, KeyUsage, curve, cmk } of cases) {
    const id = await create({ KeySpec, KeyUsage });
    const body = await publicKeyOf(id);
    expect(body).toMatchObject({ KeyId: keyArnOf(id), KeySpec, KeyUsage, CustomerMasterKeySpec: cmk });
    expect(spkiKey(body.PublicKey!).asymmetricKeyDetails?.namedCurve).toBe(curve);
    if (KeyUsage === 'KEY_AGREEMENT') {
      expect(body.KeyAgreementAlgorithms).toEqual(['ECDH']);
      expect(body.SigningAlgorithms).toBeUndefined();
    } else {
      expect(body.KeyAgreementAlgorithms).toBeUndefined();
    }
  }
  const ed = await create({ KeySpec: 'ECC_NIST_EDWARDS25519', KeyUsage: 'SIGN_VERIFY' });
  const edKey = await publicKeyOf(ed);
  expect(edKey.CustomerMasterKeySpec).toBeUndefined();
  expect(edKey.SigningAlgorithms).toEqual(['ED25519_SHA_512', 'ED25519_PH_SHA_512']);
  expect(spkiKey(edKey.PublicKey!).asymmetricKeyType).toBe('ed25519');
});

test('an ML-KEM key lists ML_KEM and returns an SPKI of the parameter set size', async () => {
  const id = await create({ KeySpec: 'ML_KEM_768', KeyUsage: 'ENCAPSULATE_DECAPSULATE' });
  const body = await publicKeyOf(id);
  expect(body).toMatchObject({
    KeySpec: 'ML_KEM_768',
    KeyUsage: 'ENCAPSULATE_DECAPSULATE',
    EncapsulationAlgorithms: ['ML_KEM'],
  });
  expect(body.CustomerMasterKeySpec).toBeUndefined();
  const raw = tail(body.PublicKey!, ML_KEM.ML_KEM_768.lengths.publicKey!);
  // The raw key is a usable ML-KEM-768 encapsulation key.
  expect(ML_KEM.ML_KEM_768.encapsulate(raw).sharedSecret).toHaveLength(32);
});

test('symmetric and HMAC keys have no public key: UnsupportedOperationException', async () => {
  for (const input of [{}, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }] as const) {
    const id = await create(input);
    await expect(client.send(new GetPublicKeyCommand({ KeyId: id }))).rejects.toMatchObject({
      name: 'UnsupportedOperationException',
      $metadata: { httpStatusCode: 400 },
    });
  }
});

test('aliases resolve; disabled keys and keys pending deletion are refused', async () => {
  const id = await create({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
  await client.send(new CreateAliasCommand({ AliasName: 'alias/public', TargetKeyId: id }));
  expect((await publicKeyOf('alias/public')).KeyId).toBe(keyArnOf(id));
  await client.send(new DisableKeyCommand({ KeyId: id }));
  await expect(client.send(new GetPublicKeyCommand({ KeyId: id }))).rejects.toMatchObject({
    name: 'DisabledException',
    message: `${keyArnOf(id)} is disabled.`,
  });
  await client.send(new ScheduleKeyDeletionCommand({ KeyId: id }));
  await expect(client.send(new GetPublicKeyCommand({ KeyId: id }))).rejects.toMatchObject({
    name: 'KMSInvalidStateException',
    message: `${keyArnOf(id)} is pending deletion.`,
  });
});
