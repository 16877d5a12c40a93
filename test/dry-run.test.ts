/**
 * DryRun on every operation whose request defines it (read from the model, so a new one cannot be missed), through
 * the real SDK: each runs its checks, answers DryRunOperationException with AWS's recorded text, and changes
 * nothing — the state document is the same before and after. A dry run whose checks fail answers that failure.
 * DryRunModifiers IGNORE_CIPHERTEXT (Decrypt, ReEncrypt) checks the named key without any ciphertext.
 * https://docs.aws.amazon.com/kms/latest/developerguide/testing-permissions.html
 */
import {
  CreateGrantCommand,
  CreateKeyCommand,
  DecapsulateCommand,
  DecryptCommand,
  DeriveSharedSecretCommand,
  DisableKeyCommand,
  EncapsulateCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyPairCommand,
  GenerateDataKeyPairWithoutPlaintextCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GenerateMacCommand,
  GetPublicKeyCommand,
  ReEncryptCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
  SignCommand,
  VerifyCommand,
  VerifyMacCommand,
} from '@aws-sdk/client-kms';
import { beforeAll, expect, test } from 'vitest';
import { OPERATIONS, OPERATION_NAMES } from '../src/api/generated/operations.ts';
import { SHAPES } from '../src/api/generated/shapes.ts';
import { useKmsServer } from './support/kms-fixture.ts';

const { client, server } = useKmsServer();
const DRY_RUN = 'The request would have succeeded, but the DryRun option is set.';

const keys: Record<string, string> = {};
let blob: Uint8Array;
let signature: Uint8Array;
let mac: Uint8Array;
let kemCiphertext: Uint8Array;
let peerPublicKey: Uint8Array;
let grant: { GrantId: string; GrantToken: string };

