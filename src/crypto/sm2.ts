// SM2 (China Regions key spec) on @noble/curves' generic Weierstrass curve with the GB/T 32918.5 recommended
// parameters, SM3 from sm3.ts. Keys: PKCS#8 / SPKI with id-ecPublicKey and the SM2 curve OID
// 1.2.156.10197.1.301 (as AWS GetPublicKey returns).
// - SM2DSA (GB/T 32918.2): RAW signs e = SM3(ZA || M) with ZA over the default distinguishing ID
//   '1234567812345678' (AWS offers no other); DIGEST signs the given 32-byte e = SM3(ZA || M) without
//   hashing, so a caller may compute ZA with its own ID. Signatures are DER SEQUENCE { r, s }.
// - SM2PKE (GB/T 32918.4): ciphertext is the GM/T 0009 ASN.1 form AWS uses,
//   SEQUENCE { x INTEGER, y INTEGER, C3 (SM3 hash) OCTET STRING, C2 OCTET STRING } (C1C3C2).
// - ECDH: raw x-coordinate of d·Q on the SM2 curve (DeriveSharedSecret with an SM2 key).
// Loaded lazily.

import {
  weierstrass,
  type WeierstrassOpts,
  type WeierstrassPoint,
} from '@noble/curves/abstract/weierstrass.js';
import * as asn1js from 'asn1js';
import { bigIntToBytes, bytesToBigInt, concatBytes, equalBytes } from './bytes.ts';
import { decodeSignature, encodeSignature } from './ecdsa-der.ts';
import { InvalidInputError, InvalidKeyMaterialError, InvalidPeerKeyError } from './errors.ts';
import { OID } from './oids.ts';
import { encodeEcPrivateKey, encodePkcs8, octets, parseDer, parseEcPrivateKey, parsePkcs8 } from './pkcs8.ts';
import { randomBytes } from './random.ts';
import { sm3 } from './sm3.ts';
import { encodeSpki, parseSpki } from './spki.ts';

const CURVE: WeierstrassOpts<bigint> = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  h: 1n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
};
const N = CURVE.n;
export const Sm2Point = weierstrass(CURVE);
type Point = WeierstrassPoint<bigint>;

/** GM/T 0009-2012 default signer ID, the only one AWS KMS uses for MessageType RAW. */
export const DEFAULT_DISTINGUISHING_ID = new TextEncoder().encode('1234567812345678');

const mod = (x: bigint): bigint => ((x % N) + N) % N;
const be32 = (x: bigint): Uint8Array => bigIntToBytes(x, 32);

/** Uniform random scalar in [1, max]. */
function randomScalar(max: bigint): bigint {
  for (;;) {
    const k = bytesToBigInt(randomBytes(32));
    if (k >= 1n && k <= max) return k;
  }
}

function encodeKeyPair(d: bigint): { privateKey: Uint8Array; publicKey: Uint8Array } {
  const point = Sm2Point.BASE.multiply(d).toBytes(false);
  return {
    privateKey: encodePkcs8({
      algorithm: OID.ecPublicKey,
      parameters: OID.sm2,
      privateKey: encodeEcPrivateKey(be32(d), point),
    }),
    publicKey: encodeSpki({ algorithm: OID.ecPublicKey, parameters: OID.sm2, publicKey: point }),
  };
}

export function generateKeyPair(): { privateKey: Uint8Array; publicKey: Uint8Array } {
  // d in [1, n-2] so that 1 + d is invertible (GB/T 32918.1 §6.1).
  return encodeKeyPair(randomScalar(N - 2n));
}

