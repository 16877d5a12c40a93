/**
 * Aliases through the real SDK on msw/node: CreateAlias, UpdateAlias, DeleteAlias, ListAliases, aliases as KeyId,
 * and the AWS managed keys behind the predefined `alias/aws/<service>` aliases. Expected values come from the AWS
 * recordings in ../shared/aws-recorded where they exist (see FIDELITY.md for the rest).
 */
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EncryptCommand,
  GetKeyPolicyCommand,
  ListAliasesCommand,
  ListResourceTagsCommand,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UpdateAliasCommand,
  UpdateKeyDescriptionCommand,
  type AliasListEntry,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { expect, test } from 'vitest';
import { ACCOUNT, REGION, keyArnOf, kmsClient, useKmsServer } from './support/kms-fixture.ts';

const { client, server } = useKmsServer();
const aliasArnOf = (name: string, account = ACCOUNT) => `arn:aws:kms:${REGION}:${account}:${name}`;

/** A client acting in its own account (a 12-digit access key id selects the account), for exact listings. */
const accountClient = (account: string) =>
  kmsClient({ credentials: { accessKeyId: account, secretAccessKey: 'kmsw' } });

const newKey = async (c: KMSClient = client, input: ConstructorParameters<typeof CreateKeyCommand>[0] = {}) =>
  (await c.send(new CreateKeyCommand(input))).KeyMetadata!.KeyId!;

async function listAll(c: KMSClient, keyId?: string, limit?: number): Promise<AliasListEntry[]> {
  const out: AliasListEntry[] = [];
  let marker: string | undefined;
  for (;;) {
    const page = await c.send(new ListAliasesCommand({ KeyId: keyId, Limit: limit, Marker: marker }));
    out.push(...page.Aliases!);
    if (!page.Truncated) {
      expect(page.NextMarker).toBeUndefined();
      return out;
    }
    marker = page.NextMarker;
  }
}

test('CreateAlias with a name that lacks alias/ is the recorded ValidationException', async () => {
  const keyId = await newKey();
  await expect(
    client.send(new CreateAliasCommand({ AliasName: 'no-prefix', TargetKeyId: keyId })),
  ).rejects.toMatchObject({
    name: 'ValidationException',
    message:
      'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
    $metadata: { httpStatusCode: 400 },
  });
});

test('an alias appears in ListAliases after CreateAlias and is gone after DeleteAlias', async () => {
  const keyId = await newKey();
  const before = Date.now();
  await client.send(new CreateAliasCommand({ AliasName: 'alias/listed', TargetKeyId: keyArnOf(keyId) }));
  const entry = (await listAll(client)).find((a) => a.AliasName === 'alias/listed');
  expect(entry).toEqual({
    AliasName: 'alias/listed',
    AliasArn: aliasArnOf('alias/listed'),
    TargetKeyId: keyId,
    CreationDate: expect.any(Date),
    LastUpdatedDate: expect.any(Date),
  });
  expect(entry!.CreationDate!.getTime()).toBeGreaterThanOrEqual(before - 1000);
  expect(entry!.LastUpdatedDate).toEqual(entry!.CreationDate);
  await client.send(new DeleteAliasCommand({ AliasName: 'alias/listed' }));
  expect((await listAll(client)).map((a) => a.AliasName)).not.toContain('alias/listed');
  await expect(client.send(new DeleteAliasCommand({ AliasName: 'alias/listed' }))).rejects.toMatchObject({
    name: 'NotFoundException',
    message: `Alias ${aliasArnOf('alias/listed')} is not found.`,
  });
});

