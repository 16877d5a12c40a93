/**
 * Policy conditions with `enforcePolicies`, through the real SDK: one allow and one deny for each family of
 * condition keys (encryption context, caller and principal, algorithms and message type, grants, key properties,
 * multi-Region, rotation, import, lockout bypass, aliases, kms:ViaService) in key policies and IAM policies.
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-aws.html
 */
import {
  CreateAliasCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyPairCommand,
  GenerateMacCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  PutKeyPolicyCommand,
  ReplicateKeyCommand,
  ScheduleKeyDeletionCommand,
  SignCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { constants, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import { expect, test } from 'vitest';
import { kmsRequestHandler } from '../src/msw/request-handler.ts';
import {
  ACCOUNT,
  accessEmulator,
  APP_ROLE,
  APP_SESSION,
  denied,
  IDENTITIES,
  keyPolicy,
  ROOT as ROOT_ARN,
  WORKER_ROLE,
} from './support/access-fixture.ts';

const text = new TextEncoder();
const { as } = accessEmulator();
const app = () => as('app');

/** A key whose policy allows the app role `actions` under `Condition`. */
async function keyFor(actions: string[], Condition: object, create: object = {}): Promise<string> {
  const Policy = keyPolicy({
    Sid: 'App',
    Effect: 'Allow',
    Principal: { AWS: APP_ROLE },
    Action: actions,
    Resource: '*',
    Condition,
  });
  return (await as('admin').send(new CreateKeyCommand({ Policy, ...create }))).KeyMetadata!.Arn!;
}

const refused = (action: string, arn: string) =>
  denied(APP_SESSION, action, arn, 'no identity-based policy allows');

test('kms:EncryptionContext:<key> — the app role may decrypt only with its encryption context', async () => {
  const arn = await keyFor(['kms:Decrypt'], { StringEquals: { 'kms:EncryptionContext:app': 'orders' } });
  const seal = async (EncryptionContext: Record<string, string>) =>
    (
      await as('admin').send(
        new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x'), EncryptionContext }),
      )
    ).CiphertextBlob!;
  const orders = await seal({ app: 'orders', table: 't1' });
  const billing = await seal({ app: 'billing' });
  const none = await as('admin').send(new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x') }));
  await app().send(
    new DecryptCommand({ CiphertextBlob: orders, EncryptionContext: { app: 'orders', table: 't1' } }),
  );
  await expect(
    app().send(new DecryptCommand({ CiphertextBlob: billing, EncryptionContext: { app: 'billing' } })),
  ).rejects.toMatchObject(refused('Decrypt', arn));
  await expect(app().send(new DecryptCommand({ CiphertextBlob: none.CiphertextBlob }))).rejects.toMatchObject(
    refused('Decrypt', arn),
  );
});

test('kms:EncryptionContextKeys with ForAllValues / ForAnyValue', async () => {
  const arn = await keyFor(['kms:GenerateDataKey'], {
    'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['app', 'table'] },
    'ForAnyValue:StringEquals': { 'kms:EncryptionContextKeys': 'app' },
  });
  const gdk = (EncryptionContext?: Record<string, string>) =>
    app().send(new GenerateDataKeyCommand({ KeyId: arn, KeySpec: 'AES_256', EncryptionContext }));
  await gdk({ app: 'a', table: 'b' });
  await gdk({ app: 'a' });
  await expect(gdk({ app: 'a', user: 'u' })).rejects.toMatchObject(refused('GenerateDataKey', arn));
  // ForAnyValue fails on a missing key: no context at all.
  await expect(gdk()).rejects.toMatchObject(refused('GenerateDataKey', arn));
});

test('kms:CallerAccount, aws:PrincipalArn, aws:PrincipalType and aws:PrincipalAccount', async () => {
  const arn = await keyFor(['kms:DescribeKey'], {
    StringEquals: {
      'kms:CallerAccount': ACCOUNT,
      'aws:PrincipalType': 'AssumedRole',
      'aws:PrincipalAccount': ACCOUNT,
    },
    ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/a*` },
  });
  await app().send(new DescribeKeyCommand({ KeyId: arn }));
  const other = await keyFor(['kms:DescribeKey'], { ArnEquals: { 'aws:PrincipalArn': WORKER_ROLE } });
  await expect(app().send(new DescribeKeyCommand({ KeyId: other }))).rejects.toMatchObject(
    refused('DescribeKey', other),
  );
  const wrongAccount = await keyFor(['kms:DescribeKey'], {
    StringEquals: { 'kms:CallerAccount': '999999999999' },
  });
  await expect(app().send(new DescribeKeyCommand({ KeyId: wrongAccount }))).rejects.toMatchObject(
    refused('DescribeKey', wrongAccount),
  );
});

test('kms:EncryptionAlgorithm, kms:SigningAlgorithm, kms:MessageType and kms:MacAlgorithm', async () => {
  const rsa = await keyFor(
    ['kms:Sign'],
    { StringLike: { 'kms:SigningAlgorithm': 'RSASSA_PSS_*' }, StringEquals: { 'kms:MessageType': 'RAW' } },
    { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' },
  );
  const sign = (
    SigningAlgorithm: 'RSASSA_PSS_SHA_256' | 'RSASSA_PKCS1_V1_5_SHA_256',
    MessageType?: 'DIGEST',
  ) =>
    app().send(
      new SignCommand({
        KeyId: rsa,
        Message: new Uint8Array(32),
        SigningAlgorithm,
        ...(MessageType && { MessageType }),
      }),
    );
  await sign('RSASSA_PSS_SHA_256');
  await expect(sign('RSASSA_PKCS1_V1_5_SHA_256')).rejects.toMatchObject(refused('Sign', rsa));
  await expect(sign('RSASSA_PSS_SHA_256', 'DIGEST')).rejects.toMatchObject(refused('Sign', rsa));

  const hmac = await keyFor(
    ['kms:GenerateMac'],
    { StringEquals: { 'kms:MacAlgorithm': 'HMAC_SHA_256' } },
    { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' },
  );
  await app().send(
    new GenerateMacCommand({ KeyId: hmac, Message: text.encode('m'), MacAlgorithm: 'HMAC_SHA_256' }),
  );

  const symmetric = await keyFor(['kms:Encrypt'], {
    StringEquals: { 'kms:EncryptionAlgorithm': 'SYMMETRIC_DEFAULT' },
  });
  await app().send(new EncryptCommand({ KeyId: symmetric, Plaintext: text.encode('x') }));
  const rsaEncrypt = await keyFor(
    ['kms:Encrypt'],
    { StringEquals: { 'kms:EncryptionAlgorithm': 'RSAES_OAEP_SHA_256' } },
    { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' },
  );
  await expect(
    app().send(
      new EncryptCommand({
        KeyId: rsaEncrypt,
        Plaintext: text.encode('x'),
        EncryptionAlgorithm: 'RSAES_OAEP_SHA_1',
      }),
    ),
  ).rejects.toMatchObject(refused('Encrypt', rsaEncrypt));
  await app().send(
    new EncryptCommand({
      KeyId: rsaEncrypt,
      Plaintext: text.encode('x'),
      EncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
    }),
  );
});

test('kms:DataKeyPairSpec', async () => {
  const arn = await keyFor(['kms:GenerateDataKeyPair'], {
    StringLike: { 'kms:DataKeyPairSpec': 'ECC_NIST_*' },
  });
  await app().send(new GenerateDataKeyPairCommand({ KeyId: arn, KeyPairSpec: 'ECC_NIST_P256' }));
  await expect(
    app().send(new GenerateDataKeyPairCommand({ KeyId: arn, KeyPairSpec: 'RSA_2048' })),
  ).rejects.toMatchObject(refused('GenerateDataKeyPair', arn));
});

test('kms:GrantOperations, kms:GranteePrincipal, kms:RetiringPrincipal, kms:GrantConstraintType, kms:GrantIsForAWSResource', async () => {
  const arn = await keyFor(['kms:CreateGrant'], {
    'ForAllValues:StringEquals': { 'kms:GrantOperations': ['Decrypt', 'Encrypt'] },
    StringEquals: {
      'kms:GranteePrincipal': WORKER_ROLE,
      'kms:GrantConstraintType': 'EncryptionContextSubset',
    },
    StringEqualsIfExists: { 'kms:RetiringPrincipal': APP_ROLE },
    Bool: { 'kms:GrantIsForAWSResource': 'false' },
  });
  const grant = (Operations: ('Decrypt' | 'Encrypt' | 'Sign')[], extra: object = {}) =>
    app().send(
      new CreateGrantCommand({
        KeyId: arn,
        GranteePrincipal: WORKER_ROLE,
        Operations,
        Constraints: { EncryptionContextSubset: { app: 'orders' } },
        ...extra,
      }),
    );
  await grant(['Decrypt']);
  await grant(['Decrypt', 'Encrypt'], { RetiringPrincipal: APP_ROLE });
  await expect(grant(['Decrypt'], { RetiringPrincipal: WORKER_ROLE })).rejects.toMatchObject(
    refused('CreateGrant', arn),
  );
  await expect(grant(['Decrypt'], { GranteePrincipal: APP_ROLE })).rejects.toMatchObject(
    refused('CreateGrant', arn),
  );
  await expect(
    grant(['Decrypt'], { Constraints: { EncryptionContextEquals: { app: 'orders' } } }),
  ).rejects.toMatchObject(refused('CreateGrant', arn));
  await expect(grant(['Decrypt'], { Constraints: undefined })).rejects.toMatchObject(
    refused('CreateGrant', arn),
  );
});

test('kms:KeySpec, kms:KeyUsage, kms:KeyOrigin and kms:MultiRegion in an IAM policy for CreateKey', async () => {
  const { as: asIam } = accessEmulator({
    identities: {
      ...IDENTITIES,
      AKIAKEYMAKER00000001: {
        arn: `arn:aws:iam::${ACCOUNT}:user/maker`,
        policies: [
          {
            Statement: [
              {
                Effect: 'Allow',
                Action: 'kms:CreateKey',
                Resource: '*',
                Condition: {
                  StringEquals: {
                    'kms:KeySpec': 'ECC_NIST_P256',
                    'kms:KeyUsage': 'SIGN_VERIFY',
                    'kms:KeyOrigin': 'AWS_KMS',
                  },
                  Bool: { 'kms:MultiRegion': 'false' },
                },
              },
            ],
          },
        ],
      },
    },
  });
  const maker = asIam('AKIAKEYMAKER00000001');
  await maker.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }));
  const maker_ = `arn:aws:iam::${ACCOUNT}:user/maker`;
  await expect(maker.send(new CreateKeyCommand({}))).rejects.toMatchObject(
    denied(maker_, 'CreateKey', '*', 'no identity-based policy allows'),
  );
  await expect(
    maker.send(
      new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', MultiRegion: true }),
    ),
  ).rejects.toMatchObject(denied(maker_, 'CreateKey', '*', 'no identity-based policy allows'));
});

test('kms:MultiRegionKeyType and kms:ReplicaRegion', async () => {
  const arn = await keyFor(
    ['kms:ReplicateKey'],
    { StringEquals: { 'kms:MultiRegionKeyType': 'PRIMARY', 'kms:ReplicaRegion': 'eu-west-1' } },
    { MultiRegion: true },
  );
  await expect(
    app().send(new ReplicateKeyCommand({ KeyId: arn, ReplicaRegion: 'us-west-2' })),
  ).rejects.toMatchObject(refused('ReplicateKey', arn));
  // Creating the replica also needs the lockout check to pass for the caller in the replica Region.
  const policy = keyPolicy({ Effect: 'Allow', Principal: { AWS: APP_ROLE }, Action: 'kms:*', Resource: '*' });
  await app().send(new ReplicateKeyCommand({ KeyId: arn, ReplicaRegion: 'eu-west-1', Policy: policy }));
});

test('kms:RotationPeriodInDays with a Numeric operator', async () => {
  const arn = await keyFor(['kms:EnableKeyRotation'], {
    NumericLessThanEquals: { 'kms:RotationPeriodInDays': '180' },
  });
  await app().send(new EnableKeyRotationCommand({ KeyId: arn, RotationPeriodInDays: 90 }));
  await expect(
    app().send(new EnableKeyRotationCommand({ KeyId: arn, RotationPeriodInDays: 365 })),
  ).rejects.toMatchObject(refused('EnableKeyRotation', arn));
});

test('kms:WrappingAlgorithm', async () => {
  const arn = await keyFor(
    ['kms:GetParametersForImport'],
    { StringEquals: { 'kms:WrappingAlgorithm': 'RSAES_OAEP_SHA_256' } },
    { Origin: 'EXTERNAL' },
  );
  const params = (WrappingAlgorithm: 'RSAES_OAEP_SHA_256' | 'RSAES_OAEP_SHA_1') =>
    app().send(
      new GetParametersForImportCommand({ KeyId: arn, WrappingAlgorithm, WrappingKeySpec: 'RSA_2048' }),
    );
  await params('RSAES_OAEP_SHA_256');
  await expect(params('RSAES_OAEP_SHA_1')).rejects.toMatchObject(refused('GetParametersForImport', arn));
});

test('kms:BypassPolicyLockoutSafetyCheck: a Deny on bypassing', async () => {
  const arn = await keyFor(['kms:PutKeyPolicy'], {});
  await as('admin').send(
    new PutKeyPolicyCommand({
      KeyId: arn,
      Policy: keyPolicy(
        { Effect: 'Allow', Principal: { AWS: APP_ROLE }, Action: 'kms:PutKeyPolicy', Resource: '*' },
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 'kms:PutKeyPolicy',
          Resource: '*',
          Condition: { Bool: { 'kms:BypassPolicyLockoutSafetyCheck': 'true' } },
        },
      ),
    }),
  );
  const policy = keyPolicy({
    Effect: 'Allow',
    Principal: { AWS: APP_ROLE },
    Action: 'kms:PutKeyPolicy',
    Resource: '*',
  });
  await expect(
    app().send(new PutKeyPolicyCommand({ KeyId: arn, Policy: policy, BypassPolicyLockoutSafetyCheck: true })),
  ).rejects.toMatchObject(
    denied(APP_SESSION, 'PutKeyPolicy', arn, 'explicit deny in a resource-based policy'),
  );
  await app().send(new PutKeyPolicyCommand({ KeyId: arn, Policy: policy }));
});

test('kms:RequestAlias and kms:ResourceAliases: access by alias', async () => {
  const arn = await keyFor(['kms:Encrypt'], { StringEquals: { 'kms:RequestAlias': 'alias/orders' } });
  await as('admin').send(new CreateAliasCommand({ AliasName: 'alias/orders', TargetKeyId: arn }));
  await as('admin').send(new CreateAliasCommand({ AliasName: 'alias/other', TargetKeyId: arn }));
  await app().send(new EncryptCommand({ KeyId: 'alias/orders', Plaintext: text.encode('x') }));
  await app().send(
    new EncryptCommand({
      KeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:alias/orders`,
      Plaintext: text.encode('x'),
    }),
  );
  await expect(
    app().send(new EncryptCommand({ KeyId: 'alias/other', Plaintext: text.encode('x') })),
  ).rejects.toMatchObject(refused('Encrypt', arn));
  await expect(
    app().send(new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x') })),
  ).rejects.toMatchObject(refused('Encrypt', arn));

  const tagged = await keyFor(['kms:DescribeKey'], {
    'ForAnyValue:StringLike': { 'kms:ResourceAliases': 'alias/finance-*' },
  });
  await expect(app().send(new DescribeKeyCommand({ KeyId: tagged }))).rejects.toMatchObject(
    refused('DescribeKey', tagged),
  );
  await as('admin').send(new CreateAliasCommand({ AliasName: 'alias/finance-ledger', TargetKeyId: tagged }));
  await app().send(new DescribeKeyCommand({ KeyId: tagged }));
});

test('kms:ViaService is never present: an Allow that needs it does not apply, a Null check sees it missing', async () => {
  const viaS3 = await keyFor(['kms:Decrypt', 'kms:Encrypt'], {
    StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' },
  });
  await expect(
    app().send(new EncryptCommand({ KeyId: viaS3, Plaintext: text.encode('x') })),
  ).rejects.toMatchObject(refused('Encrypt', viaS3));
  const direct = await keyFor(['kms:Encrypt'], { Null: { 'kms:ViaService': 'true' } });
  await app().send(new EncryptCommand({ KeyId: direct, Plaintext: text.encode('x') }));
});

test('a missing key: ...IfExists holds, a negated operator holds, a positive one fails', async () => {
  const ifExists = await keyFor(['kms:Encrypt'], {
    StringEqualsIfExists: { 'kms:EncryptionContext:app': 'orders' },
  });
  const encrypt = (KeyId: string, EncryptionContext?: Record<string, string>) =>
    app().send(new EncryptCommand({ KeyId, Plaintext: text.encode('x'), EncryptionContext }));
  await encrypt(ifExists);
  await encrypt(ifExists, { app: 'orders' });
  await expect(encrypt(ifExists, { app: 'billing' })).rejects.toMatchObject(refused('Encrypt', ifExists));

  const negated = (
    await as('admin').send(
      new CreateKeyCommand({
        Policy: keyPolicy(
          { Effect: 'Allow', Principal: { AWS: APP_ROLE }, Action: 'kms:Encrypt', Resource: '*' },
          {
            Sid: 'OnlyOrders',
            Effect: 'Deny',
            Principal: { AWS: APP_ROLE },
            Action: 'kms:Encrypt',
            Resource: '*',
            Condition: { StringNotEquals: { 'kms:EncryptionContext:app': 'orders' } },
          },
        ),
      }),
    )
  ).KeyMetadata!.Arn!;
  await encrypt(negated, { app: 'orders' });
  for (const context of [undefined, { app: 'billing' }]) {
    await expect(encrypt(negated, context)).rejects.toMatchObject(
      denied(APP_SESSION, 'Encrypt', negated, 'explicit deny in a resource-based policy'),
    );
  }
});

test('an IAM policy can name the key by ARN and alias condition', async () => {
  const handler = kmsRequestHandler({
    enforcePolicies: true,
    identities: {
      ...IDENTITIES,
      AKIAREADER0000000001: {
        arn: `arn:aws:iam::${ACCOUNT}:user/reader`,
        policies: [
          JSON.stringify({
            Statement: [
              { Effect: 'Allow', Action: 'kms:DescribeKey', Resource: `arn:aws:kms:*:${ACCOUNT}:key/*` },
              {
                Effect: 'Allow',
                Action: 'kms:Encrypt',
                Resource: '*',
                Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/public' } },
              },
            ],
          }),
        ],
      },
    },
  });
  const { KMSClient } = await import('@aws-sdk/client-kms');
  const client = (accessKeyId: string): KMSClient =>
    new KMSClient({
      region: 'us-east-1',
      credentials: { accessKeyId, secretAccessKey: 'x' },
      requestHandler: handler,
      maxAttempts: 1,
    });
  const reader = client('AKIAREADER0000000001');
  const arn = (await client('AKIAADMIN00000000001').send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
  await reader.send(new DescribeKeyCommand({ KeyId: arn }));
  const readerArn = `arn:aws:iam::${ACCOUNT}:user/reader`;
  await expect(
    reader.send(new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x') })),
  ).rejects.toMatchObject(denied(readerArn, 'Encrypt', arn, 'no identity-based policy allows'));
  await client('AKIAADMIN00000000001').send(
    new CreateAliasCommand({ AliasName: 'alias/public', TargetKeyId: arn }),
  );
  await reader.send(new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x') }));
});

test('kms:ExpirationModel and kms:ValidTo (a Date operator) on ImportKeyMaterial', async () => {
  const arn = await keyFor(
    ['kms:ImportKeyMaterial', 'kms:GetParametersForImport'],
    {
      StringEqualsIfExists: { 'kms:ExpirationModel': 'KEY_MATERIAL_EXPIRES' },
      DateLessThanIfExists: { 'kms:ValidTo': new Date(Date.now() + 30 * 86_400_000).toISOString() },
    },
    { Origin: 'EXTERNAL' },
  );
  const importWith = async (extra: object) => {
    const params = await app().send(
      new GetParametersForImportCommand({
        KeyId: arn,
        WrappingAlgorithm: 'RSAES_OAEP_SHA_256',
        WrappingKeySpec: 'RSA_2048',
      }),
    );
    const key = createPublicKey({ key: Buffer.from(params.PublicKey!), format: 'der', type: 'spki' });
    const wrapped = publicEncrypt(
      { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      randomBytes(32),
    );
    return app().send(
      new ImportKeyMaterialCommand({
        KeyId: arn,
        ImportToken: params.ImportToken,
        EncryptedKeyMaterial: wrapped,
        ...extra,
      }),
    );
  };
  await expect(importWith({ ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' })).rejects.toMatchObject(
    refused('ImportKeyMaterial', arn),
  );
  await expect(
    importWith({ ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo: new Date(Date.now() + 60 * 86_400_000) }),
  ).rejects.toMatchObject(refused('ImportKeyMaterial', arn));
  await importWith({
    ExpirationModel: 'KEY_MATERIAL_EXPIRES',
    ValidTo: new Date(Date.now() + 7 * 86_400_000),
  });
});

test('NotAction, NotResource and NotPrincipal', async () => {
  const policy = keyPolicy(
    {
      Sid: 'AllButDelete',
      Effect: 'Allow',
      Principal: { AWS: APP_ROLE },
      NotAction: ['kms:ScheduleKeyDeletion', 'kms:Put*'],
      Resource: '*',
    },
    {
      Sid: 'NotThisKey',
      Effect: 'Deny',
      Principal: { AWS: APP_ROLE },
      Action: 'kms:Decrypt',
      NotResource: `arn:aws:kms:us-east-1:${ACCOUNT}:key/never-this-one`,
    },
    {
      Sid: 'EveryoneButApp',
      Effect: 'Deny',
      NotPrincipal: { AWS: [APP_ROLE, ROOT_ARN] },
      Action: 'kms:Encrypt',
      Resource: '*',
    },
  );
  const arn = (await as('admin').send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!.Arn!;
  const { CiphertextBlob } = await app().send(
    new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x') }),
  );
  await expect(app().send(new ScheduleKeyDeletionCommand({ KeyId: arn }))).rejects.toMatchObject(
    refused('ScheduleKeyDeletion', arn),
  );
  await expect(app().send(new DecryptCommand({ CiphertextBlob }))).rejects.toMatchObject(
    denied(APP_SESSION, 'Decrypt', arn, 'explicit deny in a resource-based policy'),
  );
  await expect(
    as('admin').send(new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x') })),
  ).rejects.toMatchObject(
    denied(`arn:aws:iam::${ACCOUNT}:user/admin`, 'Encrypt', arn, 'explicit deny in a resource-based policy'),
  );
});
