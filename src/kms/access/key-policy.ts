/**
 * Key policies: the AWS default key policy and the checks AWS applies to a policy document (JSON object with a
 * Statement, the 32 KB size quota, and the policy lockout safety check: the new policy must let the principal
 * making the request change the policy again — evaluated with the same grammar as every other decision).
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#prevent-unmanageable-key
 */
import { LimitExceededException, MalformedPolicyDocumentException } from '../../api/generated/exceptions.ts';
import { partitionOf } from '../arn.ts';
import type { Scope } from '../records.ts';
import type { Caller } from './caller.ts';
import type { ConditionContext } from './condition-operators.ts';
import { readPolicy } from './policy-document.ts';
import { evaluateStatements } from './policy-evaluation.ts';

/** The key policy document size quota, in bytes. */
export const MAX_POLICY_BYTES = 32_768;

/** The default key policy, formatted as AWS returns it from GetKeyPolicy. */
export function defaultKeyPolicy(scope: Scope): string {
  return `{
  "Version" : "2012-10-17",
  "Id" : "key-default-1",
  "Statement" : [ {
    "Sid" : "Enable IAM User Permissions",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "arn:${partitionOf(scope.region)}:iam::${scope.account}:root"
    },
    "Action" : "kms:*",
    "Resource" : "*"
  } ]
}`;
}

export interface LockoutCheck {
  /** The principal making the request. */
  caller: Caller;
  /** The request's condition keys. */
  context: ConditionContext;
  /** BypassPolicyLockoutSafetyCheck: skip the check. */
  bypass?: boolean;
}

/**
 * A policy must be a JSON object with a Statement and at most 32 KB; anything else is MalformedPolicyDocumentException
 * (LimitExceededException for the size). AWS's exact texts for malformed and oversized documents are not recorded;
 * ours name the problem (FIDELITY.md). With `lockout`, the policy must also pass the lockout safety check.
 */
export function checkPolicyDocument(policy: string, lockout?: LockoutCheck): void {
  if (new TextEncoder().encode(policy).length > MAX_POLICY_BYTES) {
    throw new LimitExceededException(`The key policy exceeds the maximum size of ${MAX_POLICY_BYTES} bytes.`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(policy);
  } catch {
    throw new MalformedPolicyDocumentException('The policy document is not valid JSON.');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !('Statement' in doc)) {
    throw new MalformedPolicyDocumentException('The policy document must be a JSON object with a Statement.');
  }
  if (lockout && !lockout.bypass && !allowsFuturePolicyUpdates(doc, lockout)) {
    throw new MalformedPolicyDocumentException(
      'The new key policy will not allow you to update the key policy in the future.',
    );
  }
}

/**
 * The lockout safety check: the new policy allows the caller kms:PutKeyPolicy, itself or through its account (then
 * its IAM policies must allow it too), and no statement denies it.
 */
function allowsFuturePolicyUpdates(doc: unknown, { caller, context }: LockoutCheck): boolean {
  const request = { caller, action: 'kms:PutKeyPolicy', resource: undefined, context };
  const verdict = evaluateStatements(readPolicy(doc).statements, request, true);
  if (verdict.deny || !verdict.allow) return false;
  if (verdict.via === 'direct' || caller.type === 'Account' || !caller.iam) return true;
  const iam = evaluateStatements(caller.iam, request, false);
  return !iam.deny && iam.allow !== undefined;
}
