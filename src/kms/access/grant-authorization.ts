/**
 * Grants as AWS enforces them: a grant lets its grantee principal perform exactly its operations on its key; its
 * encryption-context constraints (keys compared case-insensitively, values exactly) apply to the operations that
 * take an encryption context and to nothing else; a grant with CreateGrant lets the grantee create grants for at
 * most its own operations and at least its own constraints. Who may retire a grant is decided by the grant alone:
 * its retiring principal, its grantee when it allows RetireGrant, and the account that created it (through its IAM
 * policies).
 * https://docs.aws.amazon.com/kms/latest/developerguide/grants.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/create-grant-overview.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/grant-delete.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GrantConstraints.html
 */
import type { GrantConstraints, GrantOperation } from '../../api/generated/types.ts';
import { SYMMETRIC_ENCRYPTION } from '../grant-rules.ts';
import type { GrantRecord } from '../records.ts';
import { principalNames, type Caller } from './caller.ts';

type Context = Readonly<Record<string, string>>;

/** Operations a grant's encryption-context constraints apply to. */
const TAKES_ENCRYPTION_CONTEXT: ReadonlySet<string> = new Set(SYMMETRIC_ENCRYPTION);

const lowerKeys = (context: Context) =>
  new Map(Object.entries(context).map(([k, v]) => [k.toLowerCase(), v]));

function contains(request: Context, required: Context): boolean {
  const have = lowerKeys(request);
  return Object.entries(required).every(([k, v]) => have.get(k.toLowerCase()) === v);
}

function sameContext(a: Context, b: Context): boolean {
  return lowerKeys(a).size === lowerKeys(b).size && contains(a, b);
}

/** Whether the request's encryption context satisfies the grant's constraints. */
export function constraintsHold(
  constraints: GrantConstraints | undefined,
  context: Context | undefined,
): boolean {
  if (constraints?.EncryptionContextEquals)
    return sameContext(context ?? {}, constraints.EncryptionContextEquals);
  if (constraints?.EncryptionContextSubset)
    return contains(context ?? {}, constraints.EncryptionContextSubset);
  return true;
}

/** Whether a grant created through `parent` stays within it: no new operation, constraints at least as strict. */
function withinParent(
  parent: GrantRecord,
  operations: readonly GrantOperation[] | undefined,
  constraints: GrantConstraints | undefined,
): boolean {
  if (!(operations ?? []).every((o) => parent.operations.includes(o))) return false;
  const equals = parent.constraints?.EncryptionContextEquals;
  const subset = parent.constraints?.EncryptionContextSubset;
  if (equals) {
    return (
      constraints?.EncryptionContextEquals !== undefined &&
      sameContext(constraints.EncryptionContextEquals, equals)
    );
  }
  if (subset) {
    const stricter = constraints?.EncryptionContextEquals ?? constraints?.EncryptionContextSubset;
    return stricter !== undefined && contains(stricter, subset);
  }
  return true;
}

export interface GrantUse {
  action: string;
  input: Readonly<Record<string, unknown>>;
  /** The encryption context of the request (for CreateGrant: of the new grant's constraints). */
  encryptionContext?: Context;
  /** Whether the caller's IAM policies allow the action (for grants whose grantee is the caller's account). */
  iamAllows: boolean;
}

/** Whether the grant's grantee is the caller (a grant to an account root serves the account's principals by IAM). */
function isGrantee(grant: GrantRecord, caller: Caller, iamAllows: boolean): boolean {
  const named = principalNames(grant.granteePrincipal, caller);
  return named === 'direct' || (named === 'account' && iamAllows);
}

/** Whether this grant allows the caller the action, as the request asks it. */
export function grantAllows(grant: GrantRecord, caller: Caller, use: GrantUse): boolean {
  if (!grant.operations.includes(use.action as GrantOperation)) return false;
  if (!isGrantee(grant, caller, use.iamAllows)) return false;
  if (use.action === 'CreateGrant') {
    return withinParent(
      grant,
      use.input.Operations as GrantOperation[] | undefined,
      use.input.Constraints as GrantConstraints | undefined,
    );
  }
  if (!TAKES_ENCRYPTION_CONTEXT.has(use.action)) return true;
  return constraintsHold(grant.constraints, use.encryptionContext);
}

/**
 * Whether the caller may retire the grant (the grant decides, not the key policy): its retiring principal, its grantee
 * when it allows RetireGrant, or a principal of the account that created it whose IAM policies allow kms:RetireGrant
 * (`accountMayRetire`; the account root always may).
 */
export function mayRetire(grant: GrantRecord, caller: Caller, accountMayRetire: boolean): boolean {
  if (grant.retiringPrincipal !== undefined && principalNames(grant.retiringPrincipal, caller) === 'direct') {
    return true;
  }
  if (
    grant.operations.includes('RetireGrant') &&
    principalNames(grant.granteePrincipal, caller) === 'direct'
  ) {
    return true;
  }
  return accountMayRetire && principalNames(grant.issuingAccount, caller) !== undefined;
}

export interface GrantTiming {
  /** The request's instant (emulator clock, epoch ms). */
  now: number;
  /** How long a new grant takes to be in effect without a grant token (0: at once). */
  propagationMs: number;
  /** The request's GrantTokens. */
  grantTokens: readonly string[];
}

/** Whether the grant is in effect for this request: propagated, or named by one of the request's grant tokens. */
export function grantInEffect(grant: GrantRecord, timing: GrantTiming): boolean {
  if (timing.propagationMs <= 0 || timing.now >= grant.createdAt + timing.propagationMs) return true;
  return timing.grantTokens.some((token) => grant.tokens.includes(token));
}
