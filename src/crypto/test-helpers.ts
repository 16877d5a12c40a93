// Helpers for the crypto tests only (hex conversion, node:crypto key objects from DER).

import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

export function hex(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

export function nodePublicKey(spki: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
}

export function nodePrivateKey(pkcs8: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
}

/** SPKI DER that node:crypto (OpenSSL) derives from a PKCS#8 DER key. */
export function nodeDerivedSpki(pkcs8: Uint8Array): Uint8Array {
  return new Uint8Array(createPublicKey(nodePrivateKey(pkcs8)).export({ format: 'der', type: 'spki' }));
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
