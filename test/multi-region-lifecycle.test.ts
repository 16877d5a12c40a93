/**
 * What a multi-Region set shares over time, through the real SDK with one client per Region: rotation follows the
 * primary and reaches every replica, and a primary with replicas waits in PendingReplicaDeletion until they are
 * gone (API reference: ReplicateKey, ScheduleKeyDeletion, KeyMetadata.PendingDeletionWindowInDays).
 */
import {
  CancelKeyDeletionCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GetKeyRotationStatusCommand,
  ReplicateKeyCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { expect, test } from 'vitest';
import { keyArnOf, kmsClient, useKmsServer } from './support/kms-fixture.ts';

const { client, server } = useKmsServer();
const REPLICA_REGION = 'ap-southeast-1';
const replicaClient = kmsClient({ region: REPLICA_REGION });
const DAY = 86_400_000;
const text = new TextEncoder();

async function replicatedKey(): Promise<string> {
  const keyId = (await client.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata!.KeyId!;
  await client.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: REPLICA_REGION }));
  await server().emulator.clock.advance(5_000);
  return keyId;
}

const describe = async (c: typeof client, keyId: string) =>
  (await c.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;

test('an on-demand rotation of the primary reaches the replica; the replica cannot rotate itself', async () => {
  const keyId = await replicatedKey();
  await client.send(new RotateKeyOnDemandCommand({ KeyId: keyId }));
  const { CiphertextBlob } = await client.send(
    new EncryptCommand({ KeyId: keyId, Plaintext: text.encode('new') }),
  );
  const back = await replicaClient.send(new DecryptCommand({ CiphertextBlob }));
  expect(new TextDecoder().decode(back.Plaintext)).toBe('new');
  expect((await describe(replicaClient, keyId)).CurrentKeyMaterialId).toBe(
    (await describe(client, keyId)).CurrentKeyMaterialId,
  );
  await expect(replicaClient.send(new RotateKeyOnDemandCommand({ KeyId: keyId }))).rejects.toMatchObject({
    name: 'UnsupportedOperationException',
    message: `${keyArnOf(keyId, REPLICA_REGION)} is not a multi-region primary key.`,
  });
  await expect(replicaClient.send(new EnableKeyRotationCommand({ KeyId: keyId }))).rejects.toMatchObject({
    name: 'UnsupportedOperationException',
  });
});

test('automatic rotation is shared: enabled on the primary, due on the clock, visible first from the replica', async () => {
  const keyId = await replicatedKey();
  await client.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: 90 }));
  expect(await replicaClient.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).toMatchObject({
    KeyRotationEnabled: true,
    RotationPeriodInDays: 90,
  });
  const before = (await describe(replicaClient, keyId)).CurrentKeyMaterialId;
  await server().emulator.clock.advance(91 * DAY);
  // The replica is loaded first after the due date: the set rotates through its primary.
  const after = (await describe(replicaClient, keyId)).CurrentKeyMaterialId;
  expect(after).not.toBe(before);
  expect((await describe(client, keyId)).CurrentKeyMaterialId).toBe(after);
  const { CiphertextBlob } = await replicaClient.send(
    new EncryptCommand({ KeyId: keyId, Plaintext: text.encode('x') }),
  );
  expect((await client.send(new DecryptCommand({ CiphertextBlob }))).KeyMaterialId).toBe(after);
});

test('a primary with replicas waits in PendingReplicaDeletion, then its own window starts', async () => {
  const keyId = await replicatedKey();
  const scheduled = await client.send(
    new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }),
  );
  expect(scheduled).toMatchObject({ KeyState: 'PendingReplicaDeletion', PendingWindowInDays: 7 });
  expect(scheduled.DeletionDate).toBeUndefined();
  const waiting = await describe(client, keyId);
  expect(waiting).toMatchObject({
    KeyState: 'PendingReplicaDeletion',
    Enabled: false,
    PendingDeletionWindowInDays: 7,
  });
  expect(waiting.DeletionDate).toBeUndefined();
  await expect(
    client.send(new EncryptCommand({ KeyId: keyId, Plaintext: text.encode('x') })),
  ).rejects.toMatchObject({
    name: 'KMSInvalidStateException',
    message: `${keyArnOf(keyId)} is pending replica deletion.`,
  });

  await replicaClient.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
  await server().emulator.clock.advance(8 * DAY);
  await expect(describe(replicaClient, keyId)).rejects.toMatchObject({ name: 'NotFoundException' });
  const deleting = await describe(client, keyId);
  expect(deleting).toMatchObject({ KeyState: 'PendingDeletion' });
  expect(deleting.MultiRegionConfiguration!.ReplicaKeys).toEqual([]);
  expect(deleting.DeletionDate!.getTime() - server().emulator.clock.now()).toBeGreaterThan(6.9 * DAY);
  await server().emulator.clock.advance(8 * DAY);
  await expect(describe(client, keyId)).rejects.toMatchObject({ name: 'NotFoundException' });
});

test('CancelKeyDeletion of a primary waiting for its replicas leaves it Disabled', async () => {
  const keyId = await replicatedKey();
  await client.send(new ScheduleKeyDeletionCommand({ KeyId: keyId }));
  await client.send(new CancelKeyDeletionCommand({ KeyId: keyId }));
  const cancelled = await describe(client, keyId);
  expect(cancelled).toMatchObject({ KeyState: 'Disabled' });
  expect(cancelled.PendingDeletionWindowInDays).toBeUndefined();
});