test('DescribeKey with an alias name or alias ARN returns the target key (recorded)', async () => {
  const { KeyMetadata: created } = await client.send(
    new CreateKeyCommand({ Description: 'test - description' }),
  );
  await client.send(new CreateAliasCommand({ AliasName: 'alias/described', TargetKeyId: created!.KeyId }));
  for (const id of ['alias/described', aliasArnOf('alias/described')]) {
    expect((await client.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata).toEqual(created);
  }
});

test('Encrypt accepts a key id, key ARN, alias name and alias ARN', async () => {
  const keyId = await newKey();
  await client.send(new CreateAliasCommand({ AliasName: 'alias/for-encrypt', TargetKeyId: keyId }));
  for (const id of [keyId, keyArnOf(keyId), 'alias/for-encrypt', aliasArnOf('alias/for-encrypt')]) {
    const out = await client.send(new EncryptCommand({ KeyId: id, Plaintext: new Uint8Array([1, 2, 3]) }));
    expect(out.KeyId).toBe(keyArnOf(keyId));
  }
});

test('UpdateAlias points the alias at the new key and moves LastUpdatedDate', async () => {
  const first = await newKey();
  const second = await newKey();
  await client.send(new CreateAliasCommand({ AliasName: 'alias/moving', TargetKeyId: first }));
  server().emulator.clock.advance(60_000);
  await client.send(new UpdateAliasCommand({ AliasName: 'alias/moving', TargetKeyId: keyArnOf(second) }));
  const entry = (await listAll(client)).find((a) => a.AliasName === 'alias/moving')!;
  expect(entry.TargetKeyId).toBe(second);
  expect(entry.LastUpdatedDate!.getTime() - entry.CreationDate!.getTime()).toBeGreaterThanOrEqual(60_000);
  expect((await client.send(new DescribeKeyCommand({ KeyId: 'alias/moving' }))).KeyMetadata!.KeyId).toBe(
    second,
  );
});

test('ListAliases with KeyId lists only that key’s aliases, by key id or key ARN', async () => {
  const keyId = await newKey();
  const other = await newKey();
  await client.send(new CreateAliasCommand({ AliasName: 'alias/mine-b', TargetKeyId: keyId }));
  await client.send(new CreateAliasCommand({ AliasName: 'alias/mine-a', TargetKeyId: keyId }));
  await client.send(new CreateAliasCommand({ AliasName: 'alias/not-mine', TargetKeyId: other }));
  for (const id of [keyId, keyArnOf(keyId)]) {
    const names = (await listAll(client, id)).map((a) => a.AliasName);
    expect(names).toEqual(['alias/mine-a', 'alias/mine-b']);
  }
  await expect(client.send(new ListAliasesCommand({ KeyId: 'alias/mine-a' }))).rejects.toMatchObject({
    name: 'NotFoundException',
    message: "Invalid keyId 'alias/mine-a'",
  });
});

test('ListAliases pages in name order and lists the predefined AWS aliases without TargetKeyId', async () => {
  const c = accountClient('111111111111');
  const keyId = await newKey(c);
  for (const name of ['alias/p3', 'alias/p1', 'alias/p2']) {
    await c.send(new CreateAliasCommand({ AliasName: name, TargetKeyId: keyId }));
  }
  const paged = await listAll(c, undefined, 4);
  const names = paged.map((a) => a.AliasName!);
  expect(names).toEqual([...names].sort());
  expect(new Set(names).size).toBe(names.length);
  expect(paged.filter((a) => a.TargetKeyId !== undefined).map((a) => a.AliasName)).toEqual([
    'alias/p1',
    'alias/p2',
    'alias/p3',
  ]);
  const s3 = paged.find((a) => a.AliasName === 'alias/aws/s3');
  expect(s3).toEqual({ AliasName: 'alias/aws/s3', AliasArn: aliasArnOf('alias/aws/s3', '111111111111') });
  expect(names).toEqual(expect.arrayContaining(['alias/aws/ebs', 'alias/aws/lambda', 'alias/aws/dynamodb']));
  const first = await c.send(new ListAliasesCommand({}));
  expect(first.Aliases!.length).toBe(Math.min(50, paged.length));
});

test('a duplicate alias name is AlreadyExistsException naming the alias ARN', async () => {
  const keyId = await newKey();
  await client.send(new CreateAliasCommand({ AliasName: 'alias/dup', TargetKeyId: keyId }));
  await expect(
    client.send(new CreateAliasCommand({ AliasName: 'alias/dup', TargetKeyId: keyId })),
  ).rejects.toMatchObject({
    name: 'AlreadyExistsException',
    message: `An alias with the name ${aliasArnOf('alias/dup')} already exists`,
    $metadata: { httpStatusCode: 400 },
  });
});

test('names under alias/aws/ are reserved: NotAuthorizedException for create, update and delete', async () => {
  const keyId = await newKey();
  for (const call of [
    () => client.send(new CreateAliasCommand({ AliasName: 'alias/aws/mine', TargetKeyId: keyId })),
    () => client.send(new UpdateAliasCommand({ AliasName: 'alias/aws/s3', TargetKeyId: keyId })),
    () => client.send(new DeleteAliasCommand({ AliasName: 'alias/aws/s3' })),
  ]) {
    await expect(call()).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      $metadata: { httpStatusCode: 400 },
    });
  }
});

test('an alias name with a colon, or an alias as TargetKeyId, is a ValidationException', async () => {
  const keyId = await newKey();
  await expect(
    client.send(new CreateAliasCommand({ AliasName: 'alias/my:alias', TargetKeyId: keyId })),
  ).rejects.toMatchObject({
    name: 'ValidationException',
    message: 'alias/my:alias contains invalid characters for an alias',
  });
  await client.send(new CreateAliasCommand({ AliasName: 'alias/real', TargetKeyId: keyId }));
  for (const target of ['alias/real', aliasArnOf('alias/real')]) {
    await expect(
      client.send(new CreateAliasCommand({ AliasName: 'alias/alias-of-alias', TargetKeyId: target })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Aliases must refer to keys. Not aliases',
    });
  }
});

