// Tests for ml-dsa.ts: key formats read by OpenSSL 3.5, signatures verified by noble and OpenSSL, external μ.

import { shake256 } from '@noble/hashes/sha3.js';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { verify as nodeVerify } from 'node:crypto';
import { expect, test } from 'vitest';
import { concatBytes } from './bytes.ts';
import { InvalidInputError, InvalidKeyMaterialError } from './errors.ts';
import * as mlDsa from './ml-dsa.ts';
import { randomBytes } from './random.ts';
import type { MlDsaKeySpec } from './specs.ts';
import { nodeDerivedSpki, nodePrivateKey, nodePublicKey, toHex, utf8 } from './test-helpers.ts';

const NOBLE = { ML_DSA_44: ml_dsa44, ML_DSA_65: ml_dsa65, ML_DSA_87: ml_dsa87 };
const OID_HEX = {
  ML_DSA_44: '0609608648016503040311',
  ML_DSA_65: '0609608648016503040312',
  ML_DSA_87: '0609608648016503040313',
};

/** μ = SHAKE256(SHAKE256(pk, 64) || 0x00 || 0x00 || M, 64): FIPS 204 pure ML-DSA with an empty context. */
function externalMu(publicKey: Uint8Array, message: Uint8Array): Uint8Array {
  const tr = shake256(publicKey, { dkLen: 64 });
  return shake256(concatBytes(tr, new Uint8Array([0, 0]), message), { dkLen: 64 });
}

const rawPublicKey = (spec: MlDsaKeySpec, spki: Uint8Array): Uint8Array =>
  mlDsa.publicKeyBytes(spec, spki) ?? new Uint8Array();

test('ML-DSA-44 and ML-DSA-65 keys: seed-form PKCS#8 and SPKI with the FIPS 204 OIDs, read by OpenSSL 3.5', () => {
  for (const spec of ['ML_DSA_44', 'ML_DSA_65'] as const) {
    const pair = mlDsa.generateKeyPair(spec);
    expect(pair.privateKey).toHaveLength(54);
    expect(toHex(pair.privateKey)).toMatch(new RegExp(`^3034020100300b${OID_HEX[spec]}04228020`));
    expect(toHex(pair.publicKey)).toContain(OID_HEX[spec]);
    expect(rawPublicKey(spec, pair.publicKey)).toHaveLength(NOBLE[spec].lengths.publicKey ?? 0);
    expect(toHex(nodeDerivedSpki(pair.privateKey))).toBe(toHex(pair.publicKey));
  }
});

test('ML_DSA_SHAKE_256 RAW signatures verify with noble and OpenSSL; EXTERNAL_MU signs the same μ', async () => {
  const spec = 'ML_DSA_65';
  const pair = mlDsa.generateKeyPair(spec);
  const message = utf8('post-quantum message');
  const publicKey = rawPublicKey(spec, pair.publicKey);
  const raw = await mlDsa.sign(spec, pair.privateKey, message, 'RAW');
  expect(raw).toHaveLength(3309);
  expect(ml_dsa65.verify(raw, message, publicKey)).toBe(true);
  expect(nodeVerify(null, message, nodePublicKey(pair.publicKey), raw)).toBe(true);
  const mu = externalMu(publicKey, message);
  const fromMu = await mlDsa.sign(spec, pair.privateKey, mu, 'EXTERNAL_MU');
  expect(ml_dsa65.verify(fromMu, message, publicKey)).toBe(true);
  expect(nodeVerify(null, message, nodePublicKey(pair.publicKey), fromMu)).toBe(true);
  expect(mlDsa.verify(spec, pair.publicKey, message, 'RAW', fromMu)).toBe(true);
  expect(mlDsa.verify(spec, pair.publicKey, mu, 'EXTERNAL_MU', raw)).toBe(true);
  expect(mlDsa.verify(spec, pair.publicKey, utf8('other'), 'RAW', raw)).toBe(false);
  expect(mlDsa.verify(spec, pair.publicKey, message, 'RAW', raw.subarray(1))).toBe(false);
  await expect(mlDsa.sign(spec, pair.privateKey, mu.subarray(1), 'EXTERNAL_MU')).rejects.toThrow(
    InvalidInputError,
  );
});

test('signatures made by noble directly verify in the engine', () => {
  const spec = 'ML_DSA_44';
  const pair = mlDsa.generateKeyPair(spec);
  const seed = pair.privateKey.subarray(pair.privateKey.length - 32);
  const message = randomBytes(4096);
  const signature = ml_dsa44.sign(message, ml_dsa44.keygen(seed).secretKey);
  expect(mlDsa.verify(spec, pair.publicKey, message, 'RAW', signature)).toBe(true);
  expect(mlDsa.verify('ML_DSA_65', pair.publicKey, message, 'RAW', signature)).toBe(false);
});

test('ML-DSA-87 key generation and signing (slow) verify in OpenSSL', async () => {
  const pair = mlDsa.generateKeyPair('ML_DSA_87');
  expect(toHex(nodeDerivedSpki(pair.privateKey))).toBe(toHex(pair.publicKey));
  const message = utf8('eighty-seven');
  const signature = await mlDsa.sign('ML_DSA_87', pair.privateKey, message, 'RAW');
  expect(signature).toHaveLength(4627);
  expect(nodeVerify(null, message, nodePublicKey(pair.publicKey), signature)).toBe(true);
});

test('PKCS#8 in the "both" form written by OpenSSL is read; wrong parameter sets and garbage are refused', async () => {
  const pair = mlDsa.generateKeyPair('ML_DSA_44');
  const both = new Uint8Array(nodePrivateKey(pair.privateKey).export({ format: 'der', type: 'pkcs8' }));
  expect(both.length).toBeGreaterThan(2560);
  expect(toHex(await mlDsa.publicKeyFromPrivate('ML_DSA_44', both))).toBe(toHex(pair.publicKey));
  const signature = await mlDsa.sign('ML_DSA_44', both, utf8('m'), 'RAW');
  expect(mlDsa.verify('ML_DSA_44', pair.publicKey, utf8('m'), 'RAW', signature)).toBe(true);
  await expect(mlDsa.publicKeyFromPrivate('ML_DSA_65', pair.privateKey)).rejects.toThrow(
    InvalidKeyMaterialError,
  );
  await expect(mlDsa.publicKeyFromPrivate('ML_DSA_44', randomBytes(54))).rejects.toThrow(
    InvalidKeyMaterialError,
  );
  expect(mlDsa.validatePublicKey('ML_DSA_44', pair.publicKey)).toBe(true);
  expect(mlDsa.validatePublicKey('ML_DSA_87', pair.publicKey)).toBe(false);
});
