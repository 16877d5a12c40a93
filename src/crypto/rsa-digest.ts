// RSA signatures over a caller-supplied digest (MessageType DIGEST), which WebCrypto cannot do because it
// always hashes the message itself. Implements EMSA-PKCS1-v1_5 and EMSA-PSS (RFC 8017 §9.1, §9.2; PSS with
// MGF1 of the same hash and salt length = digest length, as AWS KMS) over the RSASP1 / RSAVP1 primitives
// with native BigInt (CRT for signing, result checked against the public key). Loaded lazily from rsa.ts.
// Key components come from WebCrypto's JWK export, so no ASN.1 parsing is needed here.

import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { bigIntToBytes, bytesToBigInt, concatBytes, equalBytes, fromBase64Url } from './bytes.ts';
import { randomBytes } from './random.ts';

export type RsaHash = 'SHA-256' | 'SHA-384' | 'SHA-512';
export type RsaPublicComponents = { n: bigint; e: bigint; bits: number };
export type RsaPrivateComponents = RsaPublicComponents & {
  d: bigint;
  p: bigint;
  q: bigint;
  dp: bigint;
  dq: bigint;
  qi: bigint;
};

const HASHES = { 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 } as const;

/** DER DigestInfo prefixes from RFC 8017 §9.2 note 1. */
const DIGEST_INFO_PREFIX: Record<RsaHash, Uint8Array> = {
  'SHA-256': hex('3031300d060960864801650304020105000420'),
  'SHA-384': hex('3041300d060960864801650304020205000430'),
  'SHA-512': hex('3051300d060960864801650304020305000440'),
};

export function publicFromJwk(jwk: JsonWebKey): RsaPublicComponents {
  const n = jwkInt(jwk.n);
  return { n, e: jwkInt(jwk.e), bits: n.toString(2).length };
}

export function privateFromJwk(jwk: JsonWebKey): RsaPrivateComponents {
  return {
    ...publicFromJwk(jwk),
    d: jwkInt(jwk.d),
    p: jwkInt(jwk.p),
    q: jwkInt(jwk.q),
    dp: jwkInt(jwk.dp),
    dq: jwkInt(jwk.dq),
    qi: jwkInt(jwk.qi),
  };
}

export function signDigestPkcs1(key: RsaPrivateComponents, hash: RsaHash, digest: Uint8Array): Uint8Array {
  return rsasp1(key, emsaPkcs1(hash, digest, byteLength(key.bits)));
}

export function verifyDigestPkcs1(
  key: RsaPublicComponents,
  hash: RsaHash,
  digest: Uint8Array,
  signature: Uint8Array,
): boolean {
  const em = rsavp1(key, signature);
  return em !== null && equalBytes(em, emsaPkcs1(hash, digest, byteLength(key.bits)));
}

export function signDigestPss(key: RsaPrivateComponents, hash: RsaHash, digest: Uint8Array): Uint8Array {
  const h = HASHES[hash];
  const hLen = h.outputLen;
  const emBits = key.bits - 1;
  const emLen = byteLength(emBits);
  if (digest.length !== hLen || emLen < 2 * hLen + 2) throw new RangeError('PSS encoding error');
  const salt = randomBytes(hLen);
  const mPrime = concatBytes(new Uint8Array(8), digest, salt);
  const H = h(mPrime);
  const db = new Uint8Array(emLen - hLen - 1);
  db[emLen - 2 * hLen - 2] = 0x01;
  db.set(salt, emLen - 2 * hLen - 1);
  const mask = mgf1(hash, H, db.length);
  for (let i = 0; i < db.length; i++) db[i] = (db[i] as number) ^ (mask[i] as number);
  db[0] = (db[0] as number) & (0xff >> (8 * emLen - emBits));
  const em = concatBytes(db, H, new Uint8Array([0xbc]));
  return rsasp1(key, em);
}