test('the model’s AliasName pattern applies', async () => {
  const keyId = await newKey();
  await expect(
    client.send(new CreateAliasCommand({ AliasName: 'alias/bad!name', TargetKeyId: keyId })),
  ).rejects.toMatchObject({
    name: 'ValidationException',
    message:
      "1 validation error detected: Value 'alias/bad!name' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$",
  });
});

test('a missing or malformed target key gets the key-resolver NotFound texts', async () => {
  const unknown = '00000000-0000-4000-8000-000000000000';
  await expect(
    client.send(new CreateAliasCommand({ AliasName: 'alias/orphan', TargetKeyId: unknown })),
  ).rejects.toMatchObject({
    name: 'NotFoundException',
    message: `Key '${keyArnOf(unknown)}' does not exist`,
  });
  await expect(
    client.send(new CreateAliasCommand({ AliasName: 'alias/orphan', TargetKeyId: 'not-a-key' })),
  ).rejects.toMatchObject({ name: 'NotFoundException', message: "Invalid keyId 'not-a-key'" });
  await expect(
    client.send(new UpdateAliasCommand({ AliasName: 'alias/never-made', TargetKeyId: await newKey() })),
  ).rejects.toMatchObject({
    name: 'NotFoundException',
    message: `Alias ${aliasArnOf('alias/never-made')} is not found.`,
  });
});

test('CreateAlias and UpdateAlias refuse a target pending deletion but accept a disabled one', async () => {
  const disabled = await newKey();
  await client.send(new DisableKeyCommand({ KeyId: disabled }));
  await client.send(new CreateAliasCommand({ AliasName: 'alias/on-disabled', TargetKeyId: disabled }));
  const pending = await newKey();
  await client.send(new ScheduleKeyDeletionCommand({ KeyId: pending, PendingWindowInDays: 30 }));
  const pendingError = {
    name: 'KMSInvalidStateException',
    message: `${keyArnOf(pending)} is pending deletion.`,
  };
  await expect(
    client.send(new CreateAliasCommand({ AliasName: 'alias/on-pending', TargetKeyId: pending })),
  ).rejects.toMatchObject(pendingError);
  await expect(
    client.send(new UpdateAliasCommand({ AliasName: 'alias/on-disabled', TargetKeyId: pending })),
  ).rejects.toMatchObject(pendingError);
});

