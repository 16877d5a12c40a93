// Tests for secp256k1.ts: key formats and ECDSA checked against OpenSSL; no low-S normalisation.

import { secp256k1 as nobleSecp256k1 } from '@noble/curves/secp256k1.js';
import { createHash, generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { expect, test } from 'vitest';
import { bigIntToBytes, bytesToBigInt } from './bytes.ts';
import { decodeSignature, encodeSignature } from './ecdsa-der.ts';
import { InvalidInputError, InvalidKeyMaterialError } from './errors.ts';
import { randomBytes } from './random.ts';
import * as k1 from './secp256k1.ts';
import { nodeDerivedSpki, nodePrivateKey, nodePublicKey, toHex, utf8 } from './test-helpers.ts';

const N = nobleSecp256k1.Point.Fn.ORDER;

test('secp256k1 key material is PKCS#8 / SPKI with the secp256k1 OID, as OpenSSL reads it', () => {
  const pair = k1.generateKeyPair();
  expect(nodePrivateKey(pair.privateKey).asymmetricKeyDetails?.namedCurve).toBe('secp256k1');
  expect(nodePublicKey(pair.publicKey).asymmetricKeyDetails?.namedCurve).toBe('secp256k1');
  expect(toHex(nodeDerivedSpki(pair.privateKey))).toBe(toHex(pair.publicKey));
  expect(toHex(k1.publicKeyFromPrivate(pair.privateKey))).toBe(toHex(pair.publicKey));
});

test('ECDSA_SHA_256 signatures (RAW and DIGEST) verify in OpenSSL', () => {
  const pair = k1.generateKeyPair();
  const message = utf8('bitcoin');
  const digest = createHash('sha256').update(message).digest();
  for (const [input, type] of [
    [message, 'RAW'],
    [digest, 'DIGEST'],
  ] as const) {
    const signature = k1.sign(pair.privateKey, input, type);
    expect(nodeVerify('sha256', message, nodePublicKey(pair.publicKey), signature), type).toBe(true);
    expect(k1.verify(pair.publicKey, input, type, signature)).toBe(true);
  }
  expect(() => k1.sign(pair.privateKey, digest.subarray(1), 'DIGEST')).toThrow(InvalidInputError);
});

test('OpenSSL secp256k1 signatures and their high-S twins verify in the engine (no low-S rule, like AWS)', () => {
  const keys = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
  const spki = new Uint8Array(keys.publicKey.export({ format: 'der', type: 'spki' }));
  const message = utf8('signed by OpenSSL');
  const signature = nodeSign('sha256', message, keys.privateKey);
  const { r, s } = decodeSignature(signature) ?? { r: 0n, s: 0n };
  const twin = encodeSignature(r, N - s);
  for (const sig of [signature, twin]) {
    expect(k1.verify(spki, message, 'RAW', sig)).toBe(true);
    expect(k1.verify(spki, createHash('sha256').update(message).digest(), 'DIGEST', sig)).toBe(true);
  }
  expect(k1.verify(spki, utf8('other'), 'RAW', signature)).toBe(false);
  expect(k1.verify(spki, message, 'RAW', randomBytes(70))).toBe(false);
});

test('signatures are randomised and include high-S values (not normalised)', () => {
  const pair = k1.generateKeyPair();
  const sValues = Array.from(
    { length: 24 },
    () => decodeSignature(k1.sign(pair.privateKey, utf8('x'), 'RAW'))?.s ?? 0n,
  );
  expect(new Set(sValues).size).toBe(24);
  expect(sValues.some((s) => s > N / 2n)).toBe(true);
});

test('publicKeyFromPrivate reads OpenSSL PKCS#8 and refuses other curves, bad scalars and mismatched points', () => {
  const keys = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
  const pkcs8 = new Uint8Array(keys.privateKey.export({ format: 'der', type: 'pkcs8' }));
  expect(toHex(k1.publicKeyFromPrivate(pkcs8))).toBe(
    toHex(new Uint8Array(keys.publicKey.export({ format: 'der', type: 'spki' }))),
  );
  const p256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({
    format: 'der',
    type: 'pkcs8',
  });
  expect(() => k1.publicKeyFromPrivate(new Uint8Array(p256))).toThrow(InvalidKeyMaterialError);
  expect(() => k1.publicKeyFromPrivate(randomBytes(64))).toThrow(InvalidKeyMaterialError);
  // Replace the scalar (at a fixed offset in OpenSSL's encoding) by n: out of range.
  const scalarOffset = toHex(pkcs8).indexOf('0420') / 2 + 2;
  const outOfRange = new Uint8Array(pkcs8);
  outOfRange.set(bigIntToBytes(N, 32), scalarOffset);
  expect(() => k1.publicKeyFromPrivate(outOfRange)).toThrow(InvalidKeyMaterialError);
  const otherScalar = new Uint8Array(pkcs8);
  otherScalar.set(
    bigIntToBytes((bytesToBigInt(pkcs8.subarray(scalarOffset, scalarOffset + 32)) % (N - 1n)) + 1n, 32),
    scalarOffset,
  );
  expect(() => k1.publicKeyFromPrivate(otherScalar)).toThrow(InvalidKeyMaterialError);
});

test('validatePublicKey accepts secp256k1 SPKI only', () => {
  expect(k1.validatePublicKey(k1.generateKeyPair().publicKey)).toBe(true);
  const p256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({
    format: 'der',
    type: 'spki',
  });
  expect(k1.validatePublicKey(new Uint8Array(p256))).toBe(false);
  expect(k1.validatePublicKey(randomBytes(88))).toBe(false);
});
