// ECC_NIST_EDWARDS25519: key generation and pure Ed25519 (ED25519_SHA_512, MessageType RAW) through WebCrypto
// (Chromium 137+, Firefox 129+, Safari 17+; in Node, node:crypto signs and verifies: node-crypto.ts).
// ED25519_PH_SHA_512 (Ed25519ph over a SHA-512 digest, MessageType DIGEST) and runtimes without WebCrypto Ed25519
// use ed25519-noble.ts, loaded lazily.

import { buf } from './bytes.ts';
import { InvalidKeyMaterialError } from './errors.ts';
import { KeyCache } from './key-cache.ts';
import type { SigningAlgorithmSpec } from './specs.ts';
import { nodeCrypto, nodeSign, nodeVerify } from './node-crypto.ts';
import { importKey, subtle } from './subtle.ts';

export type Ed25519Algorithm = Extract<SigningAlgorithmSpec, `ED25519_${string}`>;

const cryptoKeys = new KeyCache<CryptoKey>();
/** RFC 8032 §7.1 test 1 public key, used once to detect WebCrypto Ed25519 support. */
const PROBE_KEY = new Uint8Array([
  0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64, 0x07, 0x3a, 0x0e, 0xe1,
  0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a,
]);
let webCryptoSupport: Promise<boolean> | undefined;

/** Whether this runtime's WebCrypto implements Ed25519 (checked once). */
export function hasWebCryptoEd25519(): Promise<boolean> {
  webCryptoSupport ??= importKey('raw', PROBE_KEY, { name: 'Ed25519' }, false, ['verify']).then(
    () => true,
    () => false,
  );
  return webCryptoSupport;
}

const noble = () => import('./ed25519-noble.ts');

export async function generateEd25519KeyPair(): Promise<{ privateKey: Uint8Array; publicKey: Uint8Array }> {
  if (!(await hasWebCryptoEd25519())) return (await noble()).generateKeyPair();
  const pair = (await subtle().generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const [privateKey, publicKey] = await Promise.all([
    subtle().exportKey('pkcs8', pair.privateKey),
    subtle().exportKey('spki', pair.publicKey),
  ]);
  return { privateKey: new Uint8Array(privateKey), publicKey: new Uint8Array(publicKey) };
}

export async function ed25519PublicKeyFromPrivate(pkcs8: Uint8Array): Promise<Uint8Array> {
  if (!(await hasWebCryptoEd25519())) return (await noble()).publicKeyFromPrivate(pkcs8);
  let jwk: JsonWebKey;
  try {
    const key = await importKey('pkcs8', buf(pkcs8), { name: 'Ed25519' }, true, ['sign']);
    jwk = await subtle().exportKey('jwk', key);
  } catch (cause) {
    throw new InvalidKeyMaterialError('not an Ed25519 PKCS#8 private key', { cause });
  }
  const publicKey = await importKey(
    'jwk',
    { kty: 'OKP', crv: 'Ed25519', x: jwk.x, ext: true },
    'Ed25519',
    true,
    ['verify'],
  );
  return new Uint8Array(await subtle().exportKey('spki', publicKey));
}

export async function ed25519ValidatePublicKey(spki: Uint8Array): Promise<boolean> {
  return (await noble()).validatePublicKey(spki);
}

export async function ed25519Sign(
  pkcs8: Uint8Array,
  algorithm: Ed25519Algorithm,
  message: Uint8Array,
): Promise<Uint8Array> {
  if (algorithm === 'ED25519_PH_SHA_512') return (await noble()).signPrehashed(pkcs8, message);
  if (nodeCrypto) return nodeSign(nodeCrypto, pkcs8, message, { hash: null });
  if (!(await hasWebCryptoEd25519())) return (await noble()).signPure(pkcs8, message);
  const key = await cryptoKeys.get('Ed25519-private', pkcs8, () =>
    importKey('pkcs8', buf(pkcs8), { name: 'Ed25519' }, false, ['sign']),
  );
  return new Uint8Array(await subtle().sign({ name: 'Ed25519' }, key, buf(message)));
}

export async function ed25519Verify(
  spki: Uint8Array,
  algorithm: Ed25519Algorithm,
  message: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  if (algorithm === 'ED25519_PH_SHA_512') return (await noble()).verifyPrehashed(spki, message, signature);
  if (nodeCrypto) return nodeVerify(nodeCrypto, spki, message, signature, { hash: null });
  if (!(await hasWebCryptoEd25519())) return (await noble()).verifyPure(spki, message, signature);
  const key = await cryptoKeys.get('Ed25519-public', spki, () =>
    importKey('spki', buf(spki), { name: 'Ed25519' }, false, ['verify']),
  );
  try {
    return await subtle().verify({ name: 'Ed25519' }, key, buf(signature), buf(message));
  } catch {
    return false;
  }
}
