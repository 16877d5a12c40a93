/**
 * Multi-Region keys through the real SDK with one client per Region: ReplicateKey (the recorded response, the
 * Creating → Enabled change on the injected clock, shared material across Regions) and UpdatePrimaryRegion.
 * Expected values come from the AWS recordings in ../shared/aws-recorded (test_replicate_key,
 * test_replicate_replica_key_should_fail); the rest is checked against the API reference (see FIDELITY.md).
 */
import {
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GetKeyPolicyCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  ReplicateKeyCommand,
  ScheduleKeyDeletionCommand,
  UpdatePrimaryRegionCommand,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { expect, test } from 'vitest';
import { ACCOUNT, keyArnOf, kmsClient, REGION, useKmsServer } from './support/kms-fixture.ts';

const { client, server } = useKmsServer();
const REPLICA_REGION = 'ap-southeast-1';
const replicaClient = kmsClient({ region: REPLICA_REGION });
const THIRD_REGION = 'eu-west-1';
const thirdClient = kmsClient({ region: THIRD_REGION });

const defaultPolicy = {
  Version: '2012-10-17',
  Id: 'key-default-1',
  Statement: [
    {
      Sid: 'Enable IAM User Permissions',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 'kms:*',
      Resource: '*',
    },
  ],
};

async function createPrimary(description = 'test replicated key'): Promise<KeyMetadata> {
  return (await client.send(new CreateKeyCommand({ Description: description, MultiRegion: true })))
    .KeyMetadata!;
}

/** Moves the clock past the end of the replica's creation. */
const finishCreation = () => server().emulator.clock.advance(5_000);

const describe = async (c: typeof client, keyId: string) =>
  (await c.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;

test('ReplicateKey answers the recorded replica metadata and the default policy, and the primary lists it', async () => {
  const primary = await createPrimary();
  const keyId = primary.KeyId!;
  const replicaArn = keyArnOf(keyId, REPLICA_REGION);
  await expect(replicaClient.send(new DescribeKeyCommand({ KeyId: keyId }))).rejects.toMatchObject({
    name: 'NotFoundException',
    message: `Key '${replicaArn}' does not exist`,
    $metadata: { httpStatusCode: 400 },
  });

  const response = await client.send(
    new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: REPLICA_REGION }),
  );
  const configuration = {
    PrimaryKey: { Arn: keyArnOf(keyId), Region: REGION },
    ReplicaKeys: [{ Arn: replicaArn, Region: REPLICA_REGION }],
  };
  expect(response.ReplicaKeyMetadata).toEqual({
    AWSAccountId: ACCOUNT,
    Arn: replicaArn,
    CreationDate: expect.any(Date),
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    Description: '',
    Enabled: false,
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    KeyId: keyId,
    KeyManager: 'CUSTOMER',
    KeySpec: 'SYMMETRIC_DEFAULT',
    KeyState: 'Creating',
    KeyUsage: 'ENCRYPT_DECRYPT',
    MultiRegion: true,
    MultiRegionConfiguration: { MultiRegionKeyType: 'REPLICA', ...configuration },
    Origin: 'AWS_KMS',
  });
  expect(JSON.parse(response.ReplicaPolicy!)).toEqual(defaultPolicy);
  expect(response.ReplicaTags).toBeUndefined();

  expect(await describe(client, keyId)).toMatchObject({
    Description: 'test replicated key',
    KeyState: 'Enabled',
    MultiRegionConfiguration: { MultiRegionKeyType: 'PRIMARY', ...configuration },
  });
});

test('the replica is Creating, unusable, until the clock passes a few seconds; then it has the primary material id', async () => {
  const primary = await createPrimary();
  const keyId = primary.KeyId!;
  await client.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: REPLICA_REGION }));
  const replicaArn = keyArnOf(keyId, REPLICA_REGION);
  expect(await describe(replicaClient, keyId)).toMatchObject({ KeyState: 'Creating', Enabled: false });
  await expect(
    replicaClient.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([1]) })),
  ).rejects.toMatchObject({ name: 'KMSInvalidStateException', message: `${replicaArn} is creating.` });

  finishCreation();
  const ready = await describe(replicaClient, keyId);
  expect(ready).toMatchObject({
    KeyState: 'Enabled',
    Enabled: true,
    Description: '',
    CurrentKeyMaterialId: primary.CurrentKeyMaterialId,
    MultiRegionConfiguration: { MultiRegionKeyType: 'REPLICA' },
  });
  expect(ready.CurrentKeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
  const listed = await replicaClient.send(new ListKeysCommand({}));
  expect(listed.Keys).toContainEqual({ KeyId: keyId, KeyArn: replicaArn });
});

