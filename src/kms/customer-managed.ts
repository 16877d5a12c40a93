/**
 * AWS managed keys belong to the AWS service that uses them: their key policy only grants the account `kms:Describe*`,
 * `kms:Get*` and `kms:List*`, so every management operation on them (enable, disable, delete, describe, tag, policy,
 * rotation, aliases) is refused with the AccessDeniedException AWS's policy evaluation gives. kmsw has no IAM caller
 * identity; the message names the account root as the caller.
 * https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key
 */
import { AccessDeniedException } from '../api/protocol-errors.ts';
import { partitionOf } from './arn.ts';
import type { KeyRecord } from './records.ts';

/** Throws AWS's AccessDeniedException when `key` is not a customer managed key. `operation` is the API name. */
export function assertCustomerManaged(
  key: Pick<KeyRecord, 'account' | 'region' | 'arn' | 'keyManager'>,
  operation: string,
): void {
  if (key.keyManager === 'CUSTOMER') return;
  const caller = `arn:${partitionOf(key.region)}:iam::${key.account}:root`;
  throw new AccessDeniedException(
    `User: ${caller} is not authorized to perform: kms:${operation} on resource: ${key.arn} because no resource-based policy allows the kms:${operation} action`,
  );
}
