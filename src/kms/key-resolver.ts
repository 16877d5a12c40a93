/**
 * Turns the KeyId a caller gave (key id, key ARN, alias name or alias ARN) into a key record, with AWS's
 * NotFoundException texts. Keys whose deletion date has passed are purged here, lazily, the first time they are
 * looked up after the clock passed their DeletionDate. The first use of a predefined `alias/aws/<service>` alias creates
 * its AWS managed key (aws-managed-keys.ts).
 * https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id
 */
import { NotFoundException } from '../api/generated/exceptions.ts';
import { authorizeKey, authorizeOtherAccount, type KeyAccess } from './access/authorize.ts';
import { aliasArn, isKeyId, keyArn, parseKmsArn, partitionOf } from './arn.ts';
import { createAwsManagedKey, predefinedAliasService } from './aws-managed-keys.ts';
import { randomIds, type IdSource } from './ids.ts';
import type { KeyRecord, Scope } from './records.ts';
import type { OperationContext } from './operation-context.ts';
import { leaveKeySet } from './multi-region-sync.ts';
import { completeReplicaCreation } from './replica-readiness.ts';
import { applyScheduledChanges } from './scheduled-rotation.ts';
import type { UnitOfWork } from './unit-of-work.ts';

export interface ResolveOptions {
  /** Whether the operation accepts alias names and alias ARNs (cryptographic operations and DescribeKey do). */
  allowAlias: boolean;
  now: number;
  /** Ids for an AWS managed key created on first use of its predefined alias (default: random ids). */
  ids?: IdSource;
  /** The operation as KMS authorises it (ReEncryptFrom, ReEncryptTo for ReEncrypt). */
  operation: string;
  /**
   * Authorises the caller on the key found (access/authorize.ts). Absent, only a key of another account is checked,
   * with the account of `scope` as the caller.
   */
  authorize?: (key: KeyRecord, access: KeyAccess) => Promise<void>;
}

const invalidKeyId = (input: string) => new NotFoundException(`Invalid keyId '${input}'`);
const keyDoesNotExist = (arn: string) => new NotFoundException(`Key '${arn}' does not exist`);

/** A key past its deletion date no longer exists: stage its removal (and its aliases' and grants') and hide it. */
export async function loadLiveKey(
  uow: UnitOfWork,
  scope: Scope,
  keyId: string,
  now: number,
): Promise<KeyRecord | undefined> {
  await completeReplicaCreation(uow, scope, keyId, now);
  await applyScheduledChanges(uow, scope, keyId, now);
  let key = await uow.get('keys', scope, keyId);
  if (!key) return undefined;
  if (key.state === 'PendingReplicaDeletion') {
    // Loading the replicas purges those past their deletion date, which may start this primary's own window.
    for (const replica of key.multiRegion?.replicas ?? []) {
      await loadLiveKey(uow, { account: scope.account, region: replica.region }, keyId, now);
    }
    key = (await uow.get('keys', scope, keyId))!;
  }
  if (key.state === 'PendingDeletion' && key.deletionDate !== undefined && key.deletionDate <= now) {
    await purgeKey(uow, key, now);
    return undefined;
  }
  return key;
}

export async function purgeKey(uow: UnitOfWork, key: KeyRecord, now: number): Promise<void> {
  const scope = { account: key.account, region: key.region };
  uow.delete('keys', scope, key.keyId);
  await leaveKeySet(uow, key, now);
  for (const alias of await uow.listBy('aliasesByKey', scope, key.keyId)) {
    uow.delete('aliases', scope, alias.aliasName);
  }
  for (const grant of await uow.listBy('grantsByKey', scope, key.keyId)) {
    uow.delete('grants', scope, grant.grantId);
  }
}

export async function resolveKey(
  uow: UnitOfWork,
  scope: Scope,
  input: string,
  options: ResolveOptions,
): Promise<KeyRecord> {
  const { key, requestAlias } = await findKey(uow, scope, input, options);
  if (options.authorize) await options.authorize(key, { action: options.operation, requestAlias });
  else await authorizeOtherAccount(uow, scope, key, options.operation);
  return key;
}