test('ciphertext of the primary decrypts with the replica in its Region, and the other way round', async () => {
  const keyId = (await createPrimary()).KeyId!;
  await client.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: REPLICA_REGION }));
  finishCreation();
  const context = { purpose: 'multi-region' };
  const message = new TextEncoder().encode('same key, two Regions');

  const fromPrimary = await client.send(
    new EncryptCommand({ KeyId: keyId, Plaintext: message, EncryptionContext: context }),
  );
  const inReplica = await replicaClient.send(
    new DecryptCommand({ CiphertextBlob: fromPrimary.CiphertextBlob, EncryptionContext: context }),
  );
  expect(inReplica.Plaintext).toEqual(message);
  expect(inReplica.KeyId).toBe(keyArnOf(keyId, REPLICA_REGION));

  const fromReplica = await replicaClient.send(
    new EncryptCommand({ KeyId: keyId, Plaintext: message, EncryptionContext: context }),
  );
  const inPrimary = await client.send(
    new DecryptCommand({ CiphertextBlob: fromReplica.CiphertextBlob, EncryptionContext: context }),
  );
  expect(inPrimary.Plaintext).toEqual(message);
  expect(inPrimary.KeyId).toBe(keyArnOf(keyId));
});

test('a replica gets its own description, policy and tags, not the primary ones', async () => {
  const keyId = (
    await client.send(
      new CreateKeyCommand({
        MultiRegion: true,
        Description: 'primary',
        Tags: [{ TagKey: 'k', TagValue: 'p' }],
      }),
    )
  ).KeyMetadata!.KeyId!;
  const policy = JSON.stringify({ ...defaultPolicy, Id: 'replica-policy' });
  const tags = [{ TagKey: 'team', TagValue: 'replica' }];
  const response = await client.send(
    new ReplicateKeyCommand({
      KeyId: keyArnOf(keyId),
      ReplicaRegion: REPLICA_REGION,
      Description: 'replica',
      Policy: policy,
      Tags: tags,
    }),
  );
  expect(response.ReplicaKeyMetadata!.Description).toBe('replica');
  expect(response.ReplicaPolicy).toBe(policy);
  expect(response.ReplicaTags).toEqual(tags);
  expect((await replicaClient.send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags).toEqual(tags);
  expect((await replicaClient.send(new GetKeyPolicyCommand({ KeyId: keyId }))).Policy).toBe(policy);
  expect((await client.send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags).toEqual([
    { TagKey: 'k', TagValue: 'p' },
  ]);
});

test('replicating a replica is the recorded UnsupportedOperationException naming the key', async () => {
  const keyId = (await createPrimary()).KeyId!;
  await client.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: REPLICA_REGION }));
  await expect(
    replicaClient.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: THIRD_REGION })),
  ).rejects.toMatchObject({
    name: 'UnsupportedOperationException',
    message: `${keyArnOf(keyId, REPLICA_REGION)} is not a multi-region primary key.`,
    $metadata: { httpStatusCode: 400 },
  });
  const single = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  await expect(
    client.send(new ReplicateKeyCommand({ KeyId: single, ReplicaRegion: REPLICA_REGION })),
  ).rejects.toMatchObject({
    name: 'UnsupportedOperationException',
    message: `${keyArnOf(single)} is not a multi-region primary key.`,
  });
});

test('a second replica in the same Region is AlreadyExistsException; the primary Region is refused', async () => {
  const keyId = (await createPrimary()).KeyId!;
  await client.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: REPLICA_REGION }));
  await expect(
    client.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: REPLICA_REGION })),
  ).rejects.toMatchObject({
    name: 'AlreadyExistsException',
    message: 'You can create only one replica of each primary key in each AWS Region.',
  });
  await expect(
    client.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: REGION })),
  ).rejects.toMatchObject({ name: 'ValidationException' });
  await expect(
    client.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'cn-north-1' })),
  ).rejects.toMatchObject({ name: 'ValidationException' });
});

