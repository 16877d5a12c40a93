/**
 * Grants through the real SDK on msw/node: CreateGrant, ListGrants, ListRetirableGrants, RetireGrant and RevokeGrant.
 * The grant rows of ../shared/aws-recorded ("Validated without recorded content") are checked first; the other
 * texts are kmsw's (FIDELITY.md).
 */
import {
  CreateGrantCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EncryptCommand,
  ListAliasesCommand,
  ListGrantsCommand,
  ListRetirableGrantsCommand,
  PutKeyPolicyCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
  ScheduleKeyDeletionCommand,
  type CreateGrantCommandInput,
  type GrantListEntry,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { expect, test } from 'vitest';
import { ACCOUNT, keyArnOf, kmsClient, useKmsServer } from './support/kms-fixture.ts';

const { client, server } = useKmsServer();

const ROLE = `arn:aws:iam::${ACCOUNT}:role/grantee`;
const RETIRER = `arn:aws:iam::${ACCOUNT}:role/retirer`;

/** A client acting in its own account (a 12-digit access key id selects the account), for exact listings. */
const accountClient = (account: string) =>
  kmsClient({ credentials: { accessKeyId: account, secretAccessKey: 'kmsw' } });

const newKey = async (c: KMSClient = client, input: ConstructorParameters<typeof CreateKeyCommand>[0] = {}) =>
  (await c.send(new CreateKeyCommand(input))).KeyMetadata!.KeyId!;

const grant = (keyId: string, extra: Partial<CreateGrantCommandInput> = {}, c: KMSClient = client) =>
  c.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: ROLE, Operations: ['Encrypt'], ...extra }));

async function listAll(c: KMSClient, keyId: string, limit?: number): Promise<GrantListEntry[]> {
  const out: GrantListEntry[] = [];
  let marker: string | undefined;
  for (;;) {
    const page = await c.send(new ListGrantsCommand({ KeyId: keyId, Limit: limit, Marker: marker }));
    out.push(...page.Grants!);
    if (!page.Truncated) {
      expect(page.NextMarker).toBeUndefined();
      return out;
    }
    marker = page.NextMarker;
  }
}

test('CreateGrant returns a GrantId and a GrantToken, and ListGrants grows by one', async () => {
  const keyId = await newKey();
  expect(await listAll(client, keyId)).toEqual([]);
  const before = Date.now();
  const created = await grant(keyId, {
    Operations: ['Encrypt', 'Decrypt', 'GenerateDataKey'],
    RetiringPrincipal: RETIRER,
    Constraints: { EncryptionContextSubset: { Department: 'IT' } },
  });
  expect(created.GrantId).toMatch(/^[0-9a-f]{64}$/);
  expect(created.GrantToken).toMatch(/^[A-Za-z0-9_-]{100,}$/);
  const listed = await listAll(client, keyId);
  expect(listed).toEqual([
    {
      KeyId: keyArnOf(keyId),
      GrantId: created.GrantId,
      Name: '',
      CreationDate: expect.any(Date),
      GranteePrincipal: ROLE,
      RetiringPrincipal: RETIRER,
      IssuingAccount: `arn:aws:iam::${ACCOUNT}:root`,
      Operations: ['Encrypt', 'Decrypt', 'GenerateDataKey'],
      Constraints: { EncryptionContextSubset: { Department: 'IT' } },
    },
  ]);
  expect(listed[0]!.CreationDate!.getTime()).toBeGreaterThanOrEqual(before - 1000);
  await grant(keyId);
  expect(await listAll(client, keyId)).toHaveLength(2);
});

test('the same grant Name on two keys is allowed; each key lists one grant', async () => {
  const [a, b] = [await newKey(), await newKey()];
  const ga = await grant(a, { Name: 'shared-name' });
  const gb = await grant(b, { Name: 'shared-name' });
  expect(ga.GrantId).not.toBe(gb.GrantId);
  expect((await listAll(client, a)).map((g) => [g.GrantId, g.Name])).toEqual([[ga.GrantId, 'shared-name']]);
  expect((await listAll(client, b)).map((g) => [g.GrantId, g.Name])).toEqual([[gb.GrantId, 'shared-name']]);
});