async function findKey(
  uow: UnitOfWork,
  scope: Scope,
  input: string,
  options: ResolveOptions,
): Promise<{ key: KeyRecord; requestAlias?: string }> {
  if (input.startsWith('alias/')) {
    if (!options.allowAlias) throw invalidKeyId(input);
    return { key: await resolveAlias(uow, scope, input, options), requestAlias: input };
  }
  if (input.startsWith('arn:')) {
    const arn = parseKmsArn(input);
    if (!arn) throw new NotFoundException(`Invalid arn ${input}`);
    if (arn.region !== scope.region) throw new NotFoundException(`Invalid arn ${arn.region}`);
    // The partition must be the Region's and the account 12 digits: `arn:aws-cn:` in us-east-1 names nothing.
    if (arn.partition !== partitionOf(scope.region) || !/^\d{12}$/.test(arn.account)) {
      throw new NotFoundException(`Invalid arn ${input}`);
    }
    const target = { account: arn.account, region: arn.region };
    if (arn.resource.startsWith('alias/')) {
      if (!options.allowAlias) throw invalidKeyId(input);
      // An alias names a key of the caller's own account only.
      if (target.account !== scope.account) {
        throw new NotFoundException(`Alias ${aliasArn(target, arn.resource)} is not found.`);
      }
      return { key: await resolveAlias(uow, target, arn.resource, options), requestAlias: arn.resource };
    }
    if (!arn.resource.startsWith('key/')) throw new NotFoundException(`Invalid arn ${input}`);
    const keyId = arn.resource.slice('key/'.length);
    if (!isKeyId(keyId)) throw invalidKeyId(keyId);
    // A key of another account is usable only where its key policy allows the caller (options.authorize).
    return { key: await mustExist(uow, target, keyId, options.now) };
  }
  if (!isKeyId(input)) throw invalidKeyId(input);
  return { key: await mustExist(uow, scope, input, options.now) };
}

async function mustExist(uow: UnitOfWork, scope: Scope, keyId: string, now: number): Promise<KeyRecord> {
  const key = await loadLiveKey(uow, scope, keyId, now);
  if (!key) throw keyDoesNotExist(keyArn(scope, keyId));
  return key;
}

async function resolveAlias(
  uow: UnitOfWork,
  scope: Scope,
  aliasName: string,
  options: ResolveOptions,
): Promise<KeyRecord> {
  const alias = await uow.get('aliases', scope, aliasName);
  const service = alias ? undefined : predefinedAliasService(aliasName);
  if (service !== undefined) {
    return createAwsManagedKey(uow, scope, service, options.now, options.ids ?? randomIds);
  }
  const key = alias && (await loadLiveKey(uow, scope, alias.targetKeyId, options.now));
  if (!key) throw new NotFoundException(`Alias ${aliasArn(scope, aliasName)} is not found.`);
  return key;
}

/** Key management operations address a key by key id or key ARN only (no aliases). */
export const manageKey = (op: OperationContext, keyId: string): Promise<KeyRecord> =>
  resolveKey(op.uow, op.scope, keyId, {
    allowAlias: false,
    now: op.now,
    ids: op.env.ids,
    operation: op.operation,
    authorize: (key, access) => authorizeKey(op, key, access),
  });

/** Operations that use a key (cryptographic ones, DescribeKey, GetPublicKey) also accept alias names and alias ARNs. */
export const useKey = (
  op: OperationContext,
  keyId: string,
  operation: string = op.operation,
): Promise<KeyRecord> =>
  resolveKey(op.uow, op.scope, keyId, {
    allowAlias: true,
    now: op.now,
    ids: op.env.ids,
    operation,
    authorize: (key, access) => authorizeKey(op, key, access),
  });
