// Tests for aes-gcm.ts: GCM spec vector, authentication failures return null, node:crypto interop.

import { createCipheriv, createDecipheriv } from 'node:crypto';
import { expect, test } from 'vitest';
import { aesGcmOpen, aesGcmSeal, aesGcmSealAfter } from './aes-gcm.ts';
import { InvalidInputError } from './errors.ts';
import { randomBytes } from './random.ts';
import { hex, toHex } from './test-helpers.ts';

// GCM spec (McGrew & Viega) test case 16: AES-256, 96-bit IV, AAD.
const K = hex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308');
const P = hex(
  'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39',
);
const A = hex('feedfacedeadbeeffeedfacedeadbeefabaddad2');
const IV = hex('cafebabefacedbaddecaf888');
const C =
  '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662';
const T = '76fc6ece0f4e1768cddf8853bb2d551b';

test('aesGcmSeal matches the GCM test case 16 vector (ciphertext || tag)', async () => {
  expect(toHex(await aesGcmSeal(K, IV, P, A))).toBe(C + T);
});

test('aesGcmOpen decrypts the test vector', async () => {
  expect(toHex((await aesGcmOpen(K, IV, hex(C + T), A)) ?? new Uint8Array())).toBe(toHex(P));
});

test('aesGcmOpen returns null for a wrong tag, AAD, key, IV or truncated input', async () => {
  const sealed = hex(C + T);
  const flipped = sealed.slice();
  flipped[flipped.length - 1] = (flipped[flipped.length - 1] as number) ^ 1;
  expect(await aesGcmOpen(K, IV, flipped, A)).toBeNull();
  expect(await aesGcmOpen(K, IV, sealed, new Uint8Array(0))).toBeNull();
  expect(await aesGcmOpen(randomBytes(32), IV, sealed, A)).toBeNull();
  expect(await aesGcmOpen(K, randomBytes(12), sealed, A)).toBeNull();
  expect(await aesGcmOpen(K, IV, sealed.subarray(0, 15), A)).toBeNull();
});

test('AES-GCM interoperates with node:crypto in both directions', async () => {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const aad = randomBytes(20);
  const plaintext = randomBytes(4096);
  const sealed = await aesGcmSeal(key, iv, plaintext, aad);
  const decipher = createDecipheriv('aes-256-gcm', key, iv).setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  expect(Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()])).toEqual(
    Buffer.from(plaintext),
  );
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad);
  const nodeSealed = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  expect(toHex((await aesGcmOpen(key, iv, nodeSealed, aad)) ?? new Uint8Array())).toBe(toHex(plaintext));
});

test('AES-GCM works with an empty plaintext and default AAD', async () => {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const sealed = await aesGcmSeal(key, iv, new Uint8Array(0));
  expect(sealed).toHaveLength(16);
  expect(await aesGcmOpen(key, iv, sealed)).toEqual(new Uint8Array(0));
});

test('AES-GCM rejects wrong key and IV sizes', async () => {
  await expect(aesGcmSeal(randomBytes(16), IV, P)).rejects.toThrow(InvalidInputError);
  await expect(aesGcmSeal(K, randomBytes(16), P)).rejects.toThrow(InvalidInputError);
});

test('aesGcmSealAfter puts the prefix before the ciphertext and tag aesGcmSeal makes', async () => {
  const prefix = hex('0102030405');
  const out = await aesGcmSealAfter(prefix, K, IV, P, A);
  expect(toHex(out)).toBe('0102030405' + C + T);
  expect(out.byteOffset).toBe(0);
  expect(out.buffer.byteLength).toBe(out.length);
});

test('aesGcmOpen returns a plain Uint8Array that owns its bytes', async () => {
  const opened = (await aesGcmOpen(K, IV, hex(C + T), A))!;
  expect(Object.getPrototypeOf(opened)).toBe(Uint8Array.prototype);
  expect(opened.buffer.byteLength).toBe(opened.length);
});