test('CreateGrant and ListGrants with KeyId invalid are NotFoundException', async () => {
  await expect(grant('invalid')).rejects.toMatchObject({
    name: 'NotFoundException',
    message: "Invalid keyId 'invalid'",
    $metadata: { httpStatusCode: 400 },
  });
  await expect(client.send(new ListGrantsCommand({ KeyId: 'invalid' }))).rejects.toMatchObject({
    name: 'NotFoundException',
    message: "Invalid keyId 'invalid'",
  });
  const unknown = '11111111-2222-4333-8444-555555555555';
  await expect(grant(unknown)).rejects.toMatchObject({
    name: 'NotFoundException',
    message: `Key '${keyArnOf(unknown)}' does not exist`,
  });
  // Grants name their key by key id or key ARN, not by alias.
  await expect(client.send(new ListGrantsCommand({ KeyId: 'alias/aws/s3' }))).rejects.toMatchObject({
    name: 'NotFoundException',
    message: "Invalid keyId 'alias/aws/s3'",
  });
});

test('RevokeGrant removes the grant from ListGrants; an unknown or malformed GrantId is refused', async () => {
  const keyId = await newKey();
  const kept = await grant(keyId);
  const revoked = await grant(keyId);
  await client.send(new RevokeGrantCommand({ KeyId: keyArnOf(keyId), GrantId: revoked.GrantId }));
  expect((await listAll(client, keyId)).map((g) => g.GrantId)).toEqual([kept.GrantId]);
  await expect(
    client.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: revoked.GrantId })),
  ).rejects.toMatchObject({
    name: 'NotFoundException',
    message: `Grant '${revoked.GrantId}' does not exist`,
  });
  await expect(
    client.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: 'not-a-grant' })),
  ).rejects.toMatchObject({ name: 'InvalidGrantIdException', message: "Invalid grantId 'not-a-grant'" });
  // A grant is revoked through its own key only.
  await expect(
    client.send(new RevokeGrantCommand({ KeyId: await newKey(), GrantId: kept.GrantId })),
  ).rejects.toMatchObject({ name: 'NotFoundException' });
});

test('RetireGrant with only a GrantToken removes the grant; the token then names nothing', async () => {
  const keyId = await newKey();
  const kept = await grant(keyId);
  const retired = await grant(keyId);
  await client.send(new RetireGrantCommand({ GrantToken: retired.GrantToken }));
  expect((await listAll(client, keyId)).map((g) => g.GrantId)).toEqual([kept.GrantId]);
  await expect(client.send(new RetireGrantCommand({ GrantToken: retired.GrantToken }))).rejects.toMatchObject(
    {
      name: 'NotFoundException',
      message: `Grant '${retired.GrantId}' does not exist`,
    },
  );
});

test('RetireGrant refuses tokens kmsw did not issue', async () => {
  const keyId = await newKey();
  const { GrantToken } = await grant(keyId);
  const token = GrantToken!;
  const last = token.at(-1) === 'A' ? 'B' : 'A';
  for (const forged of ['not a token', token.slice(0, -1) + last, `${token}==`]) {
    await expect(client.send(new RetireGrantCommand({ GrantToken: forged }))).rejects.toMatchObject({
      name: 'InvalidGrantTokenException',
      message: 'Invalid grant token',
    });
  }
  // A token is valid only in its Region.
  await expect(
    kmsClient({ region: 'eu-west-1' }).send(new RetireGrantCommand({ GrantToken: token })),
  ).rejects.toMatchObject({ name: 'InvalidGrantTokenException' });
  expect(await listAll(client, keyId)).toHaveLength(1);
});

