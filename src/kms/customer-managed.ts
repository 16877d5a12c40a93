/**
 * AWS managed keys belong to the AWS service that uses them: their key policy only grants the account `kms:Describe*`,
 * `kms:Get*` and `kms:List*`, so every management operation on them (enable, disable, delete, describe, tag, policy,
 * rotation, aliases) is refused with the AccessDeniedException AWS's policy evaluation gives, naming the caller.
 * https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key
 */
import { accessDenied } from './access/access-denied.ts';
import { callerOf } from './access/authorize.ts';
import type { OperationContext } from './operation-context.ts';
import type { KeyRecord } from './records.ts';

/** Throws AWS's AccessDeniedException when `key` is not a customer managed key. `operation` is the API name. */
export function assertCustomerManaged(
  op: OperationContext,
  key: Pick<KeyRecord, 'arn' | 'keyManager'>,
  operation: string,
): void {
  if (key.keyManager === 'CUSTOMER') return;
  throw accessDenied(
    callerOf(op).arn,
    operation,
    key.arn,
    'no resource-based policy allows',
    `${key.arn} is an AWS managed key: its key policy allows only kms:Describe*, kms:Get* and kms:List* (and use through its AWS service).`,
  );
}