export function verifyDigestPss(
  key: RsaPublicComponents,
  hash: RsaHash,
  digest: Uint8Array,
  signature: Uint8Array,
): boolean {
  const h = HASHES[hash];
  const hLen = h.outputLen;
  const emBits = key.bits - 1;
  const emLen = byteLength(emBits);
  const full = rsavp1(key, signature);
  if (full === null || digest.length !== hLen || emLen < 2 * hLen + 2) return false;
  // RSAVP1 yields k bytes; when modBits - 1 is a multiple of 8 the leading byte must be zero.
  if (full.length > emLen && full[0] !== 0) return false;
  const em = full.subarray(full.length - emLen);
  if (em[emLen - 1] !== 0xbc) return false;
  const maskedDb = em.subarray(0, emLen - hLen - 1);
  const H = em.subarray(emLen - hLen - 1, emLen - 1);
  const topMask = 0xff >> (8 * emLen - emBits);
  if (((maskedDb[0] as number) & ~topMask) !== 0) return false;
  const mask = mgf1(hash, H, maskedDb.length);
  const db = new Uint8Array(maskedDb.length);
  for (let i = 0; i < db.length; i++) db[i] = (maskedDb[i] as number) ^ (mask[i] as number);
  db[0] = (db[0] as number) & topMask;
  const psLen = emLen - 2 * hLen - 2;
  for (let i = 0; i < psLen; i++) if (db[i] !== 0) return false;
  if (db[psLen] !== 0x01) return false;
  const salt = db.subarray(db.length - hLen);
  return equalBytes(h(concatBytes(new Uint8Array(8), digest, salt)), H);
}

function emsaPkcs1(hash: RsaHash, digest: Uint8Array, emLen: number): Uint8Array {
  const t = concatBytes(DIGEST_INFO_PREFIX[hash], digest);
  if (digest.length !== HASHES[hash].outputLen || emLen < t.length + 11)
    throw new RangeError('PKCS1 encoding error');
  const em = new Uint8Array(emLen).fill(0xff);
  em[0] = 0x00;
  em[1] = 0x01;
  em[emLen - t.length - 1] = 0x00;
  em.set(t, emLen - t.length);
  return em;
}

function mgf1(hash: RsaHash, seed: Uint8Array, length: number): Uint8Array {
  const h = HASHES[hash];
  const out = new Uint8Array(length);
  const counter = new Uint8Array(4);
  for (let offset = 0, i = 0; offset < length; offset += h.outputLen, i++) {
    new DataView(counter.buffer).setUint32(0, i);
    out.set(h(concatBytes(seed, counter)).subarray(0, length - offset), offset);
  }
  return out;
}

/** RSASP1 with the Chinese remainder theorem; the result is checked with the public exponent. */
function rsasp1(key: RsaPrivateComponents, em: Uint8Array): Uint8Array {
  const m = bytesToBigInt(em);
  if (m >= key.n) throw new RangeError('message representative out of range');
  const m1 = modPow(m % key.p, key.dp, key.p);
  const m2 = modPow(m % key.q, key.dq, key.q);
  const h = (key.qi * (((m1 - m2) % key.p) + key.p)) % key.p;
  const s = m2 + h * key.q;
  if (modPow(s, key.e, key.n) !== m) throw new Error('RSA signature fault check failed');
  return bigIntToBytes(s, byteLength(key.bits));
}

/** RSAVP1; null when the signature has the wrong length or is not below the modulus. */
function rsavp1(key: RsaPublicComponents, signature: Uint8Array): Uint8Array | null {
  const k = byteLength(key.bits);
  if (signature.length !== k) return null;
  const s = bytesToBigInt(signature);
  if (s >= key.n) return null;
  return bigIntToBytes(modPow(s, key.e, key.n), k);
}

/** Left-to-right modular exponentiation with a fixed 4-bit window. */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (modulus === 1n) return 0n;
  const table: bigint[] = [1n, base % modulus];
  for (let i = 2; i < 16; i++) table.push(((table[i - 1] as bigint) * (table[1] as bigint)) % modulus);
  const digits = exponent.toString(16);
  let result = 1n;
  for (const digit of digits) {
    result = (result * result) % modulus;
    result = (result * result) % modulus;
    result = (result * result) % modulus;
    result = (result * result) % modulus;
    const w = parseInt(digit, 16);
    if (w !== 0) result = (result * (table[w] as bigint)) % modulus;
  }
  return result;
}

function byteLength(bits: number): number {
  return Math.ceil(bits / 8);
}

function jwkInt(value: string | undefined): bigint {
  if (value === undefined) throw new Error('JWK component missing');
  return bytesToBigInt(fromBase64Url(value));
}

function hex(text: string): Uint8Array {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}
