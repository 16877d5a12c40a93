/**
 * Access control with `identities` and `enforcePolicies`, through the real SDK: who the caller is, key policies
 * (Principal, Action, explicit Deny), IAM-policy delegation, operations on no key, cross-account calls, AWS's
 * AccessDenied texts, and that an AccessDenied carries kmsw's explanation.
 * https://docs.aws.amazon.com/kms/latest/developerguide/determining-access.html
 */
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateRandomCommand,
  GetKeyPolicyCommand,
  ListKeysCommand,
  PutKeyPolicyCommand,
  ReEncryptCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { expect, test } from 'vitest';
import {
  ACCOUNT,
  accessEmulator,
  ADMIN,
  APP_ROLE,
  APP_SESSION,
  DEV,
  denied,
  IDENTITIES,
  keyPolicy,
  PARTNER,
  PARTNER_ACCOUNT,
} from './support/access-fixture.ts';

const text = new TextEncoder();
const { as, emulator } = accessEmulator();

async function newKey(Policy?: string): Promise<string> {
  return (await as('admin').send(new CreateKeyCommand({ Policy }))).KeyMetadata!.Arn!;
}

test("an identity's principal names the caller and its account is the request's account", async () => {
  const arn = await newKey();
  expect(arn).toMatch(new RegExp(`^arn:aws:kms:us-east-1:${ACCOUNT}:key/`));
  expect(emulator.admin.identities()).toContainEqual({
    accessKeyId: 'AKIAAPPROLE000000001',
    arn: APP_SESSION,
  });
  expect(JSON.stringify(emulator.admin.identities())).not.toContain('Statement');
});

