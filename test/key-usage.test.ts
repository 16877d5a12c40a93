/**
 * GetKeyLastUsage through the real SDK on msw/node: which operations record a use (those of the
 * KeyLastUsageTrackingOperation enum, on success only), ReEncrypt's two keys, the once-a-minute rewrite of a
 * repeated use, and the response fields. AWS's responses for this operation are not recorded; the expected values
 * follow the API reference (see FIDELITY.md).
 */
import {
  CreateKeyCommand,
  DecapsulateCommand,
  DecryptCommand,
  DeriveSharedSecretCommand,
  DescribeKeyCommand,
  EncapsulateCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyPairCommand,
  GenerateDataKeyPairWithoutPlaintextCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GenerateMacCommand,
  GetKeyLastUsageCommand,
  GetPublicKeyCommand,
  ReEncryptCommand,
  ReplicateKeyCommand,
  SignCommand,
  VerifyCommand,
  VerifyMacCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { expect, test } from 'vitest';
import { keyArnOf, kmsClient, useKmsServer } from './support/kms-fixture.ts';

const { client, server } = useKmsServer();
const plaintext = new TextEncoder().encode('usage');
const clock = () => server().emulator.clock;

const createKey = async (input: ConstructorParameters<typeof CreateKeyCommand>[0] = {}, kms = client) =>
  (await kms.send(new CreateKeyCommand(input))).KeyMetadata!;

const lastUsage = async (keyId: string, kms: KMSClient = client) =>
  kms.send(new GetKeyLastUsageCommand({ KeyId: keyId }));

test('a key never used has an empty KeyLastUsage and tracking starts at its creation', async () => {
  const created = await createKey();
  const { $metadata: _metadata, ...body } = await lastUsage(created.KeyId!);
  expect(body).toEqual({
    KeyId: created.KeyId,
    KeyLastUsage: {},
    TrackingStartDate: created.CreationDate,
    KeyCreationDate: created.CreationDate,
  });
  // Describing the key or reading its public key is no cryptographic use.
  await client.send(new DescribeKeyCommand({ KeyId: created.KeyId }));
  expect((await lastUsage(keyArnOf(created.KeyId!))).KeyLastUsage).toEqual({});
});

test('a successful Encrypt records the operation, its time and its request id', async () => {
  const keyId = (await createKey()).KeyId!;
  const before = clock().now();
  const encrypted = await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }));
  const { KeyLastUsage } = await lastUsage(keyId);
  expect(KeyLastUsage).toEqual({
    Operation: 'Encrypt',
    Timestamp: expect.any(Date),
    KmsRequestId: encrypted.$metadata.requestId,
  });
  expect(KeyLastUsage!.Timestamp!.getTime()).toBeGreaterThanOrEqual(before);
  expect(KeyLastUsage!.Timestamp!.getTime()).toBeLessThanOrEqual(clock().now());
});

test('a repeated use by the same operation is rewritten only once a minute has passed; another operation at once', async () => {
  const keyId = (await createKey()).KeyId!;
  const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }));
  const first = (await lastUsage(keyId)).KeyLastUsage!;

  clock().advance(30_000);
  await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }));
  expect((await lastUsage(keyId)).KeyLastUsage).toEqual(first);

  clock().advance(31_000);
  const later = await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }));
  const rewritten = (await lastUsage(keyId)).KeyLastUsage!;
  expect(rewritten.KmsRequestId).toBe(later.$metadata.requestId);
  expect(rewritten.Timestamp!.getTime() - first.Timestamp!.getTime()).toBeGreaterThanOrEqual(61_000);

  const decrypted = await client.send(new DecryptCommand({ CiphertextBlob }));
  expect((await lastUsage(keyId)).KeyLastUsage).toMatchObject({
    Operation: 'Decrypt',
    KmsRequestId: decrypted.$metadata.requestId,
  });
});

test('ReEncrypt records a ReEncrypt use on both its source and destination keys', async () => {
  const source = (await createKey()).KeyId!;
  const destination = (await createKey()).KeyId!;
  const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: source, Plaintext: plaintext }));
  const reEncrypted = await client.send(
    new ReEncryptCommand({ CiphertextBlob, DestinationKeyId: destination }),
  );
  for (const keyId of [source, destination]) {
    expect((await lastUsage(keyId)).KeyLastUsage).toMatchObject({
      Operation: 'ReEncrypt',
      KmsRequestId: reEncrypted.$metadata.requestId,
    });
  }
});

