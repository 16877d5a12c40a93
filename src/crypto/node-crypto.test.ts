// Tests for node-crypto.ts: in Node, the engine signs with node:crypto, so these check its signatures with other
// implementations (WebCrypto, @noble/curves); the other crypto tests check them with OpenSSL, and hmac.test.ts the
// HMACs with RFC 4231's vectors. Browsers sign with WebCrypto (e2e/signing.spec.ts).

import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { expect, test } from 'vitest';
import { buf } from './bytes.ts';
import { sign } from './engine.ts';
import { hmac } from './hmac.ts';
import { nodeCrypto, nodeSign } from './node-crypto.ts';
import { generateEcKeyPair } from './ecc.ts';
import { generateEd25519KeyPair } from './ed25519.ts';
import { generateRsaKeyPair } from './rsa.ts';
import { derToP1363 } from './ecdsa-der.ts';
import { toHex, utf8 } from './test-helpers.ts';

const message = utf8('signed by node:crypto, checked elsewhere');
const subtle = globalThis.crypto.subtle;

/** A WebCrypto public key for verifying, from SPKI bytes. */
const publicKey = (spki: Uint8Array, algorithm: RsaHashedImportParams | EcKeyImportParams) =>
  subtle.importKey('spki', buf(spki), algorithm, true, ['verify']);

test('this is Node: the engine signs through node:crypto', () => {
  expect(nodeCrypto).toBeDefined();
});

test('ECDSA P-256: a DER signature that WebCrypto and @noble/curves verify with the public key alone', async () => {
  const pair = await generateEcKeyPair('ECC_NIST_P256');
  const signature = await sign('ECC_NIST_P256', pair.privateKey, 'ECDSA_SHA_256', message, 'RAW');
  const p1363 = derToP1363(signature, 32);
  expect(p1363).not.toBeNull();
  const key = await publicKey(pair.publicKey, { name: 'ECDSA', namedCurve: 'P-256' });
  expect(await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, p1363!, buf(message))).toBe(true);
  const point = new Uint8Array(await subtle.exportKey('raw', key));
  // OpenSSL leaves S in either half, as AWS KMS does: no low-S rule.
  expect(p256.verify(signature, message, point, { format: 'der', lowS: false })).toBe(true);
  expect(p256.verify(signature, utf8('another message'), point, { format: 'der', lowS: false })).toBe(false);
});

test('RSA_2048: PSS (salt = hash length) and PKCS#1 v1.5 signatures that WebCrypto verifies', async () => {
  const pair = await generateRsaKeyPair('RSA_2048');
  const pss = await sign('RSA_2048', pair.privateKey, 'RSASSA_PSS_SHA_256', message, 'RAW');
  const pkcs1 = await sign('RSA_2048', pair.privateKey, 'RSASSA_PKCS1_V1_5_SHA_384', message, 'RAW');
  const pssKey = await publicKey(pair.publicKey, { name: 'RSA-PSS', hash: 'SHA-256' });
  expect(await subtle.verify({ name: 'RSA-PSS', saltLength: 32 }, pssKey, buf(pss), buf(message))).toBe(true);
  // A salt of another length does not verify: the salt is the hash's length, as AWS KMS makes it.
  expect(await subtle.verify({ name: 'RSA-PSS', saltLength: 20 }, pssKey, buf(pss), buf(message))).toBe(
    false,
  );
  const pkcs1Key = await publicKey(pair.publicKey, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' });
  expect(await subtle.verify('RSASSA-PKCS1-v1_5', pkcs1Key, buf(pkcs1), buf(message))).toBe(true);
});

test('Ed25519: the signature @noble/curves verifies, deterministic as RFC 8032 makes it', async () => {
  const pair = await generateEd25519KeyPair();
  const signature = await sign('ECC_NIST_EDWARDS25519', pair.privateKey, 'ED25519_SHA_512', message, 'RAW');
  const point = pair.publicKey.subarray(pair.publicKey.length - 32);
  expect(ed25519.verify(signature, message, point)).toBe(true);
  const again = await sign('ECC_NIST_EDWARDS25519', pair.privateKey, 'ED25519_SHA_512', message, 'RAW');
  expect(toHex(again)).toBe(toHex(signature));
});

test('signatures and MACs are plain Uint8Arrays that own their bytes', async () => {
  const pair = await generateEcKeyPair('ECC_NIST_P256');
  const signature = nodeSign(nodeCrypto!, pair.privateKey, message, { hash: 'SHA-256', dsaEncoding: 'der' });
  const mac = await hmac('HMAC_SHA_256', new Uint8Array(32).fill(1), message);
  for (const bytes of [signature, mac]) {
    expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(bytes.length);
  }
});

test('a private key that is not PKCS#8 throws, and a valid key signs afterwards', async () => {
  expect(() => nodeSign(nodeCrypto!, utf8('not a key'), message, { hash: 'SHA-256' })).toThrow();
  const pair = await generateEcKeyPair('ECC_NIST_P256');
  expect(nodeSign(nodeCrypto!, pair.privateKey, message, { hash: 'SHA-256' })[0]).toBe(0x30);
});
