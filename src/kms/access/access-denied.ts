/**
 * The AccessDeniedException texts of AWS's policy evaluation, and kmsw's `explanation` beside them (which
 * statement, or which missing allow, decided), which the request log and the console show. The message stays
 * AWS's exact text.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
 */
import { AccessDeniedException } from '../../api/protocol-errors.ts';

export type DenialReason =
  | 'no resource-based policy allows'
  | 'no identity-based policy allows'
  | 'explicit deny in a resource-based policy'
  | 'explicit deny in an identity-based policy';

export function accessDenied(
  callerArn: string,
  action: string,
  resource: string,
  reason: DenialReason,
  explanation: string,
): AccessDeniedException {
  const head = `User: ${callerArn} is not authorized to perform: kms:${action} on resource: ${resource}`;
  const message = reason.startsWith('explicit')
    ? `${head} with an ${reason}`
    : `${head} because ${reason} the kms:${action} action`;
  const error = new AccessDeniedException(message);
  error.explanation = explanation;
  return error;
}