/** The private scalar of an SM2 PKCS#8 key; throws InvalidKeyMaterialError if malformed or inconsistent. */
export function privateScalar(pkcs8: Uint8Array): bigint {
  const info = parsePkcs8(pkcs8);
  const ec = info === null ? null : parseEcPrivateKey(info.privateKey);
  if (info?.algorithm !== OID.ecPublicKey || info.parameters !== OID.sm2 || ec === null) {
    throw new InvalidKeyMaterialError('not an SM2 PKCS#8 private key');
  }
  if ((ec.curveOid !== undefined && ec.curveOid !== OID.sm2) || ec.scalar.length > 32) {
    throw new InvalidKeyMaterialError('SM2 private key has the wrong curve or size');
  }
  const d = bytesToBigInt(ec.scalar);
  if (d < 1n || d > N - 2n) throw new InvalidKeyMaterialError('SM2 private key out of range');
  if (ec.publicPoint !== undefined) {
    if (!encodesPoint(ec.publicPoint, Sm2Point.BASE.multiply(d)))
      throw new InvalidKeyMaterialError('SM2 private key does not match its public key');
  }
  return d;
}

function encodesPoint(encoded: Uint8Array, expected: Point): boolean {
  try {
    return Sm2Point.fromBytes(encoded).equals(expected);
  } catch {
    return false;
  }
}

export function publicKeyFromPrivate(pkcs8: Uint8Array): Uint8Array {
  return encodeKeyPair(privateScalar(pkcs8)).publicKey;
}

/** The public point of an SM2 SPKI, or null if it is not one (wrong algorithm, curve, or point). */
export function publicPoint(spki: Uint8Array): Point | null {
  const info = parseSpki(spki);
  if (info?.algorithm !== OID.ecPublicKey || info.parameters !== OID.sm2) return null;
  try {
    const point = Sm2Point.fromBytes(info.publicKey);
    point.assertValidity();
    return point;
  } catch {
    return null;
  }
}

export function validatePublicKey(spki: Uint8Array): boolean {
  return publicPoint(spki) !== null;
}

/** ZA = SM3(ENTL || ID || a || b || xG || yG || xA || yA) (GB/T 32918.2 §5.5). */
export function computeZa(publicKey: Point, id: Uint8Array = DEFAULT_DISTINGUISHING_ID): Uint8Array {
  const bits = id.length * 8;
  if (bits > 0xffff) throw new InvalidInputError('SM2 distinguishing ID too long');
  const { x, y } = publicKey.toAffine();
  return sm3(
    concatBytes(
      new Uint8Array([bits >> 8, bits & 0xff]),
      id,
      be32(CURVE.a),
      be32(CURVE.b),
      be32(CURVE.Gx),
      be32(CURVE.Gy),
      be32(x),
      be32(y),
    ),
  );
}

/** e = SM3(ZA || M) with the default distinguishing ID: what AWS signs for MessageType RAW. */
export function sm2Digest(publicKey: Point, message: Uint8Array): Uint8Array {
  return sm3(concatBytes(computeZa(publicKey), message));
}

export function sign(pkcs8: Uint8Array, message: Uint8Array, messageType: 'RAW' | 'DIGEST'): Uint8Array {
  const d = privateScalar(pkcs8);
  if (messageType === 'DIGEST' && message.length !== 32) {
    throw new InvalidInputError('SM2DSA digest must be 32 bytes');
  }
  const digest = messageType === 'RAW' ? sm2Digest(Sm2Point.BASE.multiply(d), message) : message;
  const e = bytesToBigInt(digest);
  const dInv = Sm2Point.Fn.inv(1n + d);
  for (;;) {
    const k = randomScalar(N - 1n);
    const r = mod(e + Sm2Point.BASE.multiply(k).toAffine().x);
    if (r === 0n || r + k === N) continue;
    const s = mod(dInv * (k - r * d));
    if (s === 0n) continue;
    return encodeSignature(r, s);
  }
}

export function verify(
  spki: Uint8Array,
  message: Uint8Array,
  messageType: 'RAW' | 'DIGEST',
  signature: Uint8Array,
): boolean {
  const q = publicPoint(spki);
  const sig = decodeSignature(signature);
  if (q === null || sig === null || (messageType === 'DIGEST' && message.length !== 32)) return false;
  const { r, s } = sig;
  if (r >= N || s >= N) return false;
  const t = mod(r + s);
  if (t === 0n) return false;
  const e = bytesToBigInt(messageType === 'RAW' ? sm2Digest(q, message) : message);
  const point = Sm2Point.BASE.mulAddUnsafe(s, q, t);
  if (point.is0()) return false;
  return mod(e + point.toAffine().x) === r;
}

