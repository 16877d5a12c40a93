import { constants, createCipheriv, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import { expect, test } from 'vitest';
import { asymmetricEncrypt } from './engine.ts';
import { generateWrappingKeyPair, unwrapKeyMaterial, wrappingFits } from './import-wrapping.ts';

const material = new Uint8Array(randomBytes(48));
const pair = await generateWrappingKeyPair('RSA_2048');
const publicKey = createPublicKey({ key: Buffer.from(pair.publicKey), format: 'der', type: 'spki' });
const oaep = (data: Uint8Array, oaepHash: string) =>
  publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, data);

function aesWrapped(aesKey: Uint8Array, oaepHash: string): Uint8Array {
  const cipher = createCipheriv(
    `id-aes${aesKey.length * 8}-wrap-pad`,
    aesKey,
    Buffer.from('A65959A6', 'hex'),
  );
  return Buffer.concat([oaep(aesKey, oaepHash), cipher.update(material), cipher.final()]);
}

test('unwraps RSAES_OAEP_SHA_1/256 and RSA_AES_KEY_WRAP_SHA_1/256 as OpenSSL wraps them', async () => {
  expect(
    await unwrapKeyMaterial('RSA_2048', pair.privateKey, 'RSAES_OAEP_SHA_1', oaep(material, 'sha1')),
  ).toEqual(material);
  expect(
    await unwrapKeyMaterial('RSA_2048', pair.privateKey, 'RSAES_OAEP_SHA_256', oaep(material, 'sha256')),
  ).toEqual(material);
  const aesKey = randomBytes(32);
  expect(
    await unwrapKeyMaterial(
      'RSA_2048',
      pair.privateKey,
      'RSA_AES_KEY_WRAP_SHA_1',
      aesWrapped(aesKey, 'sha1'),
    ),
  ).toEqual(material);
  expect(
    await unwrapKeyMaterial(
      'RSA_2048',
      pair.privateKey,
      'RSA_AES_KEY_WRAP_SHA_256',
      aesWrapped(aesKey, 'sha256'),
    ),
  ).toEqual(material);
});

test('answers null for the wrong hash, a 128-bit AES key, a damaged wrap, a retired or unfitting algorithm', async () => {
  const aesKey = randomBytes(32);
  expect(
    await unwrapKeyMaterial(
      'RSA_2048',
      pair.privateKey,
      'RSA_AES_KEY_WRAP_SHA_256',
      aesWrapped(aesKey, 'sha1'),
    ),
  ).toBeNull();
  expect(
    await unwrapKeyMaterial(
      'RSA_2048',
      pair.privateKey,
      'RSA_AES_KEY_WRAP_SHA_1',
      aesWrapped(randomBytes(16), 'sha1'),
    ),
  ).toBeNull();
  const damaged = aesWrapped(aesKey, 'sha1');
  damaged[damaged.length - 1]! ^= 1;
  expect(await unwrapKeyMaterial('RSA_2048', pair.privateKey, 'RSA_AES_KEY_WRAP_SHA_1', damaged)).toBeNull();
  expect(
    await unwrapKeyMaterial('RSA_2048', pair.privateKey, 'RSA_AES_KEY_WRAP_SHA_1', oaep(aesKey, 'sha1')),
  ).toBeNull();
  expect(
    await unwrapKeyMaterial('RSA_2048', pair.privateKey, 'RSAES_PKCS1_V1_5', oaep(material, 'sha1')),
  ).toBeNull();
  expect(await unwrapKeyMaterial('RSA_2048', pair.privateKey, 'SM2PKE', oaep(material, 'sha1'))).toBeNull();
});

test('SM2PKE goes with SM2 wrapping keys only', async () => {
  expect(wrappingFits('SM2', 'SM2PKE')).toBe(true);
  expect(wrappingFits('SM2', 'RSAES_OAEP_SHA_256')).toBe(false);
  expect(wrappingFits('RSA_4096', 'SM2PKE')).toBe(false);
  const sm2 = await generateWrappingKeyPair('SM2');
  const wrapped = await asymmetricEncrypt('SM2', sm2.publicKey, 'SM2PKE', material);
  expect(await unwrapKeyMaterial('SM2', sm2.privateKey, 'SM2PKE', wrapped)).toEqual(material);
});
