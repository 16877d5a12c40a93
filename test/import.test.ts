/**
 * Imported key material through the real SDK on msw/node: GetParametersForImport, ImportKeyMaterial and
 * DeleteImportedKeyMaterial, and on-demand rotation of imported symmetric material. Material is wrapped with
 * node:crypto as a user would (publicEncrypt with OAEP, `id-aes256-wrap-pad`), and what the keys produce is checked
 * with node:crypto. Expected values come from the AWS recordings in ../shared/aws-recorded ("Import key material",
 * "Key rotation"; see FIDELITY.md).
 */
import {
  constants,
  createCipheriv,
  createHmac,
  createPublicKey,
  generateKeyPairSync,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  verify,
  type KeyObject,
} from 'node:crypto';
import {
  CreateKeyCommand,
  DecryptCommand,
  DeleteImportedKeyMaterialCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GenerateMacCommand,
  GetKeyRotationStatusCommand,
  GetParametersForImportCommand,
  GetPublicKeyCommand,
  ImportKeyMaterialCommand,
  ListKeyRotationsCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  CancelKeyDeletionCommand,
  SignCommand,
  VerifyCommand,
  VerifyMacCommand,
  type AlgorithmSpec,
  type CreateKeyRequest,
  type ImportKeyMaterialRequest,
  type KeyMetadata,
  type KeySpec,
  type MacAlgorithmSpec,
  type SigningAlgorithmSpec,
  type WrappingKeySpec,
} from '@aws-sdk/client-kms';
import { expect, test } from 'vitest';
import { asymmetricEncrypt } from '../src/crypto/engine.ts';
import { DAY_MS } from '../src/kms/clock.ts';
import { kmsClient, keyArnOf, useKmsServer } from './support/kms-fixture.ts';

const { client, server } = useKmsServer();
const text = new TextEncoder();
const plaintext = text.encode('test content 123 !#');

async function createKey(request: CreateKeyRequest): Promise<KeyMetadata> {
  return (await client.send(new CreateKeyCommand(request))).KeyMetadata!;
}

const describe = async (KeyId: string) => (await client.send(new DescribeKeyCommand({ KeyId }))).KeyMetadata!;

/** The metadata fields of a key, sorted (CreationDate and the like are checked elsewhere). */
const fieldNames = (m: object) => Object.keys(m).sort();

/** Wraps `material` the way AWS's import guide does it with OpenSSL, here with node:crypto. */
function wrap(publicKeyDer: Uint8Array, algorithm: AlgorithmSpec, material: Uint8Array): Uint8Array {
  const key = createPublicKey({ key: Buffer.from(publicKeyDer), format: 'der', type: 'spki' });
  const oaep = (data: Uint8Array, hash: string) =>
    publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, data);
  switch (algorithm) {
    case 'RSAES_OAEP_SHA_1':
      return oaep(material, 'sha1');
    case 'RSAES_OAEP_SHA_256':
      return oaep(material, 'sha256');
    case 'RSA_AES_KEY_WRAP_SHA_1':
    case 'RSA_AES_KEY_WRAP_SHA_256': {
      const aesKey = randomBytes(32);
      const cipher = createCipheriv('id-aes256-wrap-pad', aesKey, Buffer.from('A65959A6', 'hex'));
      const wrapped = Buffer.concat([cipher.update(material), cipher.final()]);
      return Buffer.concat([oaep(aesKey, algorithm.endsWith('SHA_1') ? 'sha1' : 'sha256'), wrapped]);
    }
    default:
      throw new Error(`the test does not wrap with ${algorithm}`);
  }
}

interface Parameters {
  ImportToken: Uint8Array;
  PublicKey: Uint8Array;
  algorithm: AlgorithmSpec;
}

async function parameters(
  KeyId: string,
  algorithm: AlgorithmSpec = 'RSAES_OAEP_SHA_256',
  WrappingKeySpec: WrappingKeySpec = 'RSA_2048',
): Promise<Parameters> {
  const response = await client.send(
    new GetParametersForImportCommand({ KeyId, WrappingAlgorithm: algorithm, WrappingKeySpec }),
  );
  return { ImportToken: response.ImportToken!, PublicKey: response.PublicKey!, algorithm };
}

