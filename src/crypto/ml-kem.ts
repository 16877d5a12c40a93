// ML_KEM_512 / ML_KEM_768 / ML_KEM_1024 (FIPS 203) with @noble/post-quantum: key generation, encapsulation to
// an SPKI, decapsulation with a PKCS#8 key (implicit rejection: a wrong ciphertext yields an unrelated secret).
// Keys: SPKI with id-alg-ml-kem-* and the raw encapsulation key; PKCS#8 with the 64-byte seed d || z in the
// [0] form (see pq-private-key.ts; expanded and both forms are also read). Loaded lazily.

import { ml_kem1024, ml_kem512, ml_kem768 } from '@noble/post-quantum/ml-kem.js';
import { equalBytes } from './bytes.ts';
import { InvalidKeyMaterialError } from './errors.ts';
import { KeyCache } from './key-cache.ts';
import { OID } from './oids.ts';
import { encodePkcs8, parsePkcs8 } from './pkcs8.ts';
import { encodeSeedPrivateKey, parsePqPrivateKey } from './pq-private-key.ts';
import { randomBytes } from './random.ts';
import type { MlKemKeySpec } from './specs.ts';
import { encodeSpki, parseSpki } from './spki.ts';

const expandedKeys = new KeyCache<{ secretKey: Uint8Array; publicKey: Uint8Array }>(64);

function params(spec: MlKemKeySpec): { kem: typeof ml_kem512; oid: string } {
  switch (spec) {
    case 'ML_KEM_512':
      return { kem: ml_kem512, oid: OID.mlKem512 };
    case 'ML_KEM_768':
      return { kem: ml_kem768, oid: OID.mlKem768 };
    case 'ML_KEM_1024':
      return { kem: ml_kem1024, oid: OID.mlKem1024 };
  }
}

export function generateKeyPair(spec: MlKemKeySpec): { privateKey: Uint8Array; publicKey: Uint8Array } {
  const { kem, oid } = params(spec);
  const seed = randomBytes(64);
  return {
    privateKey: encodePkcs8({ algorithm: oid, privateKey: encodeSeedPrivateKey(seed) }),
    publicKey: encodeSpki({ algorithm: oid, publicKey: kem.keygen(seed).publicKey }),
  };
}

function expand(spec: MlKemKeySpec, pkcs8: Uint8Array): { secretKey: Uint8Array; publicKey: Uint8Array } {
  const { kem, oid } = params(spec);
  const info = parsePkcs8(pkcs8);
  const key = info === null ? null : parsePqPrivateKey(info.privateKey);
  if (info?.algorithm !== oid || info.parameters !== undefined || key === null) {
    throw new InvalidKeyMaterialError(`not an ${spec} PKCS#8 private key`);
  }
  if (key.seed !== undefined) {
    if (key.seed.length !== 64) throw new InvalidKeyMaterialError('ML-KEM seed must be 64 bytes');
    const pair = kem.keygen(key.seed);
    if (key.expanded !== undefined && !equalBytes(key.expanded, pair.secretKey)) {
      throw new InvalidKeyMaterialError('ML-KEM seed and expanded key disagree');
    }
    return pair;
  }
  const secretKey = key.expanded as Uint8Array;
  if (secretKey.length !== kem.lengths.secretKey)
    throw new InvalidKeyMaterialError('ML-KEM key has the wrong size');
  try {
    return { secretKey, publicKey: kem.getPublicKey(secretKey) };
  } catch (cause) {
    throw new InvalidKeyMaterialError('ML-KEM expanded key is invalid', { cause });
  }
}

function cachedExpand(
  spec: MlKemKeySpec,
  pkcs8: Uint8Array,
): Promise<{ secretKey: Uint8Array; publicKey: Uint8Array }> {
  return expandedKeys.get(spec, pkcs8, async () => expand(spec, pkcs8));
}

export async function publicKeyFromPrivate(spec: MlKemKeySpec, pkcs8: Uint8Array): Promise<Uint8Array> {
  const { publicKey } = await cachedExpand(spec, pkcs8);
  return encodeSpki({ algorithm: params(spec).oid, publicKey });
}

/** The raw encapsulation key of an ML-KEM SPKI of this parameter set (FIPS 203 §7.2 checked), or null. */
export function publicKeyBytes(spec: MlKemKeySpec, spki: Uint8Array): Uint8Array | null {
  const { kem, oid } = params(spec);
  const info = parseSpki(spki);
  if (info?.algorithm !== oid || info.parameters !== undefined) return null;
  if (info.publicKey.length !== kem.lengths.publicKey) return null;
  try {
    kem.encapsulate(info.publicKey); // runs the encapsulation-key modulus check
    return info.publicKey;
  } catch {
    return null;
  }
}

export function validatePublicKey(spec: MlKemKeySpec, spki: Uint8Array): boolean {
  return publicKeyBytes(spec, spki) !== null;
}

export function encapsulate(
  spec: MlKemKeySpec,
  spki: Uint8Array,
): { ciphertext: Uint8Array; sharedSecret: Uint8Array } {
  const publicKey = publicKeyBytes(spec, spki);
  if (publicKey === null) throw new InvalidKeyMaterialError(`not an ${spec} public key`);
  const { cipherText, sharedSecret } = params(spec).kem.encapsulate(publicKey);
  return { ciphertext: cipherText, sharedSecret };
}

/** The 32-byte shared secret, or null when the ciphertext has the wrong length for the parameter set. */
export async function decapsulate(
  spec: MlKemKeySpec,
  pkcs8: Uint8Array,
  ciphertext: Uint8Array,
): Promise<Uint8Array | null> {
  const { kem } = params(spec);
  const { secretKey } = await cachedExpand(spec, pkcs8);
  if (ciphertext.length !== kem.lengths.cipherText) return null;
  return kem.decapsulate(ciphertext, secretKey);
}
