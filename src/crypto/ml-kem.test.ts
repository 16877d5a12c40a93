// Tests for ml-kem.ts: key formats, encapsulation / decapsulation against direct @noble/post-quantum calls.

import { ml_kem1024, ml_kem512, ml_kem768 } from '@noble/post-quantum/ml-kem.js';
import { expect, test } from 'vitest';
import { InvalidKeyMaterialError } from './errors.ts';
import * as mlKem from './ml-kem.ts';
import { randomBytes } from './random.ts';
import { nodeDerivedSpki, toHex } from './test-helpers.ts';

const SPECS = [
  ['ML_KEM_512', ml_kem512, '0609608648016503040401'],
  ['ML_KEM_768', ml_kem768, '0609608648016503040402'],
  ['ML_KEM_1024', ml_kem1024, '0609608648016503040403'],
] as const;

test('ML-KEM keys: 64-byte seed-form PKCS#8 and SPKI with the FIPS 203 OIDs, read by OpenSSL 3.5', () => {
  for (const [spec, kem, oid] of SPECS) {
    const pair = mlKem.generateKeyPair(spec);
    expect(toHex(pair.privateKey)).toMatch(new RegExp(`^3054020100300b${oid}04428040`));
    expect(mlKem.publicKeyBytes(spec, pair.publicKey)).toHaveLength(kem.lengths.publicKey ?? 0);
    expect(toHex(nodeDerivedSpki(pair.privateKey))).toBe(toHex(pair.publicKey));
  }
});

test('engine encapsulation agrees with a direct noble decapsulation, and noble encapsulation with the engine', async () => {
  for (const [spec, kem] of SPECS) {
    const pair = mlKem.generateKeyPair(spec);
    const seed = pair.privateKey.subarray(pair.privateKey.length - 64);
    const { secretKey, publicKey } = kem.keygen(seed);
    expect(toHex(mlKem.publicKeyBytes(spec, pair.publicKey) ?? new Uint8Array())).toBe(toHex(publicKey));
    const ours = mlKem.encapsulate(spec, pair.publicKey);
    expect(ours.sharedSecret).toHaveLength(32);
    expect(toHex(kem.decapsulate(ours.ciphertext, secretKey))).toBe(toHex(ours.sharedSecret));
    const theirs = kem.encapsulate(publicKey);
    expect(
      toHex((await mlKem.decapsulate(spec, pair.privateKey, theirs.cipherText)) ?? new Uint8Array()),
    ).toBe(toHex(theirs.sharedSecret));
  }
});

test('decapsulation of an altered ciphertext gives another secret; a wrong length gives null', async () => {
  const pair = mlKem.generateKeyPair('ML_KEM_768');
  const { ciphertext, sharedSecret } = mlKem.encapsulate('ML_KEM_768', pair.publicKey);
  const altered = new Uint8Array(ciphertext);
  altered[0] = (altered[0] as number) ^ 1;
  const rejected = await mlKem.decapsulate('ML_KEM_768', pair.privateKey, altered);
  expect(rejected).toHaveLength(32);
  expect(toHex(rejected ?? new Uint8Array())).not.toBe(toHex(sharedSecret));
  expect(await mlKem.decapsulate('ML_KEM_768', pair.privateKey, ciphertext.subarray(1))).toBeNull();
});

test('ML-KEM key checks: wrong parameter set, garbage, and an encapsulation key failing the modulus check', async () => {
  const pair = mlKem.generateKeyPair('ML_KEM_512');
  await expect(mlKem.publicKeyFromPrivate('ML_KEM_768', pair.privateKey)).rejects.toThrow(
    InvalidKeyMaterialError,
  );
  await expect(mlKem.publicKeyFromPrivate('ML_KEM_512', randomBytes(86))).rejects.toThrow(
    InvalidKeyMaterialError,
  );
  expect(toHex(await mlKem.publicKeyFromPrivate('ML_KEM_512', pair.privateKey))).toBe(toHex(pair.publicKey));
  expect(mlKem.validatePublicKey('ML_KEM_512', pair.publicKey)).toBe(true);
  expect(mlKem.validatePublicKey('ML_KEM_768', pair.publicKey)).toBe(false);
  const bad = new Uint8Array(pair.publicKey);
  bad.fill(0xff, 22, 30); // coefficients ≥ q
  expect(mlKem.validatePublicKey('ML_KEM_512', bad)).toBe(false);
  expect(() => mlKem.encapsulate('ML_KEM_512', bad)).toThrow(InvalidKeyMaterialError);
});
