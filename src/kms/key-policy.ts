/**
 * Key policies: the AWS default key policy and the checks AWS applies to a policy document (JSON object with a
 * Statement, the 32 KB size quota, and the policy lockout safety check).
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#prevent-unmanageable-key
 */
import { LimitExceededException, MalformedPolicyDocumentException } from '../api/generated/exceptions.ts';
import { partitionOf } from './arn.ts';
import type { Scope } from './records.ts';

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
  /** The caller's account and region. */
  scope: Scope;
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
  if (lockout && !lockout.bypass && !allowsFuturePolicyUpdates(doc.Statement, lockout.scope)) {
    throw new MalformedPolicyDocumentException(
      'The new key policy will not allow you to update the key policy in the future.',
    );
  }
}

const asList = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

/** IAM wildcard match (`*`, `?`), case-insensitive as IAM action names are. */
function globMatches(pattern: string, value: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i').test(value);
}

const PUT_KEY_POLICY = 'kms:PutKeyPolicy';

/**
 * kmsw has no IAM identities, so the caller is any principal of its own account: a statement covers the caller when
 * its Principal is `*`, the account id, the account root, or any IAM principal ARN of that account.
 */
function coversCaller(principal: unknown, caller: Scope): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  const iamPrefix = `arn:${partitionOf(caller.region)}:iam::${caller.account}:`;
  return asList((principal as Record<string, unknown>).AWS).some(
    (p) => typeof p === 'string' && (p === '*' || p === caller.account || p.startsWith(iamPrefix)),
  );
}

function coversAction(statement: Record<string, unknown>, action: string): boolean {
  const matchesAny = (list: unknown) =>
    asList(list).some((a) => typeof a === 'string' && globMatches(a, action));
  if (statement.Action !== undefined) return matchesAny(statement.Action);
  if (statement.NotAction !== undefined) return !matchesAny(statement.NotAction);
  return false;
}

/**
 * Key-policy evaluation, simplified: some Allow statement with a Resource gives the caller's account the action
 * (directly or through a wildcard such as kms:*), and no unconditional Deny statement takes it away. Conditions on
 * Allow statements are not evaluated.
 */
function statementsAllow(statements: unknown, caller: Scope, action: string): boolean {
  const list = asList(statements).filter(
    (s): s is Record<string, unknown> => typeof s === 'object' && s !== null && !Array.isArray(s),
  );
  const applies = (s: Record<string, unknown>) =>
    coversCaller(s.Principal, caller) && coversAction(s, action);
  const denied = list.some((s) => s.Effect === 'Deny' && s.Condition === undefined && applies(s));
  const allowed = list.some(
    (s) => s.Effect === 'Allow' && (s.Resource !== undefined || s.NotResource !== undefined) && applies(s),
  );
  return allowed && !denied;
}

/** The lockout safety check: the policy must keep allowing the caller's account to change it. */
function allowsFuturePolicyUpdates(statements: unknown, scope: Scope): boolean {
  return statementsAllow(statements, scope, PUT_KEY_POLICY);
}

/** Whether a stored key policy allows `caller` (another account) the action `kms:<operation>`. */
export function policyAllows(policy: string, caller: Scope, operation: string): boolean {
  let doc: unknown;
  try {
    doc = JSON.parse(policy);
  } catch {
    return false;
  }
  return (
    typeof doc === 'object' &&
    doc !== null &&
    statementsAllow((doc as { Statement?: unknown }).Statement, caller, `kms:${operation}`)
  );
}
