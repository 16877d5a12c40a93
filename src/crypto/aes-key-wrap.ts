// AES key wrap with padding (RFC 5649, NIST SP 800-38F KWP), OpenSSL's `id-aes256-wrap-pad`: the second layer of the
// RSA_AES_KEY_WRAP_SHA_* wrapping algorithms of imported key material. WebCrypto only has AES-KW (RFC 3394, no
// padding), so @noble/ciphers' aeskwp does the work, loaded on first use.

import { InvalidInputError } from './errors.ts';

let nobleKwp: Promise<typeof import('@noble/ciphers/aes.js').aeskwp> | undefined;
const loadNobleKwp = () => (nobleKwp ??= import('@noble/ciphers/aes.js').then((m) => m.aeskwp));

/** The key `wrapped` under the AES key-encryption key `kek`; null when it does not unwrap (integrity check). */
export async function aesKeyUnwrapPadded(kek: Uint8Array, wrapped: Uint8Array): Promise<Uint8Array | null> {
  if (![16, 24, 32].includes(kek.length)) {
    throw new InvalidInputError(`AES key-encryption key must be 16, 24 or 32 bytes, got ${kek.length}`);
  }
  const aeskwp = await loadNobleKwp();
  try {
    return aeskwp(kek).decrypt(wrapped);
  } catch {
    return null;
  }
}
