/**
 * Aliases: create, repoint, delete and list the friendly names of KMS keys. ListAliases also shows the predefined
 * `alias/aws/<service>` aliases whose AWS managed key does not exist yet, without a TargetKeyId.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateAlias.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DeleteAlias.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListAliases.html
 */
import { AlreadyExistsException, NotFoundException } from '../../api/generated/exceptions.ts';
import { ValidationException } from '../../api/protocol-errors.ts';
import type {
  AliasListEntry,
  CreateAliasRequest,
  DeleteAliasRequest,
  KeySpec,
  ListAliasesRequest,
  ListAliasesResponse,
  UpdateAliasRequest,
} from '../../api/generated/types.ts';
import { authorizeAlias, authorizeKey, enforcing } from '../access/authorize.ts';
import { checkAliasName, isAliasReference } from '../alias-names.ts';
import { aliasArn } from '../arn.ts';
import { PREDEFINED_AWS_ALIASES } from '../aws-managed-keys.ts';
import { assertCustomerManaged } from '../customer-managed.ts';
import { loadLiveKey, manageKey } from '../key-resolver.ts';
import { assertUsable } from '../key-state.ts';
import type { Operation, OperationContext } from '../operation-context.ts';
import { assertAliasQuotas } from '../quotas/resource-quotas.ts';
import { isStringPosition, pageFrom } from '../pagination.ts';
import type { AliasRecord, KeyRecord } from '../records.ts';

const aliasNotFound = (op: OperationContext, aliasName: string) =>
  new NotFoundException(`Alias ${aliasArn(op.scope, aliasName)} is not found.`);

/** The key an alias may point at: a live customer managed key, not pending deletion, named by key id or ARN. */
async function aliasTarget(op: OperationContext, targetKeyId: string, operation: string): Promise<KeyRecord> {
  if (isAliasReference(targetKeyId)) throw new ValidationException('Aliases must refer to keys. Not aliases');
  const key = await manageKey(op, targetKeyId);
  assertCustomerManaged(op, key, operation);
  assertUsable(key, 'configure');
  return key;
}

/** The alias, or undefined when it does not exist or its key is gone (purging the key removes its aliases). */
async function liveAlias(op: OperationContext, aliasName: string): Promise<AliasRecord | undefined> {
  const alias = await op.uow.get('aliases', op.scope, aliasName);
  if (!alias) return undefined;
  return (await loadLiveKey(op.uow, op.scope, alias.targetKeyId, op.now)) ? alias : undefined;
}

const keyType = (spec: KeySpec) =>
  spec === 'SYMMETRIC_DEFAULT' ? 'symmetric' : spec.startsWith('HMAC_') ? 'HMAC' : 'asymmetric';

export const CreateAlias: Operation<CreateAliasRequest, Record<string, never>> = async (input, op) => {
  checkAliasName(input.AliasName);
  if (await liveAlias(op, input.AliasName)) {
    throw new AlreadyExistsException(
      `An alias with the name ${aliasArn(op.scope, input.AliasName)} already exists`,
    );
  }
  authorizeAlias(op, aliasArn(op.scope, input.AliasName));
  const key = await aliasTarget(op, input.TargetKeyId, 'CreateAlias');
  await assertAliasQuotas(op, key.keyId, true);
  op.uow.put('aliases', op.scope, input.AliasName, {
    account: op.scope.account,
    region: op.scope.region,
    aliasName: input.AliasName,
    aliasArn: aliasArn(op.scope, input.AliasName),
    targetKeyId: key.keyId,
    createdAt: op.now,
    lastUpdatedAt: op.now,
    rev: 0,
  });
  return {};
};

export const UpdateAlias: Operation<UpdateAliasRequest, Record<string, never>> = async (input, op) => {
  checkAliasName(input.AliasName);
  const alias = await liveAlias(op, input.AliasName);
  if (!alias) throw aliasNotFound(op, input.AliasName);
  authorizeAlias(op, alias.aliasArn);
  const key = await aliasTarget(op, input.TargetKeyId, 'UpdateAlias');
  const current = await loadLiveKey(op.uow, op.scope, alias.targetKeyId, op.now);
  // The alias's current key must allow kms:UpdateAlias too.
  if (current) await authorizeKey(op, current, {});
  if (current && (keyType(current.keySpec) !== keyType(key.keySpec) || current.keyUsage !== key.keyUsage)) {
    throw new ValidationException(
      `${input.AliasName} is associated with a ${keyType(current.keySpec)} ${current.keyUsage} key; UpdateAlias can only associate it with a key of the same key type and key usage, and ${key.arn} is a ${keyType(key.keySpec)} ${key.keyUsage} key.`,
    );
  }
  if (key.keyId !== alias.targetKeyId) await assertAliasQuotas(op, key.keyId, false);
  op.uow.put('aliases', op.scope, alias.aliasName, {
    ...alias,
    targetKeyId: key.keyId,
    lastUpdatedAt: op.now,
  });
  return {};
};

