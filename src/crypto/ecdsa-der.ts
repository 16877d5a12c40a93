// ECDSA and SM2 signature encoding: DER SEQUENCE { r INTEGER, s INTEGER } (RFC 3279 Ecdsa-Sig-Value, as
// AWS KMS returns), converted from / to the fixed-width r || s form (IEEE P1363) that WebCrypto uses.
// Hand-written for this one structure (it runs on every Sign and Verify; an asn1js parse and re-encode took
// 40 µs): strict DER only — minimal lengths and minimal, positive INTEGERs — so a signature has one encoding.

import { bigIntToBytes, bytesToBigInt } from './bytes.ts';

/** The minimal big-endian two's-complement content of a positive INTEGER. */
function integerContent(value: Uint8Array): Uint8Array {
  let start = 0;
  while (start < value.length - 1 && value[start] === 0) start++;
  const trimmed = value.subarray(start);
  if (trimmed[0]! < 0x80) return trimmed;
  const out = new Uint8Array(trimmed.length + 1);
  out.set(trimmed, 1);
  return out;
}

/** DER of SEQUENCE { INTEGER r, INTEGER s } from unsigned big-endian r and s. */
function encodeFromBytes(r: Uint8Array, s: Uint8Array): Uint8Array<ArrayBuffer> {
  const ri = integerContent(r);
  const si = integerContent(s);
  const body = 2 + ri.length + 2 + si.length;
  const head = body < 0x80 ? 2 : 3;
  const out = new Uint8Array(head + body);
  out[0] = 0x30;
  if (head === 2) out[1] = body;
  else out.set([0x81, body], 1);
  let at = head;
  for (const content of [ri, si]) {
    out[at++] = 0x02;
    out[at++] = content.length;
    out.set(content, at);
    at += content.length;
  }
  return out;
}

export function encodeSignature(r: bigint, s: bigint): Uint8Array<ArrayBuffer> {
  const bytes = (v: bigint) => bigIntToBytes(v, Math.max(1, Math.ceil(v.toString(16).length / 2)));
  return encodeFromBytes(bytes(r), bytes(s));
}

/** The unsigned value bytes of a strict-DER positive INTEGER at `at`, and where it ends; null otherwise. */
function readInteger(der: Uint8Array, at: number): { value: Uint8Array; end: number } | null {
  if (der[at] !== 0x02) return null;
  const length = der[at + 1];
  if (length === undefined || length === 0 || length >= 0x80) return null;
  const start = at + 2;
  const end = start + length;
  if (end > der.length) return null;
  const first = der[start]!;
  if (first & 0x80) return null; // negative
  if (first === 0 && (length === 1 || der[start + 1]! < 0x80)) return null; // zero, or a needless leading 0
  return { value: der.subarray(first === 0 ? start + 1 : start, end), end };
}

/** The r and s bytes of a strict-DER signature, or null (negative or zero values, extra bytes, BER lengths). */
function decodeToBytes(der: Uint8Array): { r: Uint8Array; s: Uint8Array } | null {
  if (der.length < 8 || der[0] !== 0x30) return null;
  let at = 2;
  let body = der[1]!;
  if (body === 0x81) {
    body = der[2]!;
    at = 3;
    if (body < 0x80) return null; // long form where the short one fits
  } else if (body >= 0x80) return null;
  if (at + body !== der.length) return null;
  const r = readInteger(der, at);
  if (!r) return null;
  const s = readInteger(der, r.end);
  if (!s || s.end !== der.length) return null;
  return { r: r.value, s: s.value };
}

/** Parses a strict-DER signature; null for anything else (negative or zero values included). */
export function decodeSignature(der: Uint8Array): { r: bigint; s: bigint } | null {
  const parts = decodeToBytes(der);
  return parts && { r: bytesToBigInt(parts.r), s: bytesToBigInt(parts.s) };
}

/** WebCrypto r || s (each `size` bytes) to DER. */
export function p1363ToDer(raw: Uint8Array): Uint8Array<ArrayBuffer> {
  const size = raw.length / 2;
  return encodeFromBytes(raw.subarray(0, size), raw.subarray(size));
}

/** DER to WebCrypto r || s with `size`-byte halves; null if malformed or a value does not fit. */
export function derToP1363(der: Uint8Array, size: number): Uint8Array<ArrayBuffer> | null {
  const parts = decodeToBytes(der);
  if (parts === null || parts.r.length > size || parts.s.length > size) return null;
  const out = new Uint8Array(size * 2);
  out.set(parts.r, size - parts.r.length);
  out.set(parts.s, size * 2 - parts.s.length);
  return out;
}
