/**
 * AWS KMS quotas: which ones exist, AWS's default numbers, and the `quotas` option that turns the adjustable ones on
 * (`true` for AWS's defaults, or an object of per-quota numbers over the defaults). Quotas AWS does not let anyone
 * adjust (key policy size, custom key stores per Region, on-demand rotations per key, the AWS CloudHSM key store
 * request rate) are enforced whatever the option says.
 * https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html
 */
import type { OperationName } from '../../api/generated/operations.ts';

/** Adjustable resource quotas, per account and Region (LimitExceededException when a create would exceed one). */
export const RESOURCE_QUOTA_DEFAULTS = {
  /** Customer managed keys, in any key state (AWS managed keys do not count). */
  keysPerRegion: 100_000,
  aliasesPerRegion: 50_000,
  aliasesPerKey: 50,
  grantsPerKey: 50_000,
  /** Grants for one grantee principal on one key. */
  grantsPerPrincipalPerKey: 500,
} as const;
export type ResourceQuotaName = keyof typeof RESOURCE_QUOTA_DEFAULTS;

/** Shared request-rate quotas of cryptographic operations, by the key type the request uses. */
export const SHARED_RATE_QUOTA_DEFAULTS = {
  /** Symmetric encryption and HMAC keys: Encrypt, Decrypt, ReEncrypt, GenerateDataKey*, GenerateMac, VerifyMac, GenerateRandom. */
  cryptographicOperationsSymmetric: 5_500,
  /** RSA keys: Encrypt, Decrypt, ReEncrypt, Sign, Verify. */
  cryptographicOperationsRsa: 500,
  /** Elliptic-curve keys (NIST, SECG, Ed25519, SM2): Sign, Verify, DeriveSharedSecret, SM2 Encrypt/Decrypt. */
  cryptographicOperationsEcc: 300,
  /** ML-DSA keys: Sign, Verify. */
  cryptographicOperationsMlDsa: 300,
  /** ML-KEM keys: Encapsulate, Decapsulate. */
  cryptographicOperationsMlKem: 300,
  /** Each external key store: cryptographic operations with its keys (GenerateDataKey* count three). */
  externalKeyStoreRequests: 1_800,
} as const;
export type SharedRateQuotaName = keyof typeof SHARED_RATE_QUOTA_DEFAULTS;

/** The symmetric quota is higher in some Regions. */
export const SYMMETRIC_RATE_BY_REGION: Readonly<Record<string, number>> = {
  'us-east-1': 100_000,
  'us-west-2': 100_000,
  'eu-west-1': 100_000,
  'us-east-2': 10_000,
  'ap-southeast-1': 10_000,
  'ap-southeast-2': 10_000,
  'ap-northeast-1': 10_000,
  'eu-central-1': 10_000,
  'eu-west-2': 10_000,
};

/** GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext share one quota per KeyPairSpec. */
export const DATA_KEY_PAIR_RATE_DEFAULTS = {
  'GenerateDataKeyPair (RSA_2048)': 1,
  'GenerateDataKeyPair (RSA_3072)': 0.5,
  'GenerateDataKeyPair (RSA_4096)': 0.1,
  'GenerateDataKeyPair (ECC_NIST_P256)': 25,
  'GenerateDataKeyPair (ECC_NIST_P384)': 10,
  'GenerateDataKeyPair (ECC_NIST_P521)': 5,
  'GenerateDataKeyPair (ECC_SECG_P256K1)': 25,
  'GenerateDataKeyPair (SM2)': 25,
  'GenerateDataKeyPair (ECC_NIST_EDWARDS25519)': 25,
} as const;
export type DataKeyPairRateQuotaName = keyof typeof DATA_KEY_PAIR_RATE_DEFAULTS;

