// Tests for ecc.ts: NIST keys, ECDSA (RAW/DIGEST) and ECDH checked against OpenSSL (node:crypto).

import {
  createHash,
  diffieHellman,
  generateKeyPairSync,
  sign as nodeSign,
  verify as nodeVerify,
} from 'node:crypto';
import { expect, test } from 'vitest';
import {
  ecdhDerive,
  ecdsaSign,
  ecdsaVerify,
  ecPublicKeyFromPrivate,
  ecValidatePublicKey,
  generateEcKeyPair,
  type EcdsaAlgorithm,
} from './ecc.ts';
import { InvalidKeyMaterialError, InvalidPeerKeyError } from './errors.ts';
import { randomBytes } from './random.ts';
import type { NistCurveKeySpec } from './specs.ts';
import { nodeDerivedSpki, nodePrivateKey, nodePublicKey, toHex, utf8 } from './test-helpers.ts';

const CURVES: [NistCurveKeySpec, EcdsaAlgorithm, string, string][] = [
  ['ECC_NIST_P256', 'ECDSA_SHA_256', 'sha256', 'prime256v1'],
  ['ECC_NIST_P384', 'ECDSA_SHA_384', 'sha384', 'secp384r1'],
  ['ECC_NIST_P521', 'ECDSA_SHA_512', 'sha512', 'secp521r1'],
];

test('NIST EC key material is PKCS#8 / SPKI on the named curve, as OpenSSL reads it', async () => {
  for (const [spec, , , curve] of CURVES) {
    const pair = await generateEcKeyPair(spec);
    expect(nodePrivateKey(pair.privateKey).asymmetricKeyDetails?.namedCurve).toBe(curve);
    expect(toHex(nodeDerivedSpki(pair.privateKey))).toBe(toHex(pair.publicKey));
    expect(toHex(await ecPublicKeyFromPrivate(spec, pair.privateKey))).toBe(toHex(pair.publicKey));
  }
});

test('ECDSA signatures (RAW and DIGEST) are DER and verify in OpenSSL', async () => {
  const message = utf8('ecdsa message');
  for (const [spec, algorithm, hash] of CURVES) {
    const pair = await generateEcKeyPair(spec);
    const digest = createHash(hash).update(message).digest();
    for (const [input, type] of [
      [message, 'RAW'],
      [digest, 'DIGEST'],
    ] as const) {
      const signature = await ecdsaSign(spec, pair.privateKey, algorithm, input, type);
      expect(signature[0]).toBe(0x30);
      expect(nodeVerify(hash, message, nodePublicKey(pair.publicKey), signature), `${spec} ${type}`).toBe(
        true,
      );
      expect(await ecdsaVerify(spec, pair.publicKey, algorithm, input, type, signature)).toBe(true);
    }
  }
});

test('OpenSSL ECDSA signatures verify in the engine with RAW and DIGEST; altered ones do not', async () => {
  const message = utf8('signed by OpenSSL');
  for (const [spec, algorithm, hash, curve] of CURVES) {
    const keys = generateKeyPairSync('ec', { namedCurve: curve });
    const spki = new Uint8Array(keys.publicKey.export({ format: 'der', type: 'spki' }));
    const signature = nodeSign(hash, message, keys.privateKey);
    const digest = createHash(hash).update(message).digest();
    expect(await ecdsaVerify(spec, spki, algorithm, message, 'RAW', signature)).toBe(true);
    expect(await ecdsaVerify(spec, spki, algorithm, digest, 'DIGEST', signature)).toBe(true);
    expect(await ecdsaVerify(spec, spki, algorithm, utf8('other'), 'RAW', signature)).toBe(false);
    const bad = new Uint8Array(signature);
    bad[bad.length - 1] = (bad[bad.length - 1] as number) ^ 1;
    expect(await ecdsaVerify(spec, spki, algorithm, message, 'RAW', bad)).toBe(false);
    expect(await ecdsaVerify(spec, spki, algorithm, digest, 'DIGEST', bad)).toBe(false);
    expect(await ecdsaVerify(spec, spki, algorithm, message, 'RAW', randomBytes(20))).toBe(false);
    // A non-canonical (BER, long-form length) encoding of the same signature is refused.
    const ber = new Uint8Array([0x30, 0x81, signature[1] as number, ...signature.subarray(2)]);
    expect(await ecdsaVerify(spec, spki, algorithm, message, 'RAW', ber)).toBe(false);
  }
});

test('ECDH shared secrets equal node:crypto diffieHellman (raw x-coordinate)', async () => {
  for (const [spec, , , curve] of CURVES) {
    const ours = await generateEcKeyPair(spec);
    const peer = generateKeyPairSync('ec', { namedCurve: curve });
    const peerSpki = new Uint8Array(peer.publicKey.export({ format: 'der', type: 'spki' }));
    const secret = await ecdhDerive(spec, ours.privateKey, peerSpki);
    const expected = diffieHellman({ privateKey: peer.privateKey, publicKey: nodePublicKey(ours.publicKey) });
    expect(toHex(secret)).toBe(expected.toString('hex'));
    expect(secret).toHaveLength({ ECC_NIST_P256: 32, ECC_NIST_P384: 48, ECC_NIST_P521: 66 }[spec]);
  }
});

test('ECDH throws InvalidPeerKeyError for a peer key on another curve, of another type, or malformed', async () => {
  const ours = await generateEcKeyPair('ECC_NIST_P256');
  const p384 = await generateEcKeyPair('ECC_NIST_P384');
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
    format: 'der',
    type: 'spki',
  });
  const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey.export({
    format: 'der',
    type: 'spki',
  });
  for (const peer of [
    p384.publicKey,
    new Uint8Array(rsa),
    new Uint8Array(k1),
    randomBytes(91),
    ours.publicKey.subarray(0, 60),
  ]) {
    await expect(ecdhDerive('ECC_NIST_P256', ours.privateKey, peer)).rejects.toThrow(InvalidPeerKeyError);
  }
  // A point that is not on the curve.
  const offCurve = new Uint8Array(ours.publicKey);
  offCurve[offCurve.length - 1] = (offCurve[offCurve.length - 1] as number) ^ 1;
  await expect(ecdhDerive('ECC_NIST_P256', ours.privateKey, offCurve)).rejects.toThrow(InvalidPeerKeyError);
});

test('publicKeyFromPrivate reads OpenSSL PKCS#8 and refuses keys on another curve', async () => {
  const keys = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
  const pkcs8 = new Uint8Array(keys.privateKey.export({ format: 'der', type: 'pkcs8' }));
  const spki = new Uint8Array(keys.publicKey.export({ format: 'der', type: 'spki' }));
  expect(toHex(await ecPublicKeyFromPrivate('ECC_NIST_P384', pkcs8))).toBe(toHex(spki));
  await expect(ecPublicKeyFromPrivate('ECC_NIST_P256', pkcs8)).rejects.toThrow(InvalidKeyMaterialError);
  expect(await ecValidatePublicKey('ECC_NIST_P384', spki)).toBe(true);
  expect(await ecValidatePublicKey('ECC_NIST_P521', spki)).toBe(false);
});
