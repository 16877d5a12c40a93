/**
 * Multi-Region keys: ReplicateKey and UpdatePrimaryRegion. A replica has the primary's key id, key material, key
 * spec, usage, origin and rotation settings, and its own description, policy, tags and key state; it starts
 * Creating (replica-readiness.ts). Both operations write keys of several Regions in one unit of work.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ReplicateKey.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdatePrimaryRegion.html
 */
import { AlreadyExistsException, NotFoundException } from '../../api/generated/exceptions.ts';
import { ValidationException } from '../../api/protocol-errors.ts';
import type {
  ReplicateKeyRequest,
  ReplicateKeyResponse,
  UpdatePrimaryRegionRequest,
} from '../../api/generated/types.ts';
import { keyArn, partitionOf } from '../arn.ts';
import { defaultKeyPolicy } from '../access/key-policy.ts';
import { checkNewKeyPolicy } from '../access/policy-lockout.ts';
import { keyMetadata } from '../key-metadata.ts';
import { loadLiveKey, manageKey } from '../key-resolver.ts';
import { assertUsable } from '../key-state.ts';
import { assertPrimaryKey, assertSettled, keySet, saveKeySet } from '../multi-region-keys.ts';
import type { Operation } from '../operation-context.ts';
import { assertKeyQuota } from '../quotas/resource-quotas.ts';
import type { KeyRecord } from '../records.ts';
import { checkRequestTags, mergeTags } from '../tags.ts';

export const ReplicateKey: Operation<ReplicateKeyRequest, ReplicateKeyResponse> = async (input, op) => {
  const primary = await manageKey(op, input.KeyId);
  assertPrimaryKey(primary);
  assertUsable(primary, 'configure');
  const region = input.ReplicaRegion;
  if (region === primary.region) {
    throw new ValidationException(
      `The replica Region ${region} is the Region of the primary key. A replica must be in a different Region.`,
    );
  }
  if (partitionOf(region) !== partitionOf(primary.region)) {
    throw new ValidationException(
      `The replica Region ${region} is not in the partition of the primary key (${partitionOf(primary.region)}).`,
    );
  }
  const scope = { account: primary.account, region };
  if (await loadLiveKey(op.uow, scope, primary.keyId, op.now)) {
    throw new AlreadyExistsException(
      'You can create only one replica of each primary key in each AWS Region.',
    );
  }
  if (input.Policy !== undefined) {
    checkNewKeyPolicy(op, input.Policy, input.BypassPolicyLockoutSafetyCheck);
  }
  const tags = input.Tags ?? [];
  checkRequestTags(tags);
  await assertKeyQuota(op, scope);

  const replica: KeyRecord = {
    account: primary.account,
    region,
    keyId: primary.keyId,
    arn: keyArn(scope, primary.keyId),
    createdAt: op.now,
    description: input.Description ?? '',
    keySpec: primary.keySpec,
    customerMasterKeySpec: primary.customerMasterKeySpec,
    keyUsage: primary.keyUsage,
    origin: primary.origin,
    keyManager: primary.keyManager,
    state: 'Creating',
    policy: input.Policy ?? defaultKeyPolicy(scope),
    tags: mergeTags([], tags),
    // Imported key material is not replicated: it must be imported into the replica too.
    materials: primary.origin === 'EXTERNAL' ? [] : primary.materials.map((m) => ({ ...m })),
    rotation: { ...primary.rotation },
    rev: 0,
  };
  const [, ...replicas] = await keySet(op.uow, primary, op.now);
  const saved = saveKeySet(op.uow, primary, [...replicas, replica]).at(-1)!;
  return {
    ReplicaKeyMetadata: keyMetadata(saved),
    ReplicaPolicy: saved.policy,
    ReplicaTags: input.Tags === undefined ? undefined : saved.tags,
  };
};

export const UpdatePrimaryRegion: Operation<UpdatePrimaryRegionRequest, Record<string, never>> = async (
  input,
  op,
) => {
  const primary = await manageKey(op, input.KeyId);
  assertPrimaryKey(primary);
  assertSettled(primary);
  if (input.PrimaryRegion === primary.region) {
    throw new ValidationException(`${primary.arn} is already the primary key in ${primary.region}.`);
  }
  const members = await keySet(op.uow, primary, op.now);
  const next = members.find((k) => k.region === input.PrimaryRegion);
  if (!next) {
    const arn = keyArn({ account: primary.account, region: input.PrimaryRegion }, primary.keyId);
    throw new NotFoundException(`Key '${arn}' does not exist`);
  }
  assertSettled(next);
  saveKeySet(
    op.uow,
    next,
    members.filter((k) => k !== next),
  );
  return {};
};
