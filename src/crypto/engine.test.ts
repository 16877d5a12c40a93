// Tests for engine.ts: every spec and algorithm through the facade, error types, and lazy loading of modules.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, test } from 'vitest';
import {
  asymmetricDecrypt,
  asymmetricEncrypt,
  deriveSharedSecret,
  digestLength,
  ENCRYPTION_ALGORITHMS,
  familyOf,
  generateKeyMaterial,
  InvalidInputError,
  InvalidPeerKeyError,
  maxPlaintextLength,
  messageTypeAllowed,
  mlKemDecapsulate,
  mlKemEncapsulate,
  publicKeyFromPrivate,
  sign,
  SIGNING_ALGORITHMS,
  UnsupportedAlgorithmError,
  validatePublicKey,
  verify,
  type KeyPairMaterial,
  type KeySpec,
  type MessageType,
  type SigningAlgorithmSpec,
} from './engine.ts';
import { randomBytes } from './random.ts';
import { toHex, utf8 } from './test-helpers.ts';

const ALL_SPECS: KeySpec[] = [
  'SYMMETRIC_DEFAULT',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'ECC_NIST_P256',
  'ECC_NIST_P384',
  'ECC_NIST_P521',
  'ECC_SECG_P256K1',
  'ECC_NIST_EDWARDS25519',
  'HMAC_224',
  'HMAC_256',
  'HMAC_384',
  'HMAC_512',
  'ML_DSA_44',
  'ML_DSA_65',
  'ML_DSA_87',
  'ML_KEM_512',
  'ML_KEM_768',
  'ML_KEM_1024',
  'SM2',
];
// RSA_4096 and ML_DSA_87 key generation is covered once each in rsa.test.ts and ml-dsa.test.ts.
const PAIR_SPECS = ALL_SPECS.filter(
  (spec) => !['SYMMETRIC_DEFAULT', 'RSA_4096', 'ML_DSA_87'].includes(spec) && !spec.startsWith('HMAC_'),
);
const keys = new Map<KeySpec, KeyPairMaterial>();
const pair = (spec: KeySpec): KeyPairMaterial => keys.get(spec) as KeyPairMaterial;

beforeAll(async () => {
  for (const spec of PAIR_SPECS) keys.set(spec, (await generateKeyMaterial(spec)) as KeyPairMaterial);
});

test('familyOf maps every key spec to its engine family', () => {
  expect(ALL_SPECS.map((spec) => familyOf(spec).family)).toEqual([
    'symmetric',
    'rsa',
    'rsa',
    'rsa',
    'nist-ecc',
    'nist-ecc',
    'nist-ecc',
    'secp256k1',
    'ed25519',
    'hmac',
    'hmac',
    'hmac',
    'hmac',
    'ml-dsa',
    'ml-dsa',
    'ml-dsa',
    'ml-kem',
    'ml-kem',
    'ml-kem',
    'sm2',
  ]);
});

test('symmetric key material has the AWS sizes', async () => {
  const sizes = await Promise.all(
    (['SYMMETRIC_DEFAULT', 'HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512'] as const).map(async (spec) => {
      const material = await generateKeyMaterial(spec);
      return 'secret' in material ? material.secret.length : -1;
    }),
  );
  expect(sizes).toEqual([32, 28, 32, 48, 64]);
});

test('every key pair: publicKeyFromPrivate gives the generated SPKI, which validates for its spec only', async () => {
  for (const spec of PAIR_SPECS) {
    const { privateKey, publicKey } = pair(spec);
    expect(toHex(await publicKeyFromPrivate(spec, privateKey)), spec).toBe(toHex(publicKey));
    expect(await validatePublicKey(spec, publicKey), spec).toBe(true);
    const other = spec === 'ECC_NIST_P256' ? 'ECC_NIST_P384' : 'ECC_NIST_P256';
    expect(await validatePublicKey(other, publicKey), `${spec} as ${other}`).toBe(false);
  }
  expect(await validatePublicKey('HMAC_256', pair('RSA_2048').publicKey)).toBe(false);
});

function messageFor(
  algorithm: SigningAlgorithmSpec,
  messageType: MessageType,
  message: Uint8Array,
): Uint8Array {
  if (messageType === 'RAW') return message;
  if (algorithm.endsWith('SHA_256')) return createHash('sha256').update(message).digest();
  if (algorithm.endsWith('SHA_384')) return createHash('sha384').update(message).digest();
  if (algorithm.endsWith('SHA_512')) return createHash('sha512').update(message).digest();
  return randomBytes(digestLength(algorithm)); // SM2DSA e, ML-DSA μ
}

