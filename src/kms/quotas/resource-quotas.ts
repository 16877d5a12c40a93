/**
 * Adjustable resource quotas (opt-in with the `quotas` option): a create that would exceed one answers
 * LimitExceededException. Counted as AWS counts them: customer managed keys in every key state (AWS managed keys
 * do not count), aliases of the account and Region, aliases of one key, grants of one key, grants of one key for
 * one grantee principal.
 * https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html
 */
import { LimitExceededException } from '../../api/generated/exceptions.ts';
import type { OperationContext } from '../operation-context.ts';
import type { Scope } from '../records.ts';
import type { ResourceQuotaName } from './quota-settings.ts';

const TEXTS: Readonly<Record<ResourceQuotaName, (limit: number) => string>> = {
  keysPerRegion: (n) =>
    `The request would exceed the quota of ${n} customer managed KMS keys in this account and Region.`,
  aliasesPerRegion: (n) => `The request would exceed the quota of ${n} aliases in this account and Region.`,
  aliasesPerKey: (n) => `The request would exceed the quota of ${n} aliases for this KMS key.`,
  grantsPerKey: (n) => `The request would exceed the quota of ${n} grants for this KMS key.`,
  grantsPerPrincipalPerKey: (n) =>
    `The request would exceed the quota of ${n} grants for this grantee principal on this KMS key.`,
};

/** Throws LimitExceededException when `count` records already reach the quota (quotas on). */
function assertBelow(
  op: OperationContext,
  name: ResourceQuotaName,
  region: string,
  count: () => Promise<number>,
) {
  const limit = op.env.quotas?.settings?.limit(name, region);
  if (limit === undefined) return Promise.resolve();
  return count().then((n) => {
    if (n >= limit) throw new LimitExceededException(TEXTS[name](limit));
  });
}

/** Before a new customer managed key (CreateKey, ReplicateKey) in `scope`. */
export function assertKeyQuota(op: OperationContext, scope: Scope): Promise<void> {
  return assertBelow(op, 'keysPerRegion', scope.region, async () => {
    const keys = await op.uow.list('keys', scope);
    return keys.filter((k) => k.keyManager === 'CUSTOMER').length;
  });
}

/** Before a new alias (CreateAlias) or an alias moved to another key (UpdateAlias). */
export async function assertAliasQuotas(
  op: OperationContext,
  targetKeyId: string,
  newAlias: boolean,
): Promise<void> {
  if (newAlias) {
    await assertBelow(
      op,
      'aliasesPerRegion',
      op.scope.region,
      async () => (await op.uow.list('aliases', op.scope)).length,
    );
  }
  await assertBelow(
    op,
    'aliasesPerKey',
    op.scope.region,
    async () => (await op.uow.listBy('aliasesByKey', op.scope, targetKeyId)).length,
  );
}

/** Before a new grant (CreateGrant) on the key `keyId` of `scope` for `grantee`. */
export async function assertGrantQuotas(
  op: OperationContext,
  scope: Scope,
  keyId: string,
  grantee: string,
): Promise<void> {
  if (!op.env.quotas?.settings) return;
  const grants = await op.uow.listBy('grantsByKey', scope, keyId);
  await assertBelow(op, 'grantsPerKey', scope.region, async () => grants.length);
  await assertBelow(
    op,
    'grantsPerPrincipalPerKey',
    scope.region,
    async () => grants.filter((g) => g.granteePrincipal === grantee).length,
  );
}
