// ECC_NIST_P256 / P384 / P521 through WebCrypto: key generation, ECDSA over RAW messages (signature
// converted to DER by ecdsa-der.ts; in Node, node:crypto signs and verifies: node-crypto.ts), ECDH shared
// secrets (raw x-coordinate, the ECC CDH primitive of NIST SP 800-56A as AWS DeriveSharedSecret returns). ECDSA
// over DIGEST messages uses @noble/curves (ecdsa-prehashed.ts). The ASN.1 and noble modules are loaded lazily.

import { buf, fromBase64Url } from './bytes.ts';
import { signingHash } from './digest.ts';
import { InvalidKeyMaterialError, InvalidPeerKeyError } from './errors.ts';
import { KeyCache } from './key-cache.ts';
import type { NistCurveKeySpec, SigningAlgorithmSpec } from './specs.ts';
import { nodeCrypto, nodeSign, nodeVerify } from './node-crypto.ts';
import { importKey, subtle } from './subtle.ts';

export type EcdsaAlgorithm = Extract<SigningAlgorithmSpec, `ECDSA_${string}`>;
type NamedCurve = 'P-256' | 'P-384' | 'P-521';

const cryptoKeys = new KeyCache<CryptoKey>();
const rawKeys = new KeyCache<Uint8Array>();

export function namedCurve(spec: NistCurveKeySpec): NamedCurve {
  switch (spec) {
    case 'ECC_NIST_P256':
      return 'P-256';
    case 'ECC_NIST_P384':
      return 'P-384';
    case 'ECC_NIST_P521':
      return 'P-521';
  }
}

/** Field element size in bytes (32, 48, 66). */
export function coordinateLength(spec: NistCurveKeySpec): number {
  switch (spec) {
    case 'ECC_NIST_P256':
      return 32;
    case 'ECC_NIST_P384':
      return 48;
    case 'ECC_NIST_P521':
      return 66;
  }
}

export async function generateEcKeyPair(
  spec: NistCurveKeySpec,
): Promise<{ privateKey: Uint8Array; publicKey: Uint8Array }> {
  const pair = await subtle().generateKey({ name: 'ECDSA', namedCurve: namedCurve(spec) }, true, [
    'sign',
    'verify',
  ]);
  const [privateKey, publicKey] = await Promise.all([
    subtle().exportKey('pkcs8', pair.privateKey),
    subtle().exportKey('spki', pair.publicKey),
  ]);
  return { privateKey: new Uint8Array(privateKey), publicKey: new Uint8Array(publicKey) };
}

/** Derives the SPKI of a PKCS#8 key on the spec's curve; throws InvalidKeyMaterialError otherwise. */
export async function ecPublicKeyFromPrivate(spec: NistCurveKeySpec, pkcs8: Uint8Array): Promise<Uint8Array> {
  const curve = namedCurve(spec);
  let jwk: JsonWebKey;
  try {
    const key = await importKey('pkcs8', buf(pkcs8), { name: 'ECDSA', namedCurve: curve }, true, ['sign']);
    jwk = await subtle().exportKey('jwk', key);
  } catch (cause) {
    throw new InvalidKeyMaterialError(`not a ${curve} PKCS#8 private key`, { cause });
  }
  const publicKey = await importKey(
    'jwk',
    { kty: 'EC', crv: curve, x: jwk.x, y: jwk.y, ext: true },
    { name: 'ECDSA', namedCurve: curve },
    true,
    ['verify'],
  );
  return new Uint8Array(await subtle().exportKey('spki', publicKey));
}

export async function ecValidatePublicKey(spec: NistCurveKeySpec, spki: Uint8Array): Promise<boolean> {
  try {
    await importKey('spki', buf(spki), { name: 'ECDSA', namedCurve: namedCurve(spec) }, false, ['verify']);
    return true;
  } catch {
    return false;
  }
}

