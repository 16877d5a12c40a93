/** Bytes ↔ text in the workbench's three input formats (UTF-8 text, hex, base64), with precise errors. */
import { base64ToBytes, bytesToBase64 } from './base64.ts';

export type BytesFormat = 'text' | 'hex' | 'base64';

export function parseBytes(input: string, format: BytesFormat): Uint8Array {
  if (format === 'text') return new TextEncoder().encode(input);
  if (format === 'hex') {
    const hex = input.replace(/\s+/g, '').replace(/^0x/i, '');
    if (hex.length % 2 !== 0 || /[^0-9a-f]/i.test(hex)) throw new Error('Not hex: use pairs of 0-9 and a-f.');
    return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
  }
  const compact = input.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw new Error('Not base64: use A-Z, a-z, 0-9, + and /, with = padding.');
  }
  return base64ToBytes(compact);
}

export function formatBytes(bytes: Uint8Array, format: BytesFormat): string {
  if (format === 'base64') return bytesToBase64(bytes);
  if (format === 'hex') return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/** A PEM block (`-----BEGIN …-----`) or base64 text → its DER bytes. */
export function pemOrBase64ToBytes(text: string): Uint8Array {
  const body = text.replace(/-----(BEGIN|END)[^-]+-----/g, '');
  return parseBytes(body, 'base64');
}