async function importMaterial(
  KeyId: string,
  material: Uint8Array,
  params: Parameters,
  extra: Partial<ImportKeyMaterialRequest> = { ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' },
) {
  return client.send(
    new ImportKeyMaterialCommand({
      KeyId,
      ImportToken: params.ImportToken,
      EncryptedKeyMaterial: wrap(params.PublicKey, params.algorithm, material),
      ...extra,
    }),
  );
}

const pkcs8 = (key: KeyObject) => new Uint8Array(key.export({ format: 'der', type: 'pkcs8' }));
const spki = (key: KeyObject) => new Uint8Array(key.export({ format: 'der', type: 'spki' }));

test('symmetric: PendingImport, import, use, delete (ExpirationModel gone, CurrentKeyMaterialId kept), reimport', async () => {
  const created = await createKey({ Origin: 'EXTERNAL', Description: 'imported' });
  const KeyId = created.KeyId!;
  const arn = keyArnOf(KeyId);
  const base = [
    'AWSAccountId',
    'Arn',
    'CreationDate',
    'CustomerMasterKeySpec',
    'Description',
    'Enabled',
    'EncryptionAlgorithms',
    'KeyId',
    'KeyManager',
    'KeySpec',
    'KeyState',
    'KeyUsage',
    'MultiRegion',
    'Origin',
  ];
  expect(fieldNames(created)).toEqual(base.sort());
  expect(created).toMatchObject({ Enabled: false, KeyState: 'PendingImport', Origin: 'EXTERNAL' });
  expect(await describe(KeyId)).toEqual(created);

  const pendingImport = { name: 'KMSInvalidStateException', message: `${arn} is pending import.` };
  await expect(client.send(new EncryptCommand({ KeyId, Plaintext: plaintext }))).rejects.toMatchObject(
    pendingImport,
  );

  const response = await client.send(
    new GetParametersForImportCommand({
      KeyId,
      WrappingAlgorithm: 'RSAES_OAEP_SHA_256',
      WrappingKeySpec: 'RSA_2048',
    }),
  );
  expect(fieldNames(response).filter((k) => k !== '$metadata')).toEqual(
    ['ImportToken', 'KeyId', 'ParametersValidTo', 'PublicKey'].sort(),
  );
  expect(response.KeyId).toBe(arn);
  expect(
    createPublicKey({ key: Buffer.from(response.PublicKey!), format: 'der', type: 'spki' }),
  ).toMatchObject({
    asymmetricKeyType: 'rsa',
    asymmetricKeyDetails: { modulusLength: 2048 },
  });
  const validFor = response.ParametersValidTo!.getTime() - server().emulator.clock.now();
  expect(Math.abs(validFor - DAY_MS)).toBeLessThan(60_000);
  const params = {
    ImportToken: response.ImportToken!,
    PublicKey: response.PublicKey!,
    algorithm: 'RSAES_OAEP_SHA_256' as const,
  };

  const material = randomBytes(32);
  // ExpirationModel defaults to KEY_MATERIAL_EXPIRES, which needs ValidTo (recorded text, no final period).
  await expect(importMaterial(KeyId, material, params, {})).rejects.toMatchObject({
    name: 'ValidationException',
    message: 'A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES',
    $metadata: { httpStatusCode: 400 },
  });
  const imported = await importMaterial(KeyId, material, params);
  expect(
    Object.keys(imported)
      .filter((k) => k !== '$metadata')
      .sort(),
  ).toEqual(['KeyId', 'KeyMaterialId']);
  expect(imported.KeyId).toBe(arn);
  expect(imported.KeyMaterialId).toMatch(/^[0-9a-f]{64}$/);

  const afterImport = await describe(KeyId);
  expect(fieldNames(afterImport)).toEqual([...base, 'CurrentKeyMaterialId', 'ExpirationModel'].sort());
  expect(afterImport).toMatchObject({
    Enabled: true,
    KeyState: 'Enabled',
    ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
    CurrentKeyMaterialId: imported.KeyMaterialId,
  });

  const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId, Plaintext: plaintext }));
  const decrypted = await client.send(new DecryptCommand({ KeyId, CiphertextBlob }));
  expect(decrypted.Plaintext).toEqual(plaintext);
  expect(decrypted.KeyMaterialId).toBe(imported.KeyMaterialId);

  const deleted = await client.send(new DeleteImportedKeyMaterialCommand({ KeyId }));
  expect(deleted).toMatchObject({ KeyId: arn, KeyMaterialId: imported.KeyMaterialId });
  const afterDelete = await describe(KeyId);
  expect(fieldNames(afterDelete)).toEqual([...base, 'CurrentKeyMaterialId'].sort());
  expect(afterDelete).toMatchObject({
    Enabled: false,
    KeyState: 'PendingImport',
    CurrentKeyMaterialId: imported.KeyMaterialId,
  });
  await expect(client.send(new EncryptCommand({ KeyId, Plaintext: plaintext }))).rejects.toMatchObject(
    pendingImport,
  );
  await expect(client.send(new DecryptCommand({ CiphertextBlob }))).rejects.toMatchObject(pendingImport);

  // Reimporting the same material (same id, default ImportType EXISTING_KEY_MATERIAL) restores the old ciphertext.
  const again = await importMaterial(
    KeyId,
    material,
    await parameters(KeyId, 'RSA_AES_KEY_WRAP_SHA_1', 'RSA_3072'),
  );
  expect(again.KeyMaterialId).toBe(imported.KeyMaterialId);
  expect((await client.send(new DecryptCommand({ CiphertextBlob }))).Plaintext).toEqual(plaintext);
  expect(await describe(KeyId)).toMatchObject({
    KeyState: 'Enabled',
    CurrentKeyMaterialId: imported.KeyMaterialId,
  });

  // Other material is not this key's.
  await expect(importMaterial(KeyId, randomBytes(32), params)).rejects.toMatchObject({
    name: 'IncorrectKeyMaterialException',
  });
  // Automatic rotation is not for imported material.
  await expect(client.send(new EnableKeyRotationCommand({ KeyId }))).rejects.toMatchObject({
    name: 'UnsupportedOperationException',
    message: `${arn} origin is EXTERNAL which is not valid for this operation.`,
  });
  expect(await client.send(new GetKeyRotationStatusCommand({ KeyId }))).toMatchObject({
    KeyRotationEnabled: false,
  });
});