test('RetireGrant by KeyId and GrantId; without a token or both ids it is a ValidationException', async () => {
  const keyId = await newKey();
  const { GrantId } = await grant(keyId);
  await expect(client.send(new RetireGrantCommand({ GrantId }))).rejects.toMatchObject({
    name: 'ValidationException',
    message: 'Either GrantToken, or both KeyId and GrantId, must be specified.',
  });
  await client.send(new RetireGrantCommand({ KeyId: keyArnOf(keyId), GrantId }));
  expect(await listAll(client, keyId)).toEqual([]);
});

test('ListGrants pages with Limit and Marker; the last page has Truncated false and no NextMarker', async () => {
  const keyId = await newKey();
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) ids.push((await grant(keyId)).GrantId!);
  const first = await client.send(new ListGrantsCommand({ KeyId: keyId, Limit: 2 }));
  expect(first.Grants).toHaveLength(2);
  expect(first.Truncated).toBe(true);
  expect(first.NextMarker).toEqual(expect.any(String));
  expect((await listAll(client, keyId, 2)).map((g) => g.GrantId)).toEqual(ids);
  const all = await client.send(new ListGrantsCommand({ KeyId: keyId }));
  expect(all).toMatchObject({ Truncated: false });
  expect(all.NextMarker).toBeUndefined();
  const aliasMarker = (await client.send(new ListAliasesCommand({ Limit: 1 }))).NextMarker!;
  await expect(
    client.send(new ListGrantsCommand({ KeyId: keyId, Marker: aliasMarker })),
  ).rejects.toMatchObject({ name: 'InvalidMarkerException' });
});

test('ListGrants filters by GrantId and GranteePrincipal', async () => {
  const keyId = await newKey();
  const other = `arn:aws:iam::${ACCOUNT}:user/other`;
  const a = await grant(keyId);
  const b = await grant(keyId, { GranteePrincipal: other });
  const byId = await client.send(new ListGrantsCommand({ KeyId: keyId, GrantId: b.GrantId }));
  expect(byId.Grants!.map((g) => g.GrantId)).toEqual([b.GrantId]);
  const byGrantee = await client.send(new ListGrantsCommand({ KeyId: keyId, GranteePrincipal: ROLE }));
  expect(byGrantee.Grants!.map((g) => g.GrantId)).toEqual([a.GrantId]);
  const none = await client.send(new ListGrantsCommand({ KeyId: keyId, GrantId: 'f'.repeat(64) }));
  expect(none.Grants).toEqual([]);
  await expect(client.send(new ListGrantsCommand({ KeyId: keyId, GrantId: 'nope' }))).rejects.toMatchObject({
    name: 'InvalidGrantIdException',
    message: "Invalid grantId 'nope'",
  });
});

test('ListRetirableGrants lists the grants of every key of the account with that retiring principal', async () => {
  const c = accountClient('444444444444');
  const retirer = 'arn:aws:iam::444444444444:role/retirer';
  const [k1, k2] = [await newKey(c), await newKey(c)];
  const g1 = await grant(k1, { RetiringPrincipal: retirer }, c);
  const g2 = await grant(k2, { RetiringPrincipal: retirer, Operations: ['Decrypt'] }, c);
  await grant(k2, { RetiringPrincipal: 'arn:aws:iam::444444444444:role/someone-else' }, c);
  await grant(k2, {}, c);
  const all = await c.send(new ListRetirableGrantsCommand({ RetiringPrincipal: retirer }));
  expect(all).toMatchObject({ Truncated: false });
  expect(all.Grants!.map((g) => [g.KeyId, g.GrantId])).toEqual([
    [keyArnOf(k1, 'us-east-1', '444444444444'), g1.GrantId],
    [keyArnOf(k2, 'us-east-1', '444444444444'), g2.GrantId],
  ]);
  const page = await c.send(new ListRetirableGrantsCommand({ RetiringPrincipal: retirer, Limit: 1 }));
  expect(page).toMatchObject({ Truncated: true, Grants: [{ GrantId: g1.GrantId }] });
  const rest = await c.send(
    new ListRetirableGrantsCommand({ RetiringPrincipal: retirer, Marker: page.NextMarker }),
  );
  expect(rest.Grants!.map((g) => g.GrantId)).toEqual([g2.GrantId]);
  expect(rest.NextMarker).toBeUndefined();
  await expect(c.send(new ListRetirableGrantsCommand({}))).rejects.toMatchObject({
    name: 'ValidationException',
    message: 'You must specify either RetiringPrincipal or RetiringServicePrincipal, but not both.',
  });
});

