// HMAC for the HMAC_224/256/384/512 key specs (GenerateMac / VerifyMac).
// In Node, node:crypto (synchronous, all four hashes: node-crypto.ts). Elsewhere SHA-256/384/512 go through
// WebCrypto with cached CryptoKeys; WebCrypto has no SHA-224, so HMAC_SHA_224 uses @noble/hashes, loaded on first
// use.

import { buf, equalBytes } from './bytes.ts';
import { macHash } from './digest.ts';
import { KeyCache } from './key-cache.ts';
import { nodeCrypto, nodeHmac } from './node-crypto.ts';
import type { MacAlgorithmSpec } from './specs.ts';

const keys = new KeyCache<CryptoKey>();

/** Computes HMAC(key, message) with the algorithm's hash. */
export async function hmac(
  algorithm: MacAlgorithmSpec,
  key: Uint8Array,
  message: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  const hash = macHash(algorithm);
  if (nodeCrypto) return nodeHmac(nodeCrypto, hash, key, message);
  if (hash === 'SHA-224') {
    const [{ hmac: nobleHmac }, { sha224 }] = await Promise.all([
      import('@noble/hashes/hmac.js'),
      import('@noble/hashes/sha2.js'),
    ]);
    return new Uint8Array(nobleHmac(sha224, key, message));
  }
  const cryptoKey = await keys.get(hash, key, () =>
    globalThis.crypto.subtle.importKey('raw', buf(key), { name: 'HMAC', hash }, false, ['sign']),
  );
  return new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', cryptoKey, buf(message)));
}

/** Recomputes the MAC and compares it in constant time. */
export async function hmacVerify(
  algorithm: MacAlgorithmSpec,
  key: Uint8Array,
  message: Uint8Array,
  mac: Uint8Array,
): Promise<boolean> {
  return equalBytes(await hmac(algorithm, key, message), mac);
}