export async function ecdsaSign(
  spec: NistCurveKeySpec,
  pkcs8: Uint8Array,
  algorithm: EcdsaAlgorithm,
  message: Uint8Array,
  messageType: 'RAW' | 'DIGEST',
): Promise<Uint8Array> {
  if (messageType === 'DIGEST') {
    const scalar = await rawKeys.get(`${spec}-d`, pkcs8, async () => {
      const key = await importKey(
        'pkcs8',
        buf(pkcs8),
        { name: 'ECDSA', namedCurve: namedCurve(spec) },
        true,
        ['sign'],
      );
      const { d } = await subtle().exportKey('jwk', key);
      if (d === undefined) throw new InvalidKeyMaterialError('EC private key without scalar');
      return fromBase64Url(d);
    });
    const [{ signPrehashed }, { p1363ToDer }] = await Promise.all([
      import('./ecdsa-prehashed.ts'),
      import('./ecdsa-der.ts'),
    ]);
    return p1363ToDer(signPrehashed(spec, scalar, message));
  }
  const hash = signingHash(algorithm);
  if (nodeCrypto) return nodeSign(nodeCrypto, pkcs8, message, { hash, dsaEncoding: 'der' });
  const key = await cryptoKeys.get(`ECDSA-${spec}-private`, pkcs8, () =>
    importKey('pkcs8', buf(pkcs8), { name: 'ECDSA', namedCurve: namedCurve(spec) }, false, ['sign']),
  );
  const [raw, { p1363ToDer }] = await Promise.all([
    subtle().sign({ name: 'ECDSA', hash }, key, buf(message)),
    import('./ecdsa-der.ts'),
  ]);
  return p1363ToDer(new Uint8Array(raw));
}

export async function ecdsaVerify(
  spec: NistCurveKeySpec,
  spki: Uint8Array,
  algorithm: EcdsaAlgorithm,
  message: Uint8Array,
  messageType: 'RAW' | 'DIGEST',
  signature: Uint8Array,
): Promise<boolean> {
  if (messageType === 'DIGEST') {
    const point = await rawKeys.get(`${spec}-point`, spki, async () => {
      const key = await importKey('spki', buf(spki), { name: 'ECDSA', namedCurve: namedCurve(spec) }, true, [
        'verify',
      ]);
      return new Uint8Array(await subtle().exportKey('raw', key));
    });
    const [{ verifyPrehashed }, { derToP1363 }] = await Promise.all([
      import('./ecdsa-prehashed.ts'),
      import('./ecdsa-der.ts'),
    ]);
    const raw = derToP1363(signature, coordinateLength(spec));
    return raw !== null && verifyPrehashed(spec, point, message, raw);
  }
  const hash = signingHash(algorithm);
  if (nodeCrypto) {
    const { derToP1363 } = await import('./ecdsa-der.ts');
    const raw = derToP1363(signature, coordinateLength(spec));
    return raw !== null && nodeVerify(nodeCrypto, spki, message, raw, { hash, dsaEncoding: 'ieee-p1363' });
  }
  const [key, { derToP1363 }] = await Promise.all([
    cryptoKeys.get(`ECDSA-${spec}-public`, spki, () =>
      importKey('spki', buf(spki), { name: 'ECDSA', namedCurve: namedCurve(spec) }, false, ['verify']),
    ),
    import('./ecdsa-der.ts'),
  ]);
  const raw = derToP1363(signature, coordinateLength(spec));
  if (raw === null) return false;
  try {
    return await subtle().verify({ name: 'ECDSA', hash }, key, raw, buf(message));
  } catch {
    return false;
  }
}

/** ECDH: the raw x-coordinate of d·Q. Throws InvalidPeerKeyError unless the peer SPKI is on the same curve. */
export async function ecdhDerive(
  spec: NistCurveKeySpec,
  pkcs8: Uint8Array,
  peerSpki: Uint8Array,
): Promise<Uint8Array> {
  const curve = namedCurve(spec);
  let peer: CryptoKey;
  try {
    peer = await importKey('spki', buf(peerSpki), { name: 'ECDH', namedCurve: curve }, false, []);
  } catch (cause) {
    throw new InvalidPeerKeyError(`peer public key is not a valid ${curve} SubjectPublicKeyInfo`, { cause });
  }
  const key = await cryptoKeys.get(`ECDH-${spec}-private`, pkcs8, () =>
    importKey('pkcs8', buf(pkcs8), { name: 'ECDH', namedCurve: curve }, false, ['deriveBits']),
  );
  const bits = await subtle().deriveBits({ name: 'ECDH', public: peer }, key, coordinateLength(spec) * 8);
  return new Uint8Array(bits);
}