export const DeleteAlias: Operation<DeleteAliasRequest, Record<string, never>> = async (input, op) => {
  checkAliasName(input.AliasName);
  const alias = await liveAlias(op, input.AliasName);
  if (!alias) throw aliasNotFound(op, input.AliasName);
  if (enforcing(op)) {
    authorizeAlias(op, alias.aliasArn);
    const key = await loadLiveKey(op.uow, op.scope, alias.targetKeyId, op.now);
    if (key) await authorizeKey(op, key, {});
  }
  op.uow.delete('aliases', op.scope, alias.aliasName);
  return {};
};

/** One row of ListAliases: a stored alias, a predefined `alias/aws/<service>` name, or both (same name). */
interface AliasRow {
  name: string;
  alias?: AliasRecord;
  predefined: boolean;
  entry?: AliasListEntry;
}

const SORTED_PREDEFINED = [...PREDEFINED_AWS_ALIASES].sort();

const aliasEntry = (alias: AliasRecord): AliasListEntry => ({
  AliasName: alias.aliasName,
  AliasArn: alias.aliasArn,
  TargetKeyId: alias.targetKeyId,
  CreationDate: new Date(alias.createdAt),
  LastUpdatedDate: new Date(alias.lastUpdatedAt),
});

export const ListAliases: Operation<ListAliasesRequest, ListAliasesResponse> = async (input, op) => {
  const filterKeyId = input.KeyId === undefined ? undefined : (await manageKey(op, input.KeyId)).keyId;
  const live = new Map<string, boolean>();
  const isLive = async (keyId: string) => {
    let found = live.get(keyId);
    if (found === undefined) {
      found = (await loadLiveKey(op.uow, op.scope, keyId, op.now)) !== undefined;
      live.set(keyId, found);
    }
    return found;
  };
  // Without KeyId: the stored aliases merged with the predefined names, a live stored alias winning on a tie.
  const read = async (after: string | undefined, count: number): Promise<AliasRow[]> => {
    if (filterKeyId !== undefined) {
      const position = after === undefined ? undefined : [after];
      const aliases = await op.uow.listBy('aliasesByKey', op.scope, filterKeyId, {
        after: position,
        limit: count,
      });
      return aliases.map((alias) => ({ name: alias.aliasName, alias, predefined: false }));
    }
    const stored = await op.uow.list('aliases', op.scope, { after, limit: count });
    const bound = stored.length === count ? stored[stored.length - 1]!.aliasName : undefined;
    const rows = new Map<string, AliasRow>();
    for (const name of SORTED_PREDEFINED) {
      if ((after === undefined || name > after) && (bound === undefined || name <= bound)) {
        rows.set(name, { name, predefined: true });
      }
    }
    for (const alias of stored) {
      rows.set(alias.aliasName, { name: alias.aliasName, alias, predefined: rows.has(alias.aliasName) });
    }
    return [...rows.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  };
  const page = await pageFrom('ListAliases', input, {
    defaultLimit: 50,
    // AWS documents Limit 1–100 for ListAliases (the model allows up to 1000): larger limits return 100.
    maxLimit: 100,
    isPosition: isStringPosition,
    positionOf: (row: AliasRow) => row.name,
    read,
    keep: async (row) => {
      if (row.alias && (await isLive(row.alias.targetKeyId))) row.entry = aliasEntry(row.alias);
      else if (row.predefined) row.entry = { AliasName: row.name, AliasArn: aliasArn(op.scope, row.name) };
      return row.entry !== undefined;
    },
  });
  return {
    Aliases: page.items.map((row) => row.entry!),
    NextMarker: page.NextMarker,
    Truncated: page.Truncated,
  };
};
