/**
 * Who makes a request, as policy evaluation sees it: the ARN AWS reports (an IAM user, an assumed-role session, a
 * federated user or the account root), the ARN policies match (`aws:PrincipalArn`: the role for a role session),
 * its account and `aws:PrincipalType`; and how a Principal element names it.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn
 */
import { partitionOf } from '../arn.ts';
import type { PolicyStatement, PrincipalSpec } from './policy-document.ts';

export type PrincipalType = 'Account' | 'User' | 'AssumedRole' | 'FederatedUser';

export interface Caller {
  /** The ARN AWS names the caller by (AccessDenied messages, `kms:GranteePrincipal` of its grants). */
  arn: string;
  /** `aws:PrincipalArn`: the role ARN for an assumed-role session, otherwise `arn`. */
  principalArn: string;
  account: string;
  type: PrincipalType;
  /** The statements of the caller's IAM policies; undefined when IAM allows everything (no `policies`). */
  iam?: PolicyStatement[];
  /**
   * The caller stands for every principal of its account (no identities configured, enforcement off): kmsw's
   * behaviour before identities existed, kept so that nothing changes while the options are off.
   */
  wholeAccount?: boolean;
}

/** The root of an account, as AWS names it. */
export function rootCaller(account: string, region: string, wholeAccount = false): Caller {
  const arn = `arn:${partitionOf(region)}:iam::${account}:root`;
  return { arn, principalArn: arn, account, type: 'Account', ...(wholeAccount && { wholeAccount }) };
}

const IAM_ARN = /^arn:(aws|aws-cn|aws-us-gov):(iam|sts)::(\d{12}):(.+)$/;

/** A caller from an identity ARN; undefined when the ARN is not one of an account root, user, role or session. */
export function callerFromArn(arn: string, sessionName: string): Omit<Caller, 'iam'> | undefined {
  const m = IAM_ARN.exec(arn);
  if (!m) return undefined;
  const [, partition, service, account, resource] = m as unknown as [string, string, string, string, string];
  if (service === 'iam' && resource === 'root') return { arn, principalArn: arn, account, type: 'Account' };
  if (service === 'iam' && /^user\/.+/.test(resource))
    return { arn, principalArn: arn, account, type: 'User' };
  if (service === 'iam' && /^role\/.+/.test(resource)) {
    // A role acts through a session: AWS reports the caller as the assumed-role ARN (the role's path dropped).
    const name = resource.slice(resource.lastIndexOf('/') + 1);
    const session = `arn:${partition}:sts::${account}:assumed-role/${name}/${sessionName}`;
    return { arn: session, principalArn: arn, account, type: 'AssumedRole' };
  }
  const assumed = /^assumed-role\/([^/]+)\/.+$/.exec(resource);
  if (service === 'sts' && assumed) {
    const role = `arn:${partition}:iam::${account}:role/${assumed[1]}`;
    return { arn, principalArn: role, account, type: 'AssumedRole' };
  }
  if (service === 'sts' && /^federated-user\/.+/.test(resource)) {
    return { arn, principalArn: arn, account, type: 'FederatedUser' };
  }
  return undefined;
}

const ACCOUNT_ROOT = /^arn:[a-z-]+:iam::(\d{12}):root$/;
const ARN_ACCOUNT = /^arn:[a-z-]+:(?:iam|sts)::(\d{12}):/;

/** Whether a role ARN (any path) names the role of an assumed-role session's `aws:PrincipalArn`. */
const sameRole = (roleArn: string, principalArn: string) => {
  const m = /^(arn:[a-z-]+:iam::\d{12}:role\/)(?:.*\/)?([^/]+)$/.exec(roleArn);
  const n = /^(arn:[a-z-]+:iam::\d{12}:role\/)(?:.*\/)?([^/]+)$/.exec(principalArn);
  return m !== null && n !== null && m[1] === n[1] && m[2] === n[2];
};

/**
 * How one Principal value names the caller: `direct` (the caller itself, or `*`), `account` (the caller's account:
 * the account's IAM policies decide), or undefined.
 */
export function principalNames(value: string, caller: Caller): 'direct' | 'account' | undefined {
  const root = ACCOUNT_ROOT.exec(value)?.[1] ?? (/^\d{12}$/.test(value) ? value : undefined);
  if (root !== undefined) {
    if (root !== caller.account) return undefined;
    return caller.type === 'Account' && !caller.wholeAccount ? 'direct' : 'account';
  }
  if (caller.wholeAccount) return ARN_ACCOUNT.exec(value)?.[1] === caller.account ? 'account' : undefined;
  if (value === caller.arn || value === caller.principalArn) return 'direct';
  if (caller.type === 'AssumedRole' && sameRole(value, caller.principalArn)) return 'direct';
  return undefined;
}

/** How a Principal element names the caller (the strongest of its values). */
export function specNames(spec: PrincipalSpec, caller: Caller): 'direct' | 'account' | undefined {
  if (spec.anyone) return 'direct';
  let result: 'account' | undefined;
  for (const value of spec.aws) {
    const named = principalNames(value, caller);
    if (named === 'direct') return 'direct';
    if (named) result = named;
  }
  return result;
}