test('failed operations, dry runs and operations outside the tracking list record nothing', async () => {
  const keyId = (await createKey()).KeyId!;
  await expect(
    client.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext, DryRun: true })),
  ).rejects.toMatchObject({ name: 'DryRunOperationException' });
  const { CiphertextBlob } = await client.send(
    new EncryptCommand({ KeyId: keyId, Plaintext: plaintext, EncryptionContext: { a: 'b' } }),
  );
  const afterEncrypt = (await lastUsage(keyId)).KeyLastUsage;
  await expect(client.send(new DecryptCommand({ CiphertextBlob }))).rejects.toMatchObject({
    name: 'InvalidCiphertextException',
  });
  expect((await lastUsage(keyId)).KeyLastUsage).toEqual(afterEncrypt);

  const signing = (await createKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' })).KeyId!;
  await client.send(new GetPublicKeyCommand({ KeyId: signing }));
  await expect(
    client.send(
      new VerifyCommand({
        KeyId: signing,
        Message: plaintext,
        Signature: new Uint8Array(70),
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    ),
  ).rejects.toMatchObject({ name: 'KMSInvalidSignatureException' });
  expect((await lastUsage(signing)).KeyLastUsage).toEqual({});
});

test('every tracked operation records its own name', async () => {
  const symmetric = (await createKey()).KeyId!;
  const signing = (await createKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' })).KeyId!;
  const hmac = (await createKey({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' })).KeyId!;
  const agreement = (await createKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' })).KeyId!;
  const kem = (await createKey({ KeySpec: 'ML_KEM_768', KeyUsage: 'ENCAPSULATE_DECAPSULATE' })).KeyId!;
  const peer = (await client.send(new GetPublicKeyCommand({ KeyId: agreement }))).PublicKey!;
  const { Signature } = await client.send(
    new SignCommand({ KeyId: signing, Message: plaintext, SigningAlgorithm: 'ECDSA_SHA_256' }),
  );
  const { Mac } = await client.send(
    new GenerateMacCommand({ KeyId: hmac, Message: plaintext, MacAlgorithm: 'HMAC_SHA_256' }),
  );
  const { SharedSecretCiphertextBlob } = await client.send(
    new EncapsulateCommand({ KeyId: kem, EncapsulationAlgorithm: 'ML_KEM' }),
  );
  const uses: [string, () => Promise<unknown>][] = [
    [
      'GenerateDataKey',
      () => client.send(new GenerateDataKeyCommand({ KeyId: symmetric, KeySpec: 'AES_256' })),
    ],
    [
      'GenerateDataKeyWithoutPlaintext',
      () => client.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: symmetric, NumberOfBytes: 16 })),
    ],
    [
      'GenerateDataKeyPair',
      () => client.send(new GenerateDataKeyPairCommand({ KeyId: symmetric, KeyPairSpec: 'ECC_NIST_P256' })),
    ],
    [
      'GenerateDataKeyPairWithoutPlaintext',
      () =>
        client.send(
          new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: symmetric, KeyPairSpec: 'ECC_NIST_P256' }),
        ),
    ],
    [
      'Verify',
      () =>
        client.send(
          new VerifyCommand({
            KeyId: signing,
            Message: plaintext,
            Signature,
            SigningAlgorithm: 'ECDSA_SHA_256',
          }),
        ),
    ],
    [
      'VerifyMac',
      () =>
        client.send(
          new VerifyMacCommand({ KeyId: hmac, Message: plaintext, Mac, MacAlgorithm: 'HMAC_SHA_256' }),
        ),
    ],
    [
      'DeriveSharedSecret',
      () =>
        client.send(
          new DeriveSharedSecretCommand({ KeyId: agreement, KeyAgreementAlgorithm: 'ECDH', PublicKey: peer }),
        ),
    ],
    [
      'Decapsulate',
      () =>
        client.send(
          new DecapsulateCommand({
            KeyId: kem,
            SharedSecretCiphertextBlob,
            EncapsulationAlgorithm: 'ML_KEM',
          }),
        ),
    ],
  ];
  expect((await lastUsage(signing)).KeyLastUsage!.Operation).toBe('Sign');
  expect((await lastUsage(hmac)).KeyLastUsage!.Operation).toBe('GenerateMac');
  expect((await lastUsage(kem)).KeyLastUsage!.Operation).toBe('Encapsulate');
  for (const [operation, use] of uses) {
    await use();
    const keyId = { Verify: signing, VerifyMac: hmac, DeriveSharedSecret: agreement, Decapsulate: kem }[
      operation
    ];
    expect((await lastUsage(keyId ?? symmetric)).KeyLastUsage!.Operation, operation).toBe(operation);
  }
});

test('the primary and a replica of a multi-Region key track their use independently', async () => {
  const replicaClient = kmsClient({ region: 'ap-southeast-1' });
  const keyId = (await createKey({ MultiRegion: true })).KeyId!;
  await client.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'ap-southeast-1' }));
  clock().advance(5_000);
  await replicaClient.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }));
  expect((await lastUsage(keyId, replicaClient)).KeyLastUsage!.Operation).toBe('Encrypt');
  expect((await lastUsage(keyId)).KeyLastUsage).toEqual({});
});

test('an unknown key is NotFoundException naming its ARN', async () => {
  const keyId = '00000000-0000-4000-8000-000000000000';
  await expect(lastUsage(keyId)).rejects.toMatchObject({
    name: 'NotFoundException',
    message: `Key '${keyArnOf(keyId)}' does not exist`,
  });
});
