/**
 * Key usage: GetKeyLastUsage, the last successful cryptographic use of a key as key-usage-tracking.ts records it.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyLastUsage.html
 */
import type { GetKeyLastUsageRequest, GetKeyLastUsageResponse } from '../../api/generated/types.ts';
import { manageKey } from '../key-resolver.ts';
import type { Operation } from '../operation-context.ts';

export const GetKeyLastUsage: Operation<GetKeyLastUsageRequest, GetKeyLastUsageResponse> = async (
  input,
  op,
) => {
  const key = await manageKey(op, input.KeyId);
  const last = key.lastUsage;
  return {
    KeyId: key.keyId,
    // kmsw has no CloudTrail, so CloudTrailEventId is never set. A key never used has an empty KeyLastUsage.
    KeyLastUsage: last
      ? { Operation: last.operation, Timestamp: new Date(last.at), KmsRequestId: last.requestId }
      : {},
    // "The date from which KMS began recording cryptographic activity for this key, or the date the KMS key was
    // created, whichever is later": kmsw records every key's use from its creation.
    TrackingStartDate: new Date(key.createdAt),
    KeyCreationDate: new Date(key.createdAt),
  };
};