test('sign then verify for every spec, signing algorithm and allowed message type; altered input fails', async () => {
  const message = utf8('kmsw engine message');
  let combinations = 0;
  for (const spec of PAIR_SPECS) {
    const { privateKey, publicKey } = pair(spec);
    for (const algorithm of SIGNING_ALGORITHMS[spec]) {
      for (const messageType of ['RAW', 'DIGEST', 'EXTERNAL_MU'] as const) {
        if (!messageTypeAllowed(algorithm, messageType)) continue;
        const input = messageFor(algorithm, messageType, message);
        const signature = await sign(spec, privateKey, algorithm, input, messageType);
        const label = `${spec} ${algorithm} ${messageType}`;
        expect(await verify(spec, publicKey, algorithm, input, messageType, signature), label).toBe(true);
        const altered = new Uint8Array(input);
        altered[0] = (altered[0] as number) ^ 1;
        expect(await verify(spec, publicKey, algorithm, altered, messageType, signature), label).toBe(false);
        combinations++;
      }
    }
  }
  expect(combinations).toBe(2 * 12 + 3 * 2 + 2 + 2 + 2 * 2 + 2);
});

test('sign refuses algorithms and message types that do not fit, and digests of the wrong length', async () => {
  const p256 = pair('ECC_NIST_P256').privateKey;
  await expect(sign('ECC_NIST_P256', p256, 'ECDSA_SHA_384', utf8('m'), 'RAW')).rejects.toThrow(
    UnsupportedAlgorithmError,
  );
  await expect(sign('ECC_NIST_P256', p256, 'ECDSA_SHA_256', randomBytes(64), 'EXTERNAL_MU')).rejects.toThrow(
    UnsupportedAlgorithmError,
  );
  await expect(sign('ECC_NIST_P256', p256, 'ECDSA_SHA_256', randomBytes(31), 'DIGEST')).rejects.toThrow(
    InvalidInputError,
  );
  const ed = pair('ECC_NIST_EDWARDS25519').privateKey;
  await expect(
    sign('ECC_NIST_EDWARDS25519', ed, 'ED25519_SHA_512', randomBytes(64), 'DIGEST'),
  ).rejects.toThrow(UnsupportedAlgorithmError);
  await expect(sign('ECC_NIST_EDWARDS25519', ed, 'ED25519_PH_SHA_512', utf8('m'), 'RAW')).rejects.toThrow(
    UnsupportedAlgorithmError,
  );
  await expect(sign('HMAC_256', randomBytes(32), 'ECDSA_SHA_256', utf8('m'), 'RAW')).rejects.toThrow(
    UnsupportedAlgorithmError,
  );
});

test('asymmetric encryption round trips for RSA and SM2; AWS plaintext limits; bad ciphertext gives null', async () => {
  for (const spec of ['RSA_2048', 'RSA_3072', 'SM2'] as const) {
    for (const algorithm of ENCRYPTION_ALGORITHMS[spec]) {
      const plaintext = randomBytes(maxPlaintextLength(spec, algorithm));
      const ciphertext = await asymmetricEncrypt(spec, pair(spec).publicKey, algorithm, plaintext);
      const decrypted = await asymmetricDecrypt(spec, pair(spec).privateKey, algorithm, ciphertext);
      expect(toHex(decrypted ?? new Uint8Array()), `${spec} ${algorithm}`).toBe(toHex(plaintext));
      await expect(
        asymmetricEncrypt(spec, pair(spec).publicKey, algorithm, randomBytes(plaintext.length + 1)),
      ).rejects.toThrow(InvalidInputError);
      expect(
        await asymmetricDecrypt(spec, pair(spec).privateKey, algorithm, randomBytes(ciphertext.length)),
      ).toBeNull();
    }
  }
  expect(maxPlaintextLength('SM2', 'SM2PKE')).toBe(1024);
  expect(maxPlaintextLength('SYMMETRIC_DEFAULT', 'SYMMETRIC_DEFAULT')).toBe(4096);
  expect(maxPlaintextLength('RSA_4096', 'RSAES_OAEP_SHA_256')).toBe(446);
  expect(() => maxPlaintextLength('RSA_2048', 'SM2PKE')).toThrow(UnsupportedAlgorithmError);
  await expect(
    asymmetricEncrypt('ECC_NIST_P256', pair('ECC_NIST_P256').publicKey, 'RSAES_OAEP_SHA_1', utf8('m')),
  ).rejects.toThrow(UnsupportedAlgorithmError);
});

