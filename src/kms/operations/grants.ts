/**
 * Grants: create, list (per key, or by retiring principal), retire and revoke. Grants are stored with their key
 * (the key's account and region) and removed with it when the key is purged. With `enforcePolicies`, grants authorise
 * their grantee (access/grant-authorization.ts) and the grant decides who may retire it; without it, grants are
 * recorded but authorise nothing, as before. Service principals (GranteeServicePrincipal, RetiringServicePrincipal)
 * are not supported.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateGrant.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListGrants.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListRetirableGrants.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_RetireGrant.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_RevokeGrant.html
 */
import {
  InvalidGrantIdException,
  InvalidGrantTokenException,
  NotFoundException,
  UnsupportedOperationException,
} from '../../api/generated/exceptions.ts';
import { ValidationException } from '../../api/protocol-errors.ts';
import type {
  CreateGrantRequest,
  CreateGrantResponse,
  GrantListEntry,
  ListGrantsRequest,
  ListGrantsResponse,
  ListRetirableGrantsRequest,
  RetireGrantRequest,
  RevokeGrantRequest,
} from '../../api/generated/types.ts';
import { accessDenied } from '../access/access-denied.ts';
import { callerOf, enforcing, iamAllows } from '../access/authorize.ts';
import { mayRetire } from '../access/grant-authorization.ts';
import { keyArn, partitionOf } from '../arn.ts';
import { endDryRun } from '../crypto-key-use.ts';
import {
  assertGrantableState,
  assertGrantFitsKey,
  checkGrantContents,
  sameGrantParameters,
} from '../grant-rules.ts';
import { newGrantToken, readGrantToken } from '../grant-tokens.ts';
import { loadLiveKey, manageKey } from '../key-resolver.ts';
import type { Operation, OperationContext } from '../operation-context.ts';
import { isIndexPosition, pageFrom } from '../pagination.ts';
import { assertGrantQuotas } from '../quotas/resource-quotas.ts';
import { comparePositions, indexPosition, type IndexPosition } from '../store.ts';
import type { GrantRecord, KeyRecord, Scope } from '../records.ts';

/** AWS grant ids are 64 hex digits. */
const GRANT_ID = /^[0-9a-f]{64}$/;

const scopeOf = (record: { account: string; region: string }): Scope => ({
  account: record.account,
  region: record.region,
});

const grantNotFound = (grantId: string) => new NotFoundException(`Grant '${grantId}' does not exist`);
const invalidGrantId = (grantId: string) => new InvalidGrantIdException(`Invalid grantId '${grantId}'`);

/** The grant `grantId` of `key`: InvalidGrantIdException for a malformed id, NotFoundException for an unknown one. */
async function grantOfKey(op: OperationContext, key: KeyRecord, grantId: string): Promise<GrantRecord> {
  const grant = await op.uow.get('grants', scopeOf(key), grantId);
  if (grant && grant.keyId === key.keyId) return grant;
  throw GRANT_ID.test(grantId) ? grantNotFound(grantId) : invalidGrantId(grantId);
}

const entryOf = (grant: GrantRecord): GrantListEntry => ({
  KeyId: keyArn(scopeOf(grant), grant.keyId),
  GrantId: grant.grantId,
  // AWS lists an unnamed grant with an empty Name (developer guide, "Viewing grants").
  Name: grant.name ?? '',
  CreationDate: new Date(grant.createdAt),
  GranteePrincipal: grant.granteePrincipal,
  RetiringPrincipal: grant.retiringPrincipal,
  IssuingAccount: grant.issuingAccount,
  Operations: grant.operations,
  Constraints: grant.constraints,
});

/**
 * A page of grants, oldest first then by grant id (the order of the store's grant indexes). AWS documents Limit
 * 1–100 and a default of 50 (the model allows up to 1000): larger limits return 100.
 */