beforeAll(async () => {
  const create = async (name: string, KeySpec?: string, KeyUsage?: string) => {
    const { KeyMetadata } = await client.send(
      new CreateKeyCommand({ KeySpec: KeySpec as never, KeyUsage: KeyUsage as never }),
    );
    keys[name] = KeyMetadata!.KeyId!;
  };
  await create('symmetric');
  await create('signing', 'ECC_NIST_P256', 'SIGN_VERIFY');
  await create('hmac', 'HMAC_256', 'GENERATE_VERIFY_MAC');
  await create('agreement', 'ECC_NIST_P256', 'KEY_AGREEMENT');
  await create('peer', 'ECC_NIST_P256', 'KEY_AGREEMENT');
  await create('kem', 'ML_KEM_512', 'ENCAPSULATE_DECAPSULATE');
  await create('disabled');
  await client.send(new DisableKeyCommand({ KeyId: keys.disabled }));
  blob = (await client.send(new EncryptCommand({ KeyId: keys.symmetric, Plaintext: new Uint8Array([1]) })))
    .CiphertextBlob!;
  signature = (
    await client.send(
      new SignCommand({
        KeyId: keys.signing,
        Message: new Uint8Array([1]),
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    )
  ).Signature!;
  mac = (
    await client.send(
      new GenerateMacCommand({
        KeyId: keys.hmac,
        Message: new Uint8Array([1]),
        MacAlgorithm: 'HMAC_SHA_256',
      }),
    )
  ).Mac!;
  kemCiphertext = (
    await client.send(new EncapsulateCommand({ KeyId: keys.kem, EncapsulationAlgorithm: 'ML_KEM' }))
  ).SharedSecretCiphertextBlob!;
  peerPublicKey = (await client.send(new GetPublicKeyCommand({ KeyId: keys.peer }))).PublicKey!;
  const created = await client.send(
    new CreateGrantCommand({
      KeyId: keys.symmetric,
      GranteePrincipal: 'arn:aws:iam::000000000000:role/app',
      RetiringPrincipal: 'arn:aws:iam::000000000000:root',
      Operations: ['Encrypt'],
    }),
  );
  grant = { GrantId: created.GrantId!, GrantToken: created.GrantToken! };
});

/** One dry-run request per operation that takes DryRun. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one table of commands of every kind
const DRY_RUNS: Record<string, () => any> = {
  CreateGrant: () =>
    new CreateGrantCommand({
      KeyId: keys.symmetric,
      GranteePrincipal: 'arn:aws:iam::000000000000:role/other',
      Operations: ['Decrypt'],
      DryRun: true,
    }),
  Decrypt: () => new DecryptCommand({ CiphertextBlob: blob, DryRun: true }),
  DeriveSharedSecret: () =>
    new DeriveSharedSecretCommand({
      KeyId: keys.agreement,
      KeyAgreementAlgorithm: 'ECDH',
      PublicKey: peerPublicKey,
      DryRun: true,
    }),
  Encrypt: () => new EncryptCommand({ KeyId: keys.symmetric, Plaintext: new Uint8Array([2]), DryRun: true }),
  GenerateDataKey: () =>
    new GenerateDataKeyCommand({ KeyId: keys.symmetric, KeySpec: 'AES_256', DryRun: true }),
  GenerateDataKeyWithoutPlaintext: () =>
    new GenerateDataKeyWithoutPlaintextCommand({ KeyId: keys.symmetric, KeySpec: 'AES_128', DryRun: true }),
  GenerateDataKeyPair: () =>
    new GenerateDataKeyPairCommand({ KeyId: keys.symmetric, KeyPairSpec: 'ECC_NIST_P256', DryRun: true }),
  GenerateDataKeyPairWithoutPlaintext: () =>
    new GenerateDataKeyPairWithoutPlaintextCommand({
      KeyId: keys.symmetric,
      KeyPairSpec: 'ECC_NIST_P256',
      DryRun: true,
    }),
  GenerateMac: () =>
    new GenerateMacCommand({
      KeyId: keys.hmac,
      Message: new Uint8Array([1]),
      MacAlgorithm: 'HMAC_SHA_256',
      DryRun: true,
    }),
  ReEncrypt: () =>
    new ReEncryptCommand({ CiphertextBlob: blob, DestinationKeyId: keys.symmetric, DryRun: true }),
  RetireGrant: () => new RetireGrantCommand({ GrantToken: grant.GrantToken, DryRun: true }),
  RevokeGrant: () => new RevokeGrantCommand({ KeyId: keys.symmetric, GrantId: grant.GrantId, DryRun: true }),
  Sign: () =>
    new SignCommand({
      KeyId: keys.signing,
      Message: new Uint8Array([1]),
      SigningAlgorithm: 'ECDSA_SHA_256',
      DryRun: true,
    }),
  Verify: () =>
    new VerifyCommand({
      KeyId: keys.signing,
      Message: new Uint8Array([1]),
      Signature: signature,
      SigningAlgorithm: 'ECDSA_SHA_256',
      DryRun: true,
    }),
  VerifyMac: () =>
    new VerifyMacCommand({
      KeyId: keys.hmac,
      Message: new Uint8Array([1]),
      Mac: mac,
      MacAlgorithm: 'HMAC_SHA_256',
      DryRun: true,
    }),
  Encapsulate: () =>
    new EncapsulateCommand({ KeyId: keys.kem, EncapsulationAlgorithm: 'ML_KEM', DryRun: true }),
  Decapsulate: () =>
    new DecapsulateCommand({
      KeyId: keys.kem,
      EncapsulationAlgorithm: 'ML_KEM',
      SharedSecretCiphertextBlob: kemCiphertext,
      DryRun: true,
    }),
};

const takesDryRun = OPERATION_NAMES.filter((name) => {
  const shape = SHAPES[OPERATIONS[name].input];
  return shape?.type === 'structure' && 'DryRun' in shape.members;
});

test('every operation that takes DryRun is covered here', () => {
  expect(Object.keys(DRY_RUNS).sort()).toEqual([...takesDryRun].sort());
  expect(takesDryRun.length).toBeGreaterThanOrEqual(15);
});

test.each(Object.keys(DRY_RUNS))(
  '%s with DryRun: DryRunOperationException, and nothing changes',
  async (name) => {
    const before = await server().emulator.admin.exportState();
    await expect(client.send(DRY_RUNS[name]!())).rejects.toMatchObject({
      name: 'DryRunOperationException',
      message: DRY_RUN,
      $metadata: { httpStatusCode: 400 },
    });
    const after = await server().emulator.admin.exportState();
    expect(after.data).toEqual(before.data);
  },
);

test('a dry run whose checks fail answers that failure, not DryRunOperationException', async () => {
  await expect(
    client.send(new EncryptCommand({ KeyId: keys.disabled, Plaintext: new Uint8Array([1]), DryRun: true })),
  ).rejects.toMatchObject({ name: 'DisabledException' });
  await expect(
    client.send(new DecryptCommand({ CiphertextBlob: new Uint8Array(64).fill(1), DryRun: true })),
  ).rejects.toMatchObject({ name: 'InvalidCiphertextException' });
  await expect(
    client.send(
      new SignCommand({
        KeyId: keys.symmetric,
        Message: new Uint8Array([1]),
        SigningAlgorithm: 'ECDSA_SHA_256',
        DryRun: true,
      }),
    ),
  ).rejects.toMatchObject({ name: 'InvalidKeyUsageException' });
});

test('DryRunModifiers IGNORE_CIPHERTEXT checks the named key without a ciphertext', async () => {
  await expect(
    client.send(
      new DecryptCommand({ KeyId: keys.symmetric, DryRun: true, DryRunModifiers: ['IGNORE_CIPHERTEXT'] }),
    ),
  ).rejects.toMatchObject({ name: 'DryRunOperationException', message: DRY_RUN });
  // Garbage ciphertext is not looked at.
  await expect(
    client.send(
      new DecryptCommand({
        KeyId: keys.symmetric,
        CiphertextBlob: new Uint8Array([9, 9, 9]),
        DryRun: true,
        DryRunModifiers: ['IGNORE_CIPHERTEXT'],
      }),
    ),
  ).rejects.toMatchObject({ name: 'DryRunOperationException' });
  await expect(
    client.send(new DecryptCommand({ DryRun: true, DryRunModifiers: ['IGNORE_CIPHERTEXT'] })),
  ).rejects.toMatchObject({
    name: 'ValidationException',
    message: 'KeyId is required when DryRunModifiers contains IGNORE_CIPHERTEXT.',
  });
  await expect(
    client.send(
      new DecryptCommand({ KeyId: keys.disabled, DryRun: true, DryRunModifiers: ['IGNORE_CIPHERTEXT'] }),
    ),
  ).rejects.toMatchObject({ name: 'DisabledException' });
  await expect(
    client.send(
      new ReEncryptCommand({
        SourceKeyId: keys.symmetric,
        DestinationKeyId: keys.disabled,
        DryRun: true,
        DryRunModifiers: ['IGNORE_CIPHERTEXT'],
      }),
    ),
  ).rejects.toMatchObject({ name: 'DisabledException' });
  await expect(
    client.send(
      new ReEncryptCommand({
        SourceKeyId: keys.symmetric,
        DestinationKeyId: keys.symmetric,
        DryRun: true,
        DryRunModifiers: ['IGNORE_CIPHERTEXT'],
      }),
    ),
  ).rejects.toMatchObject({ name: 'DryRunOperationException' });
  // Without DryRun the modifier changes nothing: the ciphertext is required.
  await expect(
    client.send(new DecryptCommand({ KeyId: keys.symmetric, DryRunModifiers: ['IGNORE_CIPHERTEXT'] })),
  ).rejects.toMatchObject({ name: 'ValidationException' });
});
