// ECDSA and SM2 signature encoding: DER SEQUENCE { r INTEGER, s INTEGER } (RFC 3279 Ecdsa-Sig-Value, as
// AWS KMS returns), converted from / to the fixed-width r || s form (IEEE P1363) that WebCrypto uses.

import * as asn1js from 'asn1js';
import { bigIntToBytes, bytesToBigInt, equalBytes } from './bytes.ts';
import { parseDer } from './pkcs8.ts';

export function encodeSignature(r: bigint, s: bigint): Uint8Array<ArrayBuffer> {
  const node = new asn1js.Sequence({ value: [asn1js.Integer.fromBigInt(r), asn1js.Integer.fromBigInt(s)] });
  return new Uint8Array(node.toBER(false));
}

/** Parses a strict-DER signature; null for anything else (negative or zero values included). */
export function decodeSignature(der: Uint8Array): { r: bigint; s: bigint } | null {
  const root = parseDer(der);
  if (!(root instanceof asn1js.Sequence)) return null;
  const [r, s, extra] = root.valueBlock.value;
  if (!(r instanceof asn1js.Integer) || !(s instanceof asn1js.Integer) || extra !== undefined) return null;
  const values = { r: r.toBigInt(), s: s.toBigInt() };
  if (values.r <= 0n || values.s <= 0n) return null;
  return equalBytes(encodeSignature(values.r, values.s), der) ? values : null;
}

/** WebCrypto r || s (each `size` bytes) to DER. */
export function p1363ToDer(raw: Uint8Array): Uint8Array<ArrayBuffer> {
  const size = raw.length / 2;
  return encodeSignature(bytesToBigInt(raw.subarray(0, size)), bytesToBigInt(raw.subarray(size)));
}

/** DER to WebCrypto r || s with `size`-byte halves; null if malformed or a value does not fit. */
export function derToP1363(der: Uint8Array, size: number): Uint8Array<ArrayBuffer> | null {
  const sig = decodeSignature(der);
  if (sig === null) return null;
  try {
    const out = new Uint8Array(size * 2);
    out.set(bigIntToBytes(sig.r, size), 0);
    out.set(bigIntToBytes(sig.s, size), size);
    return out;
  } catch {
    return null;
  }
}
