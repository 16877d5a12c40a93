/**
 * SigV4 verification (`verifySignatures`): the Authorization header must be complete, name a configured access key,
 * carry a date within five minutes of now that agrees with its credential scope, a scope for `kms` (and for the
 * Region of the host, when the host names one), and the signature the AWS SDK's own signer (@smithy/signature-v4)
 * computes with the identity's secret over the signed headers and the body. Identities without a secretAccessKey
 * are accepted unsigned-checked. Errors use AWS's codes and texts (FIDELITY.md lists the unverified ones).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html
 */
import { SignatureV4 } from '@smithy/signature-v4';
import {
  IncompleteSignatureException,
  InvalidSignatureException,
  MissingAuthenticationTokenException,
  UnrecognizedClientException,
} from '../api/protocol-errors.ts';
import type { IdentityDirectory } from '../kms/access/identities.ts';
import { Sha256 } from './sha256.ts';

const ALGORITHM = 'AWS4-HMAC-SHA256';
/** How far a request's date may be from now, either way. */
const WINDOW_MS = 5 * 60_000;
const HOST = /^kms(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/;

export const INVALID_SIGNATURE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** `20240102T030405Z`, the ISO 8601 basic format SigV4 uses. */
const basicFormat = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

function parseBasicFormat(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return basicFormat(ms) === value ? ms : undefined;
}

interface AuthorizationParts {
  credential?: string;
  signedHeaders?: string;
  signature?: string;
}

function parseAuthorization(header: string): AuthorizationParts {
  const space = header.indexOf(' ');
  const algorithm = space < 0 ? header : header.slice(0, space);
  if (algorithm !== ALGORITHM) {
    throw new IncompleteSignatureException(
      `'${header}' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`,
    );
  }
  const parts: AuthorizationParts = {};
  for (const raw of header.slice(space + 1).split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) {
      throw new IncompleteSignatureException(
        `'${part}' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`,
      );
    }
    const name = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (name === 'Credential') parts.credential = value;
    else if (name === 'SignedHeaders') parts.signedHeaders = value;
    else if (name === 'Signature') parts.signature = value;
  }
  return parts;
}

export interface SignatureCheck {
  identities: IdentityDirectory;
  /** The current time (epoch ms) the request's date is compared with. */
  now: () => number;
}

/** Throws the AWS error for a request whose signature does not verify. */
export async function verifySignature(request: Request, body: string, check: SignatureCheck): Promise<void> {
  const header = request.headers.get('authorization');
  if (header === null) throw new MissingAuthenticationTokenException('Missing Authentication Token');
  const parts = parseAuthorization(header);
  const amzDate = request.headers.get('x-amz-date');
  const missing = [
    parts.credential === undefined && "Authorization header requires 'Credential' parameter.",
    parts.signature === undefined && "Authorization header requires 'Signature' parameter.",
    parts.signedHeaders === undefined && "Authorization header requires 'SignedHeaders' parameter.",
    amzDate === null &&
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
  ].filter((text): text is string => typeof text === 'string');
  if (missing.length > 0) {
    throw new IncompleteSignatureException(`${missing.join(' ')} Authorization=${header}`);
  }
  const [accessKeyId = '', scopeDate, scopeRegion, scopeService, terminator, ...extra] =
    parts.credential!.split('/');
  if (terminator === undefined || extra.length > 0) {
    throw new IncompleteSignatureException(
      `Credential should be formed as <access key id>/<date>/<region>/<service>/aws4_request, got '${parts.credential}'.`,
    );
  }
  const identity = check.identities.get(accessKeyId);
  if (!identity)
    throw new UnrecognizedClientException('The security token included in the request is invalid.');
  if (identity.secretAccessKey === undefined) return;
  if (terminator !== 'aws4_request') {
    throw new InvalidSignatureException(
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'.`,
    );
  }
  const signedAt = parseBasicFormat(amzDate!);
  if (signedAt === undefined) {
    throw new IncompleteSignatureException(
      `Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  const now = check.now();
  if (signedAt < now - WINDOW_MS) {
    throw new InvalidSignatureException(
      `Signature expired: ${amzDate} is now earlier than ${basicFormat(now - WINDOW_MS)} (${basicFormat(now)} - 5 min.)`,
    );
  }
  if (signedAt > now + WINDOW_MS) {
    throw new InvalidSignatureException(
      `Signature not yet current: ${amzDate} is still later than ${basicFormat(now + WINDOW_MS)} (${basicFormat(now)} + 5 min.)`,
    );
  }
  if (scopeDate !== amzDate!.slice(0, 8)) {
    throw new InvalidSignatureException(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate!.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  const url = new URL(request.url);
  const hostRegion = HOST.exec(url.hostname)?.[1];
  if (hostRegion !== undefined && scopeRegion !== hostRegion) {
    throw new InvalidSignatureException(
      `Credential should be scoped to a valid region, not '${scopeRegion}'. `,
    );
  }
  if (scopeService !== 'kms') {
    throw new InvalidSignatureException("Credential should be scoped to correct service: 'kms'. ");
  }
  const expected = await computeSignature(request, url, body, {
    signedHeaders: parts.signedHeaders!.split(';'),
    accessKeyId,
    secretAccessKey: identity.secretAccessKey,
    region: scopeRegion!,
    signedAt,
  });
  if (expected !== parts.signature) throw new InvalidSignatureException(INVALID_SIGNATURE);
}

async function computeSignature(
  request: Request,
  url: URL,
  body: string,
  how: {
    signedHeaders: string[];
    accessKeyId: string;
    secretAccessKey: string;
    region: string;
    signedAt: number;
  },
): Promise<string | undefined> {
  const headers: Record<string, string> = {};
  for (const name of how.signedHeaders) {
    let value = request.headers.get(name);
    // Browsers and some fetch implementations set these themselves, without exposing them to the handler.
    if (value === null && name === 'host') value = url.host;
    if (value === null && name === 'content-length') value = String(new TextEncoder().encode(body).length);
    if (value !== null) headers[name] = value;
  }
  // The signer trusts a payload hash header; AWS checks the body itself, so the header gets the body's real hash.
  if (headers['x-amz-content-sha256'] !== undefined) {
    const hash = new Sha256();
    hash.update(body);
    headers['x-amz-content-sha256'] = [...(await hash.digest())]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('');
  }
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const existing = query[name];
    query[name] =
      existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  const signer = new SignatureV4({
    service: 'kms',
    region: how.region,
    credentials: { accessKeyId: how.accessKeyId, secretAccessKey: how.secretAccessKey },
    sha256: Sha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port !== '' && { port: Number(url.port) }),
      path: url.pathname,
      query,
      headers,
      body,
    },
    { signingDate: new Date(how.signedAt), signableHeaders: new Set(how.signedHeaders) },
  );
  const authorization = (signed.headers as Record<string, string>).authorization ?? '';
  return /Signature=([0-9a-f]+)/.exec(authorization)?.[1];
}
