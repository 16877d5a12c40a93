/**
 * Authorisation as "Determining access to a KMS key" describes it, in one place:
 *  1. an explicit Deny in the key policy or in the caller's IAM policies wins;
 *  2. a key policy statement that names the caller itself allows (same account);
 *  3. a grant for the caller that allows the operation, within its constraints, allows;
 *  4. a key policy statement that names the caller's account allows if the caller's IAM policies also allow (an
 *     identity without `policies`, and an account root, is allowed by IAM);
 *  5. a caller of another account needs both the key policy (its account or itself) and its IAM policies.
 * Operations on no key (CreateKey, ListKeys, GenerateRandom…) are decided by the IAM policies alone.
 * With `enforcePolicies` off only calls on another account's key are evaluated (and without grants), as before.
 * https://docs.aws.amazon.com/kms/latest/developerguide/determining-access.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
 */
import { InvalidGrantTokenException } from '../../api/generated/exceptions.ts';
import { readGrantToken } from '../grant-tokens.ts';
import type { OperationName } from '../../api/generated/operations.ts';
import type { AnyOperation } from '../operation-loaders.ts';
import type { OperationContext } from '../operation-context.ts';
import type { KeyRecord, Scope } from '../records.ts';
import type { UnitOfWork } from '../unit-of-work.ts';
import { accessDenied } from './access-denied.ts';
import { rootCaller, type Caller } from './caller.ts';
import { conditionContext, type AccessRequest } from './condition-keys.ts';
import { grantAllows, grantInEffect } from './grant-authorization.ts';
import { describeStatement, parsePolicy, type PolicyStatement } from './policy-document.ts';
import { evaluateStatements, type Verdict } from './policy-evaluation.ts';

/** Operations on no KMS key: IAM policies alone decide (resource `*`). */
export const ACCOUNT_OPERATIONS: ReadonlySet<string> = new Set([
  'CreateKey',
  'ListKeys',
  'ListAliases',
  'GenerateRandom',
  'ListRetirableGrants',
  'CreateCustomKeyStore',
  'DeleteCustomKeyStore',
  'DescribeCustomKeyStores',
  'UpdateCustomKeyStore',
  'ConnectCustomKeyStore',
  'DisconnectCustomKeyStore',
]);

/** The caller of the operation's request (memoised on the operation context). */
export function callerOf(op: OperationContext): Caller {
  if (!op.caller) {
    const access = op.env.access;
    const identity =
      access && op.request.accessKeyId !== undefined
        ? access.identities.get(op.request.accessKeyId)
        : undefined;
    op.caller = identity?.caller ?? rootCaller(op.scope.account, op.scope.region, !access?.enforce);
  }
  return op.caller;
}

export const enforcing = (op: OperationContext): boolean => op.env.access?.enforce === true;

const mentions = (statements: readonly PolicyStatement[], key: string) =>
  statements.some((s) => s.condition?.some((c) => c.entries.some((e) => e.key.toLowerCase() === key)));

const describeIam = (s: PolicyStatement, caller: Caller) =>
  `${describeStatement(s)} of IAM policy #${s.policy ?? 0} of ${caller.arn}`;

const missedNote = (verdict: Verdict | undefined, where: string) =>
  verdict?.missed
    ? ` (${describeStatement(verdict.missed.statement)} of ${where} would allow it, but its condition ${verdict.missed.condition} does not hold)`
    : '';

/** Checks each grant token of the request names a grant kmsw made (AWS refuses unreadable tokens). */
function checkGrantTokens(input: Readonly<Record<string, unknown>>): void {
  const tokens = input.GrantTokens;
  if (!Array.isArray(tokens)) return;
  for (const token of tokens) {
    if (typeof token !== 'string' || !readGrantToken(token)) {
      throw new InvalidGrantTokenException('Invalid grant token');
    }
  }
}

export interface KeyAccess {
  /** The operation as KMS authorises it, when it differs from the API name (ReEncryptFrom, ReEncryptTo). */
  action?: string;
  /** The alias the request named the key by (kms:RequestAlias). */
  requestAlias?: string;
}

/** What a decision needs besides the key: who asks, how, and where to read grants and aliases. */
interface Asking {
  uow: UnitOfWork;
  enforce: boolean;
  /** The request's instant and the grants' propagation delay (enforcement only). */
  timing?: { now: number; propagationMs: number };
  caller: () => Caller;
  input: Readonly<Record<string, unknown>>;
}

