// Tests for ed25519.ts / ed25519-noble.ts: RFC 8032 vectors (Ed25519, Ed25519ph), OpenSSL and noble checks.

import { ed25519ph } from '@noble/curves/ed25519.js';
import { createHash, generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { expect, test } from 'vitest';
import {
  ed25519PublicKeyFromPrivate,
  ed25519Sign,
  ed25519ValidatePublicKey,
  ed25519Verify,
  generateEd25519KeyPair,
  hasWebCryptoEd25519,
} from './ed25519.ts';
import * as noble from './ed25519-noble.ts';
import { InvalidKeyMaterialError } from './errors.ts';
import { randomBytes } from './random.ts';
import { hex, nodeDerivedSpki, nodePublicKey, toHex, utf8 } from './test-helpers.ts';

const PKCS8_PREFIX = '302e020100300506032b657004220420';
const SPKI_PREFIX = '302a300506032b6570032100';

// RFC 8032 §7.1 test 1 (Ed25519, empty message).
const TEST1 = {
  seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
  publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
  signature:
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
};
// RFC 8032 §7.3 Ed25519ph test (message "abc").
const TEST_PH = {
  seed: '833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42',
  publicKey: 'ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf',
  signature:
    '98a70222f0b8121aa9d30f813d683f809e462b469c7ff87639499bb94e6dae4131f85042463c2a355a2003d062adf5aaa10b8c61e636062aaad11c2a26083406',
};

test('this runtime has WebCrypto Ed25519 (Node 22)', async () => {
  expect(await hasWebCryptoEd25519()).toBe(true);
});

test('ED25519_SHA_512 reproduces RFC 8032 test 1 and OpenSSL verifies it', async () => {
  const pkcs8 = hex(PKCS8_PREFIX + TEST1.seed);
  const spki = await ed25519PublicKeyFromPrivate(pkcs8);
  expect(toHex(spki)).toBe(SPKI_PREFIX + TEST1.publicKey);
  const signature = await ed25519Sign(pkcs8, 'ED25519_SHA_512', new Uint8Array(0));
  expect(toHex(signature)).toBe(TEST1.signature);
  expect(nodeVerify(null, new Uint8Array(0), nodePublicKey(spki), signature)).toBe(true);
  expect(toHex(noble.signPure(pkcs8, new Uint8Array(0)))).toBe(TEST1.signature);
});

test('ED25519_PH_SHA_512 over the SHA-512 digest reproduces the RFC 8032 Ed25519ph "abc" vector', async () => {
  const pkcs8 = hex(PKCS8_PREFIX + TEST_PH.seed);
  const spki = await ed25519PublicKeyFromPrivate(pkcs8);
  const digest = createHash('sha512').update('abc').digest();
  const signature = await ed25519Sign(pkcs8, 'ED25519_PH_SHA_512', digest);
  expect(toHex(signature)).toBe(TEST_PH.signature);
  expect(ed25519ph.verify(signature, utf8('abc'), hex(TEST_PH.publicKey))).toBe(true);
  expect(await ed25519Verify(spki, 'ED25519_PH_SHA_512', digest, signature)).toBe(true);
  expect(await ed25519Verify(spki, 'ED25519_SHA_512', digest, signature)).toBe(false);
});

test('generated Ed25519 keys are RFC 8410 PKCS#8 / SPKI; signatures verify in OpenSSL and noble', async () => {
  const pair = await generateEd25519KeyPair();
  expect(toHex(pair.privateKey).startsWith(PKCS8_PREFIX)).toBe(true);
  expect(toHex(pair.publicKey).startsWith(SPKI_PREFIX)).toBe(true);
  expect(toHex(nodeDerivedSpki(pair.privateKey))).toBe(toHex(pair.publicKey));
  const message = randomBytes(4096);
  const signature = await ed25519Sign(pair.privateKey, 'ED25519_SHA_512', message);
  expect(nodeVerify(null, message, nodePublicKey(pair.publicKey), signature)).toBe(true);
  const digest = createHash('sha512').update(message).digest();
  const ph = await ed25519Sign(pair.privateKey, 'ED25519_PH_SHA_512', digest);
  expect(ed25519ph.verify(ph, message, pair.publicKey.subarray(12))).toBe(true);
});

test('OpenSSL Ed25519 signatures verify in the engine; altered ones do not', async () => {
  const keys = generateKeyPairSync('ed25519');
  const spki = new Uint8Array(keys.publicKey.export({ format: 'der', type: 'spki' }));
  const message = utf8('from OpenSSL');
  const signature = nodeSign(null, message, keys.privateKey);
  expect(await ed25519Verify(spki, 'ED25519_SHA_512', message, signature)).toBe(true);
  expect(noble.verifyPure(spki, message, signature)).toBe(true);
  const bad = new Uint8Array(signature);
  bad[0] = (bad[0] as number) ^ 1;
  expect(await ed25519Verify(spki, 'ED25519_SHA_512', message, bad)).toBe(false);
  expect(await ed25519Verify(spki, 'ED25519_SHA_512', message, signature.subarray(1))).toBe(false);
  const pkcs8 = new Uint8Array(keys.privateKey.export({ format: 'der', type: 'pkcs8' }));
  expect(toHex(await ed25519PublicKeyFromPrivate(pkcs8))).toBe(toHex(spki));
});

test('the noble fallback generates keys that WebCrypto and OpenSSL accept', async () => {
  const pair = noble.generateKeyPair();
  expect(toHex(nodeDerivedSpki(pair.privateKey))).toBe(toHex(pair.publicKey));
  expect(toHex(noble.publicKeyFromPrivate(pair.privateKey))).toBe(toHex(pair.publicKey));
  const signature = noble.signPure(pair.privateKey, utf8('m'));
  expect(await ed25519Verify(pair.publicKey, 'ED25519_SHA_512', utf8('m'), signature)).toBe(true);
});

test('Ed25519 key validation refuses other key types and malformed keys', async () => {
  await expect(ed25519PublicKeyFromPrivate(randomBytes(48))).rejects.toThrow(InvalidKeyMaterialError);
  expect(() => noble.seedFromPkcs8(randomBytes(48))).toThrow(InvalidKeyMaterialError);
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({
    format: 'der',
    type: 'spki',
  });
  expect(await ed25519ValidatePublicKey(new Uint8Array(ec))).toBe(false);
  expect(await ed25519ValidatePublicKey(hex(SPKI_PREFIX + TEST1.publicKey))).toBe(true);
  expect(await ed25519ValidatePublicKey(hex(SPKI_PREFIX + TEST1.publicKey).subarray(1))).toBe(false);
});