/** Per-API request-rate quotas of the operations that are not in a shared quota. */
export const API_RATE_DEFAULTS: Partial<Record<OperationName, number>> = {
  CancelKeyDeletion: 5,
  ConnectCustomKeyStore: 5,
  CreateAlias: 5,
  CreateCustomKeyStore: 5,
  CreateGrant: 50,
  CreateKey: 5,
  DeleteAlias: 5,
  DeleteCustomKeyStore: 5,
  DeleteImportedKeyMaterial: 5,
  DescribeCustomKeyStores: 5,
  DescribeKey: 2_000,
  DisableKey: 5,
  DisableKeyRotation: 5,
  DisconnectCustomKeyStore: 5,
  EnableKey: 5,
  EnableKeyRotation: 5,
  GetKeyLastUsage: 100,
  GetKeyPolicy: 1_000,
  GetKeyRotationStatus: 1_000,
  GetParametersForImport: 1,
  GetPublicKey: 2_000,
  ImportKeyMaterial: 5,
  ListAliases: 100,
  ListGrants: 100,
  ListKeyPolicies: 100,
  ListKeyRotations: 100,
  ListKeys: 100,
  ListResourceTags: 100,
  ListRetirableGrants: 100,
  PutKeyPolicy: 5,
  ReplicateKey: 5,
  RetireGrant: 30,
  RevokeGrant: 30,
  RotateKeyOnDemand: 5,
  ScheduleKeyDeletion: 5,
  TagResource: 10,
  UntagResource: 5,
  UpdateAlias: 5,
  UpdateCustomKeyStore: 5,
  UpdateKeyDescription: 5,
  UpdatePrimaryRegion: 5,
};

/** The AWS CloudHSM key store request quota: 1,800 per store, not adjustable, always enforced. */
export const CLOUDHSM_KEY_STORE_RATE = 1_800;

export type QuotaName = ResourceQuotaName | SharedRateQuotaName | DataKeyPairRateQuotaName | OperationName;

/** The `quotas` option: true for AWS's defaults, or numbers for some quotas (the others keep AWS's defaults). */
export type QuotaOptions = boolean | Partial<Record<QuotaName, number>>;

export interface QuotaSettings {
  /** The number of a quota, or undefined for a name that is no quota. */
  limit(name: QuotaName, region: string): number | undefined;
}

const isResource = (name: string): name is ResourceQuotaName => name in RESOURCE_QUOTA_DEFAULTS;

function defaultLimit(name: QuotaName, region: string): number | undefined {
  if (isResource(name)) return RESOURCE_QUOTA_DEFAULTS[name];
  if (name === 'cryptographicOperationsSymmetric') return SYMMETRIC_RATE_BY_REGION[region] ?? 5_500;
  if (name in SHARED_RATE_QUOTA_DEFAULTS) return SHARED_RATE_QUOTA_DEFAULTS[name as SharedRateQuotaName];
  if (name in DATA_KEY_PAIR_RATE_DEFAULTS)
    return DATA_KEY_PAIR_RATE_DEFAULTS[name as DataKeyPairRateQuotaName];
  return API_RATE_DEFAULTS[name as OperationName];
}

export class QuotaOptionsError extends Error {
  override readonly name = 'QuotaOptionsError';
}

/** The settings of the option, or undefined when quotas are off. Throws QuotaOptionsError for unknown quotas. */
export function quotaSettings(option: QuotaOptions | undefined): QuotaSettings | undefined {
  if (option === undefined || option === false) return undefined;
  const overrides: Partial<Record<string, number>> = option === true ? {} : { ...option };
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(option)) {
    throw new QuotaOptionsError('quotas must be true, false or an object of quota numbers');
  }
  for (const [name, value] of Object.entries(overrides)) {
    if (defaultLimit(name as QuotaName, 'us-east-1') === undefined && !(name in API_RATE_DEFAULTS)) {
      throw new QuotaOptionsError(`quotas: ${name} is not a KMS quota kmsw knows`);
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new QuotaOptionsError(`quotas: ${name} must be a positive number, got ${String(value)}`);
    }
  }
  return {
    limit: (name, region) => overrides[name] ?? defaultLimit(name, region),
  };
}