async function grantPage(
  listing: string,
  request: { Limit?: number; Marker?: string },
  read: (after: IndexPosition | undefined, count: number) => Promise<GrantRecord[]>,
  keep?: (grant: GrantRecord) => boolean | Promise<boolean>,
) {
  const page = await pageFrom(listing, request, {
    defaultLimit: 50,
    maxLimit: 100,
    isPosition: isIndexPosition,
    positionOf: (grant: GrantRecord) => indexPosition('grantsByKey', grant),
    read,
    keep,
  });
  return { Grants: page.items.map(entryOf), NextMarker: page.NextMarker, Truncated: page.Truncated };
}

export const CreateGrant: Operation<CreateGrantRequest, CreateGrantResponse> = async (input, op) => {
  if (input.GranteeServicePrincipal !== undefined || input.RetiringServicePrincipal !== undefined) {
    throw new UnsupportedOperationException(
      'kmsw does not support service principals in grants (GranteeServicePrincipal, RetiringServicePrincipal) yet.',
    );
  }
  if (input.GranteePrincipal === undefined) {
    throw new ValidationException(
      'You must specify either GranteePrincipal or GranteeServicePrincipal, but not both.',
    );
  }
  const { operations, constraints } = checkGrantContents(input.Operations, input.Constraints);
  const key = await manageKey(op, input.KeyId);
  assertGrantableState(key);
  assertGrantFitsKey(key, operations, constraints);
  const scope = scopeOf(key);
  const request = {
    granteePrincipal: input.GranteePrincipal,
    retiringPrincipal: input.RetiringPrincipal,
    operations,
    constraints,
  };
  // A Name makes retries idempotent: the same name and parameters on the same key return the existing grant.
  const existing =
    input.Name === undefined
      ? undefined
      : (await op.uow.listBy('grantsByKey', scope, key.keyId)).find(
          (g) => g.name === input.Name && sameGrantParameters(g, request),
        );
  if (!existing) await assertGrantQuotas(op, scope, key.keyId, input.GranteePrincipal);
  endDryRun(input.DryRun);
  const grantId = existing?.grantId ?? op.env.ids.hex(32);
  const token = newGrantToken(scope, grantId, op.env.ids);
  const grant: GrantRecord = existing
    ? { ...existing, tokens: [...existing.tokens, token] }
    : {
        account: scope.account,
        region: scope.region,
        grantId,
        keyId: key.keyId,
        ...(input.Name !== undefined && { name: input.Name }),
        createdAt: op.now,
        granteePrincipal: input.GranteePrincipal,
        ...(input.RetiringPrincipal !== undefined && { retiringPrincipal: input.RetiringPrincipal }),
        issuingAccount: `arn:${partitionOf(op.scope.region)}:iam::${op.scope.account}:root`,
        operations,
        ...(constraints && { constraints }),
        tokens: [token],
        rev: 0,
      };
  op.uow.put('grants', scope, grantId, grant);
  return { GrantToken: token, GrantId: grantId };
};

export const ListGrants: Operation<ListGrantsRequest, ListGrantsResponse> = async (input, op) => {
  if (input.GranteePrincipal !== undefined && input.GranteeServicePrincipal !== undefined) {
    throw new ValidationException(
      'You can specify either GranteePrincipal or GranteeServicePrincipal, but not both.',
    );
  }
  const key = await manageKey(op, input.KeyId);
  const scope = scopeOf(key);
  const { GrantId, GranteePrincipal } = input;
  if (GrantId !== undefined) {
    const grant = await op.uow.get('grants', scope, GrantId);
    if (grant?.keyId !== key.keyId && !GRANT_ID.test(GrantId)) throw invalidGrantId(GrantId);
    // No kmsw grant has a grantee service principal.
    if (input.GranteeServicePrincipal !== undefined) return grantPage('ListGrants', input, async () => []);
    return grantPage('ListGrants', input, async (after) =>
      grant?.keyId === key.keyId &&
      (GranteePrincipal === undefined || grant.granteePrincipal === GranteePrincipal) &&
      (after === undefined || comparePositions(indexPosition('grantsByKey', grant), after) > 0)
        ? [grant]
        : [],
    );
  }
  if (input.GranteeServicePrincipal !== undefined) return grantPage('ListGrants', input, async () => []);
  return grantPage(
    'ListGrants',
    input,
    (after, count) => op.uow.listBy('grantsByKey', scope, key.keyId, { after, limit: count }),
    (g) => GranteePrincipal === undefined || g.granteePrincipal === GranteePrincipal,
  );
};

