/**
 * CreateKey and DescribeKey for every KeySpec and KeyUsage through the real SDK on msw/node: real key material is
 * generated, and the metadata lists only the algorithms of the key's usage (recorded for HMAC and symmetric keys).
 * Also the CreateKey errors for usage and region, the deprecated CustomerMasterKeySpec, multi-Region ids and
 * EXTERNAL-origin keys.
 */
import {
  CreateKeyCommand,
  DescribeKeyCommand,
  type CreateKeyCommandInput,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { expect, test } from 'vitest';
import { ACCOUNT, REGION, keyArnOf, kmsClient, useKmsServer } from './support/kms-fixture.ts';

const { client, server } = useKmsServer();

const RSA_ENCRYPTION = ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'];
const RSA_SIGNING = [
  'RSASSA_PKCS1_V1_5_SHA_256',
  'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512',
  'RSASSA_PSS_SHA_256',
  'RSASSA_PSS_SHA_384',
  'RSASSA_PSS_SHA_512',
];

type Case = [spec: string, usage: string, expected: Record<string, unknown>];

/** Every spec with each usage AWS allows (RSA_4096 and ML_DSA_87 once: their key generation is slow). */
const CASES: Case[] = [
  [
    'RSA_2048',
    'ENCRYPT_DECRYPT',
    { EncryptionAlgorithms: RSA_ENCRYPTION, CustomerMasterKeySpec: 'RSA_2048' },
  ],
  ['RSA_2048', 'SIGN_VERIFY', { SigningAlgorithms: RSA_SIGNING, CustomerMasterKeySpec: 'RSA_2048' }],
  [
    'RSA_3072',
    'ENCRYPT_DECRYPT',
    { EncryptionAlgorithms: RSA_ENCRYPTION, CustomerMasterKeySpec: 'RSA_3072' },
  ],
  ['RSA_3072', 'SIGN_VERIFY', { SigningAlgorithms: RSA_SIGNING, CustomerMasterKeySpec: 'RSA_3072' }],
  ['RSA_4096', 'SIGN_VERIFY', { SigningAlgorithms: RSA_SIGNING, CustomerMasterKeySpec: 'RSA_4096' }],
  [
    'ECC_NIST_P256',
    'SIGN_VERIFY',
    { SigningAlgorithms: ['ECDSA_SHA_256'], CustomerMasterKeySpec: 'ECC_NIST_P256' },
  ],
  [
    'ECC_NIST_P256',
    'KEY_AGREEMENT',
    { KeyAgreementAlgorithms: ['ECDH'], CustomerMasterKeySpec: 'ECC_NIST_P256' },
  ],
  [
    'ECC_NIST_P384',
    'SIGN_VERIFY',
    { SigningAlgorithms: ['ECDSA_SHA_384'], CustomerMasterKeySpec: 'ECC_NIST_P384' },
  ],
  [
    'ECC_NIST_P384',
    'KEY_AGREEMENT',
    { KeyAgreementAlgorithms: ['ECDH'], CustomerMasterKeySpec: 'ECC_NIST_P384' },
  ],
  [
    'ECC_NIST_P521',
    'SIGN_VERIFY',
    { SigningAlgorithms: ['ECDSA_SHA_512'], CustomerMasterKeySpec: 'ECC_NIST_P521' },
  ],
  [
    'ECC_NIST_P521',
    'KEY_AGREEMENT',
    { KeyAgreementAlgorithms: ['ECDH'], CustomerMasterKeySpec: 'ECC_NIST_P521' },
  ],
  [
    'ECC_SECG_P256K1',
    'SIGN_VERIFY',
    { SigningAlgorithms: ['ECDSA_SHA_256'], CustomerMasterKeySpec: 'ECC_SECG_P256K1' },
  ],
  ['ECC_NIST_EDWARDS25519', 'SIGN_VERIFY', { SigningAlgorithms: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'] }],
  ['HMAC_224', 'GENERATE_VERIFY_MAC', { MacAlgorithms: ['HMAC_SHA_224'], CustomerMasterKeySpec: 'HMAC_224' }],
  ['HMAC_256', 'GENERATE_VERIFY_MAC', { MacAlgorithms: ['HMAC_SHA_256'], CustomerMasterKeySpec: 'HMAC_256' }],
  ['HMAC_384', 'GENERATE_VERIFY_MAC', { MacAlgorithms: ['HMAC_SHA_384'], CustomerMasterKeySpec: 'HMAC_384' }],
  ['HMAC_512', 'GENERATE_VERIFY_MAC', { MacAlgorithms: ['HMAC_SHA_512'], CustomerMasterKeySpec: 'HMAC_512' }],
  ['ML_DSA_44', 'SIGN_VERIFY', { SigningAlgorithms: ['ML_DSA_SHAKE_256'] }],
  ['ML_DSA_65', 'SIGN_VERIFY', { SigningAlgorithms: ['ML_DSA_SHAKE_256'] }],
  ['ML_DSA_87', 'SIGN_VERIFY', { SigningAlgorithms: ['ML_DSA_SHAKE_256'] }],
  ['ML_KEM_512', 'ENCAPSULATE_DECAPSULATE', { EncapsulationAlgorithms: ['ML_KEM'] }],
  ['ML_KEM_768', 'ENCAPSULATE_DECAPSULATE', { EncapsulationAlgorithms: ['ML_KEM'] }],
  ['ML_KEM_1024', 'ENCAPSULATE_DECAPSULATE', { EncapsulationAlgorithms: ['ML_KEM'] }],
];

const ALGORITHM_FIELDS = [
  'EncryptionAlgorithms',
  'SigningAlgorithms',
  'MacAlgorithms',
  'KeyAgreementAlgorithms',
  'EncapsulationAlgorithms',
] as const;

/** The metadata fields a created key has, whatever its spec. */
function expectSpecMetadata(
  m: KeyMetadata | undefined,
  spec: string,
  usage: string,
  expected: Record<string, unknown>,
) {
  expect(m).toMatchObject({
    KeySpec: spec,
    KeyUsage: usage,
    KeyState: 'Enabled',
    Enabled: true,
    KeyManager: 'CUSTOMER',
    Origin: 'AWS_KMS',
    MultiRegion: false,
    ...expected,
  });
  for (const field of ALGORITHM_FIELDS) {
    if (!(field in expected)) expect(m![field], field).toBeUndefined();
  }
  if (!('CustomerMasterKeySpec' in expected)) expect(m!.CustomerMasterKeySpec).toBeUndefined();
  expect(m!.CurrentKeyMaterialId).toBeUndefined();
}

test.each(CASES)(
  'CreateKey %s with KeyUsage %s describes the usage’s algorithms only',
  async (spec, usage, expected) => {
    const input = { KeySpec: spec, KeyUsage: usage } as CreateKeyCommandInput;
    const { KeyMetadata: created } = await client.send(new CreateKeyCommand(input));
    expectSpecMetadata(created, spec, usage, expected);
    const { KeyMetadata: described } = await client.send(new DescribeKeyCommand({ KeyId: created!.KeyId }));
    expect(described).toEqual(created);
    // The engine generated real material: a secret for HMAC keys, a PKCS#8 / SPKI pair otherwise.
    const store = await server().emulator.store();
    const record = await store.get('keys', { account: ACCOUNT, region: REGION }, created!.KeyId!);
    const [material] = record!.materials;
    if (spec.startsWith('HMAC_')) {
      expect(material!.secret!.length).toBe(Number(spec.slice('HMAC_'.length)) / 8);
    } else {
      expect(material!.privateKey!.length).toBeGreaterThan(30);
      expect(material!.publicKey!.length).toBeGreaterThan(30);
    }
  },
);

test('SYMMETRIC_DEFAULT is the default spec and ENCRYPT_DECRYPT the default usage', async () => {
  const { KeyMetadata: m } = await client.send(new CreateKeyCommand({}));
  expect(m).toMatchObject({
    KeySpec: 'SYMMETRIC_DEFAULT',
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    KeyUsage: 'ENCRYPT_DECRYPT',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
  });
  expect(m!.CurrentKeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
});

test.each([
  ['RSA_2048', 'KEY_AGREEMENT'],
  ['SYMMETRIC_DEFAULT', 'SIGN_VERIFY'],
  ['HMAC_256', 'ENCRYPT_DECRYPT'],
  ['ECC_SECG_P256K1', 'KEY_AGREEMENT'],
  ['ML_KEM_768', 'ENCRYPT_DECRYPT'],
  ['ML_DSA_44', 'ENCAPSULATE_DECAPSULATE'],
])('KeyUsage incompatible with the spec is refused: %s with %s', async (spec, usage) => {
  await expect(
    client.send(new CreateKeyCommand({ KeySpec: spec, KeyUsage: usage } as CreateKeyCommandInput)),
  ).rejects.toMatchObject({
    name: 'ValidationException',
    message: `KeyUsage ${usage} is not compatible with KeySpec ${spec}`,
    $metadata: { httpStatusCode: 400 },
  });
});

test.each(['HMAC_256', 'RSA_2048', 'ECC_NIST_P256', 'ML_KEM_512'])(
  'a %s key without KeyUsage is the recorded ValidationException',
  async (spec) => {
    await expect(
      client.send(new CreateKeyCommand({ KeySpec: spec } as CreateKeyCommandInput)),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.',
    });
  },
);

test('SM2 is refused outside the China Regions', async () => {
  await expect(
    client.send(new CreateKeyCommand({ KeySpec: 'SM2', KeyUsage: 'SIGN_VERIFY' })),
  ).rejects.toMatchObject({ name: 'ValidationException' });
});

test('SM2 keys are created in cn-north-1 for each usage, with aws-cn ARNs', async () => {
  const cn = kmsClient({ region: 'cn-north-1' });
  const cases: Case[] = [
    ['SM2', 'ENCRYPT_DECRYPT', { EncryptionAlgorithms: ['SM2PKE'], CustomerMasterKeySpec: 'SM2' }],
    ['SM2', 'SIGN_VERIFY', { SigningAlgorithms: ['SM2DSA'], CustomerMasterKeySpec: 'SM2' }],
    ['SM2', 'KEY_AGREEMENT', { KeyAgreementAlgorithms: ['ECDH'], CustomerMasterKeySpec: 'SM2' }],
  ];
  for (const [spec, usage, expected] of cases) {
    const { KeyMetadata: m } = await cn.send(
      new CreateKeyCommand({ KeySpec: spec, KeyUsage: usage } as CreateKeyCommandInput),
    );
    expectSpecMetadata(m, spec, usage, expected);
    expect(m!.Arn).toBe(`arn:aws-cn:kms:cn-north-1:000000000000:key/${m!.KeyId}`);
    expect((await cn.send(new DescribeKeyCommand({ KeyId: m!.Arn }))).KeyMetadata).toEqual(m);
  }
  const symmetric = (await cn.send(new CreateKeyCommand({}))).KeyMetadata!;
  await expect(client.send(new DescribeKeyCommand({ KeyId: symmetric.KeyId }))).rejects.toMatchObject({
    name: 'NotFoundException',
  });
});

test('the deprecated CustomerMasterKeySpec creates the key; with KeySpec as well it is refused', async () => {
  const { KeyMetadata: m } = await client.send(
    new CreateKeyCommand({ CustomerMasterKeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }),
  );
  expect(m).toMatchObject({
    KeySpec: 'ECC_NIST_P256',
    CustomerMasterKeySpec: 'ECC_NIST_P256',
    SigningAlgorithms: ['ECDSA_SHA_256'],
  });
  await expect(
    client.send(
      new CreateKeyCommand({
        KeySpec: 'ECC_NIST_P256',
        CustomerMasterKeySpec: 'ECC_NIST_P256',
        KeyUsage: 'SIGN_VERIFY',
      }),
    ),
  ).rejects.toMatchObject({ name: 'ValidationException' });
});

test('a multi-Region key has an mrk- id and a PRIMARY MultiRegionConfiguration (recorded)', async () => {
  const { KeyMetadata: m } = await client.send(
    new CreateKeyCommand({ MultiRegion: true, Description: 'test multi region key' }),
  );
  expect(m!.KeyId).toMatch(/^mrk-[0-9a-f]{32}$/);
  expect(m).toMatchObject({
    MultiRegion: true,
    Arn: keyArnOf(m!.KeyId!),
    MultiRegionConfiguration: {
      MultiRegionKeyType: 'PRIMARY',
      PrimaryKey: { Arn: keyArnOf(m!.KeyId!), Region: 'us-east-1' },
      ReplicaKeys: [],
    },
  });
  expect((await client.send(new DescribeKeyCommand({ KeyId: m!.KeyId }))).KeyMetadata).toEqual(m);
  const single = (await client.send(new CreateKeyCommand({ MultiRegion: false }))).KeyMetadata!;
  expect(single.MultiRegion).toBe(false);
  expect('MultiRegionConfiguration' in single).toBe(false);
});

test('an EXTERNAL-origin key starts PendingImport, disabled, with no CurrentKeyMaterialId (recorded)', async () => {
  for (const input of [
    { Origin: 'EXTERNAL' },
    { Origin: 'EXTERNAL', KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' },
  ] as CreateKeyCommandInput[]) {
    const { KeyMetadata: m } = await client.send(new CreateKeyCommand(input));
    expect(m).toMatchObject({ Origin: 'EXTERNAL', KeyState: 'PendingImport', Enabled: false });
    expect(m!.CurrentKeyMaterialId).toBeUndefined();
    expect(m!.ExpirationModel).toBeUndefined();
    expect((await client.send(new DescribeKeyCommand({ KeyId: m!.KeyId }))).KeyMetadata).toEqual(m);
  }
});
