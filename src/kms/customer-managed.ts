/**
 * AWS managed keys belong to the AWS service that uses them: their key policy only grants the account `kms:Describe*`,
 * `kms:Get*` and `kms:List*`, so every management operation on them (enable, disable, delete, describe, tag, policy,
 * rotation, aliases) is refused with the AccessDeniedException AWS's policy evaluation gives. kmsw has no IAM caller
 * identity; the message names the account root as the caller.
 * https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key
 */
import { accessDenied } from './access-denied.ts';
import type { KeyRecord } from './records.ts';

/** Throws AWS's AccessDeniedException when `key` is not a customer managed key. `operation` is the API name. */
export function assertCustomerManaged(
  key: Pick<KeyRecord, 'account' | 'region' | 'arn' | 'keyManager'>,
  operation: string,
): void {
  if (key.keyManager === 'CUSTOMER') return;
  throw accessDenied(key.account, key.region, key.arn, operation);
}
