/**
 * Key policies through the real SDK on msw/node: GetKeyPolicy, PutKeyPolicy (document checks, size quota, lockout
 * safety check) and ListKeyPolicies, with the validated AWS behaviour (see FIDELITY.md for unrecorded texts).
 */
import {
  CreateKeyCommand,
  GetKeyPolicyCommand,
  ListKeyPoliciesCommand,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { beforeAll, expect, test } from 'vitest';
import { ACCOUNT, keyArnOf, useKmsServer } from './support/kms-fixture.ts';

const { client } = useKmsServer();
const LOCKOUT = 'The new key policy will not allow you to update the key policy in the future.';
let keyId: string;

const policyOf = (...statements: object[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (principal: unknown, action: unknown, extra: object = {}) => ({
  Effect: 'Allow',
  Principal: principal,
  Action: action,
  Resource: '*',
  ...extra,
});
const root = { AWS: `arn:aws:iam::${ACCOUNT}:root` };

beforeAll(async () => {
  keyId = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
});

test('ListKeyPolicies lists the one policy, default, with Truncated false', async () => {
  const out = await client.send(new ListKeyPoliciesCommand({ KeyId: keyId }));
  expect(out).toMatchObject({ PolicyNames: ['default'], Truncated: false });
  expect(out.NextMarker).toBeUndefined();
  expect(
    (await client.send(new ListKeyPoliciesCommand({ KeyId: keyArnOf(keyId), Limit: 1 }))).PolicyNames,
  ).toEqual(['default']);
});

test('GetKeyPolicy returns the default key policy and its name', async () => {
  for (const PolicyName of [undefined, 'default']) {
    const out = await client.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName }));
    expect(out.PolicyName).toBe('default');
    expect(JSON.parse(out.Policy!)).toEqual({
      Version: '2012-10-17',
      Id: 'key-default-1',
      Statement: [
        {
          Sid: 'Enable IAM User Permissions',
          Effect: 'Allow',
          Principal: root,
          Action: 'kms:*',
          Resource: '*',
        },
      ],
    });
  }
});

test('GetKeyPolicy returns the CreateKey policy unchanged; PutKeyPolicy replaces it', async () => {
  const created = policyOf(allow(root, 'kms:*', { Sid: 'created' }));
  const id = (await client.send(new CreateKeyCommand({ Policy: created }))).KeyMetadata!.KeyId!;
  expect((await client.send(new GetKeyPolicyCommand({ KeyId: id }))).Policy).toBe(created);
  const replaced = `{ "Statement" : [ ${JSON.stringify(allow({ AWS: ACCOUNT }, ['kms:Put*', 'kms:Get*']))} ] }`;
  await client.send(
    new PutKeyPolicyCommand({ KeyId: keyArnOf(id), Policy: replaced, PolicyName: 'default' }),
  );
  expect((await client.send(new GetKeyPolicyCommand({ KeyId: id }))).Policy).toBe(replaced);
});

test('a policy name other than default is NotFoundException', async () => {
  await expect(
    client.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'other' })),
  ).rejects.toMatchObject({ name: 'NotFoundException', message: 'No such policy exists' });
  await expect(
    client.send(
      new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: 'other', Policy: policyOf(allow('*', '*')) }),
    ),
  ).rejects.toMatchObject({ name: 'NotFoundException', message: 'No such policy exists' });
});

test('a policy that is not a JSON object with a Statement is MalformedPolicyDocumentException', async () => {
  for (const Policy of ['not json', '[]', '{"Version":"2012-10-17"}']) {
    await expect(client.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy }))).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException',
      $metadata: { httpStatusCode: 400 },
    });
  }
});

test('a policy over 32 KB is LimitExceededException', async () => {
  const Policy = policyOf(allow(root, 'kms:*', { Sid: 'x'.repeat(32_768) }));
  await expect(client.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy }))).rejects.toMatchObject({
    name: 'LimitExceededException',
  });
});

test.each([
  ['grants only kms:Encrypt', policyOf(allow(root, 'kms:Encrypt'))],
  ['grants another account', policyOf(allow({ AWS: 'arn:aws:iam::999999999999:root' }, 'kms:*'))],
  ['has no Resource', policyOf({ Effect: 'Allow', Principal: root, Action: 'kms:*' })],
  [
    'denies PutKeyPolicy to everyone',
    policyOf(allow(root, 'kms:*'), { ...allow('*', 'kms:PutKeyPolicy'), Effect: 'Deny' }),
  ],
  ['is empty', policyOf()],
])('the lockout safety check refuses a policy that %s, unless bypassed', async (_, Policy) => {
  await expect(client.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy }))).rejects.toMatchObject({
    name: 'MalformedPolicyDocumentException',
    message: LOCKOUT,
  });
  await expect(client.send(new CreateKeyCommand({ Policy }))).rejects.toMatchObject({
    name: 'MalformedPolicyDocumentException',
    message: LOCKOUT,
  });
  const id = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  await client.send(new PutKeyPolicyCommand({ KeyId: id, Policy, BypassPolicyLockoutSafetyCheck: true }));
  expect((await client.send(new GetKeyPolicyCommand({ KeyId: id }))).Policy).toBe(Policy);
  await client.send(new CreateKeyCommand({ Policy, BypassPolicyLockoutSafetyCheck: true }));
});

test.each([
  ['the account root kms:*', policyOf(allow(root, 'kms:*'))],
  ['everyone *', policyOf(allow('*', '*'))],
  [
    'a role of the account kms:PutKeyPolicy',
    policyOf(allow({ AWS: `arn:aws:iam::${ACCOUNT}:role/admin` }, ['kms:PutKeyPolicy'])),
  ],
  ['the account id kms:Put*', policyOf(allow({ AWS: [ACCOUNT] }, 'kms:Put*'))],
  ['NotAction that spares PutKeyPolicy', policyOf({ ...allow(root, undefined), NotAction: 'kms:Decrypt' })],
])('the lockout safety check accepts a policy allowing %s', async (_, Policy) => {
  await client.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy }));
  expect((await client.send(new GetKeyPolicyCommand({ KeyId: keyId }))).Policy).toBe(Policy);
});

test('key policies can be read and replaced while the key is pending deletion', async () => {
  const id = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  await client.send(new ScheduleKeyDeletionCommand({ KeyId: id, PendingWindowInDays: 7 }));
  const Policy = policyOf(allow(root, 'kms:*', { Sid: 'while pending' }));
  await client.send(new PutKeyPolicyCommand({ KeyId: id, Policy }));
  expect((await client.send(new GetKeyPolicyCommand({ KeyId: id }))).Policy).toBe(Policy);
  expect((await client.send(new ListKeyPoliciesCommand({ KeyId: id }))).PolicyNames).toEqual(['default']);
});

test('policy operations take a key id or ARN only, with the key-resolver NotFound texts', async () => {
  const unknown = '00000000-0000-4000-8000-000000000000';
  await expect(client.send(new GetKeyPolicyCommand({ KeyId: unknown }))).rejects.toMatchObject({
    name: 'NotFoundException',
    message: `Key '${keyArnOf(unknown)}' does not exist`,
  });
  await expect(client.send(new ListKeyPoliciesCommand({ KeyId: 'alias/x' }))).rejects.toMatchObject({
    name: 'NotFoundException',
    message: "Invalid keyId 'alias/x'",
  });
});
