// Tests for rsa.ts / rsa-digest.ts: key formats, signatures and OAEP checked against OpenSSL (node:crypto).

import {
  constants,
  createHash,
  generateKeyPairSync,
  privateDecrypt,
  publicEncrypt,
  sign as nodeSign,
  verify as nodeVerify,
} from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import { InvalidInputError, InvalidKeyMaterialError } from './errors.ts';
import { randomBytes } from './random.ts';
import {
  generateRsaKeyPair,
  rsaDecrypt,
  rsaEncrypt,
  rsaMaxPlaintextLength,
  rsaPublicKeyFromPrivate,
  rsaSign,
  rsaValidatePublicKey,
  rsaVerify,
  type RsaSigningAlgorithm,
} from './rsa.ts';
import { nodeDerivedSpki, nodePrivateKey, nodePublicKey, toHex, utf8 } from './test-helpers.ts';

const SIGNING: RsaSigningAlgorithm[] = [
  'RSASSA_PSS_SHA_256',
  'RSASSA_PSS_SHA_384',
  'RSASSA_PSS_SHA_512',
  'RSASSA_PKCS1_V1_5_SHA_256',
  'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512',
];
const nodeHash = (algorithm: RsaSigningAlgorithm): string => `sha${algorithm.slice(-3)}`;
const nodeOptions = (algorithm: RsaSigningAlgorithm, key: ReturnType<typeof nodePublicKey>) =>
  algorithm.includes('PSS')
    ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(algorithm.slice(-3)) / 8 }
    : { key, padding: constants.RSA_PKCS1_PADDING };

let pair: { privateKey: Uint8Array; publicKey: Uint8Array };
beforeAll(async () => {
  pair = await generateRsaKeyPair('RSA_2048');
});

test('RSA_2048 key material is PKCS#8 and SPKI that OpenSSL reads, with a 2048-bit modulus and e = 65537', () => {
  const key = nodePrivateKey(pair.privateKey);
  expect(key.asymmetricKeyType).toBe('rsa');
  expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
  expect(key.asymmetricKeyDetails?.publicExponent).toBe(65537n);
  expect(toHex(nodeDerivedSpki(pair.privateKey))).toBe(toHex(pair.publicKey));
});

test('RSA_3072 key generation', async () => {
  const generated = await generateRsaKeyPair('RSA_3072');
  expect(nodePublicKey(generated.publicKey).asymmetricKeyDetails?.modulusLength).toBe(3072);
});

test('RSA_4096 key generation (slow) gives a 4096-bit key whose signatures OpenSSL verifies', async () => {
  const generated = await generateRsaKeyPair('RSA_4096');
  expect(nodePublicKey(generated.publicKey).asymmetricKeyDetails?.modulusLength).toBe(4096);
  const digest = createHash('sha512').update('four').digest();
  const signature = await rsaSign('RSA_4096', generated.privateKey, 'RSASSA_PSS_SHA_512', digest, 'DIGEST');
  expect(
    nodeVerify(
      'sha512',
      utf8('four'),
      nodeOptions('RSASSA_PSS_SHA_512', nodePublicKey(generated.publicKey)),
      signature,
    ),
  ).toBe(true);
});

test('every RSA signing algorithm, RAW and DIGEST, verifies in OpenSSL', async () => {
  const message = utf8('message signed by kmsw');
  for (const algorithm of SIGNING) {
    const digest = createHash(nodeHash(algorithm)).update(message).digest();
    for (const [input, type] of [
      [message, 'RAW'],
      [digest, 'DIGEST'],
    ] as const) {
      const signature = await rsaSign('RSA_2048', pair.privateKey, algorithm, input, type);
      expect(signature).toHaveLength(256);
      const ok = nodeVerify(
        nodeHash(algorithm),
        message,
        nodeOptions(algorithm, nodePublicKey(pair.publicKey)),
        signature,
      );
      expect(ok, `${algorithm} ${type}`).toBe(true);
    }
  }
});

test('OpenSSL signatures verify in the engine with RAW and DIGEST; altered ones do not', async () => {
  const message = utf8('message signed by OpenSSL');
  const privateKey = nodePrivateKey(pair.privateKey);
  for (const algorithm of SIGNING) {
    const signature = nodeSign(nodeHash(algorithm), message, nodeOptions(algorithm, privateKey as never));
    const digest = createHash(nodeHash(algorithm)).update(message).digest();
    expect(await rsaVerify('RSA_2048', pair.publicKey, algorithm, message, 'RAW', signature)).toBe(true);
    expect(await rsaVerify('RSA_2048', pair.publicKey, algorithm, digest, 'DIGEST', signature)).toBe(true);
    const bad = new Uint8Array(signature);
    bad[10] = (bad[10] as number) ^ 1;
    expect(await rsaVerify('RSA_2048', pair.publicKey, algorithm, message, 'RAW', bad)).toBe(false);
    expect(await rsaVerify('RSA_2048', pair.publicKey, algorithm, digest, 'DIGEST', bad)).toBe(false);
    expect(await rsaVerify('RSA_2048', pair.publicKey, algorithm, utf8('other'), 'RAW', signature)).toBe(
      false,
    );
    expect(
      await rsaVerify('RSA_2048', pair.publicKey, algorithm, digest, 'DIGEST', signature.subarray(1)),
    ).toBe(false);
  }
});

