/**
 * Which account and region a request belongs to. Region: from the host `kms.<region>.amazonaws.com` (also
 * `kms-fips.`), otherwise from the SigV4 credential scope in the Authorization header. Account: the account of the
 * identity the access key id stands for (the `identities` option); otherwise a 12-digit access key id selects that
 * account (as LocalStack users expect); otherwise the configured default.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
import type { IdentityDirectory } from '../kms/access/identities.ts';

export interface ScopeDefaults {
  account: string;
  region: string;
}

export const DEFAULT_ACCOUNT = '000000000000';
export const DEFAULT_REGION = 'us-east-1';

const HOST = /^kms(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/;
const CREDENTIAL = /Credential=([^/,\s]+)\/\d{8}\/([a-z0-9-]+)\/kms\/aws4_request/;

export function requestScope(
  url: URL,
  authorization: string | null,
  defaults: ScopeDefaults,
  identities?: IdentityDirectory,
) {
  const credential = authorization ? CREDENTIAL.exec(authorization) : null;
  const accessKeyId = credential?.[1];
  const region = HOST.exec(url.hostname)?.[1] ?? credential?.[2] ?? defaults.region;
  const identity = accessKeyId === undefined ? undefined : identities?.get(accessKeyId);
  const account =
    identity?.caller.account ??
    (accessKeyId && /^\d{12}$/.test(accessKeyId) ? accessKeyId : defaults.account);
  return { account, region, accessKeyId };
}