test('a Name makes CreateGrant idempotent: same parameters return the same GrantId with a new token', async () => {
  const keyId = await newKey();
  const input = { Name: 'retry-safe', Operations: ['Decrypt', 'Encrypt'] as const };
  const first = await grant(keyId, { ...input, Operations: [...input.Operations] });
  const again = await grant(keyId, { ...input, Operations: ['Encrypt', 'Decrypt'] });
  expect(again.GrantId).toBe(first.GrantId);
  expect(again.GrantToken).not.toBe(first.GrantToken);
  expect(await listAll(client, keyId)).toHaveLength(1);
  // Either token retires the grant.
  await client.send(new RetireGrantCommand({ GrantToken: again.GrantToken }));
  expect(await listAll(client, keyId)).toEqual([]);
  await expect(client.send(new RetireGrantCommand({ GrantToken: first.GrantToken }))).rejects.toMatchObject({
    name: 'NotFoundException',
  });
});

test('the same Name with other parameters creates another grant', async () => {
  const keyId = await newKey();
  const first = await grant(keyId, { Name: 'n' });
  const other = await grant(keyId, { Name: 'n', Operations: ['Decrypt'] });
  const withContext = await grant(keyId, {
    Name: 'n',
    Constraints: { EncryptionContextEquals: { a: 'b' } },
  });
  expect(new Set([first.GrantId, other.GrantId, withContext.GrantId]).size).toBe(3);
  expect(await listAll(client, keyId)).toHaveLength(3);
});

test('DryRun checks everything and writes nothing', async () => {
  const keyId = await newKey();
  const dryRun = {
    name: 'DryRunOperationException',
    message: 'The request would have succeeded, but the DryRun option is set.',
    $metadata: { httpStatusCode: 400 },
  };
  await expect(grant(keyId, { DryRun: true })).rejects.toMatchObject(dryRun);
  expect(await listAll(client, keyId)).toEqual([]);
  await expect(grant(keyId, { DryRun: true, Operations: ['Sign'] })).rejects.toMatchObject({
    name: 'ValidationException',
  });
  const { GrantId, GrantToken } = await grant(keyId);
  await expect(
    client.send(new RevokeGrantCommand({ KeyId: keyId, GrantId, DryRun: true })),
  ).rejects.toMatchObject(dryRun);
  await expect(client.send(new RetireGrantCommand({ GrantToken, DryRun: true }))).rejects.toMatchObject(
    dryRun,
  );
  expect(await listAll(client, keyId)).toHaveLength(1);
});