/** Throws AWS's AccessDeniedException unless the caller may perform the operation on the key. */
export function authorizeKey(op: OperationContext, key: KeyRecord, access: KeyAccess): Promise<void> {
  const enforce = enforcing(op);
  if (!enforce && key.account === op.scope.account) return Promise.resolve();
  const asking: Asking = {
    uow: op.uow,
    enforce,
    caller: () => callerOf(op),
    input: op.input ?? {},
    timing: { now: op.now, propagationMs: op.env.access?.grantPropagationMs ?? 0 },
  };
  return decide(asking, key, access.action ?? op.operation, access.requestAlias);
}

/**
 * The check of a key of another account when no operation context is at hand (enforcement off): the caller is the
 * account of `scope`, standing for all its principals.
 */
export function authorizeOtherAccount(
  uow: UnitOfWork,
  scope: Scope,
  key: KeyRecord,
  action: string,
): Promise<void> {
  if (key.account === scope.account) return Promise.resolve();
  const caller = () => rootCaller(scope.account, scope.region, true);
  return decide({ uow, enforce: false, caller, input: {} }, key, action, undefined);
}

async function decide(asking: Asking, key: KeyRecord, action: string, requestAlias?: string): Promise<void> {
  const { uow, enforce, input } = asking;
  // Operations on no key are authorised by IAM alone; RetireGrant by the grant (operations/grants.ts).
  if (enforce && (ACCOUNT_OPERATIONS.has(action) || action === 'RetireGrant')) return;
  const caller = asking.caller();
  if (enforce) checkGrantTokens(input);
  const keyPolicy = parsePolicy(key.policy);
  const iam = caller.iam;
  const keyScope = { account: key.account, region: key.region };
  const request: AccessRequest = { caller, action, input, key, requestAlias };
  if (
    mentions(keyPolicy.statements, 'kms:resourcealiases') ||
    (iam && mentions(iam, 'kms:resourcealiases'))
  ) {
    request.resourceAliases = (await uow.listBy('aliasesByKey', keyScope, key.keyId)).map((a) => a.aliasName);
  }
  const evaluation = {
    caller,
    action: `kms:${action}`,
    resource: key.arn,
    context: conditionContext(request),
  };
  const fromKeyPolicy = evaluateStatements(keyPolicy.statements, evaluation, true);
  const keyPolicyName = `the key policy of ${key.arn}`;
  const deny = (reason: Parameters<typeof accessDenied>[3], explanation: string) =>
    accessDenied(caller.arn, action, key.arn, reason, explanation);
  if (fromKeyPolicy.deny) {
    throw deny(
      'explicit deny in a resource-based policy',
      `${describeStatement(fromKeyPolicy.deny)} of ${keyPolicyName} denies kms:${action} to ${caller.arn}.`,
    );
  }
  const fromIam = iam && evaluateStatements(iam, evaluation, false);
  if (fromIam?.deny) {
    throw deny(
      'explicit deny in an identity-based policy',
      `${describeIam(fromIam.deny, caller)} denies kms:${action} on ${key.arn}.`,
    );
  }
  const iamAllows = caller.type === 'Account' || !iam || fromIam?.allow !== undefined;
  const crossAccount = caller.account !== key.account;
  if (fromKeyPolicy.via === 'direct' && !crossAccount) return;
  let pendingGrant = '';
  if (enforce) {
    const grants = await uow.listBy('grantsByKey', keyScope, key.keyId);
    const use = { action, input, encryptionContext: encryptionContextFor(action, input), iamAllows };
    const allowing = grants.filter((grant) => grantAllows(grant, caller, use));
    const timing = {
      now: asking.timing?.now ?? 0,
      propagationMs: asking.timing?.propagationMs ?? 0,
      grantTokens: Array.isArray(input.GrantTokens) ? (input.GrantTokens as string[]) : [],
    };
    if (allowing.some((grant) => grantInEffect(grant, timing))) return;
    if (allowing[0]) {
      pendingGrant = ` (grant ${allowing[0].grantId} would allow it, but it is not in effect yet: it takes ${timing.propagationMs} ms to propagate, or pass its grant token in GrantTokens)`;
    }
  }
  if (!fromKeyPolicy.allow) {
    throw deny(
      'no resource-based policy allows',
      `No statement of ${keyPolicyName} allows kms:${action} to ${caller.arn}${missedNote(fromKeyPolicy, keyPolicyName)}${enforce ? ', and no grant allows it' : ''}${pendingGrant}.`,
    );
  }
  if (iamAllows) return;
  throw deny(
    'no identity-based policy allows',
    `${describeStatement(fromKeyPolicy.allow)} of ${keyPolicyName} leaves kms:${action} to the IAM policies of ${caller.account}, and no statement of ${caller.arn}'s IAM policies allows it on ${key.arn}${missedNote(fromIam, 'its IAM policies')}${missedNote(fromKeyPolicy, keyPolicyName)}${pendingGrant}.`,
  );
}

