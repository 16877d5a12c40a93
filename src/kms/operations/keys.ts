/**
 * Keys: create, describe, list, enable, disable, schedule and cancel deletion, update the description.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeys.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKey.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DisableKey.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CancelKeyDeletion.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateKeyDescription.html
 */
import { ValidationException } from '../../api/protocol-errors.ts';
import type {
  CancelKeyDeletionRequest,
  CancelKeyDeletionResponse,
  CreateKeyRequest,
  CreateKeyResponse,
  DescribeKeyRequest,
  DescribeKeyResponse,
  DisableKeyRequest,
  EnableKeyRequest,
  KeySpec,
  ListKeysRequest,
  ListKeysResponse,
  ScheduleKeyDeletionRequest,
  ScheduleKeyDeletionResponse,
  UpdateKeyDescriptionRequest,
} from '../../api/generated/types.ts';
import { DAY_MS } from '../clock.ts';
import { assertCustomerManaged } from '../customer-managed.ts';
import { authorizeAccount } from '../access/authorize.ts';
import { checkNewKeyPolicy } from '../access/policy-lockout.ts';
import { keyAsReported } from '../custom-key-stores/key-availability.ts';
import { storeFieldsForNewKey } from '../custom-key-stores/new-key-in-store.ts';
import { assertKeyQuota } from '../quotas/resource-quotas.ts';
import { keyMetadata } from '../key-metadata.ts';
import { hasReplicas } from '../multi-region-sync.ts';
import { loadLiveKey, manageKey, useKey } from '../key-resolver.ts';
import { chooseKeyUsage } from '../key-spec-catalog.ts';
import { newKeyRecord } from '../new-key-record.ts';
import { assertUsable, transition } from '../key-state.ts';
import type { Operation } from '../operation-context.ts';
import { isStringPosition, pageFrom } from '../pagination.ts';
import type { KeyRecord } from '../records.ts';
import { checkRequestTags, mergeTags } from '../tags.ts';

function chooseKeySpec(input: CreateKeyRequest): KeySpec {
  if (input.KeySpec !== undefined && input.CustomerMasterKeySpec !== undefined) {
    throw new ValidationException(
      'You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated.',
    );
  }
  return input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
}

export const CreateKey: Operation<CreateKeyRequest, CreateKeyResponse> = async (input, op) => {
  const keySpec = chooseKeySpec(input);
  const keyUsage = chooseKeyUsage(keySpec, input.KeyUsage, op.scope.region);
  const origin = input.Origin ?? 'AWS_KMS';
  authorizeAccount(op, { keySpec, keyUsage, origin, multiRegion: input.MultiRegion === true });
  const storeFields = await storeFieldsForNewKey(op, input, origin, keySpec, keyUsage);
  await assertKeyQuota(op, op.scope);
  const tags = input.Tags ?? [];
  checkRequestTags(tags);
  const mergedTags = mergeTags([], tags);
  if (input.Policy !== undefined) {
    checkNewKeyPolicy(op, input.Policy, input.BypassPolicyLockoutSafetyCheck);
  }

  const key = await newKeyRecord({
    scope: op.scope,
    now: op.now,
    ids: op.env.ids,
    keySpec,
    keyUsage,
    origin,
    description: input.Description,
    policy: input.Policy,
    tags: mergedTags,
    multiRegion: input.MultiRegion,
  });
  const created = { ...key, ...storeFields };
  op.uow.put('keys', op.scope, key.keyId, created);
  return { KeyMetadata: keyMetadata(created) };
};

export const DescribeKey: Operation<DescribeKeyRequest, DescribeKeyResponse> = async (input, op) => {
  const key = await useKey(op, input.KeyId);
  return { KeyMetadata: keyMetadata(await keyAsReported(op, key)) };
};

export const ListKeys: Operation<ListKeysRequest, ListKeysResponse> = async (input, op) => {
  const page = await pageFrom('ListKeys', input, {
    defaultLimit: 100,
    isPosition: isStringPosition,
    positionOf: (k: KeyRecord) => k.keyId,
    read: (after, count) => op.uow.list('keys', op.scope, { after, limit: count }),
    keep: async (key) => (await loadLiveKey(op.uow, op.scope, key.keyId, op.now)) !== undefined,
  });
  return {
    Keys: page.items.map((k) => ({ KeyId: k.keyId, KeyArn: k.arn })),
    NextMarker: page.NextMarker,
    Truncated: page.Truncated,
  };
};

export const EnableKey: Operation<EnableKeyRequest, Record<string, never>> = async (input, op) => {
  const key = await manageKey(op, input.KeyId);
  assertCustomerManaged(op, key, 'EnableKey');
  op.uow.put('keys', op.scope, key.keyId, { ...key, state: transition(key, 'enable') });
  return {};
};

export const DisableKey: Operation<DisableKeyRequest, Record<string, never>> = async (input, op) => {
  const key = await manageKey(op, input.KeyId);
  assertCustomerManaged(op, key, 'DisableKey');
  op.uow.put('keys', op.scope, key.keyId, { ...key, state: transition(key, 'disable') });
  return {};
};

export const ScheduleKeyDeletion: Operation<ScheduleKeyDeletionRequest, ScheduleKeyDeletionResponse> = async (
  input,
  op,
) => {
  const key = await manageKey(op, input.KeyId);
  assertCustomerManaged(op, key, 'ScheduleKeyDeletion');
  const window = input.PendingWindowInDays ?? 30;
  if (window < 7 || window > 30) {
    throw new ValidationException(
      `1 validation error detected: Value '${window}' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value ${window < 7 ? 'greater than or equal to 7' : 'less than or equal to 30'}`,
    );
  }
  const pendingDeletion = transition(key, 'scheduleDeletion');
  // A primary with replicas waits in PendingReplicaDeletion; its window starts when the last replica is gone.
  const waitsForReplicas = hasReplicas(key);
  const state = waitsForReplicas ? 'PendingReplicaDeletion' : pendingDeletion;
  const deletionDate = waitsForReplicas ? undefined : op.now + window * DAY_MS;
  op.uow.put('keys', op.scope, key.keyId, { ...key, state, deletionDate, pendingWindowInDays: window });
  return {
    KeyId: key.arn,
    DeletionDate: deletionDate === undefined ? undefined : new Date(deletionDate),
    KeyState: state,
    PendingWindowInDays: window,
  };
};

export const CancelKeyDeletion: Operation<CancelKeyDeletionRequest, CancelKeyDeletionResponse> = async (
  input,
  op,
) => {
  const key = await manageKey(op, input.KeyId);
  assertCustomerManaged(op, key, 'CancelKeyDeletion');
  const hasMaterial = key.materials.some(
    (m) => m.state === 'CURRENT' && (m.secret ?? m.privateKey) !== undefined,
  );
  const state = hasMaterial
    ? transition(key, 'cancelDeletion')
    : (transition(key, 'cancelDeletion'), 'PendingImport');
  op.uow.put('keys', op.scope, key.keyId, {
    ...key,
    state,
    deletionDate: undefined,
    pendingWindowInDays: undefined,
  });
  return { KeyId: key.arn };
};

export const UpdateKeyDescription: Operation<UpdateKeyDescriptionRequest, Record<string, never>> = async (
  input,
  op,
) => {
  const key = await manageKey(op, input.KeyId);
  assertCustomerManaged(op, key, 'UpdateKeyDescription');
  assertUsable(key, 'configure');
  op.uow.put('keys', op.scope, key.keyId, { ...key, description: input.Description });
  return {};
};