test('grant operations must suit the key type', async () => {
  const symmetric = await newKey();
  await expect(grant(symmetric, { Operations: ['Encrypt', 'Sign'] })).rejects.toMatchObject({
    name: 'ValidationException',
    message: `Grant operations [Sign] are not supported by ${keyArnOf(symmetric)} (key spec SYMMETRIC_DEFAULT, key usage ENCRYPT_DECRYPT).`,
  });
  const signer = await newKey(client, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
  await expect(grant(signer, { Operations: ['GenerateDataKey', 'Decrypt', 'Sign'] })).rejects.toMatchObject({
    name: 'ValidationException',
    message: `Grant operations [GenerateDataKey, Decrypt] are not supported by ${keyArnOf(signer)} (key spec ECC_NIST_P256, key usage SIGN_VERIFY).`,
  });
  await grant(signer, { Operations: ['Sign', 'Verify', 'GetPublicKey', 'DescribeKey', 'CreateGrant'] });
  const mac = await newKey(client, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
  await expect(grant(mac, { Operations: ['GetPublicKey'] })).rejects.toMatchObject({
    name: 'ValidationException',
  });
  await grant(mac, { Operations: ['GenerateMac', 'VerifyMac', 'RetireGrant'] });
  await expect(
    grant(signer, { Operations: ['Sign'], Constraints: { EncryptionContextSubset: { a: 'b' } } }),
  ).rejects.toMatchObject({
    name: 'ValidationException',
    message: `Encryption context grant constraints are not supported by ${keyArnOf(signer)} (key spec ECC_NIST_P256, key usage SIGN_VERIFY): only symmetric encryption keys use an encryption context.`,
  });
  expect(await listAll(client, signer)).toHaveLength(1);
});

test('CreateGrant checks the operations and constraints themselves', async () => {
  const keyId = await newKey();
  await expect(grant(keyId, { Operations: ['CreateGrant'] })).rejects.toMatchObject({
    name: 'ValidationException',
    message: 'Grants must not contain only the CreateGrant operation.',
  });
  await expect(grant(keyId, { Operations: [] })).rejects.toMatchObject({
    name: 'ValidationException',
    message: 'Grants must contain at least one operation.',
  });
  await expect(
    grant(keyId, {
      Constraints: { EncryptionContextSubset: { a: 'b' }, EncryptionContextEquals: { c: 'd' } },
    }),
  ).rejects.toMatchObject({
    name: 'ValidationException',
    message:
      'A grant can have an EncryptionContextEquals or an EncryptionContextSubset constraint, not both.',
  });
  const nine = Object.fromEntries([...'abcdefghi'].map((k) => [k, 'v']));
  await expect(grant(keyId, { Constraints: { EncryptionContextEquals: nine } })).rejects.toMatchObject({
    name: 'ValidationException',
    message: 'An encryption context grant constraint can have at most 8 pairs.',
  });
  await expect(
    grant(keyId, { Constraints: { EncryptionContextSubset: { a: 'x'.repeat(385) } } }),
  ).rejects.toMatchObject({
    name: 'ValidationException',
    message: 'An encryption context value in a grant constraint can have at most 384 characters.',
  });
  await expect(
    grant(keyId, { GranteePrincipal: undefined, GranteeServicePrincipal: 'logs.us-east-1.amazonaws.com' }),
  ).rejects.toMatchObject({ name: 'UnsupportedOperationException' });
  await expect(grant(keyId, { GranteePrincipal: undefined })).rejects.toMatchObject({
    name: 'ValidationException',
    message: 'You must specify either GranteePrincipal or GranteeServicePrincipal, but not both.',
  });
  // Empty maps count as no constraint, repeated operations as one.
  await grant(keyId, {
    Operations: ['Encrypt', 'Encrypt'],
    Constraints: { EncryptionContextSubset: {}, EncryptionContextEquals: { a: 'b' } },
  });
  expect(await listAll(client, keyId)).toMatchObject([
    { Operations: ['Encrypt'], Constraints: { EncryptionContextEquals: { a: 'b' } } },
  ]);
});

test('CreateGrant follows the key-state table; listing, retiring and revoking work in every state', async () => {
  const keyId = await newKey();
  const { GrantId, GrantToken } = await grant(keyId);
  await client.send(new DisableKeyCommand({ KeyId: keyId }));
  await expect(grant(keyId)).rejects.toMatchObject({
    name: 'DisabledException',
    message: `${keyArnOf(keyId)} is disabled.`,
  });
  expect(await listAll(client, keyId)).toHaveLength(1);
  await client.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
  await expect(grant(keyId)).rejects.toMatchObject({
    name: 'KMSInvalidStateException',
    message: `${keyArnOf(keyId)} is pending deletion.`,
  });
  await expect(client.send(new RetireGrantCommand({ GrantToken, DryRun: true }))).rejects.toMatchObject({
    name: 'DryRunOperationException',
  });
  await client.send(new RevokeGrantCommand({ KeyId: keyId, GrantId }));
  expect(await listAll(client, keyId)).toEqual([]);
});

test('grants may be created on AWS managed keys', async () => {
  const c = accountClient('555555555555');
  const managed = (await c.send(new DescribeKeyCommand({ KeyId: 'alias/aws/ebs' }))).KeyMetadata!.KeyId!;
  const { GrantId } = await grant(managed, { GranteePrincipal: 'arn:aws:iam::555555555555:role/ebs' }, c);
  expect((await listAll(c, managed)).map((g) => g.GrantId)).toEqual([GrantId]);
  await c.send(new RevokeGrantCommand({ KeyId: managed, GrantId }));
});

test('a grant on a key of another account lives with the key and names the issuing account', async () => {
  const owner = accountClient('666666666666');
  const keyId = await newKey(owner);
  const arn = keyArnOf(keyId, 'us-east-1', '666666666666');
  // Another account may create grants only where the key policy allows it kms:CreateGrant.
  await expect(grant(arn)).rejects.toMatchObject({ name: 'AccessDeniedException' });
  await owner.send(
    new PutKeyPolicyCommand({
      KeyId: keyId,
      Policy: JSON.stringify({
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::666666666666:root' },
            Action: 'kms:*',
            Resource: '*',
          },
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: 'kms:CreateGrant',
            Resource: '*',
          },
        ],
      }),
    }),
  );
  const { GrantId } = await grant(arn);
  expect(await listAll(owner, keyId)).toMatchObject([
    { GrantId, KeyId: arn, IssuingAccount: `arn:aws:iam::${ACCOUNT}:root` },
  ]);
});

