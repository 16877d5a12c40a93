/**
 * Grant tokens: the opaque string CreateGrant returns, new for every call (also when a Name retry returns an
 * existing GrantId). kmsw's token is unpadded base64url of
 *   u8 version (1) | u8 n, grant id (n UTF-8 bytes) | u8 n, account | u8 n, region | 32 random bytes
 * so RetireGrant can find the grant from the token alone; a token is honoured only while the grant record still
 * lists it, so an altered token is refused. AWS's tokens have another (undocumented) format.
 * https://docs.aws.amazon.com/kms/latest/developerguide/grant-tokens.html
 */
import { fromBase64Url, toBase64Url } from '../crypto/bytes.ts';
import type { IdSource } from './ids.ts';
import type { Scope } from './records.ts';

const VERSION = 1;
const NONCE_BYTES = 32;
const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function newGrantToken(scope: Scope, grantId: string, ids: IdSource): string {
  const fields = [grantId, scope.account, scope.region].map((field) => utf8.encode(field));
  const nonce = hexBytes(ids.hex(NONCE_BYTES));
  const out = new Uint8Array(1 + fields.reduce((n, f) => n + 1 + f.length, 0) + NONCE_BYTES);
  out[0] = VERSION;
  let offset = 1;
  for (const field of fields) {
    out[offset] = field.length;
    out.set(field, offset + 1);
    offset += 1 + field.length;
  }
  out.set(nonce, offset);
  return toBase64Url(out);
}

/** Where the token's grant lives, or undefined when the text is not a token kmsw made. */
export function readGrantToken(token: string): { scope: Scope; grantId: string } | undefined {
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(token);
  } catch {
    return undefined;
  }
  // Only the canonical spelling is a token (no padding, no standard-alphabet characters).
  if (toBase64Url(bytes) !== token || bytes[0] !== VERSION) return undefined;
  const fields: string[] = [];
  let offset = 1;
  for (let i = 0; i < 3; i++) {
    const length = bytes[offset];
    if (length === undefined || length === 0 || offset + 1 + length > bytes.length) return undefined;
    try {
      fields.push(strictUtf8.decode(bytes.subarray(offset + 1, offset + 1 + length)));
    } catch {
      return undefined;
    }
    offset += 1 + length;
  }
  if (bytes.length - offset !== NONCE_BYTES) return undefined;
  const [grantId, account, region] = fields as [string, string, string];
  return { scope: { account, region }, grantId };
}
