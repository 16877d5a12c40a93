/**
 * The policy lockout safety check of CreateKey, PutKeyPolicy and ReplicateKey: unless the request sets
 * BypassPolicyLockoutSafetyCheck, the new key policy must allow the principal making the request kms:PutKeyPolicy,
 * itself or through its account (then its IAM policies must allow it too), and no statement may deny it — evaluated
 * with the same grammar as every other decision.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#prevent-unmanageable-key
 */
import { MalformedPolicyDocumentException } from '../../api/generated/exceptions.ts';
import type { OperationContext } from '../operation-context.ts';
import { callerOf } from './authorize.ts';
import { conditionContext } from './condition-keys.ts';
import { checkPolicyDocument } from './key-policy.ts';
import { readPolicy } from './policy-document.ts';
import { evaluateStatements } from './policy-evaluation.ts';

/** Checks `policy` as a policy document and, unless `bypass`, with the lockout safety check. */
export function checkNewKeyPolicy(op: OperationContext, policy: string, bypass: boolean | undefined): void {
  const doc = checkPolicyDocument(policy);
  if (bypass) return;
  const caller = callerOf(op);
  const context = conditionContext({ caller, action: 'PutKeyPolicy', input: op.input ?? {} });
  const request = { caller, action: 'kms:PutKeyPolicy', resource: undefined, context };
  const verdict = evaluateStatements(readPolicy(doc).statements, request, true);
  const allowed =
    allows(verdict) &&
    (verdict.via === 'direct' ||
      caller.type === 'Account' ||
      !caller.iam ||
      allows(evaluateStatements(caller.iam, request, false)));
  if (!allowed) {
    throw new MalformedPolicyDocumentException(
      'The new key policy will not allow you to update the key policy in the future.',
    );
  }
}

/** A verdict that allows: some statement allows and none denies. */
const allows = (verdict: ReturnType<typeof evaluateStatements>) =>
  !verdict.deny && verdict.allow !== undefined;
