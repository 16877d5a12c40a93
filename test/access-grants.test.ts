/**
 * Grants enforced with `enforcePolicies`, through the real SDK: a grant lets its grantee perform exactly its
 * operations within its constraints (and nothing else), grant tokens, CreateGrant through a grant, RetireGrant as
 * the grant decides, RevokeGrant, and that a retired or revoked grant stops working.
 * https://docs.aws.amazon.com/kms/latest/developerguide/grants.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/grant-delete.html
 */
import {
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
  SignCommand,
} from '@aws-sdk/client-kms';
import { expect, test } from 'vitest';
import {
  accessEmulator,
  APP_ROLE,
  APP_SESSION,
  denied,
  PARTNER,
  ROOT,
  WORKER_ROLE,
  WORKER_SESSION,
} from './support/access-fixture.ts';

const text = new TextEncoder();
const { as } = accessEmulator();
const worker = () => as('worker');
const noAllow = (action: string, arn: string) =>
  denied(WORKER_SESSION, action, arn, 'no identity-based policy allows');

async function newKey(spec: object = {}): Promise<string> {
  return (await as('admin').send(new CreateKeyCommand(spec))).KeyMetadata!.Arn!;
}

test('a grant allows its grantee exactly its operations, within its EncryptionContextSubset constraint', async () => {
  const arn = await newKey();
  await expect(
    worker().send(new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x') })),
  ).rejects.toMatchObject(noAllow('Encrypt', arn));
  await as('admin').send(
    new CreateGrantCommand({
      KeyId: arn,
      GranteePrincipal: WORKER_ROLE,
      Operations: ['Encrypt', 'Decrypt'],
      Constraints: { EncryptionContextSubset: { app: 'orders' } },
    }),
  );
  const encrypt = (EncryptionContext?: Record<string, string>) =>
    worker().send(new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x'), EncryptionContext }));
  const { CiphertextBlob } = await encrypt({ app: 'orders', extra: 'fine' });
  // Constraint keys are case-insensitive, values case-sensitive (API_GrantConstraints).
  await encrypt({ APP: 'orders' });
  await expect(encrypt({ app: 'Orders' })).rejects.toMatchObject(noAllow('Encrypt', arn));
  await expect(encrypt()).rejects.toMatchObject(noAllow('Encrypt', arn));
  await worker().send(
    new DecryptCommand({ CiphertextBlob, EncryptionContext: { app: 'orders', extra: 'fine' } }),
  );
  // Not one of its operations.
  await expect(
    worker().send(
      new GenerateDataKeyCommand({ KeyId: arn, KeySpec: 'AES_256', EncryptionContext: { app: 'orders' } }),
    ),
  ).rejects.toMatchObject(noAllow('GenerateDataKey', arn));
  await expect(worker().send(new DescribeKeyCommand({ KeyId: arn }))).rejects.toMatchObject(
    noAllow('DescribeKey', arn),
  );
});

test('EncryptionContextEquals needs the exact context; constraints do not apply to DescribeKey', async () => {
  const arn = await newKey();
  await as('admin').send(
    new CreateGrantCommand({
      KeyId: arn,
      GranteePrincipal: WORKER_ROLE,
      Operations: ['GenerateDataKey', 'DescribeKey'],
      Constraints: { EncryptionContextEquals: { app: 'orders' } },
    }),
  );
  const gdk = (EncryptionContext?: Record<string, string>) =>
    worker().send(new GenerateDataKeyCommand({ KeyId: arn, KeySpec: 'AES_256', EncryptionContext }));
  await gdk({ app: 'orders' });
  await expect(gdk({ app: 'orders', extra: 'x' })).rejects.toMatchObject(noAllow('GenerateDataKey', arn));
  await worker().send(new DescribeKeyCommand({ KeyId: arn }));
});

test('a grant for a signing key allows Sign; the grant token path works and an unreadable token is refused', async () => {
  const arn = await newKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
  const { GrantToken } = await as('admin').send(
    new CreateGrantCommand({ KeyId: arn, GranteePrincipal: WORKER_ROLE, Operations: ['Sign'] }),
  );
  const sign = (GrantTokens?: string[]) =>
    worker().send(
      new SignCommand({
        KeyId: arn,
        Message: text.encode('m'),
        SigningAlgorithm: 'ECDSA_SHA_256',
        GrantTokens,
      }),
    );
  await sign([GrantToken!]);
  await sign();
  await expect(sign(['not-a-grant-token'])).rejects.toMatchObject({
    name: 'InvalidGrantTokenException',
    message: 'Invalid grant token',
  });
});

test('RetireGrant: the retiring principal may, the grantee only with RetireGrant, then the grant stops working', async () => {
  const arn = await newKey();
  const { GrantId, GrantToken } = await as('admin').send(
    new CreateGrantCommand({
      KeyId: arn,
      GranteePrincipal: WORKER_ROLE,
      RetiringPrincipal: APP_ROLE,
      Operations: ['Encrypt'],
    }),
  );
  await worker().send(new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x') }));
  await expect(worker().send(new RetireGrantCommand({ KeyId: arn, GrantId }))).rejects.toMatchObject(
    denied(WORKER_SESSION, 'RetireGrant', arn, 'no resource-based policy allows'),
  );
  await as('app').send(new RetireGrantCommand({ GrantToken }));
  await expect(
    worker().send(new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x') })),
  ).rejects.toMatchObject(noAllow('Encrypt', arn));

  const own = await as('admin').send(
    new CreateGrantCommand({
      KeyId: arn,
      GranteePrincipal: WORKER_ROLE,
      Operations: ['Encrypt', 'RetireGrant'],
    }),
  );
  await worker().send(new RetireGrantCommand({ KeyId: arn, GrantId: own.GrantId }));
  // The account that created a grant may retire it: its root, and its principals whose IAM policies allow it.
  const grantTo = async () =>
    (
      await as('admin').send(
        new CreateGrantCommand({ KeyId: arn, GranteePrincipal: WORKER_ROLE, Operations: ['Encrypt'] }),
      )
    ).GrantId;
  await as('root').send(new RetireGrantCommand({ KeyId: arn, GrantId: await grantTo() }));
  await as('admin').send(new RetireGrantCommand({ KeyId: arn, GrantId: await grantTo() }));
  const fourth = await grantTo();
  await expect(as('app').send(new RetireGrantCommand({ KeyId: arn, GrantId: fourth }))).rejects.toMatchObject(
    denied(APP_SESSION, 'RetireGrant', arn, 'no resource-based policy allows'),
  );
});

test('RevokeGrant follows the key policy, and a revoked grant stops working', async () => {
  const arn = await newKey();
  const { GrantId } = await as('admin').send(
    new CreateGrantCommand({ KeyId: arn, GranteePrincipal: WORKER_ROLE, Operations: ['Encrypt'] }),
  );
  await worker().send(new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x') }));
  await expect(as('app').send(new RevokeGrantCommand({ KeyId: arn, GrantId }))).rejects.toMatchObject(
    denied(APP_SESSION, 'RevokeGrant', arn, 'no identity-based policy allows'),
  );
  await as('admin').send(new RevokeGrantCommand({ KeyId: arn, GrantId }));
  await expect(
    worker().send(new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x') })),
  ).rejects.toMatchObject(noAllow('Encrypt', arn));
});

test('CreateGrant through a grant: only its own operations, with constraints at least as strict', async () => {
  const arn = await newKey();
  await as('admin').send(
    new CreateGrantCommand({
      KeyId: arn,
      GranteePrincipal: WORKER_ROLE,
      Operations: ['Encrypt', 'Decrypt', 'CreateGrant'],
      Constraints: { EncryptionContextSubset: { app: 'orders' } },
    }),
  );
  const delegate = (Operations: ('Encrypt' | 'Decrypt' | 'GenerateDataKey')[], Constraints?: object) =>
    worker().send(
      new CreateGrantCommand({ KeyId: arn, GranteePrincipal: APP_ROLE, Operations, Constraints }),
    );
  await delegate(['Encrypt'], { EncryptionContextSubset: { app: 'orders', table: 't' } });
  await delegate(['Decrypt'], { EncryptionContextEquals: { app: 'orders' } });
  await expect(
    delegate(['GenerateDataKey'], { EncryptionContextSubset: { app: 'orders' } }),
  ).rejects.toMatchObject(noAllow('CreateGrant', arn));
  await expect(delegate(['Encrypt'])).rejects.toMatchObject(noAllow('CreateGrant', arn));
  await expect(delegate(['Encrypt'], { EncryptionContextSubset: { app: 'billing' } })).rejects.toMatchObject(
    noAllow('CreateGrant', arn),
  );
  // The delegated grant works for the app role.
  await as('app').send(
    new EncryptCommand({
      KeyId: arn,
      Plaintext: text.encode('x'),
      EncryptionContext: { app: 'orders', table: 't' },
    }),
  );
});

test('an explicit Deny in the key policy wins over a grant', async () => {
  const policy = JSON.stringify({
    Statement: [
      { Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'NoWorker',
        Effect: 'Deny',
        Principal: { AWS: WORKER_ROLE },
        Action: 'kms:Encrypt',
        Resource: '*',
      },
    ],
  });
  const arn = (await as('admin').send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!.Arn!;
  await as('admin').send(
    new CreateGrantCommand({ KeyId: arn, GranteePrincipal: WORKER_ROLE, Operations: ['Encrypt'] }),
  );
  await expect(
    worker().send(new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x') })),
  ).rejects.toMatchObject(denied(WORKER_SESSION, 'Encrypt', arn, 'explicit deny in a resource-based policy'));
});

test('a grant to a principal of another account lets it use the key by ARN', async () => {
  const arn = await newKey();
  await expect(
    as('partner').send(new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x') })),
  ).rejects.toMatchObject(denied(PARTNER, 'Encrypt', arn, 'no resource-based policy allows'));
  await as('admin').send(
    new CreateGrantCommand({ KeyId: arn, GranteePrincipal: PARTNER, Operations: ['Encrypt'] }),
  );
  await as('partner').send(new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x') }));
});

test('with grantPropagationMs a new grant is in effect at once only through its grant token, later for everyone', async () => {
  const eventual = accessEmulator({ enforcePolicies: { grantPropagationMs: 60_000 } });
  const arn = (await eventual.as('admin').send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
  const { GrantToken, GrantId } = await eventual
    .as('admin')
    .send(new CreateGrantCommand({ KeyId: arn, GranteePrincipal: WORKER_ROLE, Operations: ['Encrypt'] }));
  const encrypt = (GrantTokens?: string[]) =>
    eventual.as('worker').send(new EncryptCommand({ KeyId: arn, Plaintext: text.encode('x'), GrantTokens }));
  await eventual.emulator.admin.clearRequests();
  await expect(encrypt()).rejects.toMatchObject(noAllow('Encrypt', arn));
  const [entry] = await eventual.emulator.admin.requests();
  expect(entry!.explanation).toContain(
    `(grant ${GrantId} would allow it, but it is not in effect yet: it takes 60000 ms to propagate, or pass its grant token in GrantTokens)`,
  );
  await encrypt([GrantToken!]);
  await eventual.emulator.admin.clock.advance(60_000);
  await encrypt();
});
