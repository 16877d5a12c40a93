/**
 * Request-rate quotas (ThrottlingException), as AWS applies them: per account (the caller's, for cross-account
 * requests) and Region; cryptographic operations share one quota per key type, management operations have one
 * each, GenerateDataKeyPair* one per KeyPairSpec, and keys in custom key stores also count against their store's
 * quota (GenerateDataKey*, GenerateRandom three times). Opt-in with the `quotas` option, except the AWS CloudHSM
 * key store quota, which AWS does not let anyone adjust and kmsw always enforces.
 * https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/throttling.html
 */
import type { OperationName } from '../../api/generated/operations.ts';
import type { KeySpec } from '../../api/generated/types.ts';
import { ThrottlingException } from '../../api/protocol-errors.ts';
import type { RequestContext } from '../../api/request-context.ts';
import type { KmsEnvironment } from '../environment.ts';
import type { OperationContext } from '../operation-context.ts';
import type { KeyRecord } from '../records.ts';
import {
  API_RATE_DEFAULTS,
  CLOUDHSM_KEY_STORE_RATE,
  type QuotaName,
  type QuotaSettings,
  type SharedRateQuotaName,
} from './quota-settings.ts';
import type { TokenBuckets } from './token-buckets.ts';

/** The quotas of one emulator: the settings (undefined: adjustable quotas off) and the buckets. */
export interface QuotaRuntime {
  settings?: QuotaSettings;
  buckets: TokenBuckets;
}

const THROTTLED = 'You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.';

/** Requests already charged for the key they use (an operation may resolve keys more than once, or be re-run). */
const chargedForKey = new WeakSet<RequestContext>();

/** Operations that use a custom key store's quota three times (requests-per-second.html, custom key store quotas). */
const TRIPLE_COST = new Set<string>(['GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateRandom']);

function take(
  env: KmsEnvironment,
  request: RequestContext,
  name: QuotaName | 'cloudHsmKeyStoreRequests',
  rate: number | undefined,
  cost = 1,
  partition = '',
): void {
  const quotas = env.quotas;
  if (!quotas || rate === undefined) return;
  const key = JSON.stringify([request.account, request.region, name, partition]);
  if (!quotas.buckets.take(key, rate, cost, env.clock.now())) throw new ThrottlingException(THROTTLED);
}

const limit = (env: KmsEnvironment, name: QuotaName, region: string) =>
  env.quotas?.settings?.limit(name, region);

function familyOf(spec: KeySpec): SharedRateQuotaName {
  if (spec === 'SYMMETRIC_DEFAULT' || spec.startsWith('HMAC_')) return 'cryptographicOperationsSymmetric';
  if (spec.startsWith('RSA_')) return 'cryptographicOperationsRsa';
  if (spec.startsWith('ML_DSA_')) return 'cryptographicOperationsMlDsa';
  if (spec.startsWith('ML_KEM_')) return 'cryptographicOperationsMlKem';
  return 'cryptographicOperationsEcc';
}

/**
 * Before an operation runs: its per-API quota, the per-KeyPairSpec quota of GenerateDataKeyPair*, and the symmetric
 * quota of GenerateRandom (which uses no key).
 */
export function chargeRequest(
  env: KmsEnvironment,
  operation: OperationName,
  input: Readonly<Record<string, unknown>>,
  request: RequestContext,
): void {
  if (!env.quotas?.settings) return;
  if (operation === 'GenerateDataKeyPair' || operation === 'GenerateDataKeyPairWithoutPlaintext') {
    const name = `GenerateDataKeyPair (${String(input.KeyPairSpec)})` as QuotaName;
    take(env, request, name, limit(env, name, request.region));
  } else if (operation === 'GenerateRandom') {
    if (input.CustomKeyStoreId === undefined) {
      const name = 'cryptographicOperationsSymmetric';
      take(env, request, name, limit(env, name, request.region));
    }
  } else if (operation in API_RATE_DEFAULTS) {
    take(env, request, operation, limit(env, operation, request.region));
  }
}

/** When a cryptographic operation has found its key: the key type's shared quota and its custom key store's. */
export function chargeKeyUse(op: OperationContext, key: KeyRecord): void {
  if (chargedForKey.has(op.request)) return;
  chargedForKey.add(op.request);
  const { env, request } = op;
  const perSpec =
    op.operation === 'GenerateDataKeyPair' || op.operation === 'GenerateDataKeyPairWithoutPlaintext';
  if (!perSpec) {
    const family = familyOf(key.keySpec);
    take(env, request, family, limit(env, family, request.region));
  }
  if (key.customKeyStoreId !== undefined)
    chargeKeyStore(op, key.customKeyStoreId, key.xksKeyId === undefined);
}

/** A custom key store's own quota: CloudHSM stores always, external key stores when quotas are on. */
export function chargeKeyStore(op: OperationContext, customKeyStoreId: string, cloudHsm: boolean): void {
  const cost = TRIPLE_COST.has(op.operation) ? 3 : 1;
  if (cloudHsm) {
    take(op.env, op.request, 'cloudHsmKeyStoreRequests', CLOUDHSM_KEY_STORE_RATE, cost, customKeyStoreId);
  } else {
    const rate = limit(op.env, 'externalKeyStoreRequests', op.request.region);
    take(op.env, op.request, 'externalKeyStoreRequests', rate, cost, customKeyStoreId);
  }
}
