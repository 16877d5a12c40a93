/**
 * Key policies: read, replace and list the one key policy (named `default`) of a KMS key. Every key state allows
 * these operations (AWS key-state table); AWS managed keys cannot have their policy replaced.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyPolicy.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeyPolicies.html
 */
import { NotFoundException } from '../../api/generated/exceptions.ts';
import type {
  GetKeyPolicyRequest,
  GetKeyPolicyResponse,
  ListKeyPoliciesRequest,
  ListKeyPoliciesResponse,
  PutKeyPolicyRequest,
} from '../../api/generated/types.ts';
import { assertCustomerManaged } from '../customer-managed.ts';
import { checkNewKeyPolicy } from '../access/policy-lockout.ts';
import { manageKey } from '../key-resolver.ts';
import type { Operation } from '../operation-context.ts';
import { paginate } from '../pagination.ts';

const DEFAULT_POLICY_NAME = 'default';

function checkPolicyName(name: string | undefined): void {
  if (name !== undefined && name !== DEFAULT_POLICY_NAME)
    throw new NotFoundException('No such policy exists');
}

export const GetKeyPolicy: Operation<GetKeyPolicyRequest, GetKeyPolicyResponse> = async (input, op) => {
  const key = await manageKey(op, input.KeyId);
  checkPolicyName(input.PolicyName);
  return { Policy: key.policy, PolicyName: DEFAULT_POLICY_NAME };
};

export const PutKeyPolicy: Operation<PutKeyPolicyRequest, Record<string, never>> = async (input, op) => {
  const key = await manageKey(op, input.KeyId);
  checkPolicyName(input.PolicyName);
  assertCustomerManaged(op, key, 'PutKeyPolicy');
  checkNewKeyPolicy(op, input.Policy, input.BypassPolicyLockoutSafetyCheck);
  op.uow.put('keys', op.scope, key.keyId, { ...key, policy: input.Policy });
  return {};
};

export const ListKeyPolicies: Operation<ListKeyPoliciesRequest, ListKeyPoliciesResponse> = async (
  input,
  op,
) => {
  await manageKey(op, input.KeyId);
  const page = paginate('ListKeyPolicies', [DEFAULT_POLICY_NAME], (name) => name, input, 100);
  return { PolicyNames: page.items, NextMarker: page.NextMarker, Truncated: page.Truncated };
};