test('the default key policy delegates to IAM: allowed without IAM policies or by them, refused without an allow', async () => {
  const arn = await newKey();
  // admin has no `policies` (IAM allows), dev's IAM policy allows kms:*.
  await as('admin').send(new DescribeKeyCommand({ KeyId: arn }));
  await as('dev').send(new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x') }));
  // The app role's IAM policies (none) allow nothing.
  await expect(as('app').send(new DescribeKeyCommand({ KeyId: arn }))).rejects.toMatchObject(
    denied(APP_SESSION, 'DescribeKey', arn, 'no identity-based policy allows'),
  );
  // The account root is allowed by the "Enable IAM User Permissions" statement itself.
  await as('root').send(new DescribeKeyCommand({ KeyId: arn }));
});

test('a key policy statement naming a role allows its sessions without any IAM policy, for its actions only', async () => {
  const arn = await newKey(
    keyPolicy({
      Sid: 'App',
      Effect: 'Allow',
      Principal: { AWS: APP_ROLE },
      Action: ['kms:Encrypt', 'kms:Describe*'],
      Resource: '*',
    }),
  );
  await as('app').send(new DescribeKeyCommand({ KeyId: arn }));
  const { CiphertextBlob } = await as('app').send(
    new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x') }),
  );
  await expect(as('app').send(new DecryptCommand({ CiphertextBlob }))).rejects.toMatchObject(
    denied(APP_SESSION, 'Decrypt', arn, 'no identity-based policy allows'),
  );
});

test('a key policy without the account statement refuses even IAM-allowed callers, as "no resource-based policy"', async () => {
  const policy = JSON.stringify({
    Statement: [{ Effect: 'Allow', Principal: { AWS: ADMIN }, Action: 'kms:*', Resource: '*' }],
  });
  const arn = await newKey(policy);
  await expect(as('dev').send(new DescribeKeyCommand({ KeyId: arn }))).rejects.toMatchObject(
    denied(DEV, 'DescribeKey', arn, 'no resource-based policy allows'),
  );
  await as('admin').send(new DescribeKeyCommand({ KeyId: arn }));
});

test('an explicit Deny in the key policy wins over an Allow', async () => {
  const arn = await newKey(
    keyPolicy(
      { Effect: 'Allow', Principal: { AWS: APP_ROLE }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'NoDecrypt',
        Effect: 'Deny',
        Principal: { AWS: APP_ROLE },
        Action: 'kms:Decrypt',
        Resource: '*',
      },
    ),
  );
  const { CiphertextBlob } = await as('app').send(
    new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x') }),
  );
  await expect(as('app').send(new DecryptCommand({ CiphertextBlob }))).rejects.toMatchObject(
    denied(APP_SESSION, 'Decrypt', arn, 'explicit deny in a resource-based policy'),
  );
  await as('admin').send(new DecryptCommand({ CiphertextBlob }));
});

test("an explicit Deny in the caller's IAM policy wins over the key policy's Allow", async () => {
  const arn = await newKey(
    keyPolicy({ Effect: 'Allow', Principal: { AWS: DEV }, Action: 'kms:*', Resource: '*' }),
  );
  await expect(
    as('dev').send(new ScheduleKeyDeletionCommand({ KeyId: arn, PendingWindowInDays: 7 })),
  ).rejects.toMatchObject(
    denied(DEV, 'ScheduleKeyDeletion', arn, 'explicit deny in an identity-based policy'),
  );
  expect((await as('admin').send(new DescribeKeyCommand({ KeyId: arn }))).KeyMetadata!.KeyState).toBe(
    'Enabled',
  );
});

test('operations on no key are decided by IAM policies alone, on resource *', async () => {
  await as('dev').send(new ListKeysCommand({}));
  await as('admin').send(new GenerateRandomCommand({ NumberOfBytes: 8 }));
  await expect(as('app').send(new ListKeysCommand({}))).rejects.toMatchObject(
    denied(APP_SESSION, 'ListKeys', '*', 'no identity-based policy allows'),
  );
  await expect(as('app').send(new CreateKeyCommand({}))).rejects.toMatchObject(
    denied(APP_SESSION, 'CreateKey', '*', 'no identity-based policy allows'),
  );
});

test('a caller of another account needs the key policy to name its account or itself', async () => {
  const arn = await newKey();
  await expect(as('partner').send(new DescribeKeyCommand({ KeyId: arn }))).rejects.toMatchObject(
    denied(PARTNER, 'DescribeKey', arn, 'no resource-based policy allows'),
  );
  await as('admin').send(
    new PutKeyPolicyCommand({
      KeyId: arn,
      Policy: keyPolicy({
        Effect: 'Allow',
        Principal: { AWS: PARTNER_ACCOUNT },
        Action: 'kms:DescribeKey',
        Resource: '*',
      }),
    }),
  );
  expect((await as('partner').send(new DescribeKeyCommand({ KeyId: arn }))).KeyMetadata!.Arn).toBe(arn);
  await expect(as('partner').send(new GetKeyPolicyCommand({ KeyId: arn }))).rejects.toMatchObject(
    denied(PARTNER, 'GetKeyPolicy', arn, 'no resource-based policy allows'),
  );
});

test('the lockout safety check applies to the principal making the request', async () => {
  const arn = await newKey();
  // A policy that lets only the app role change it would lock the admin out.
  const onlyApp = JSON.stringify({
    Statement: [{ Effect: 'Allow', Principal: { AWS: APP_ROLE }, Action: 'kms:*', Resource: '*' }],
  });
  await expect(
    as('admin').send(new PutKeyPolicyCommand({ KeyId: arn, Policy: onlyApp })),
  ).rejects.toMatchObject({
    name: 'MalformedPolicyDocumentException',
    message: 'The new key policy will not allow you to update the key policy in the future.',
  });
  const adminToo = JSON.stringify({
    Statement: [{ Effect: 'Allow', Principal: { AWS: [APP_ROLE, ADMIN] }, Action: 'kms:*', Resource: '*' }],
  });
  await as('admin').send(new PutKeyPolicyCommand({ KeyId: arn, Policy: adminToo }));
});

test('the request log names the caller and explains each AccessDenied by its deciding statement', async () => {
  const arn = await newKey(
    keyPolicy({
      Sid: 'NoDecrypt',
      Effect: 'Deny',
      Principal: { AWS: APP_ROLE },
      Action: 'kms:Decrypt',
      Resource: '*',
    }),
  );
  const { CiphertextBlob } = await as('admin').send(
    new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x') }),
  );
  await emulator.admin.clearRequests();
  await as('app')
    .send(new DecryptCommand({ CiphertextBlob }))
    .catch(() => undefined);
  await as('app')
    .send(new ListKeysCommand({}))
    .catch(() => undefined);
  await as('app')
    .send(new DescribeKeyCommand({ KeyId: arn }))
    .catch(() => undefined);
  await as('admin').send(new DescribeKeyCommand({ KeyId: arn }));
  const entries = await emulator.admin.requests();
  expect(entries.map((e) => [e.operation, e.caller, e.errorCode, e.explanation])).toEqual([
    [
      'Decrypt',
      APP_SESSION,
      'AccessDeniedException',
      `statement "NoDecrypt" (#1) of the key policy of ${arn} denies kms:Decrypt to ${APP_SESSION}.`,
    ],
    [
      'ListKeys',
      APP_SESSION,
      'AccessDeniedException',
      `No statement of ${APP_SESSION}'s IAM policies allows kms:ListKeys on resource *.`,
    ],
    [
      'DescribeKey',
      APP_SESSION,
      'AccessDeniedException',
      `statement "Enable IAM User Permissions" (#0) of the key policy of ${arn} leaves kms:DescribeKey to the IAM policies of ${ACCOUNT}, and no statement of ${APP_SESSION}'s IAM policies allows it on ${arn}.`,
    ],
    ['DescribeKey', ADMIN, undefined, undefined],
  ]);
});

test('an Allow whose condition fails is named in the explanation', async () => {
  const appOrders = {
    Sid: 'AppOrders',
    Effect: 'Allow',
    Principal: { AWS: APP_ROLE },
    Action: 'kms:Encrypt',
    Resource: '*',
    Condition: { StringEquals: { 'kms:EncryptionContext:app': 'orders' } },
  };
  /** The explanation the request log keeps for the app role's Encrypt with app=billing. */
  const explanationFor = async (KeyId: string) => {
    await emulator.admin.clearRequests();
    await as('app')
      .send(new EncryptCommand({ KeyId, Plaintext: text.encode('x'), EncryptionContext: { app: 'billing' } }))
      .catch(() => undefined);
    return (await emulator.admin.requests())[0]!.explanation;
  };
  const missed = (arn: string) =>
    `statement "AppOrders" (#1) of the key policy of ${arn} would allow it, but its condition StringEquals kms:EncryptionContext:app does not hold`;
  const delegating = await newKey(keyPolicy(appOrders));
  expect(await explanationFor(delegating)).toBe(
    `statement "Enable IAM User Permissions" (#0) of the key policy of ${delegating} leaves kms:Encrypt to the IAM policies of ${ACCOUNT}, and no statement of ${APP_SESSION}'s IAM policies allows it on ${delegating} (${missed(delegating)}).`,
  );
  const direct = await newKey(
    JSON.stringify({
      Statement: [{ Effect: 'Allow', Principal: { AWS: ADMIN }, Action: 'kms:*', Resource: '*' }, appOrders],
    }),
  );
  expect(await explanationFor(direct)).toBe(
    `No statement of the key policy of ${direct} allows kms:Encrypt to ${APP_SESSION} (${missed(direct)}), and no grant allows it.`,
  );
});

test('an alias names the key for authorisation as the key itself', async () => {
  const arn = await newKey();
  await as('admin').send(new CreateAliasCommand({ AliasName: 'alias/plain', TargetKeyId: arn }));
  await expect(as('app').send(new DescribeKeyCommand({ KeyId: 'alias/plain' }))).rejects.toMatchObject(
    denied(APP_SESSION, 'DescribeKey', arn, 'no identity-based policy allows'),
  );
});

test('AccessDenied comes before DryRunOperation: a dry run checks authorisation first', async () => {
  const arn = await newKey(
    keyPolicy({ Effect: 'Allow', Principal: { AWS: APP_ROLE }, Action: 'kms:Encrypt', Resource: '*' }),
  );
  await expect(
    as('app').send(new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x'), DryRun: true })),
  ).rejects.toMatchObject({ name: 'DryRunOperationException' });
  await expect(
    as('app').send(new DecryptCommand({ CiphertextBlob: new Uint8Array(200), KeyId: arn, DryRun: true })),
  ).rejects.toMatchObject(denied(APP_SESSION, 'Decrypt', arn, 'no identity-based policy allows'));
});

test('ReEncrypt is authorised as ReEncryptFrom on the source key and ReEncryptTo on the destination', async () => {
  const source = await newKey(
    keyPolicy({ Effect: 'Allow', Principal: { AWS: APP_ROLE }, Action: 'kms:ReEncryptFrom', Resource: '*' }),
  );
  const destination = await newKey(
    keyPolicy({ Effect: 'Allow', Principal: { AWS: APP_ROLE }, Action: 'kms:ReEncrypt*', Resource: '*' }),
  );
  const { CiphertextBlob } = await as('admin').send(
    new EncryptCommand({ KeyId: source, Plaintext: text.encode('x') }),
  );
  await as('app').send(new ReEncryptCommand({ CiphertextBlob, DestinationKeyId: destination }));
  await expect(
    as('app').send(new ReEncryptCommand({ CiphertextBlob, DestinationKeyId: source })),
  ).rejects.toMatchObject(denied(APP_SESSION, 'ReEncryptTo', source, 'no identity-based policy allows'));
});

test('Principal "*" with a kms:CallerAccount condition allows every principal of the account, and only it', async () => {
  const arn = await newKey(
    keyPolicy({
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'kms:Encrypt',
      Resource: '*',
      Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT } },
    }),
  );
  await as('app').send(new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x') }));
  await expect(
    as('partner').send(new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x') })),
  ).rejects.toMatchObject(denied(PARTNER, 'Encrypt', arn, 'no resource-based policy allows'));
});

test('AWS managed keys are usable only through their service: direct use is refused by their key policy', async () => {
  await expect(
    as('admin').send(new EncryptCommand({ KeyId: 'alias/aws/s3', Plaintext: text.encode('x') })),
  ).rejects.toMatchObject({
    name: 'AccessDeniedException',
    message: expect.stringMatching(
      new RegExp(
        `^User: ${ADMIN} is not authorized to perform: kms:Encrypt on resource: arn:aws:kms:us-east-1:${ACCOUNT}:key/[0-9a-f-]{36} because no resource-based policy allows the kms:Encrypt action$`,
      ),
    ),
  });
});

test('identities without enforcePolicies: the identity names the caller, its own account allows everything', async () => {
  const off = accessEmulator({ enforcePolicies: false });
  const arn = (await off.as('app').send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
  expect(arn).toContain(`:${ACCOUNT}:key/`);
  await off.as('app').send(new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x') }));
  await expect(off.as('partner').send(new DescribeKeyCommand({ KeyId: arn }))).rejects.toMatchObject(
    denied(PARTNER, 'DescribeKey', arn, 'no resource-based policy allows'),
  );
});

test('CreateAlias and DeleteAlias need the action on the alias (IAM) and on the key', async () => {
  const aliasUser = `arn:aws:iam::${ACCOUNT}:user/aliases`;
  const scoped = accessEmulator({
    identities: {
      ...IDENTITIES,
      AKIAALIASES000000001: {
        arn: aliasUser,
        policies: [
          {
            Statement: [
              {
                Effect: 'Allow',
                Action: ['kms:CreateAlias', 'kms:DeleteAlias'],
                Resource: [
                  `arn:aws:kms:us-east-1:${ACCOUNT}:alias/app-*`,
                  `arn:aws:kms:us-east-1:${ACCOUNT}:key/*`,
                ],
              },
            ],
          },
        ],
      },
    },
  });
  const arn = (await scoped.as('admin').send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
  const user = scoped.as('AKIAALIASES000000001');
  await user.send(new CreateAliasCommand({ AliasName: 'alias/app-one', TargetKeyId: arn }));
  const other = `arn:aws:kms:us-east-1:${ACCOUNT}:alias/other`;
  await expect(
    user.send(new CreateAliasCommand({ AliasName: 'alias/other', TargetKeyId: arn })),
  ).rejects.toMatchObject(denied(aliasUser, 'CreateAlias', other, 'no identity-based policy allows'));
  await expect(
    scoped.as('app').send(new DeleteAliasCommand({ AliasName: 'alias/app-one' })),
  ).rejects.toMatchObject(
    denied(
      APP_SESSION,
      'DeleteAlias',
      `arn:aws:kms:us-east-1:${ACCOUNT}:alias/app-one`,
      'no identity-based policy allows',
    ),
  );
  await user.send(new DeleteAliasCommand({ AliasName: 'alias/app-one' }));
});

test('an assumed-role session ARN is an identity too: policies naming its role match it; a service principal matches no caller', async () => {
  const session = `arn:aws:sts::${ACCOUNT}:assumed-role/app/ci-run-42`;
  const sts = accessEmulator({
    identities: { ...IDENTITIES, AKIASESSION000000001: { arn: session, policies: [] } },
  });
  const arn = (
    await sts.as('admin').send(
      new CreateKeyCommand({
        Policy: keyPolicy(
          { Effect: 'Allow', Principal: { AWS: APP_ROLE }, Action: 'kms:DescribeKey', Resource: '*' },
          {
            Effect: 'Allow',
            Principal: { Service: 'lambda.amazonaws.com' },
            Action: 'kms:Encrypt',
            Resource: '*',
          },
        ),
      }),
    )
  ).KeyMetadata!.Arn!;
  const caller = sts.as('AKIASESSION000000001');
  await caller.send(new DescribeKeyCommand({ KeyId: arn }));
  await expect(
    caller.send(new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x') })),
  ).rejects.toMatchObject(denied(session, 'Encrypt', arn, 'no identity-based policy allows'));
});