test('deriveSharedSecret agrees on both sides for NIST curves and SM2, and rejects foreign peer keys', async () => {
  for (const spec of ['ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'SM2'] as const) {
    const other = (await generateKeyMaterial(spec)) as KeyPairMaterial;
    const ab = await deriveSharedSecret(spec, pair(spec).privateKey, other.publicKey);
    const ba = await deriveSharedSecret(spec, other.privateKey, pair(spec).publicKey);
    expect(toHex(ab), spec).toBe(toHex(ba));
    const foreign = spec === 'SM2' ? pair('ECC_SECG_P256K1').publicKey : pair('SM2').publicKey;
    await expect(deriveSharedSecret(spec, pair(spec).privateKey, foreign)).rejects.toThrow(
      InvalidPeerKeyError,
    );
  }
  await expect(
    deriveSharedSecret(
      'ECC_SECG_P256K1',
      pair('ECC_SECG_P256K1').privateKey,
      pair('ECC_SECG_P256K1').publicKey,
    ),
  ).rejects.toThrow(UnsupportedAlgorithmError);
});

test('ML-KEM encapsulation and decapsulation through the engine', async () => {
  for (const spec of ['ML_KEM_512', 'ML_KEM_768', 'ML_KEM_1024'] as const) {
    const { ciphertext, sharedSecret } = await mlKemEncapsulate(spec, pair(spec).publicKey);
    expect(toHex((await mlKemDecapsulate(spec, pair(spec).privateKey, ciphertext)) ?? new Uint8Array())).toBe(
      toHex(sharedSecret),
    );
  }
  await expect(mlKemEncapsulate('ML_DSA_44', pair('ML_DSA_44').publicKey)).rejects.toThrow(
    UnsupportedAlgorithmError,
  );
});

test('digest lengths and allowed message types follow the AWS Sign reference', () => {
  expect(digestLength('RSASSA_PSS_SHA_384')).toBe(48);
  expect(digestLength('ECDSA_SHA_256')).toBe(32);
  expect(digestLength('ED25519_PH_SHA_512')).toBe(64);
  expect(digestLength('SM2DSA')).toBe(32);
  expect(digestLength('ML_DSA_SHAKE_256')).toBe(64);
  expect(messageTypeAllowed('ML_DSA_SHAKE_256', 'DIGEST')).toBe(false);
  expect(messageTypeAllowed('ML_DSA_SHAKE_256', 'EXTERNAL_MU')).toBe(true);
  expect(messageTypeAllowed('ECDSA_SHA_256', 'EXTERNAL_MU')).toBe(false);
  expect(messageTypeAllowed('SM2DSA', 'DIGEST')).toBe(true);
});

test('an app using only symmetric keys never loads noble curves/hashes/post-quantum, asn1js or those engines', () => {
  const engineUrl = new URL('./engine.ts', import.meta.url).href;
  const script = `
    import { registerHooks } from 'node:module';
    const loaded = [];
    registerHooks({ resolve(specifier, context, next) { const r = next(specifier, context); loaded.push(r.url); return r; } });
    const engine = await import(${JSON.stringify(engineUrl)});
    const key = engine.randomBytes(32), iv = engine.randomBytes(12);
    await engine.aesGcmOpen(key, iv, await engine.aesGcmSeal(key, iv, new Uint8Array(10)));
    await engine.hmac('HMAC_SHA_512', key, new Uint8Array(10));
    await engine.generateKeyMaterial('HMAC_256');
    const symmetric = loaded.length;
    const pair = await engine.generateKeyMaterial('ECC_SECG_P256K1');
    await engine.sign('ECC_SECG_P256K1', pair.privateKey, 'ECDSA_SHA_256', new Uint8Array(1), 'RAW');
    console.log(JSON.stringify({ symmetric: loaded.slice(0, symmetric), all: loaded }));
  `;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const { symmetric, all } = JSON.parse(output) as { symmetric: string[]; all: string[] };
  // (@noble/ciphers is allowed: aes-gcm.ts uses it in Node instead of WebCrypto, never in browsers.)
  const lazy =
    /@noble\/(curves|hashes|post-quantum)|asn1js|secp256k1\.ts|sm2\.ts|ml-dsa\.ts|ml-kem\.ts|spki\.ts|pkcs8\.ts|ecdsa-der\.ts/;
  expect(symmetric.length).toBeGreaterThan(5);
  expect(symmetric.filter((url) => lazy.test(url))).toEqual([]);
  // The hook does see the lazy modules once an asymmetric non-WebCrypto key is used.
  expect(all.some((url) => url.includes('@noble/curves'))).toBe(true);
  expect(all.some((url) => url.includes('asn1js'))).toBe(true);
});