test('grant tokens are accepted in the GrantTokens of other operations', async () => {
  const keyId = await newKey();
  const { GrantToken } = await grant(keyId);
  const out = await client.send(
    new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([1, 2, 3]), GrantTokens: [GrantToken!] }),
  );
  expect(out.KeyId).toBe(keyArnOf(keyId));
});

test('the grants of a key are gone once the key is purged after its deletion date', async () => {
  const c = accountClient('777777777777');
  const retirer = 'arn:aws:iam::777777777777:role/retirer';
  const doomed = await newKey(c);
  const survivor = await newKey(c);
  const { GrantToken } = await grant(doomed, { RetiringPrincipal: retirer }, c);
  const kept = await grant(survivor, { RetiringPrincipal: retirer }, c);
  await c.send(new ScheduleKeyDeletionCommand({ KeyId: doomed, PendingWindowInDays: 7 }));
  expect((await c.send(new ListRetirableGrantsCommand({ RetiringPrincipal: retirer }))).Grants).toHaveLength(
    2,
  );
  server().emulator.clock.advance(7 * 86_400_000 + 1000);
  const left = await c.send(new ListRetirableGrantsCommand({ RetiringPrincipal: retirer }));
  expect(left.Grants!.map((g) => g.GrantId)).toEqual([kept.GrantId]);
  await expect(c.send(new ListGrantsCommand({ KeyId: doomed }))).rejects.toMatchObject({
    name: 'NotFoundException',
    message: `Key '${keyArnOf(doomed, 'us-east-1', '777777777777')}' does not exist`,
  });
  await expect(c.send(new RetireGrantCommand({ GrantToken }))).rejects.toMatchObject({
    name: 'NotFoundException',
  });
  const snapshot = await server().emulator.admin.exportState();
  expect(JSON.stringify(snapshot)).not.toContain(doomed);
});