/** KDF of GB/T 32918.4 §5.4.3 with SM3: Ha_i = SM3(Z || ct_i), ct counting from 1. */
function kdf(z: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const counter = new Uint8Array(4);
  for (let offset = 0, ct = 1; offset < length; offset += 32, ct++) {
    new DataView(counter.buffer).setUint32(0, ct);
    out.set(sm3(concatBytes(z, counter)).subarray(0, length - offset), offset);
  }
  return out;
}

export function encrypt(spki: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const q = publicPoint(spki);
  if (q === null) throw new InvalidKeyMaterialError('not an SM2 public key');
  if (plaintext.length === 0) throw new InvalidInputError('SM2PKE plaintext must not be empty');
  for (;;) {
    const k = randomScalar(N - 1n);
    const c1 = Sm2Point.BASE.multiply(k).toAffine();
    const shared = q.multiply(k).toAffine();
    const x2 = be32(shared.x);
    const y2 = be32(shared.y);
    const t = kdf(concatBytes(x2, y2), plaintext.length);
    if (t.every((byte) => byte === 0)) continue;
    const c2 = plaintext.map((byte, i) => byte ^ (t[i] as number));
    const c3 = sm3(concatBytes(x2, plaintext, y2));
    const node = new asn1js.Sequence({
      value: [
        asn1js.Integer.fromBigInt(c1.x),
        asn1js.Integer.fromBigInt(c1.y),
        new asn1js.OctetString({ valueHex: c3 }),
        new asn1js.OctetString({ valueHex: c2 }),
      ],
    });
    return new Uint8Array(node.toBER(false));
  }
}

/** SM2PKE decryption; null if the ciphertext is malformed or fails the C3 check. */
export function decrypt(pkcs8: Uint8Array, ciphertext: Uint8Array): Uint8Array | null {
  const d = privateScalar(pkcs8);
  const root = parseDer(ciphertext);
  if (!(root instanceof asn1js.Sequence)) return null;
  const [x, y, c3Node, c2Node, extra] = root.valueBlock.value;
  if (
    !(x instanceof asn1js.Integer) ||
    !(y instanceof asn1js.Integer) ||
    !(c3Node instanceof asn1js.OctetString) ||
    !(c2Node instanceof asn1js.OctetString) ||
    extra !== undefined
  ) {
    return null;
  }
  const c3 = octets(c3Node);
  const c2 = octets(c2Node);
  if (c3.length !== 32 || c2.length === 0) return null;
  let shared: { x: bigint; y: bigint };
  try {
    const c1 = Sm2Point.fromAffine({ x: x.toBigInt(), y: y.toBigInt() });
    c1.assertValidity();
    shared = c1.multiply(d).toAffine();
  } catch {
    return null;
  }
  const x2 = be32(shared.x);
  const y2 = be32(shared.y);
  const t = kdf(concatBytes(x2, y2), c2.length);
  if (t.every((byte) => byte === 0)) return null;
  const plaintext = c2.map((byte, i) => byte ^ (t[i] as number));
  return equalBytes(sm3(concatBytes(x2, plaintext, y2)), c3) ? plaintext : null;
}

/** ECDH on the SM2 curve: x-coordinate of d·Q. Throws InvalidPeerKeyError unless the peer is an SM2 SPKI. */
export function deriveSharedSecret(pkcs8: Uint8Array, peerSpki: Uint8Array): Uint8Array {
  const d = privateScalar(pkcs8);
  const peer = publicPoint(peerSpki);
  if (peer === null) throw new InvalidPeerKeyError('peer public key is not a valid SM2 SubjectPublicKeyInfo');
  const shared = peer.multiply(d);
  if (shared.is0()) throw new InvalidPeerKeyError('peer public key gives the point at infinity');
  return be32(shared.toAffine().x);
}
