// Tests for sm2.ts: OpenSSL-made SM2DSA / SM2PKE vectors, ZA with other IDs, ECDH, key checks.

import { sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { expect, test } from 'vitest';
import { concatBytes } from './bytes.ts';
import { InvalidKeyMaterialError, InvalidPeerKeyError } from './errors.ts';
import { randomBytes } from './random.ts';
import * as sm2 from './sm2.ts';
import { sm3 } from './sm3.ts';
import { hex, nodeDerivedSpki, nodePrivateKey, nodePublicKey, toHex, utf8 } from './test-helpers.ts';

// Fixed key and vectors made with the OpenSSL 3.0 command line:
//   openssl pkeyutl -sign -rawin -digest sm3 -pkeyopt distid:1234567812345678   (message "hello sm2")
//   openssl pkeyutl -encrypt                                                     (plaintext "from openssl")
const PKCS8 = hex(
  '308187020100301306072a8648ce3d020106082a811ccf5501822d046d306b020101042089b44b26d57e2e160ab889592e52a88a' +
    '5f4c27823c63c4dd0a26a43b586f00cea1440342000410666995cab63056baddcfbd3d16a0d4e5972f8d19158059c4440a0952' +
    '2185c31e4056e0251e5393bb7b1b9ba04a128d1abf1d3078a5eb1191faebdd6f5f2392',
);
const SPKI = hex(
  '3059301306072a8648ce3d020106082a811ccf5501822d0342000410666995cab63056baddcfbd3d16a0d4e5972f8d19158059c4' +
    '440a09522185c31e4056e0251e5393bb7b1b9ba04a128d1abf1d3078a5eb1191faebdd6f5f2392',
);
const OPENSSL_SIGNATURE = hex(
  '3045022100f2d4887774b5df25ed66b7a2eac9e702cd80ed4b947808d6c90195bf759ccc5902202a398ea1dc9418d6866b47b9149f' +
    '5bc13b05985814da087335a15559b51466cb',
);
const OPENSSL_CIPHERTEXT = hex(
  '307402207b661cc23c476a8af8c99775c8efefe49e5a7062cd371fb7de3abeec0d5f4fe102203275d7be1fff5aa198fb1c074b3b' +
    'd6684965b570a77cd7219a46659330c0ce8704209647114512e8a46053386e4c9f706201a67d915dde8c2c615bd9b5ab412e81' +
    '39040c8aa1dd4fce553c1511684aa5',
);

test('SM2 keys are PKCS#8 / SPKI with id-ecPublicKey and the SM2 curve OID, read by OpenSSL', () => {
  const pair = sm2.generateKeyPair();
  expect(toHex(pair.publicKey)).toContain('06082a811ccf5501822d'); // 1.2.156.10197.1.301
  expect(nodePrivateKey(pair.privateKey).asymmetricKeyType).toBe(
    nodePublicKey(pair.publicKey).asymmetricKeyType,
  );
  expect(toHex(nodeDerivedSpki(pair.privateKey))).toBe(toHex(pair.publicKey));
  expect(toHex(sm2.publicKeyFromPrivate(PKCS8))).toBe(toHex(SPKI));
});

test('an OpenSSL SM2DSA signature with the default distinguishing ID verifies as RAW', () => {
  expect(sm2.verify(SPKI, utf8('hello sm2'), 'RAW', OPENSSL_SIGNATURE)).toBe(true);
  expect(sm2.verify(SPKI, utf8('hello sm3'), 'RAW', OPENSSL_SIGNATURE)).toBe(false);
  const digest = sm2.sm2Digest(sm2.publicPoint(SPKI) ?? sm2.Sm2Point.BASE, utf8('hello sm2'));
  expect(sm2.verify(SPKI, digest, 'DIGEST', OPENSSL_SIGNATURE)).toBe(true);
});

test('an OpenSSL SM2PKE ciphertext (C1C3C2 ASN.1) decrypts', () => {
  expect(new TextDecoder().decode(sm2.decrypt(PKCS8, OPENSSL_CIPHERTEXT) ?? new Uint8Array())).toBe(
    'from openssl',
  );
  const altered = new Uint8Array(OPENSSL_CIPHERTEXT);
  altered[altered.length - 1] = (altered[altered.length - 1] as number) ^ 1;
  expect(sm2.decrypt(PKCS8, altered)).toBeNull();
  expect(sm2.decrypt(PKCS8, OPENSSL_CIPHERTEXT.subarray(0, 50))).toBeNull();
  expect(sm2.decrypt(sm2.generateKeyPair().privateKey, OPENSSL_CIPHERTEXT)).toBeNull();
});

test('SM2DSA signatures: RAW and DIGEST agree, and OpenSSL signatures over ZA with any ID verify as DIGEST', () => {
  const pair = sm2.generateKeyPair();
  const message = utf8('sm2 message');
  const raw = sm2.sign(pair.privateKey, message, 'RAW');
  const point = sm2.publicPoint(pair.publicKey) ?? sm2.Sm2Point.BASE;
  const e = sm2.sm2Digest(point, message);
  expect(sm2.verify(pair.publicKey, e, 'DIGEST', raw)).toBe(true);
  expect(sm2.verify(pair.publicKey, message, 'RAW', sm2.sign(pair.privateKey, e, 'DIGEST'))).toBe(true);
  // node:crypto (OpenSSL 3.5) signs with an empty distinguishing ID; its e = SM3(ZA(empty ID) || M).
  const nodeSignature = nodeSign('sm3', message, nodePrivateKey(pair.privateKey));
  const eEmptyId = sm3(concatBytes(sm2.computeZa(point, new Uint8Array(0)), message));
  expect(sm2.verify(pair.publicKey, eEmptyId, 'DIGEST', nodeSignature)).toBe(true);
  expect(sm2.verify(pair.publicKey, message, 'RAW', nodeSignature)).toBe(false);
  // And OpenSSL verifies an engine signature made over that digest.
  const ours = sm2.sign(pair.privateKey, eEmptyId, 'DIGEST');
  expect(nodeVerify('sm3', message, nodePublicKey(pair.publicKey), ours)).toBe(true);
});

test('SM2PKE round trip up to the 1024-byte AWS limit; ciphertext layout is x, y, C3 (32 bytes), C2', () => {
  const pair = sm2.generateKeyPair();
  for (const length of [1, 33, 1024]) {
    const plaintext = randomBytes(length);
    const ciphertext = sm2.encrypt(pair.publicKey, plaintext);
    expect(toHex(sm2.decrypt(pair.privateKey, ciphertext) ?? new Uint8Array())).toBe(toHex(plaintext));
    expect(ciphertext[0]).toBe(0x30);
  }
});

test('SM2 ECDH: both sides derive the same x-coordinate; other curves are InvalidPeerKeyError', () => {
  const a = sm2.generateKeyPair();
  const b = sm2.generateKeyPair();
  const ab = sm2.deriveSharedSecret(a.privateKey, b.publicKey);
  expect(ab).toHaveLength(32);
  expect(toHex(sm2.deriveSharedSecret(b.privateKey, a.publicKey))).toBe(toHex(ab));
  const expected = (sm2.publicPoint(b.publicKey) ?? sm2.Sm2Point.BASE).multiply(
    sm2.privateScalar(a.privateKey),
  );
  expect(toHex(ab)).toBe(expected.toAffine().x.toString(16).padStart(64, '0'));
  const p256 = hex(
    '3059301306072a8648ce3d020106082a8648ce3d030107034200046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c2964fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5',
  );
  expect(() => sm2.deriveSharedSecret(a.privateKey, p256)).toThrow(InvalidPeerKeyError);
  expect(() => sm2.deriveSharedSecret(a.privateKey, randomBytes(91))).toThrow(InvalidPeerKeyError);
});

test('SM2 key checks refuse foreign curves, bad scalars and mismatched public keys', () => {
  expect(() => sm2.publicKeyFromPrivate(randomBytes(100))).toThrow(InvalidKeyMaterialError);
  const mismatched = new Uint8Array(PKCS8);
  mismatched[40] = (mismatched[40] as number) ^ 1; // inside the scalar
  expect(() => sm2.publicKeyFromPrivate(mismatched)).toThrow(InvalidKeyMaterialError);
  expect(sm2.validatePublicKey(SPKI)).toBe(true);
  const offCurve = new Uint8Array(SPKI);
  offCurve[offCurve.length - 1] = (offCurve[offCurve.length - 1] as number) ^ 1;
  expect(sm2.validatePublicKey(offCurve)).toBe(false);
});
