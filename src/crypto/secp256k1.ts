// ECC_SECG_P256K1 with @noble/curves (WebCrypto has no secp256k1): key generation, ECDSA_SHA_256 over RAW
// (SHA-256 of the message) or DIGEST (the 32-byte digest as given) messages. Randomised nonces (hedged
// RFC 6979); signatures are DER and NOT low-S normalised, like AWS KMS. Keys: PKCS#8 / SPKI with
// id-ecPublicKey and the secp256k1 OID 1.3.132.0.10. Loaded lazily.

import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bigIntToBytes, bytesToBigInt } from './bytes.ts';
import { derToP1363, p1363ToDer } from './ecdsa-der.ts';
import { InvalidInputError, InvalidKeyMaterialError } from './errors.ts';
import { OID } from './oids.ts';
import { encodeEcPrivateKey, encodePkcs8, parseEcPrivateKey, parsePkcs8 } from './pkcs8.ts';
import { encodeSpki, parseSpki } from './spki.ts';

const N = secp256k1.Point.Fn.ORDER;

function encodeKeyPair(scalar: Uint8Array): { privateKey: Uint8Array; publicKey: Uint8Array } {
  const point = secp256k1.getPublicKey(scalar, false);
  return {
    privateKey: encodePkcs8({
      algorithm: OID.ecPublicKey,
      parameters: OID.secp256k1,
      privateKey: encodeEcPrivateKey(scalar, point),
    }),
    publicKey: encodeSpki({ algorithm: OID.ecPublicKey, parameters: OID.secp256k1, publicKey: point }),
  };
}

export function generateKeyPair(): { privateKey: Uint8Array; publicKey: Uint8Array } {
  return encodeKeyPair(secp256k1.utils.randomSecretKey());
}

/** The 32-byte private scalar; throws InvalidKeyMaterialError if malformed, out of range or inconsistent. */
export function privateScalar(pkcs8: Uint8Array): Uint8Array {
  const info = parsePkcs8(pkcs8);
  const ec = info === null ? null : parseEcPrivateKey(info.privateKey);
  if (info?.algorithm !== OID.ecPublicKey || info.parameters !== OID.secp256k1 || ec === null) {
    throw new InvalidKeyMaterialError('not a secp256k1 PKCS#8 private key');
  }
  if ((ec.curveOid !== undefined && ec.curveOid !== OID.secp256k1) || ec.scalar.length > 32) {
    throw new InvalidKeyMaterialError('secp256k1 private key has the wrong curve or size');
  }
  const d = bytesToBigInt(ec.scalar);
  if (d < 1n || d >= N) throw new InvalidKeyMaterialError('secp256k1 private key out of range');
  const scalar = bigIntToBytes(d, 32);
  if (ec.publicPoint !== undefined) {
    if (!encodesPoint(ec.publicPoint, secp256k1.getPublicKey(scalar)))
      throw new InvalidKeyMaterialError('secp256k1 private key does not match its public key');
  }
  return scalar;
}

function encodesPoint(encoded: Uint8Array, expected: Uint8Array): boolean {
  try {
    return secp256k1.Point.fromBytes(encoded).equals(secp256k1.Point.fromBytes(expected));
  } catch {
    return false;
  }
}

export function publicKeyFromPrivate(pkcs8: Uint8Array): Uint8Array {
  return encodeKeyPair(privateScalar(pkcs8)).publicKey;
}

/** The encoded public point of a secp256k1 SPKI, or null if it is not one. */
export function publicPoint(spki: Uint8Array): Uint8Array | null {
  const info = parseSpki(spki);
  if (info?.algorithm !== OID.ecPublicKey || info.parameters !== OID.secp256k1) return null;
  return secp256k1.utils.isValidPublicKey(info.publicKey) ? info.publicKey : null;
}

export function validatePublicKey(spki: Uint8Array): boolean {
  return publicPoint(spki) !== null;
}

export function sign(pkcs8: Uint8Array, message: Uint8Array, messageType: 'RAW' | 'DIGEST'): Uint8Array {
  if (messageType === 'DIGEST' && message.length !== 32) {
    throw new InvalidInputError('ECDSA_SHA_256 digest must be 32 bytes');
  }
  const raw = secp256k1.sign(message, privateScalar(pkcs8), {
    prehash: messageType === 'RAW',
    lowS: false,
    extraEntropy: true,
    format: 'compact',
  });
  return p1363ToDer(raw);
}

export function verify(
  spki: Uint8Array,
  message: Uint8Array,
  messageType: 'RAW' | 'DIGEST',
  signature: Uint8Array,
): boolean {
  const point = publicPoint(spki);
  const raw = derToP1363(signature, 32);
  if (point === null || raw === null || (messageType === 'DIGEST' && message.length !== 32)) return false;
  try {
    return secp256k1.verify(raw, message, point, {
      prehash: messageType === 'RAW',
      lowS: false,
      format: 'compact',
    });
  } catch {
    return false;
  }
}
