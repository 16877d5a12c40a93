/**
 * Test support (not used by the stores themselves): factories for plausible records, used by the store contract
 * suite and by anyone who needs a record in a test. Key material is random, with the sizes of an RSA-2048 key
 * (1218-byte PKCS#8 private key, 294-byte SPKI public key), so copies are as costly as the real thing.
 */
import type { AliasRecord, CustomKeyStoreRecord, GrantRecord, KeyRecord, Scope } from '../kms/records.ts';

export const ACCOUNT_A = '111122223333';
export const ACCOUNT_B = '444455556666';
export const REGION_1 = 'us-east-1';
export const REGION_2 = 'eu-west-1';

export function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  return bytes;
}

export function makeKeyRecord(scope: Scope, keyId: string, overrides: Partial<KeyRecord> = {}): KeyRecord {
  const createdAt = Date.UTC(2025, 0, 1);
  return {
    account: scope.account,
    region: scope.region,
    keyId,
    arn: `arn:aws:kms:${scope.region}:${scope.account}:key/${keyId}`,
    createdAt,
    description: `test key ${keyId}`,
    keySpec: 'RSA_2048',
    customerMasterKeySpec: 'RSA_2048',
    keyUsage: 'SIGN_VERIFY',
    origin: 'AWS_KMS',
    keyManager: 'CUSTOMER',
    state: 'Enabled',
    policy: JSON.stringify({
      Version: '2012-10-17',
      Id: 'key-default-1',
      Statement: [
        {
          Sid: 'Enable IAM User Permissions',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${scope.account}:root` },
          Action: 'kms:*',
          Resource: '*',
        },
      ],
    }),
    tags: [{ TagKey: 'env', TagValue: 'test' }],
    materials: [
      {
        id: '0'.repeat(63) + '1',
        createdAt,
        privateKey: randomBytes(1218),
        publicKey: randomBytes(294),
        state: 'CURRENT',
      },
    ],
    rotation: { enabled: false, onDemandCount: 0 },
    rev: 1,
    ...overrides,
  };
}

export function makeAliasRecord(
  scope: Scope,
  aliasName: string,
  targetKeyId: string,
  overrides: Partial<AliasRecord> = {},
): AliasRecord {
  const at = Date.UTC(2025, 0, 2);
  return {
    account: scope.account,
    region: scope.region,
    aliasName,
    aliasArn: `arn:aws:kms:${scope.region}:${scope.account}:${aliasName}`,
    targetKeyId,
    createdAt: at,
    lastUpdatedAt: at,
    rev: 1,
    ...overrides,
  };
}

export function makeGrantRecord(
  scope: Scope,
  grantId: string,
  keyId: string,
  overrides: Partial<GrantRecord> = {},
): GrantRecord {
  return {
    account: scope.account,
    region: scope.region,
    grantId,
    keyId,
    createdAt: Date.UTC(2025, 0, 3),
    granteePrincipal: `arn:aws:iam::${scope.account}:role/grantee`,
    issuingAccount: `arn:aws:iam::${scope.account}:root`,
    operations: ['Sign', 'Verify'],
    tokens: [],
    rev: 1,
    ...overrides,
  };
}

export function makeCustomKeyStoreRecord(
  scope: Scope,
  customKeyStoreId: string,
  overrides: Partial<CustomKeyStoreRecord> = {},
): CustomKeyStoreRecord {
  return {
    account: scope.account,
    region: scope.region,
    customKeyStoreId,
    name: `store ${customKeyStoreId}`,
    type: 'EXTERNAL_KEY_STORE',
    createdAt: Date.UTC(2025, 0, 4),
    connectionState: 'DISCONNECTED',
    xks: {
      connectivity: 'PUBLIC_ENDPOINT',
      uriEndpoint: 'https://xks.example.com',
      uriPath: '/example/kms/xks/v1',
      accessKeyId: 'ABCDEFGHIJKLMNOPQRST',
      secretAccessKey: 'a'.repeat(43),
    },
    rev: 1,
    ...overrides,
  };
}
