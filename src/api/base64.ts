// Base64 (RFC 4648 standard alphabet, with padding) for blob members of the awsJson1_1 protocol, without
// Node's Buffer so it runs in browsers too. Encoding and decoding use the native btoa/atob. Decoding is
// strict like AWS's Coral deserializer: Base64Error messages are the reasons Coral gives after
// "'<input>' can not be converted to a Blob: " (as recorded by the dynalite project against DynamoDB, which
// runs on the same framework; the typo "dectected" is AWS's).

export class Base64Error extends Error {
  override readonly name = 'Base64Error';
}

const CHUNK = 0x8000;
const INVALID_CHARACTER = /[^A-Za-z0-9+/=]|=[^=]/;
const SIX_BITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** Decodes padded standard base64; throws Base64Error for anything AWS would reject. */
export function decodeBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) {
    throw new Base64Error(
      `Base64 encoded length is expected a multiple of 4 bytes but found: ${text.length}`,
    );
  }
  const invalid = INVALID_CHARACTER.exec(text);
  if (invalid) throw new Base64Error(`Invalid Base64 character: '${invalid[0][0]}'`);
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  if (padding > 0) {
    // Unused low bits of the last data character must be zero, and at most two '=' may follow it.
    const last = SIX_BITS.indexOf(text.charAt(text.length - padding - 1));
    const unusedBits = padding === 2 ? 0b1111 : 0b11;
    if (last < 0 || (last & unusedBits) !== 0) {
      throw new Base64Error('Invalid last non-pad Base64 character dectected');
    }
  }
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
