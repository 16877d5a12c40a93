/**
 * Key lifecycle through the real SDK on msw/node: CreateKey, DescribeKey, ListKeys, enable/disable, deletion.
 * Expected values come from the AWS recordings in ../shared/aws-recorded (see FIDELITY.md).
 */
import {
  CancelKeyDeletionCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  ListKeysCommand,
  ScheduleKeyDeletionCommand,
  UpdateKeyDescriptionCommand,
} from '@aws-sdk/client-kms';
import { expect, test } from 'vitest';
import { ACCOUNT, keyArnOf, useKmsServer } from './support/kms-fixture.ts';

const { client, server } = useKmsServer();

test('CreateKey makes an Enabled symmetric key with the recorded metadata fields', async () => {
  const { KeyMetadata: created } = await client.send(new CreateKeyCommand({ Description: 'test key 123' }));
  expect(created).toBeDefined();
  const { KeyMetadata: m } = await client.send(new DescribeKeyCommand({ KeyId: created!.KeyId }));
  expect(m).toEqual(created);
  expect(Object.keys(m!).sort()).toEqual(
    [
      'AWSAccountId',
      'Arn',
      'CreationDate',
      'CurrentKeyMaterialId',
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
    ].sort(),
  );
  expect(m).toMatchObject({
    AWSAccountId: ACCOUNT,
    Arn: keyArnOf(created!.KeyId!),
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    Description: 'test key 123',
    Enabled: true,
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    KeyManager: 'CUSTOMER',
    KeySpec: 'SYMMETRIC_DEFAULT',
    KeyState: 'Enabled',
    KeyUsage: 'ENCRYPT_DECRYPT',
    MultiRegion: false,
    Origin: 'AWS_KMS',
  });
  expect(m!.KeyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(m!.CurrentKeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
  expect(m!.CreationDate).toBeInstanceOf(Date);
  expect(Math.abs(m!.CreationDate!.getTime() - Date.now())).toBeLessThan(60_000);
});

test('DescribeKey of an unknown but well-formed id names the full ARN', async () => {
  const id = '00000000-0000-4000-8000-000000000000';
  await expect(client.send(new DescribeKeyCommand({ KeyId: id }))).rejects.toMatchObject({
    name: 'NotFoundException',
    message: `Key '${keyArnOf(id)}' does not exist`,
    $metadata: { httpStatusCode: 400 },
  });
  const mrk = 'mrk-0123456789abcdef0123456789abcdef';
  await expect(client.send(new DescribeKeyCommand({ KeyId: keyArnOf(mrk) }))).rejects.toMatchObject({
    name: 'NotFoundException',
    message: `Key '${keyArnOf(mrk)}' does not exist`,
  });
});

test.each(['fake-key-id', '134f2428cec14b25a1ae9048164dba47', 'mrk-fake-key-id'])(
  'DescribeKey of the malformed id %s is Invalid keyId',
  async (id) => {
    await expect(client.send(new DescribeKeyCommand({ KeyId: id }))).rejects.toMatchObject({
      name: 'NotFoundException',
      message: `Invalid keyId '${id}'`,
    });
  },
);

test('a key ARN of another region is Invalid arn <region>', async () => {
  const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
  const other = KeyMetadata!.Arn!.replace(':us-east-1:', ':eu-west-1:');
  await expect(client.send(new DescribeKeyCommand({ KeyId: other }))).rejects.toMatchObject({
    name: 'NotFoundException',
    message: 'Invalid arn eu-west-1',
  });
});

test('ListKeys pages with an opaque marker and ends with Truncated false and no NextMarker', async () => {
  const created = new Set<string>();
  for (let i = 0; i < 5; i++) created.add((await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!);
  const seen: string[] = [];
  let marker: string | undefined;
  for (;;) {
    const page = await client.send(new ListKeysCommand({ Limit: 2, Marker: marker }));
    expect(page.Keys!.length).toBeLessThanOrEqual(2);
    for (const k of page.Keys!) {
      expect(k.KeyArn).toBe(keyArnOf(k.KeyId!));
      seen.push(k.KeyId!);
    }
    if (!page.Truncated) {
      expect(page.NextMarker).toBeUndefined();
      break;
    }
    marker = page.NextMarker;
  }
  for (const id of created) expect(seen).toContain(id);
  expect(new Set(seen).size).toBe(seen.length);
  await expect(client.send(new ListKeysCommand({ Marker: 'bm90LWEtbWFya2Vy' }))).rejects.toMatchObject({
    name: 'InvalidMarkerException',
  });
});

test('DisableKey and EnableKey toggle Enabled and KeyState', async () => {
  const keyId = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  await client.send(new DisableKeyCommand({ KeyId: keyId }));
  expect((await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata).toMatchObject({
    Enabled: false,
    KeyState: 'Disabled',
  });
  await client.send(new EnableKeyCommand({ KeyId: keyId }));
  expect((await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata).toMatchObject({
    Enabled: true,
    KeyState: 'Enabled',
  });
});

test('ScheduleKeyDeletion then CancelKeyDeletion leaves the key Disabled with no DeletionDate', async () => {
  const keyId = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  const scheduled = await client.send(
    new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }),
  );
  expect(scheduled).toMatchObject({
    KeyId: keyArnOf(keyId),
    KeyState: 'PendingDeletion',
    PendingWindowInDays: 7,
  });
  const pending = (await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;
  expect(pending).toMatchObject({
    Enabled: false,
    KeyState: 'PendingDeletion',
  });
  // KeyMetadata shows PendingDeletionWindowInDays only for PendingReplicaDeletion (API reference, KeyMetadata).
  expect(pending.PendingDeletionWindowInDays).toBeUndefined();
  expect(pending.DeletionDate!.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
  await expect(client.send(new ScheduleKeyDeletionCommand({ KeyId: keyId }))).rejects.toMatchObject({
    name: 'KMSInvalidStateException',
    message: `${keyArnOf(keyId)} is pending deletion.`,
  });
  expect(await client.send(new CancelKeyDeletionCommand({ KeyId: keyId }))).toMatchObject({
    KeyId: keyArnOf(keyId),
  });
  const cancelled = (await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;
  expect(cancelled).toMatchObject({ Enabled: false, KeyState: 'Disabled' });
  expect(cancelled.DeletionDate).toBeUndefined();
});

test('a key is gone once the clock passes its DeletionDate', async () => {
  const keyId = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  await client.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
  server().emulator.clock.advance(7 * 86_400_000 + 1000);
  await expect(client.send(new DescribeKeyCommand({ KeyId: keyId }))).rejects.toMatchObject({
    name: 'NotFoundException',
    message: `Key '${keyArnOf(keyId)}' does not exist`,
  });
  const listed = await client.send(new ListKeysCommand({ Limit: 1000 }));
  expect(listed.Keys!.map((k) => k.KeyId)).not.toContain(keyId);
});

test('UpdateKeyDescription changes the description', async () => {
  const keyId = (await client.send(new CreateKeyCommand({ Description: 'before' }))).KeyMetadata!.KeyId!;
  await client.send(new UpdateKeyDescriptionCommand({ KeyId: keyId, Description: 'after' }));
  expect((await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.Description).toBe(
    'after',
  );
});
