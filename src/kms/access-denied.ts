/**
 * The AccessDeniedException AWS's policy evaluation gives when no resource-based policy allows an action. kmsw has no
 * IAM identities: the caller is always named as its account's root.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html
 */
import { AccessDeniedException } from '../api/protocol-errors.ts';
import { partitionOf } from './arn.ts';

export function accessDenied(callerAccount: string, region: string, resourceArn: string, operation: string) {
  const caller = `arn:${partitionOf(region)}:iam::${callerAccount}:root`;
  return new AccessDeniedException(
    `User: ${caller} is not authorized to perform: kms:${operation} on resource: ${resourceArn} because no resource-based policy allows the kms:${operation} action`,
  );
}
