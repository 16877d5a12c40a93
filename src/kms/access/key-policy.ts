/**
 * Key policies: the AWS default key policy and the checks AWS applies to any policy document (a JSON object with a
 * Statement, within the 32 KB size quota). The lockout safety check of a new policy is policy-lockout.ts.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
import { LimitExceededException, MalformedPolicyDocumentException } from '../../api/generated/exceptions.ts';
import { partitionOf } from '../arn.ts';
import type { Scope } from '../records.ts';

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

/**
 * A policy must be a JSON object with a Statement and at most 32 KB; anything else is MalformedPolicyDocumentException
 * (LimitExceededException for the size). AWS's exact texts for malformed and oversized documents are not recorded;
 * ours name the problem (FIDELITY.md). Returns the parsed document.
 */
export function checkPolicyDocument(policy: string): object {
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
  return doc;
}