test('UpdateAlias only moves an alias between keys of the same key type and key usage', async () => {
  const symmetric = await newKey();
  const hmac = await newKey(client, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
  const rsaSign = await newKey(client, { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
  const rsaEncrypt = await newKey(client, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
  const eccSign = await newKey(client, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
  await client.send(new CreateAliasCommand({ AliasName: 'alias/typed', TargetKeyId: symmetric }));
  for (const target of [hmac, rsaEncrypt]) {
    await expect(
      client.send(new UpdateAliasCommand({ AliasName: 'alias/typed', TargetKeyId: target })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  }
  await client.send(new CreateAliasCommand({ AliasName: 'alias/signer', TargetKeyId: rsaSign }));
  await expect(
    client.send(new UpdateAliasCommand({ AliasName: 'alias/signer', TargetKeyId: rsaEncrypt })),
  ).rejects.toMatchObject({ name: 'ValidationException' });
  await client.send(new UpdateAliasCommand({ AliasName: 'alias/signer', TargetKeyId: eccSign }));
  expect((await listAll(client, eccSign)).map((a) => a.AliasName)).toEqual(['alias/signer']);
});

test('the aliases of a key disappear when the key is deleted, and the name can be reused', async () => {
  const c = accountClient('222222222222');
  const doomed = await newKey(c);
  await c.send(new CreateAliasCommand({ AliasName: 'alias/doomed', TargetKeyId: doomed }));
  await c.send(new ScheduleKeyDeletionCommand({ KeyId: doomed, PendingWindowInDays: 7 }));
  expect((await listAll(c)).map((a) => a.AliasName)).toContain('alias/doomed');
  server().emulator.clock.advance(7 * 86_400_000 + 1000);
  expect((await listAll(c)).map((a) => a.AliasName)).not.toContain('alias/doomed');
  await expect(c.send(new DescribeKeyCommand({ KeyId: 'alias/doomed' }))).rejects.toMatchObject({
    name: 'NotFoundException',
    message: `Alias ${aliasArnOf('alias/doomed', '222222222222')} is not found.`,
  });
  const successor = await newKey(c);
  await c.send(new CreateAliasCommand({ AliasName: 'alias/doomed', TargetKeyId: successor }));
  expect((await listAll(c, successor)).map((a) => a.AliasName)).toEqual(['alias/doomed']);
});

test('the first DescribeKey of alias/aws/s3 creates the AWS managed key, then ListAliases shows its target', async () => {
  const c = accountClient('333333333333');
  const { KeyMetadata: m } = await c.send(new DescribeKeyCommand({ KeyId: 'alias/aws/s3' }));
  expect(m).toMatchObject({
    AWSAccountId: '333333333333',
    KeyManager: 'AWS',
    KeySpec: 'SYMMETRIC_DEFAULT',
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: 'Enabled',
    Enabled: true,
    Origin: 'AWS_KMS',
    Description: 'Default key that protects my S3 objects when no other key is defined',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
  });
  expect(m!.CurrentKeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
  const again = await c.send(new DescribeKeyCommand({ KeyId: aliasArnOf('alias/aws/s3', '333333333333') }));
  expect(again.KeyMetadata).toEqual(m);
  const entries = await listAll(c);
  expect(entries.filter((a) => a.AliasName === 'alias/aws/s3')).toEqual([
    {
      AliasName: 'alias/aws/s3',
      AliasArn: aliasArnOf('alias/aws/s3', '333333333333'),
      TargetKeyId: m!.KeyId,
      CreationDate: expect.any(Date),
      LastUpdatedDate: expect.any(Date),
    },
  ]);
  expect((await listAll(c, m!.KeyId)).map((a) => a.AliasName)).toEqual(['alias/aws/s3']);
  const policy = JSON.parse((await c.send(new GetKeyPolicyCommand({ KeyId: m!.KeyId }))).Policy!);
  expect(policy.Statement[0].Condition.StringEquals).toEqual({
    'kms:CallerAccount': '333333333333',
    'kms:ViaService': 's3.us-east-1.amazonaws.com',
  });
  expect((await c.send(new ListResourceTagsCommand({ KeyId: m!.KeyId }))).Tags).toEqual([]);
});

test('a cryptographic operation on a predefined alias creates its AWS managed key too', async () => {
  const c = accountClient('444444444444');
  const out = await c.send(new EncryptCommand({ KeyId: 'alias/aws/ebs', Plaintext: new Uint8Array([7]) }));
  const { KeyMetadata: m } = await c.send(new DescribeKeyCommand({ KeyId: out.KeyId }));
  expect(m).toMatchObject({
    KeyManager: 'AWS',
    Description: 'Default key that protects my EBS volumes when no other key is defined',
  });
  await expect(c.send(new DescribeKeyCommand({ KeyId: 'alias/aws/not-a-service' }))).rejects.toMatchObject({
    name: 'NotFoundException',
    message: `Alias ${aliasArnOf('alias/aws/not-a-service', '444444444444')} is not found.`,
  });
});

test('managing an AWS managed key is AccessDeniedException, as its key policy allows only reads', async () => {
  const c = accountClient('555555555555');
  const keyId = (await c.send(new DescribeKeyCommand({ KeyId: 'alias/aws/lambda' }))).KeyMetadata!.KeyId!;
  const arn = keyArnOf(keyId, REGION, '555555555555');
  const denied = (action: string) => ({
    name: 'AccessDeniedException',
    message: `User: arn:aws:iam::555555555555:root is not authorized to perform: kms:${action} on resource: ${arn} because no resource-based policy allows the kms:${action} action`,
    $metadata: { httpStatusCode: 400 },
  });
  await expect(c.send(new DisableKeyCommand({ KeyId: keyId }))).rejects.toMatchObject(denied('DisableKey'));
  await expect(c.send(new ScheduleKeyDeletionCommand({ KeyId: keyId }))).rejects.toMatchObject(
    denied('ScheduleKeyDeletion'),
  );
  await expect(
    c.send(new UpdateKeyDescriptionCommand({ KeyId: keyId, Description: 'mine' })),
  ).rejects.toMatchObject(denied('UpdateKeyDescription'));
  await expect(
    c.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: 'a', TagValue: 'b' }] })),
  ).rejects.toMatchObject(denied('TagResource'));
  await expect(
    c.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: '{"Statement":[]}' })),
  ).rejects.toMatchObject(denied('PutKeyPolicy'));
  await expect(
    c.send(new CreateAliasCommand({ AliasName: 'alias/my-lambda', TargetKeyId: keyId })),
  ).rejects.toMatchObject(denied('CreateAlias'));
  expect((await c.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.KeyState).toBe('Enabled');
});
