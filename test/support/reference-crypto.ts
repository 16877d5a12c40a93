/**
 * Reference cryptography for the integration tests: checks what kmsw returns with node:crypto (OpenSSL) and
 * @noble primitives, never with kmsw's own engine, so a test fails when the engine and the standard disagree.
 */
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { weierstrass } from '@noble/curves/abstract/weierstrass.js';
import { shake256 } from '@noble/hashes/sha3.js';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem.js';

export const spkiKey = (spki: Uint8Array): KeyObject =>
  createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });

/** The last `length` bytes of a DER structure: the raw key of an SPKI whose BIT STRING comes last. */
export const tail = (der: Uint8Array, length: number): Uint8Array => der.subarray(der.length - length);

export const ML_DSA = { ML_DSA_44: ml_dsa44, ML_DSA_65: ml_dsa65, ML_DSA_87: ml_dsa87 } as const;
export const ML_KEM = { ML_KEM_512: ml_kem512, ML_KEM_768: ml_kem768, ML_KEM_1024: ml_kem1024 } as const;

/** FIPS 204 μ for pure ML-DSA with an empty context: SHAKE256(SHAKE256(pk, 64) ‖ 0x00 ‖ 0x00 ‖ M, 64). */
export function mlDsaMu(publicKey: Uint8Array, message: Uint8Array): Uint8Array {
  const tr = shake256(publicKey, { dkLen: 64 });
  return shake256(Buffer.concat([tr, Buffer.from([0, 0]), message]), { dkLen: 64 });
}

// SM2 (GB/T 32918.5 parameters) and SM3 from OpenSSL.
const SM2 = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  h: 1n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
};
const Sm2Point = weierstrass(SM2);
const be = (x: bigint) => Buffer.from(x.toString(16).padStart(64, '0'), 'hex');
const num = (bytes: Uint8Array) => BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);

/** e = SM3(ZA ‖ M) with the default distinguishing ID 1234567812345678 (GB/T 32918.2). */
export function sm2Digest(spki: Uint8Array, message: Uint8Array): Uint8Array {
  const point = tail(spki, 64);
  const id = Buffer.from('1234567812345678');
  const za = createHash('sm3')
    .update(Buffer.from([0, id.length * 8]))
    .update(id)
    .update(Buffer.concat([be(SM2.a), be(SM2.b), be(SM2.Gx), be(SM2.Gy), point]))
    .digest();
  return createHash('sm3').update(za).update(message).digest();
}

/** SM2DSA verification (GB/T 32918.2 §7) of a DER SEQUENCE { r, s } over the digest e. */
export function sm2Verify(spki: Uint8Array, digest: Uint8Array, der: Uint8Array): boolean {
  const { r, s } = derIntegers(der);
  const n = SM2.n;
  if (r < 1n || r >= n || s < 1n || s >= n) return false;
  const t = (r + s) % n;
  if (t === 0n) return false;
  const q = Sm2Point.fromBytes(tail(spki, 65));
  const x1 = Sm2Point.BASE.multiply(s).add(q.multiply(t)).toAffine().x;
  return (num(digest) + x1) % n === r;
}

function derIntegers(der: Uint8Array): { r: bigint; s: bigint } {
  // SEQUENCE { INTEGER r, INTEGER s } with short lengths (a 256-bit curve).
  const rLength = der[3]!;
  const r = der.subarray(4, 4 + rLength);
  const sLength = der[5 + rLength]!;
  const s = der.subarray(6 + rLength, 6 + rLength + sLength);
  return { r: num(r), s: num(s) };
}

/** ECDH on the SM2 curve with a local scalar: the SPKI of d·G (header taken from `spkiLike`) and x(d·Q). */
export function sm2Ecdh(d: bigint, spkiLike: Uint8Array, peerSpki: Uint8Array) {
  const own = Sm2Point.BASE.multiply(d).toBytes(false);
  const spki = Buffer.concat([spkiLike.subarray(0, spkiLike.length - 65), own]);
  const secret = be(Sm2Point.fromBytes(tail(peerSpki, 65)).multiply(d).toAffine().x);
  return { spki: new Uint8Array(spki), secret: new Uint8Array(secret) };
}