test('asymmetric ECC_NIST_P256: never a CurrentKeyMaterialId; GetPublicKey is the imported key; Sign and Verify work', async () => {
  const created = await createKey({ Origin: 'EXTERNAL', KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
  const KeyId = created.KeyId!;
  const base = [
    'AWSAccountId',
    'Arn',
    'CreationDate',
    'CustomerMasterKeySpec',
    'Description',
    'Enabled',
    'KeyId',
    'KeyManager',
    'KeySpec',
    'KeyState',
    'KeyUsage',
    'MultiRegion',
    'Origin',
    'SigningAlgorithms',
  ].sort();
  expect(fieldNames(created)).toEqual(base);
  expect(created).toMatchObject({
    KeyState: 'PendingImport',
    Enabled: false,
    SigningAlgorithms: ['ECDSA_SHA_256'],
  });

  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  await importMaterial(KeyId, pkcs8(privateKey), await parameters(KeyId));
  const afterImport = await describe(KeyId);
  expect(fieldNames(afterImport)).toEqual([...base, 'ExpirationModel'].sort());
  expect(afterImport).toMatchObject({ KeyState: 'Enabled', ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' });
  expect((await client.send(new GetPublicKeyCommand({ KeyId }))).PublicKey).toEqual(spki(publicKey));

  const signed = await client.send(
    new SignCommand({ KeyId, Message: plaintext, MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' }),
  );
  expect(signed.KeyId).toBe(keyArnOf(KeyId));
  expect(verify('sha256', plaintext, publicKey, signed.Signature!)).toBe(true);

  await client.send(new DeleteImportedKeyMaterialCommand({ KeyId }));
  const afterDelete = await describe(KeyId);
  expect(fieldNames(afterDelete)).toEqual(base);
  expect(afterDelete).toMatchObject({ KeyState: 'PendingImport', Enabled: false });
});

test('RSA_4096 private key wrapped with RSA_AES_KEY_WRAP_SHA_256 / RSA_4096', async () => {
  const created = await createKey({
    Origin: 'EXTERNAL',
    KeySpec: 'RSA_4096',
    KeyUsage: 'ENCRYPT_DECRYPT',
    Description: 'test-key',
  });
  const KeyId = created.KeyId!;
  expect(created).toMatchObject({
    KeyState: 'PendingImport',
    EncryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'],
  });
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 4096 });

  // RSA private keys only fit the RSA_AES_KEY_WRAP algorithms.
  await expect(
    client.send(
      new GetParametersForImportCommand({
        KeyId,
        WrappingAlgorithm: 'RSAES_OAEP_SHA_256',
        WrappingKeySpec: 'RSA_4096',
      }),
    ),
  ).rejects.toMatchObject({ name: 'ValidationException' });

  await importMaterial(
    KeyId,
    pkcs8(privateKey),
    await parameters(KeyId, 'RSA_AES_KEY_WRAP_SHA_256', 'RSA_4096'),
  );
  const afterImport = await describe(KeyId);
  expect(afterImport).toMatchObject({ KeyState: 'Enabled', ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' });
  expect(afterImport.CurrentKeyMaterialId).toBeUndefined();
  expect((await client.send(new GetPublicKeyCommand({ KeyId }))).PublicKey).toEqual(spki(publicKey));

  const { CiphertextBlob } = await client.send(
    new EncryptCommand({ KeyId, Plaintext: plaintext, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }),
  );
  const local = privateDecrypt(
    { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    CiphertextBlob!,
  );
  expect(new Uint8Array(local)).toEqual(plaintext);
  const sealedLocally = publicEncrypt(
    { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
    plaintext,
  );
  const opened = await client.send(
    new DecryptCommand({ KeyId, CiphertextBlob: sealedLocally, EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' }),
  );
  expect(opened.Plaintext).toEqual(plaintext);

  await client.send(new DeleteImportedKeyMaterialCommand({ KeyId }));
  expect(await describe(KeyId)).toMatchObject({ KeyState: 'PendingImport', Enabled: false });
  expect((await describe(KeyId)).ExpirationModel).toBeUndefined();
});

const ECC: [KeySpec, string, SigningAlgorithmSpec, string, AlgorithmSpec, WrappingKeySpec][] = [
  ['ECC_NIST_P256', 'prime256v1', 'ECDSA_SHA_256', 'sha256', 'RSAES_OAEP_SHA_1', 'RSA_2048'],
  ['ECC_NIST_P384', 'secp384r1', 'ECDSA_SHA_384', 'sha384', 'RSAES_OAEP_SHA_1', 'RSA_2048'],
  ['ECC_NIST_P521', 'secp521r1', 'ECDSA_SHA_512', 'sha512', 'RSAES_OAEP_SHA_256', 'RSA_4096'],
  ['ECC_SECG_P256K1', 'secp256k1', 'ECDSA_SHA_256', 'sha256', 'RSAES_OAEP_SHA_1', 'RSA_2048'],
];

test.each(ECC)(
  'imported %s key signs (verified by node:crypto) and verifies, then goes back to PendingImport',
  async (KeySpec, curve, SigningAlgorithm, hash, algorithm, wrappingSpec) => {
    const KeyId = (
      await createKey({
        Origin: 'EXTERNAL',
        KeySpec,
        KeyUsage: 'SIGN_VERIFY',
        Description: 'test ecc key import',
      })
    ).KeyId!;
    expect((await describe(KeyId)).SigningAlgorithms).toEqual([SigningAlgorithm]);
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
    await importMaterial(KeyId, pkcs8(privateKey), await parameters(KeyId, algorithm, wrappingSpec));
    expect(await describe(KeyId)).toMatchObject({
      KeyState: 'Enabled',
      Enabled: true,
      ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
    });

    const signed = await client.send(
      new SignCommand({ KeyId, Message: plaintext, MessageType: 'RAW', SigningAlgorithm }),
    );
    expect(signed).toMatchObject({ KeyId: keyArnOf(KeyId), SigningAlgorithm });
    expect(verify(hash, plaintext, publicKey, signed.Signature!)).toBe(true);
    const verified = await client.send(
      new VerifyCommand({
        KeyId,
        Message: plaintext,
        MessageType: 'RAW',
        SigningAlgorithm,
        Signature: signed.Signature,
      }),
    );
    expect(verified).toMatchObject({ KeyId: keyArnOf(KeyId), SignatureValid: true, SigningAlgorithm });

    await client.send(new DeleteImportedKeyMaterialCommand({ KeyId }));
    const afterDelete = await describe(KeyId);
    expect(afterDelete).toMatchObject({ KeyState: 'PendingImport', Enabled: false });
    expect(afterDelete.ExpirationModel).toBeUndefined();
    expect(afterDelete.CurrentKeyMaterialId).toBeUndefined();
  },
);

const HMAC: [KeySpec, MacAlgorithmSpec, string, number][] = [
  ['HMAC_224', 'HMAC_SHA_224', 'sha224', 28],
  ['HMAC_256', 'HMAC_SHA_256', 'sha256', 32],
  ['HMAC_384', 'HMAC_SHA_384', 'sha384', 48],
  ['HMAC_512', 'HMAC_SHA_512', 'sha512', 64],
];

test.each(HMAC)(
  'imported %s key: GenerateMac equals node:crypto createHmac, VerifyMac accepts it',
  async (KeySpec, MacAlgorithm, hash, length) => {
    const KeyId = (
      await createKey({
        Origin: 'EXTERNAL',
        KeySpec,
        KeyUsage: 'GENERATE_VERIFY_MAC',
        Description: 'test import hmac key',
      })
    ).KeyId!;
    const params = await parameters(KeyId, 'RSAES_OAEP_SHA_256', 'RSA_4096');
    // Shorter than the digest is not HMAC material for this spec.
    await expect(importMaterial(KeyId, randomBytes(length - 1), params)).rejects.toMatchObject({
      name: 'IncorrectKeyMaterialException',
    });
    const secret = randomBytes(length);
    await importMaterial(KeyId, secret, params);
    const metadata = await describe(KeyId);
    expect(metadata).toMatchObject({ KeyState: 'Enabled', MacAlgorithms: [MacAlgorithm] });
    expect(metadata.CurrentKeyMaterialId).toBeUndefined();

    const mac = await client.send(new GenerateMacCommand({ KeyId, Message: plaintext, MacAlgorithm }));
    expect(mac.KeyId).toBe(keyArnOf(KeyId));
    expect(mac.Mac).toEqual(new Uint8Array(createHmac(hash, secret).update(plaintext).digest()));
    const verified = await client.send(
      new VerifyMacCommand({ KeyId, Message: plaintext, MacAlgorithm, Mac: mac.Mac }),
    );
    expect(verified).toMatchObject({ KeyId: keyArnOf(KeyId), MacAlgorithm, MacValid: true });

    await client.send(new DeleteImportedKeyMaterialCommand({ KeyId }));
    expect(await describe(KeyId)).toMatchObject({ KeyState: 'PendingImport', Enabled: false });
  },
);

test('GetParametersForImport on an AWS_KMS key is UnsupportedOperationException (recorded text)', async () => {
  const KeyId = (await createKey({})).KeyId!;
  for (const call of [
    () =>
      client.send(
        new GetParametersForImportCommand({
          KeyId,
          WrappingAlgorithm: 'RSAES_OAEP_SHA_256',
          WrappingKeySpec: 'RSA_2048',
        }),
      ),
    () => client.send(new DeleteImportedKeyMaterialCommand({ KeyId })),
  ]) {
    await expect(call()).rejects.toMatchObject({
      name: 'UnsupportedOperationException',
      message: `${keyArnOf(KeyId)} origin is AWS_KMS which is not valid for this operation.`,
      $metadata: { httpStatusCode: 400 },
    });
  }
});

test('NEW_KEY_MATERIAL becomes pending rotation; a second one while one is pending is refused (recorded text)', async () => {
  const KeyId = (await createKey({ Origin: 'EXTERNAL' })).KeyId!;
  const params = await parameters(KeyId);
  const first = await importMaterial(KeyId, randomBytes(32), params);
  expect(first.KeyId).toBe(keyArnOf(KeyId));
  const pending = await importMaterial(KeyId, randomBytes(32), params, {
    ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
    ImportType: 'NEW_KEY_MATERIAL',
  });
  expect(pending.KeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
  expect(pending.KeyMaterialId).not.toBe(first.KeyMaterialId);

  const third = randomBytes(32);
  const error = (await importMaterial(KeyId, third, params, {
    ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
    ImportType: 'NEW_KEY_MATERIAL',
  }).then(
    () => undefined,
    (e: unknown) => e,
  )) as Error;
  expect(error).toMatchObject({ name: 'KMSInvalidStateException', $metadata: { httpStatusCode: 400 } });
  const match = new RegExp(
    `^New key material \\(id: ([0-9a-f]{64})\\) cannot be imported into KMS key ${keyArnOf(KeyId)}, because another key material \\(id: ${pending.KeyMaterialId}\\) is pending rotation\\.$`,
  ).exec(error.message);
  expect(match).not.toBeNull();
  expect([first.KeyMaterialId, pending.KeyMaterialId]).not.toContain(match![1]);

  // A KeyMaterialId is not allowed with NEW_KEY_MATERIAL.
  await expect(
    importMaterial(KeyId, third, params, {
      ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      ImportType: 'NEW_KEY_MATERIAL',
      KeyMaterialId: first.KeyMaterialId,
    }),
  ).rejects.toMatchObject({ name: 'ValidationException' });
});

test('RotateKeyOnDemand of an EXTERNAL key moves CurrentKeyMaterialId to the pending material; old ciphertext still decrypts', async () => {
  const KeyId = (await createKey({ Origin: 'EXTERNAL', Description: 'test-key' })).KeyId!;
  const params = await parameters(KeyId);
  const first = await importMaterial(KeyId, randomBytes(32), params);
  expect((await describe(KeyId)).CurrentKeyMaterialId).toBe(first.KeyMaterialId);
  const initial = await client.send(new EncryptCommand({ KeyId, Plaintext: plaintext }));
  expect(initial.KeyId).toBe(keyArnOf(KeyId));

  await expect(client.send(new RotateKeyOnDemandCommand({ KeyId }))).rejects.toMatchObject({
    name: 'KMSInvalidStateException',
    message: `No available key material pending rotation for the key: ${keyArnOf(KeyId)}.`,
  });

  const second = await importMaterial(KeyId, randomBytes(32), params, {
    ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
    ImportType: 'NEW_KEY_MATERIAL',
    KeyMaterialDescription: 'second',
  });
  expect(await describe(KeyId)).toMatchObject({
    KeyState: 'Enabled',
    CurrentKeyMaterialId: first.KeyMaterialId,
  });
  const listed = await client.send(
    new ListKeyRotationsCommand({ KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }),
  );
  expect(listed.Rotations).toEqual([
    {
      KeyId,
      KeyMaterialId: first.KeyMaterialId,
      ImportState: 'IMPORTED',
      KeyMaterialState: 'CURRENT',
      ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
    },
    {
      KeyId,
      KeyMaterialId: second.KeyMaterialId,
      KeyMaterialDescription: 'second',
      ImportState: 'IMPORTED',
      KeyMaterialState: 'PENDING_ROTATION',
      ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
    },
  ]);

  expect(await client.send(new RotateKeyOnDemandCommand({ KeyId }))).toMatchObject({
    KeyId: keyArnOf(KeyId),
  });
  expect(await describe(KeyId)).toMatchObject({ CurrentKeyMaterialId: second.KeyMaterialId });
  const rotated = await client.send(new EncryptCommand({ KeyId, Plaintext: plaintext }));
  expect(
    (await client.send(new DecryptCommand({ CiphertextBlob: rotated.CiphertextBlob }))).KeyMaterialId,
  ).toBe(second.KeyMaterialId);
  const old = await client.send(new DecryptCommand({ CiphertextBlob: initial.CiphertextBlob }));
  expect(old).toMatchObject({ Plaintext: plaintext, KeyMaterialId: first.KeyMaterialId });
  const { Rotations } = await client.send(new ListKeyRotationsCommand({ KeyId }));
  expect(Rotations).toMatchObject([
    { KeyMaterialId: second.KeyMaterialId, KeyMaterialState: 'CURRENT', RotationType: 'ON_DEMAND' },
  ]);

  // Deleting the earlier material makes the key PendingImport until that material is imported again.
  await client.send(new DeleteImportedKeyMaterialCommand({ KeyId, KeyMaterialId: first.KeyMaterialId }));
  expect(await describe(KeyId)).toMatchObject({
    KeyState: 'PendingImport',
    CurrentKeyMaterialId: second.KeyMaterialId,
  });
  await expect(
    client.send(new DeleteImportedKeyMaterialCommand({ KeyId, KeyMaterialId: 'f'.repeat(64) })),
  ).rejects.toMatchObject({ name: 'NotFoundException' });
});

test('material with ValidTo is deleted when the clock passes it, and can be imported again', async () => {
  const KeyId = (await createKey({ Origin: 'EXTERNAL' })).KeyId!;
  const material = randomBytes(32);
  const now = server().emulator.clock.now();
  for (const ValidTo of [new Date(now - 1000), new Date(now + 366 * DAY_MS)]) {
    await expect(
      importMaterial(KeyId, material, await parameters(KeyId), {
        ExpirationModel: 'KEY_MATERIAL_EXPIRES',
        ValidTo,
      }),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  }
  await expect(
    importMaterial(KeyId, material, await parameters(KeyId), {
      ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      ValidTo: new Date(now + DAY_MS),
    }),
  ).rejects.toMatchObject({ name: 'ValidationException' });

  const ValidTo = new Date(Math.floor((now + 2 * DAY_MS) / 1000) * 1000);
  await importMaterial(KeyId, material, await parameters(KeyId), {
    ExpirationModel: 'KEY_MATERIAL_EXPIRES',
    ValidTo,
  });
  expect(await describe(KeyId)).toMatchObject({
    KeyState: 'Enabled',
    ExpirationModel: 'KEY_MATERIAL_EXPIRES',
    ValidTo,
  });
  const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId, Plaintext: plaintext }));

  server().emulator.clock.advance(3 * DAY_MS);
  const expired = await describe(KeyId);
  expect(expired).toMatchObject({ KeyState: 'PendingImport', Enabled: false });
  expect(expired.ExpirationModel).toBeUndefined();
  expect(expired.ValidTo).toBeUndefined();
  await expect(client.send(new DecryptCommand({ CiphertextBlob }))).rejects.toMatchObject({
    name: 'KMSInvalidStateException',
  });

  await importMaterial(KeyId, material, await parameters(KeyId));
  expect((await client.send(new DecryptCommand({ CiphertextBlob }))).Plaintext).toEqual(plaintext);
});

test('import tokens: another key’s token is invalid, an expired one is refused, bad wrapping is InvalidCiphertextException', async () => {
  const KeyId = (await createKey({ Origin: 'EXTERNAL' })).KeyId!;
  const other = (await createKey({ Origin: 'EXTERNAL' })).KeyId!;
  const params = await parameters(KeyId);
  await expect(importMaterial(other, randomBytes(32), params)).rejects.toMatchObject({
    name: 'InvalidImportTokenException',
  });
  await expect(
    importMaterial(KeyId, randomBytes(32), { ...params, ImportToken: randomBytes(60) }),
  ).rejects.toMatchObject({ name: 'InvalidImportTokenException' });
  await expect(
    client.send(
      new ImportKeyMaterialCommand({
        KeyId,
        ImportToken: params.ImportToken,
        EncryptedKeyMaterial: randomBytes(256),
        ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      }),
    ),
  ).rejects.toMatchObject({ name: 'InvalidCiphertextException' });
  // Wrapped for the algorithm of other parameters: does not unwrap.
  await expect(
    importMaterial(KeyId, randomBytes(32), { ...params, algorithm: 'RSAES_OAEP_SHA_1' }),
  ).rejects.toMatchObject({ name: 'InvalidCiphertextException' });
  // Symmetric material must be 32 bytes.
  await expect(importMaterial(KeyId, randomBytes(16), params)).rejects.toMatchObject({
    name: 'IncorrectKeyMaterialException',
  });

  server().emulator.clock.advance(DAY_MS + 1000);
  await expect(importMaterial(KeyId, randomBytes(32), params)).rejects.toMatchObject({
    name: 'ExpiredImportTokenException',
  });
  expect((await describe(KeyId)).KeyState).toBe('PendingImport');
});

test('wrapping choices KMS does not offer are ValidationException', async () => {
  const KeyId = (await createKey({ Origin: 'EXTERNAL', KeySpec: 'ECC_NIST_P521', KeyUsage: 'SIGN_VERIFY' }))
    .KeyId!;
  const cases: [AlgorithmSpec, WrappingKeySpec][] = [
    ['RSAES_OAEP_SHA_256', 'RSA_2048'],
    ['SM2PKE', 'RSA_2048'],
    ['RSAES_OAEP_SHA_256', 'SM2'],
    ['RSAES_PKCS1_V1_5', 'RSA_2048'],
  ];
  for (const [WrappingAlgorithm, WrappingKeySpec] of cases) {
    await expect(
      client.send(new GetParametersForImportCommand({ KeyId, WrappingAlgorithm, WrappingKeySpec })),
    ).rejects.toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
  }
  await parameters(KeyId, 'RSA_AES_KEY_WRAP_SHA_1', 'RSA_2048');
});

test('key states: disabled keys can reimport, keys pending deletion cannot, cancelling deletion without material is PendingImport', async () => {
  const KeyId = (await createKey({ Origin: 'EXTERNAL' })).KeyId!;
  const material = randomBytes(32);
  await importMaterial(KeyId, material, await parameters(KeyId));
  await client.send(new DisableKeyCommand({ KeyId }));
  await importMaterial(KeyId, material, await parameters(KeyId));
  expect((await describe(KeyId)).KeyState).toBe('Disabled');

  await client.send(new ScheduleKeyDeletionCommand({ KeyId, PendingWindowInDays: 7 }));
  await expect(
    client.send(
      new GetParametersForImportCommand({
        KeyId,
        WrappingAlgorithm: 'RSAES_OAEP_SHA_1',
        WrappingKeySpec: 'RSA_2048',
      }),
    ),
  ).rejects.toMatchObject({
    name: 'KMSInvalidStateException',
    message: `${keyArnOf(KeyId)} is pending deletion.`,
  });
  await client.send(new DeleteImportedKeyMaterialCommand({ KeyId }));
  expect((await describe(KeyId)).KeyState).toBe('PendingDeletion');
  await client.send(new CancelKeyDeletionCommand({ KeyId }));
  expect((await describe(KeyId)).KeyState).toBe('PendingImport');
});

test('import parameters survive an export and import of the emulator state (JSON)', async () => {
  const KeyId = (await createKey({ Origin: 'EXTERNAL' })).KeyId!;
  const params = await parameters(KeyId, 'RSA_AES_KEY_WRAP_SHA_256', 'RSA_2048');
  const { admin } = server().emulator;
  const json = await admin.exportJson();
  await admin.reset();
  await expect(describe(KeyId)).rejects.toMatchObject({ name: 'NotFoundException' });
  await admin.importState(json, { mode: 'replace' });
  const imported = await importMaterial(KeyId, randomBytes(32), params);
  expect(await describe(KeyId)).toMatchObject({
    KeyState: 'Enabled',
    CurrentKeyMaterialId: imported.KeyMaterialId,
  });
});

test('China Regions: SM2PKE with an SM2 wrapping key imports; RSA_AES_KEY_WRAP is not offered there', async () => {
  const china = kmsClient({ region: 'cn-north-1' });
  const KeyId = (await china.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }))).KeyMetadata!.KeyId!;
  await expect(
    china.send(
      new GetParametersForImportCommand({
        KeyId,
        WrappingAlgorithm: 'RSA_AES_KEY_WRAP_SHA_256',
        WrappingKeySpec: 'RSA_2048',
      }),
    ),
  ).rejects.toMatchObject({ name: 'ValidationException' });
  const params = await china.send(
    new GetParametersForImportCommand({ KeyId, WrappingAlgorithm: 'SM2PKE', WrappingKeySpec: 'SM2' }),
  );
  expect(params.KeyId).toBe(`arn:aws-cn:kms:cn-north-1:000000000000:key/${KeyId}`);
  // The SM2 public-key encryption of the material (kmsw's engine stands in for the user's SM2 tool).
  const material = randomBytes(32);
  await china.send(
    new ImportKeyMaterialCommand({
      KeyId,
      ImportToken: params.ImportToken,
      EncryptedKeyMaterial: await asymmetricEncrypt('SM2', params.PublicKey!, 'SM2PKE', material),
      ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
    }),
  );
  const { CiphertextBlob } = await china.send(new EncryptCommand({ KeyId, Plaintext: plaintext }));
  expect((await china.send(new DecryptCommand({ CiphertextBlob }))).Plaintext).toEqual(plaintext);
});