function encryptionContextFor(action: string, input: Readonly<Record<string, unknown>>) {
  type Context = Readonly<Record<string, string>>;
  if (action === 'ReEncryptFrom') return input.SourceEncryptionContext as Context | undefined;
  if (action === 'ReEncryptTo') return input.DestinationEncryptionContext as Context | undefined;
  return input.EncryptionContext as Context | undefined;
}

/** The caller's IAM policies applied to `action` on `resource`; no verdict when IAM allows everything (root, no policies). */
function iamVerdict(
  op: OperationContext,
  action: string,
  resource: string,
  newKey?: AccessRequest['newKey'],
): { caller: Caller; verdict?: Verdict } {
  const caller = callerOf(op);
  if (!caller.iam || caller.type === 'Account') return { caller };
  const request: AccessRequest = { caller, action, input: op.input ?? {}, newKey };
  const evaluation = { caller, action: `kms:${action}`, resource, context: conditionContext(request) };
  return { caller, verdict: evaluateStatements(caller.iam, evaluation, false) };
}

/** Throws AWS's AccessDeniedException unless the caller's IAM policies allow the operation on `resource`. */
function assertIamAllows(op: OperationContext, resource: string, newKey?: AccessRequest['newKey']): void {
  const action = op.operation;
  const { caller, verdict } = iamVerdict(op, action, resource, newKey);
  if (!verdict) return;
  const where = resource === '*' ? 'resource *' : resource;
  if (verdict.deny) {
    throw accessDenied(
      caller.arn,
      action,
      resource,
      'explicit deny in an identity-based policy',
      `${describeIam(verdict.deny, caller)} denies kms:${action} on ${where}.`,
    );
  }
  if (!verdict.allow) {
    throw accessDenied(
      caller.arn,
      action,
      resource,
      'no identity-based policy allows',
      `No statement of ${caller.arn}'s IAM policies allows kms:${action} on ${where}${missedNote(verdict, 'its IAM policies')}.`,
    );
  }
}

/** Operations on no key (CreateKey, ListKeys…): the caller's IAM policies decide, for resource `*`. */
export function authorizeAccount(op: OperationContext, newKey?: AccessRequest['newKey']): void {
  if (enforcing(op)) assertIamAllows(op, '*', newKey);
}

/**
 * The alias side of CreateAlias, UpdateAlias and DeleteAlias: the caller's IAM policies must allow the action on the
 * alias ARN (AWS checks both the alias, by IAM, and the key, by its key policy).
 * https://docs.aws.amazon.com/kms/latest/developerguide/alias-access.html
 */
export function authorizeAlias(op: OperationContext, aliasArn: string): void {
  if (enforcing(op)) assertIamAllows(op, aliasArn);
}

/** Whether the caller's IAM policies allow `action` on the key (true for a root and without `policies`). */
export function iamAllows(op: OperationContext, action: string, keyArn: string): boolean {
  const { verdict } = iamVerdict(op, action, keyArn);
  return !verdict || (!verdict.deny && verdict.allow !== undefined);
}

/**
 * Operations on no key are authorised by IAM policies alone, before anything else (CreateKey does it itself, once it
 * knows the key spec, usage and origin its condition keys describe).
 */
export function withAccountCheck(name: OperationName, implementation: AnyOperation): AnyOperation {
  if (!ACCOUNT_OPERATIONS.has(name) || name === 'CreateKey') return implementation;
  return (input, op) => {
    authorizeAccount(op);
    return implementation(input, op);
  };
}