test('a replica of a key pending deletion is refused with the key state error', async () => {
  const keyId = (await createPrimary()).KeyId!;
  await client.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
  await expect(
    client.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: REPLICA_REGION })),
  ).rejects.toMatchObject({
    name: 'KMSInvalidStateException',
    message: `${keyArnOf(keyId)} is pending deletion.`,
  });
});

test('a third replica is listed by every key of the set', async () => {
  const keyId = (await createPrimary()).KeyId!;
  await client.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: REPLICA_REGION }));
  await client.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: THIRD_REGION }));
  const replicaKeys = [
    { Arn: keyArnOf(keyId, REPLICA_REGION), Region: REPLICA_REGION },
    { Arn: keyArnOf(keyId, THIRD_REGION), Region: THIRD_REGION },
  ];
  for (const c of [client, replicaClient, thirdClient]) {
    expect((await describe(c, keyId)).MultiRegionConfiguration).toMatchObject({
      PrimaryKey: { Arn: keyArnOf(keyId), Region: REGION },
      ReplicaKeys: replicaKeys,
    });
  }
});

test('UpdatePrimaryRegion swaps the roles and every key shows the new primary', async () => {
  const keyId = (await createPrimary()).KeyId!;
  await client.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: REPLICA_REGION }));
  await client.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: THIRD_REGION }));
  await expect(
    client.send(new UpdatePrimaryRegionCommand({ KeyId: keyId, PrimaryRegion: REPLICA_REGION })),
  ).rejects.toMatchObject({
    name: 'KMSInvalidStateException',
    message: `${keyArnOf(keyId, REPLICA_REGION)} is creating.`,
  });
  finishCreation();
  await client.send(new UpdatePrimaryRegionCommand({ KeyId: keyId, PrimaryRegion: REPLICA_REGION }));

  const expected = {
    PrimaryKey: { Arn: keyArnOf(keyId, REPLICA_REGION), Region: REPLICA_REGION },
    ReplicaKeys: [
      { Arn: keyArnOf(keyId), Region: REGION },
      { Arn: keyArnOf(keyId, THIRD_REGION), Region: THIRD_REGION },
    ],
  };
  expect((await describe(replicaClient, keyId)).MultiRegionConfiguration).toEqual({
    MultiRegionKeyType: 'PRIMARY',
    ...expected,
  });
  for (const c of [client, thirdClient]) {
    expect((await describe(c, keyId)).MultiRegionConfiguration).toEqual({
      MultiRegionKeyType: 'REPLICA',
      ...expected,
    });
  }
  // Only the new primary can be replicated or moved now.
  await expect(
    client.send(new UpdatePrimaryRegionCommand({ KeyId: keyId, PrimaryRegion: THIRD_REGION })),
  ).rejects.toMatchObject({
    name: 'UnsupportedOperationException',
    message: `${keyArnOf(keyId)} is not a multi-region primary key.`,
  });
  await replicaClient.send(new UpdatePrimaryRegionCommand({ KeyId: keyId, PrimaryRegion: REGION }));
  expect((await describe(client, keyId)).MultiRegionConfiguration!.MultiRegionKeyType).toBe('PRIMARY');
});

test('UpdatePrimaryRegion to a Region without a replica names the missing key', async () => {
  const keyId = (await createPrimary()).KeyId!;
  await expect(
    client.send(new UpdatePrimaryRegionCommand({ KeyId: keyId, PrimaryRegion: THIRD_REGION })),
  ).rejects.toMatchObject({
    name: 'NotFoundException',
    message: `Key '${keyArnOf(keyId, THIRD_REGION)}' does not exist`,
  });
  await expect(
    client.send(new UpdatePrimaryRegionCommand({ KeyId: keyId, PrimaryRegion: REGION })),
  ).rejects.toMatchObject({ name: 'ValidationException' });
});

test('a replica of a primary with imported material gets none and ends PendingImport', async () => {
  const keyId = (await client.send(new CreateKeyCommand({ MultiRegion: true, Origin: 'EXTERNAL' })))
    .KeyMetadata!.KeyId!;
  await client.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: REPLICA_REGION }));
  finishCreation();
  const replica = await describe(replicaClient, keyId);
  expect(replica).toMatchObject({ KeyState: 'PendingImport', Enabled: false, Origin: 'EXTERNAL' });
  expect(replica.CurrentKeyMaterialId).toBeUndefined();
});
