// ML_DSA_44 / ML_DSA_65 / ML_DSA_87 (FIPS 204) with @noble/post-quantum. ML_DSA_SHAKE_256 with MessageType RAW
// is pure ML-DSA with an empty context (hedged signing); EXTERNAL_MU signs the caller's 64-byte μ directly
// (FIPS 204 Algorithm 7 line 6 skipped). Keys: SPKI with id-ml-dsa-* and the raw public key; PKCS#8 with the
// 32-byte seed form [0] (see pq-private-key.ts; expanded and both forms are also read). Loaded lazily.

import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { equalBytes } from './bytes.ts';
import { InvalidInputError, InvalidKeyMaterialError } from './errors.ts';
import { KeyCache } from './key-cache.ts';
import { OID } from './oids.ts';
import { encodePkcs8, parsePkcs8 } from './pkcs8.ts';
import { encodeSeedPrivateKey, parsePqPrivateKey } from './pq-private-key.ts';
import { randomBytes } from './random.ts';
import type { MlDsaKeySpec } from './specs.ts';
import { encodeSpki, parseSpki } from './spki.ts';

const expandedKeys = new KeyCache<{ secretKey: Uint8Array; publicKey: Uint8Array }>(64);

function params(spec: MlDsaKeySpec): { dsa: typeof ml_dsa44; oid: string } {
  switch (spec) {
    case 'ML_DSA_44':
      return { dsa: ml_dsa44, oid: OID.mlDsa44 };
    case 'ML_DSA_65':
      return { dsa: ml_dsa65, oid: OID.mlDsa65 };
    case 'ML_DSA_87':
      return { dsa: ml_dsa87, oid: OID.mlDsa87 };
  }
}

export function generateKeyPair(spec: MlDsaKeySpec): { privateKey: Uint8Array; publicKey: Uint8Array } {
  const { dsa, oid } = params(spec);
  const seed = randomBytes(32);
  return {
    privateKey: encodePkcs8({ algorithm: oid, privateKey: encodeSeedPrivateKey(seed) }),
    publicKey: encodeSpki({ algorithm: oid, publicKey: dsa.keygen(seed).publicKey }),
  };
}

/** Expanded secret key and public key of an ML-DSA PKCS#8; throws InvalidKeyMaterialError if malformed. */
function expand(spec: MlDsaKeySpec, pkcs8: Uint8Array): { secretKey: Uint8Array; publicKey: Uint8Array } {
  const { dsa, oid } = params(spec);
  const info = parsePkcs8(pkcs8);
  const key = info === null ? null : parsePqPrivateKey(info.privateKey);
  if (info?.algorithm !== oid || info.parameters !== undefined || key === null) {
    throw new InvalidKeyMaterialError(`not an ${spec} PKCS#8 private key`);
  }
  if (key.seed !== undefined) {
    if (key.seed.length !== 32) throw new InvalidKeyMaterialError('ML-DSA seed must be 32 bytes');
    const pair = dsa.keygen(key.seed);
    if (key.expanded !== undefined && !equalBytes(key.expanded, pair.secretKey)) {
      throw new InvalidKeyMaterialError('ML-DSA seed and expanded key disagree');
    }
    return pair;
  }
  const secretKey = key.expanded as Uint8Array;
  if (secretKey.length !== dsa.lengths.secretKey)
    throw new InvalidKeyMaterialError('ML-DSA key has the wrong size');
  try {
    return { secretKey, publicKey: dsa.getPublicKey(secretKey) };
  } catch (cause) {
    throw new InvalidKeyMaterialError('ML-DSA expanded key is invalid', { cause });
  }
}

function cachedExpand(
  spec: MlDsaKeySpec,
  pkcs8: Uint8Array,
): Promise<{ secretKey: Uint8Array; publicKey: Uint8Array }> {
  return expandedKeys.get(spec, pkcs8, async () => expand(spec, pkcs8));
}

export async function publicKeyFromPrivate(spec: MlDsaKeySpec, pkcs8: Uint8Array): Promise<Uint8Array> {
  const { publicKey } = await cachedExpand(spec, pkcs8);
  return encodeSpki({ algorithm: params(spec).oid, publicKey });
}

/** The raw public key of an ML-DSA SPKI of this parameter set, or null. */
export function publicKeyBytes(spec: MlDsaKeySpec, spki: Uint8Array): Uint8Array | null {
  const { dsa, oid } = params(spec);
  const info = parseSpki(spki);
  if (info?.algorithm !== oid || info.parameters !== undefined) return null;
  return info.publicKey.length === dsa.lengths.publicKey ? info.publicKey : null;
}

export function validatePublicKey(spec: MlDsaKeySpec, spki: Uint8Array): boolean {
  return publicKeyBytes(spec, spki) !== null;
}

export async function sign(
  spec: MlDsaKeySpec,
  pkcs8: Uint8Array,
  message: Uint8Array,
  messageType: 'RAW' | 'EXTERNAL_MU',
): Promise<Uint8Array> {
  const { dsa } = params(spec);
  const { secretKey } = await cachedExpand(spec, pkcs8);
  if (messageType === 'RAW') return dsa.sign(message, secretKey);
  if (message.length !== 64) throw new InvalidInputError('EXTERNAL_MU message must be the 64-byte μ');
  return dsa.internal.sign(message, secretKey, { externalMu: true });
}

export function verify(
  spec: MlDsaKeySpec,
  spki: Uint8Array,
  message: Uint8Array,
  messageType: 'RAW' | 'EXTERNAL_MU',
  signature: Uint8Array,
): boolean {
  const { dsa } = params(spec);
  const publicKey = publicKeyBytes(spec, spki);
  if (publicKey === null || signature.length !== dsa.lengths.signature) return false;
  if (messageType === 'EXTERNAL_MU' && message.length !== 64) return false;
  try {
    return messageType === 'RAW'
      ? dsa.verify(signature, message, publicKey)
      : dsa.internal.verify(signature, message, publicKey, { externalMu: true });
  } catch {
    return false;
  }
}
