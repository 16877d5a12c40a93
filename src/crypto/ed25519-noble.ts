// Ed25519 with @noble/curves: Ed25519ph over a caller-supplied SHA-512 digest (ED25519_PH_SHA_512 with
// MessageType DIGEST, RFC 8032 §5.1 with PH = identity on the given 64-byte digest, dom2 flag 1, empty
// context), plus pure Ed25519 and key handling for runtimes whose WebCrypto lacks Ed25519.
// Keys: PKCS#8 with id-Ed25519 and CurvePrivateKey (RFC 8410), SPKI with the 32-byte point. Loaded lazily.

import { eddsa } from '@noble/curves/abstract/edwards.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import * as asn1js from 'asn1js';
import { concatBytes } from './bytes.ts';
import { InvalidInputError, InvalidKeyMaterialError } from './errors.ts';
import { OID } from './oids.ts';
import { encodePkcs8, octets, parseDer, parsePkcs8 } from './pkcs8.ts';
import { encodeSpki, parseSpki } from './spki.ts';

const DOM2_PREFIX = new TextEncoder().encode('SigEd25519 no Ed25519 collisions');

/** Ed25519ph whose pre-hash is the identity: the caller passes PH(M) = SHA-512(M). */
const ed25519phOverDigest = eddsa(ed25519.Point, sha512, {
  adjustScalarBytes: (bytes: Uint8Array) => {
    bytes[0] = (bytes[0] as number) & 248;
    bytes[31] = ((bytes[31] as number) & 127) | 64;
    return bytes;
  },
  domain: (data: Uint8Array, context: Uint8Array, phflag: boolean) =>
    concatBytes(DOM2_PREFIX, new Uint8Array([phflag ? 1 : 0, context.length]), context, data),
  prehash: (digest: Uint8Array) => digest,
  zip215: false,
});

export function seedFromPkcs8(pkcs8: Uint8Array): Uint8Array {
  const info = parsePkcs8(pkcs8);
  const inner = info === null ? null : parseDer(info.privateKey);
  if (
    info?.algorithm !== OID.ed25519 ||
    info.parameters !== undefined ||
    !(inner instanceof asn1js.OctetString)
  ) {
    throw new InvalidKeyMaterialError('not an Ed25519 PKCS#8 private key');
  }
  const seed = octets(inner);
  if (seed.length !== 32) throw new InvalidKeyMaterialError('Ed25519 private key must be 32 bytes');
  return seed;
}

function pointFromSpki(spki: Uint8Array): Uint8Array | null {
  const info = parseSpki(spki);
  if (info?.algorithm !== OID.ed25519 || info.parameters !== undefined || info.publicKey.length !== 32)
    return null;
  return ed25519.utils.isValidPublicKey(info.publicKey, false) ? info.publicKey : null;
}

function encodeKeyPair(seed: Uint8Array): { privateKey: Uint8Array; publicKey: Uint8Array } {
  const curvePrivateKey = new Uint8Array(new asn1js.OctetString({ valueHex: seed }).toBER(false));
  return {
    privateKey: encodePkcs8({ algorithm: OID.ed25519, privateKey: curvePrivateKey }),
    publicKey: encodeSpki({ algorithm: OID.ed25519, publicKey: ed25519.getPublicKey(seed) }),
  };
}

export function generateKeyPair(): { privateKey: Uint8Array; publicKey: Uint8Array } {
  return encodeKeyPair(ed25519.utils.randomSecretKey());
}

export function publicKeyFromPrivate(pkcs8: Uint8Array): Uint8Array {
  return encodeKeyPair(seedFromPkcs8(pkcs8)).publicKey;
}

export function validatePublicKey(spki: Uint8Array): boolean {
  return pointFromSpki(spki) !== null;
}

export function signPure(pkcs8: Uint8Array, message: Uint8Array): Uint8Array {
  return ed25519.sign(message, seedFromPkcs8(pkcs8));
}

export function verifyPure(spki: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const point = pointFromSpki(spki);
  if (point === null || signature.length !== 64) return false;
  return ed25519.verify(signature, message, point, { zip215: false });
}

export function signPrehashed(pkcs8: Uint8Array, digest: Uint8Array): Uint8Array {
  if (digest.length !== 64) throw new InvalidInputError('ED25519_PH_SHA_512 needs a 64-byte SHA-512 digest');
  return ed25519phOverDigest.sign(digest, seedFromPkcs8(pkcs8));
}

export function verifyPrehashed(spki: Uint8Array, digest: Uint8Array, signature: Uint8Array): boolean {
  const point = pointFromSpki(spki);
  if (point === null || signature.length !== 64 || digest.length !== 64) return false;
  return ed25519phOverDigest.verify(signature, digest, point, { zip215: false });
}