test('PKCS1 v1.5 DIGEST signatures are identical to WebCrypto RAW signatures (deterministic padding)', async () => {
  const message = utf8('deterministic');
  const digest = createHash('sha384').update(message).digest();
  const raw = await rsaSign('RSA_2048', pair.privateKey, 'RSASSA_PKCS1_V1_5_SHA_384', message, 'RAW');
  const fromDigest = await rsaSign(
    'RSA_2048',
    pair.privateKey,
    'RSASSA_PKCS1_V1_5_SHA_384',
    digest,
    'DIGEST',
  );
  expect(toHex(fromDigest)).toBe(toHex(raw));
});

test('RSAES_OAEP ciphertexts made by OpenSSL decrypt in the engine and vice versa', async () => {
  for (const [algorithm, oaepHash] of [
    ['RSAES_OAEP_SHA_1', 'sha1'],
    ['RSAES_OAEP_SHA_256', 'sha256'],
  ] as const) {
    const plaintext = randomBytes(rsaMaxPlaintextLength('RSA_2048', algorithm));
    const nodeCiphertext = publicEncrypt(
      { key: nodePublicKey(pair.publicKey), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash },
      plaintext,
    );
    expect(
      toHex((await rsaDecrypt('RSA_2048', pair.privateKey, algorithm, nodeCiphertext)) ?? new Uint8Array()),
    ).toBe(toHex(plaintext));
    const ciphertext = await rsaEncrypt('RSA_2048', pair.publicKey, algorithm, plaintext);
    const decrypted = privateDecrypt(
      { key: nodePrivateKey(pair.privateKey), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash },
      ciphertext,
    );
    expect(toHex(decrypted)).toBe(toHex(plaintext));
  }
});

test('RSA decryption returns null for a ciphertext of the wrong algorithm, altered or truncated', async () => {
  const ciphertext = await rsaEncrypt('RSA_2048', pair.publicKey, 'RSAES_OAEP_SHA_256', utf8('secret'));
  expect(await rsaDecrypt('RSA_2048', pair.privateKey, 'RSAES_OAEP_SHA_1', ciphertext)).toBeNull();
  const altered = new Uint8Array(ciphertext);
  altered[5] = (altered[5] as number) ^ 1;
  expect(await rsaDecrypt('RSA_2048', pair.privateKey, 'RSAES_OAEP_SHA_256', altered)).toBeNull();
  expect(
    await rsaDecrypt('RSA_2048', pair.privateKey, 'RSAES_OAEP_SHA_256', ciphertext.subarray(1)),
  ).toBeNull();
});

test('maximum OAEP plaintext sizes are the AWS ones, and longer plaintexts are refused', async () => {
  expect(rsaMaxPlaintextLength('RSA_2048', 'RSAES_OAEP_SHA_1')).toBe(214);
  expect(rsaMaxPlaintextLength('RSA_2048', 'RSAES_OAEP_SHA_256')).toBe(190);
  expect(rsaMaxPlaintextLength('RSA_3072', 'RSAES_OAEP_SHA_1')).toBe(342);
  expect(rsaMaxPlaintextLength('RSA_3072', 'RSAES_OAEP_SHA_256')).toBe(318);
  expect(rsaMaxPlaintextLength('RSA_4096', 'RSAES_OAEP_SHA_1')).toBe(470);
  expect(rsaMaxPlaintextLength('RSA_4096', 'RSAES_OAEP_SHA_256')).toBe(446);
  await expect(
    rsaEncrypt('RSA_2048', pair.publicKey, 'RSAES_OAEP_SHA_256', randomBytes(191)),
  ).rejects.toThrow(InvalidInputError);
});

test('publicKeyFromPrivate reads OpenSSL PKCS#8 and refuses other sizes or garbage', async () => {
  const generated = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pkcs8 = new Uint8Array(generated.privateKey.export({ format: 'der', type: 'pkcs8' }));
  const spki = new Uint8Array(generated.publicKey.export({ format: 'der', type: 'spki' }));
  expect(toHex(await rsaPublicKeyFromPrivate('RSA_2048', pkcs8))).toBe(toHex(spki));
  await expect(rsaPublicKeyFromPrivate('RSA_3072', pkcs8)).rejects.toThrow(InvalidKeyMaterialError);
  await expect(rsaPublicKeyFromPrivate('RSA_2048', randomBytes(100))).rejects.toThrow(
    InvalidKeyMaterialError,
  );
  expect(await rsaValidatePublicKey('RSA_2048', spki)).toBe(true);
  expect(await rsaValidatePublicKey('RSA_4096', spki)).toBe(false);
  expect(await rsaValidatePublicKey('RSA_2048', spki.subarray(1))).toBe(false);
});
