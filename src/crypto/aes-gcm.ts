// AES-256-GCM (SYMMETRIC_DEFAULT): 12-byte IV, 16-byte tag appended to the ciphertext.
// Browsers: WebCrypto, with imported CryptoKeys cached by key bytes. Node: node:crypto's synchronous cipher, because
// Node 22's WebCrypto AES-GCM aborts the whole process (`CipherJob::ToResult: Assertion failed: errors->Empty()`)
// when a decrypt runs inside an msw/node interception (node-crypto.ts), and because for KMS-sized messages a
// synchronous OpenSSL call is far cheaper than a WebCrypto job with its thread-pool round trip. Measured on the
// bench machine for 1 KiB: node:crypto 7 µs, @noble/ciphers (used here before) 100 µs, WebCrypto 50 µs.

import { buf } from './bytes.ts';
import { InvalidInputError } from './errors.ts';
import { KeyCache } from './key-cache.ts';
import { nodeCrypto } from './node-crypto.ts';

const keys = new KeyCache<CryptoKey>();

function checkKey(key: Uint8Array): void {
  if (key.length !== 32) throw new InvalidInputError(`AES-256 key must be 32 bytes, got ${key.length}`);
}

function importAesKey(key: Uint8Array): Promise<CryptoKey> {
  checkKey(key);
  if (globalThis.crypto?.subtle === undefined) throw new Error('WebCrypto (crypto.subtle) is not available');
  return keys.get('AES-GCM', key, () =>
    globalThis.crypto.subtle.importKey('raw', buf(key), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']),
  );
}

function checkIv(iv: Uint8Array): void {
  if (iv.length !== 12) throw new InvalidInputError(`AES-GCM IV must be 12 bytes, got ${iv.length}`);
}

/** Encrypts; returns ciphertext || 16-byte tag. */
export function aesGcmSeal(
  key: Uint8Array,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array = new Uint8Array(0),
): Promise<Uint8Array<ArrayBuffer>> {
  return aesGcmSealAfter(new Uint8Array(0), key, iv, plaintext, aad);
}

/**
 * Encrypts; returns `prefix` || ciphertext || 16-byte tag, in one allocation in Node (a ciphertext blob is its
 * header followed by the sealed bytes: assembling it after the fact would cost another buffer of the message's
 * size, and outside V8's heap each costs microseconds).
 */
export async function aesGcmSealAfter(
  prefix: Uint8Array,
  key: Uint8Array,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array = new Uint8Array(0),
): Promise<Uint8Array<ArrayBuffer>> {
  checkIv(iv);
  if (nodeCrypto) {
    checkKey(key);
    const cipher = nodeCrypto.createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
    cipher.setAAD(aad);
    const head = cipher.update(plaintext);
    const tail = cipher.final();
    const out = new Uint8Array(prefix.length + head.length + tail.length + 16);
    out.set(prefix, 0);
    out.set(head, prefix.length);
    out.set(tail, prefix.length + head.length);
    out.set(cipher.getAuthTag(), prefix.length + head.length + tail.length);
    return out;
  }
  const cryptoKey = await importAesKey(key);
  const sealed = await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: buf(iv), additionalData: buf(aad), tagLength: 128 },
    cryptoKey,
    buf(plaintext),
  );
  if (prefix.length === 0) return new Uint8Array(sealed);
  const out = new Uint8Array(prefix.length + sealed.byteLength);
  out.set(prefix, 0);
  out.set(new Uint8Array(sealed), prefix.length);
  return out;
}

/** Decrypts ciphertext || tag; returns null when authentication fails (never throws for a bad tag). */
export async function aesGcmOpen(
  key: Uint8Array,
  iv: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array = new Uint8Array(0),
): Promise<Uint8Array<ArrayBuffer> | null> {
  checkIv(iv);
  if (sealed.length < 16) return null;
  if (nodeCrypto) {
    checkKey(key);
    try {
      const decipher = nodeCrypto.createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
      decipher.setAAD(aad);
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      const head = decipher.update(sealed.subarray(0, sealed.length - 16));
      const tail = decipher.final();
      // GCM leaves nothing for final(), and update() returns a buffer of its own: then that is the answer, as a
      // plain Uint8Array, without a copy. (A pooled Buffer, sharing its memory, is copied.)
      if (tail.length === 0 && head.buffer.byteLength === head.length) {
        return new Uint8Array(head.buffer as ArrayBuffer, head.byteOffset, head.length);
      }
      const out = new Uint8Array(head.length + tail.length);
      out.set(head, 0);
      out.set(tail, head.length);
      return out;
    } catch {
      return null;
    }
  }
  const cryptoKey = await importAesKey(key);
  try {
    const plaintext = await globalThis.crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: buf(iv), additionalData: buf(aad), tagLength: 128 },
      cryptoKey,
      buf(sealed),
    );
    return new Uint8Array(plaintext);
  } catch {
    return null;
  }
}