export const ListRetirableGrants: Operation<ListRetirableGrantsRequest, ListGrantsResponse> = async (
  input,
  op,
) => {
  if ((input.RetiringPrincipal === undefined) === (input.RetiringServicePrincipal === undefined)) {
    throw new ValidationException(
      'You must specify either RetiringPrincipal or RetiringServicePrincipal, but not both.',
    );
  }
  const live = new Map<string, boolean>();
  // Grants of the caller's account and Region; no kmsw grant has a retiring service principal.
  const principal = input.RetiringPrincipal;
  return grantPage(
    'ListRetirableGrants',
    input,
    async (after, count) =>
      principal === undefined
        ? []
        : op.uow.listBy('grantsByRetiringPrincipal', op.scope, principal, { after, limit: count }),
    async (grant) => {
      let isLive = live.get(grant.keyId);
      if (isLive === undefined) {
        isLive = (await loadLiveKey(op.uow, op.scope, grant.keyId, op.now)) !== undefined;
        live.set(grant.keyId, isLive);
      }
      return isLive;
    },
  );
};

export const RetireGrant: Operation<RetireGrantRequest, Record<string, never>> = async (input, op) => {
  let grant: GrantRecord;
  if (input.GrantToken !== undefined) {
    // The token alone names the grant (KeyId and GrantId, if also given, are not consulted).
    const where = readGrantToken(input.GrantToken);
    if (!where || where.scope.region !== op.scope.region)
      throw new InvalidGrantTokenException('Invalid grant token');
    const found = await op.uow.get('grants', where.scope, where.grantId);
    if (!found || !(await loadLiveKey(op.uow, where.scope, found.keyId, op.now))) {
      throw grantNotFound(where.grantId);
    }
    if (!found.tokens.includes(input.GrantToken)) throw new InvalidGrantTokenException('Invalid grant token');
    grant = found;
  } else if (input.KeyId !== undefined && input.GrantId !== undefined) {
    grant = await grantOfKey(op, await manageKey(op, input.KeyId), input.GrantId);
  } else {
    throw new ValidationException('Either GrantToken, or both KeyId and GrantId, must be specified.');
  }
  assertMayRetire(op, grant);
  endDryRun(input.DryRun);
  op.uow.delete('grants', scopeOf(grant), grant.grantId);
  return {};
};

/** With enforcement on, the grant decides who may retire it (access/grant-authorization.ts). */
function assertMayRetire(op: OperationContext, grant: GrantRecord): void {
  if (!enforcing(op)) return;
  const caller = callerOf(op);
  const arn = keyArn(scopeOf(grant), grant.keyId);
  if (mayRetire(grant, caller, iamAllows(op, 'RetireGrant', arn))) return;
  throw accessDenied(
    caller.arn,
    'RetireGrant',
    arn,
    'no resource-based policy allows',
    `Grant ${grant.grantId} may be retired by its retiring principal (${grant.retiringPrincipal ?? 'none'}), by its grantee (${grant.granteePrincipal}) only if it allows RetireGrant, and by the principals of ${grant.issuingAccount} whose IAM policies allow kms:RetireGrant; ${caller.arn} is none of them.`,
  );
}

export const RevokeGrant: Operation<RevokeGrantRequest, Record<string, never>> = async (input, op) => {
  const grant = await grantOfKey(op, await manageKey(op, input.KeyId), input.GrantId);
  endDryRun(input.DryRun);
  op.uow.delete('grants', scopeOf(grant), grant.grantId);
  return {};
};
