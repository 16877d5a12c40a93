/**
 * Keys of another account, addressed by key ARN: usable only where the key policy allows the caller's account the
 * action, as AWS's policy evaluation decides (Deny wins); aliases never cross accounts.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
 */
import {
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  PutKeyPolicyCommand,
  CreateAliasCommand,
} from '@aws-sdk/client-kms';
import { beforeAll, expect, test } from 'vitest';
import { kmsClient, useKmsServer } from './support/kms-fixture.ts';

useKmsServer();
const OWNER = '111122223333';
const OTHER = '444455556666';
const owner = kmsClient({ credentials: { accessKeyId: OWNER, secretAccessKey: 'x' } });
const other = kmsClient({ credentials: { accessKeyId: OTHER, secretAccessKey: 'x' } });
const text = new TextEncoder();
let arn: string;

const policy = (statements: object[]) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWNER}:root` }, Action: 'kms:*', Resource: '*' },
      ...statements,
    ],
  });

beforeAll(async () => {
  arn = (await owner.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
});

test('with the default key policy another account is denied, naming the action', async () => {
  await expect(other.send(new DescribeKeyCommand({ KeyId: arn }))).rejects.toMatchObject({
    name: 'AccessDeniedException',
    message: `User: arn:aws:iam::${OTHER}:root is not authorized to perform: kms:DescribeKey on resource: ${arn} because no resource-based policy allows the kms:DescribeKey action`,
    $metadata: { httpStatusCode: 400 },
  });
  await expect(
    other.send(new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x') })),
  ).rejects.toMatchObject({
    name: 'AccessDeniedException',
  });
});

test('a policy allowing the other account some actions lets it use the key for those only', async () => {
  await owner.send(
    new PutKeyPolicyCommand({
      KeyId: arn,
      Policy: policy([
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${OTHER}:root` },
          Action: ['kms:Encrypt', 'kms:Describe*'],
          Resource: '*',
        },
      ]),
    }),
  );
  expect((await other.send(new DescribeKeyCommand({ KeyId: arn }))).KeyMetadata!.AWSAccountId).toBe(OWNER);
  const { CiphertextBlob } = await other.send(
    new EncryptCommand({ KeyId: arn, Plaintext: text.encode('shared') }),
  );
  await expect(other.send(new DecryptCommand({ CiphertextBlob, KeyId: arn }))).rejects.toMatchObject({
    name: 'AccessDeniedException',
    message: expect.stringContaining('kms:Decrypt'),
  });
  const back = await owner.send(new DecryptCommand({ CiphertextBlob }));
  expect(new TextDecoder().decode(back.Plaintext)).toBe('shared');
});

test('an explicit Deny wins over an Allow', async () => {
  await owner.send(
    new PutKeyPolicyCommand({
      KeyId: arn,
      Policy: policy([
        { Effect: 'Allow', Principal: { AWS: OTHER }, Action: 'kms:*', Resource: '*' },
        {
          Effect: 'Deny',
          Principal: { AWS: `arn:aws:iam::${OTHER}:root` },
          Action: 'kms:Encrypt',
          Resource: '*',
        },
      ]),
    }),
  );
  expect((await other.send(new DescribeKeyCommand({ KeyId: arn }))).KeyMetadata!.Arn).toBe(arn);
  await expect(
    other.send(new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x') })),
  ).rejects.toMatchObject({
    name: 'AccessDeniedException',
  });
});

test('an alias ARN of another account is not found, even when the key policy allows everything', async () => {
  await owner.send(new CreateAliasCommand({ AliasName: 'alias/shared', TargetKeyId: arn }));
  const aliasArn = `arn:aws:kms:us-east-1:${OWNER}:alias/shared`;
  await expect(other.send(new DescribeKeyCommand({ KeyId: aliasArn }))).rejects.toMatchObject({
    name: 'NotFoundException',
    message: `Alias ${aliasArn} is not found.`,
  });
});
