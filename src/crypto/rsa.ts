// RSA_2048 / RSA_3072 / RSA_4096 through WebCrypto: key generation, RSAES-OAEP (SHA-1 or SHA-256, MGF1 with
// the same hash, empty label), RSASSA-PSS (salt length = digest length) and RSASSA-PKCS1-v1_5 over RAW
// messages. DIGEST messages go to rsa-digest.ts (BigInt, loaded lazily). Imported keys are cached.

import { buf, fromBase64Url } from './bytes.ts';
import { hashLength, oaepHash, signingHash } from './digest.ts';
import { InvalidInputError, InvalidKeyMaterialError } from './errors.ts';
import { KeyCache } from './key-cache.ts';
import type { RsaPrivateComponents, RsaPublicComponents } from './rsa-digest.ts';
import type { EncryptionAlgorithmSpec, RsaKeySpec, SigningAlgorithmSpec } from './specs.ts';
import { nodeCrypto, nodeOaepDecrypt, nodeOaepEncrypt, nodeSign, nodeVerify } from './node-crypto.ts';
import { importKey, subtle } from './subtle.ts';

export type RsaEncryptionAlgorithm = Extract<EncryptionAlgorithmSpec, `RSAES_${string}`>;
export type RsaSigningAlgorithm = Extract<SigningAlgorithmSpec, `RSASSA_${string}`>;

const cryptoKeys = new KeyCache<CryptoKey>();
const privateComponents = new KeyCache<RsaPrivateComponents>(64);
const publicComponents = new KeyCache<RsaPublicComponents>(64);

export function modulusBits(spec: RsaKeySpec): number {
  switch (spec) {
    case 'RSA_2048':
      return 2048;
    case 'RSA_3072':
      return 3072;
    case 'RSA_4096':
      return 4096;
  }
}

/** Maximum OAEP plaintext: k - 2·hLen - 2 (RSA_2048: 214 / 190 bytes for SHA-1 / SHA-256). */
export function rsaMaxPlaintextLength(spec: RsaKeySpec, algorithm: RsaEncryptionAlgorithm): number {
  return modulusBits(spec) / 8 - 2 * hashLength(oaepHash(algorithm)) - 2;
}

export async function generateRsaKeyPair(
  spec: RsaKeySpec,
): Promise<{ privateKey: Uint8Array; publicKey: Uint8Array }> {
  const pair = await subtle().generateKey(
    {
      name: 'RSA-PSS',
      modulusLength: modulusBits(spec),
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  );
  const [privateKey, publicKey] = await Promise.all([
    subtle().exportKey('pkcs8', pair.privateKey),
    subtle().exportKey('spki', pair.publicKey),
  ]);
  return { privateKey: new Uint8Array(privateKey), publicKey: new Uint8Array(publicKey) };
}

/** Derives the SPKI of an RSA PKCS#8 key; throws InvalidKeyMaterialError if malformed or the wrong size. */
export async function rsaPublicKeyFromPrivate(spec: RsaKeySpec, pkcs8: Uint8Array): Promise<Uint8Array> {
  let jwk: JsonWebKey;
  try {
    const key = await importKey('pkcs8', buf(pkcs8), { name: 'RSA-PSS', hash: 'SHA-256' }, true, ['sign']);
    jwk = await subtle().exportKey('jwk', key);
  } catch (cause) {
    throw new InvalidKeyMaterialError('not an RSA PKCS#8 private key', { cause });
  }
  checkModulus(spec, jwk);
  const publicKey = await importKey(
    'jwk',
    { kty: 'RSA', n: jwk.n, e: jwk.e, ext: true },
    { name: 'RSA-PSS', hash: 'SHA-256' },
    true,
    ['verify'],
  );
  return new Uint8Array(await subtle().exportKey('spki', publicKey));
}

/** True when the SPKI is an RSA public key of the spec's modulus size. */
export async function rsaValidatePublicKey(spec: RsaKeySpec, spki: Uint8Array): Promise<boolean> {
  try {
    const key = await importKey('spki', buf(spki), { name: 'RSA-PSS', hash: 'SHA-256' }, true, ['verify']);
    checkModulus(spec, await subtle().exportKey('jwk', key));
    return true;
  } catch {
    return false;
  }
}

export async function rsaEncrypt(
  spec: RsaKeySpec,
  spki: Uint8Array,
  algorithm: RsaEncryptionAlgorithm,
  plaintext: Uint8Array,
): Promise<Uint8Array> {
  if (plaintext.length > rsaMaxPlaintextLength(spec, algorithm)) {
    throw new InvalidInputError(`plaintext longer than ${rsaMaxPlaintextLength(spec, algorithm)} bytes`);
  }
  const hash = oaepHash(algorithm);
  if (nodeCrypto) return nodeOaepEncrypt(nodeCrypto, spki, hash, plaintext);
  const key = await cryptoKeys.get(`OAEP-${hash}-public`, spki, () =>
    importKey('spki', buf(spki), { name: 'RSA-OAEP', hash }, false, ['encrypt']),
  );
  return new Uint8Array(await subtle().encrypt({ name: 'RSA-OAEP' }, key, buf(plaintext)));
}

/** OAEP decryption; null when the ciphertext does not decrypt under this key and algorithm. */
export async function rsaDecrypt(
  _spec: RsaKeySpec,
  pkcs8: Uint8Array,
  algorithm: RsaEncryptionAlgorithm,
  ciphertext: Uint8Array,
): Promise<Uint8Array | null> {
  const hash = oaepHash(algorithm);
  if (nodeCrypto) return nodeOaepDecrypt(nodeCrypto, pkcs8, hash, ciphertext);
  const key = await cryptoKeys.get(`OAEP-${hash}-private`, pkcs8, () =>
    importKey('pkcs8', buf(pkcs8), { name: 'RSA-OAEP', hash }, false, ['decrypt']),
  );
  try {
    return new Uint8Array(await subtle().decrypt({ name: 'RSA-OAEP' }, key, buf(ciphertext)));
  } catch {
    return null;
  }
}

export async function rsaSign(
  _spec: RsaKeySpec,
  pkcs8: Uint8Array,
  algorithm: RsaSigningAlgorithm,
  message: Uint8Array,
  messageType: 'RAW' | 'DIGEST',
): Promise<Uint8Array> {
  const hash = signingHash(algorithm);
  const pss = algorithm.startsWith('RSASSA_PSS_');
  if (messageType === 'DIGEST') {
    const digest = await import('./rsa-digest.ts');
    const key = await privateComponents.get('jwk', pkcs8, async () => {
      const imported = await importKey('pkcs8', buf(pkcs8), { name: 'RSA-PSS', hash: 'SHA-256' }, true, [
        'sign',
      ]);
      return digest.privateFromJwk(await subtle().exportKey('jwk', imported));
    });
    return pss ? digest.signDigestPss(key, hash, message) : digest.signDigestPkcs1(key, hash, message);
  }
  if (nodeCrypto) {
    return nodeSign(nodeCrypto, pkcs8, message, {
      hash,
      padding: pss ? 'pss' : 'pkcs1',
      saltLength: pss ? hashLength(hash) : undefined,
    });
  }
  const name = pss ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5';
  const key = await cryptoKeys.get(`${name}-${hash}-private`, pkcs8, () =>
    importKey('pkcs8', buf(pkcs8), { name, hash }, false, ['sign']),
  );
  const params = pss ? { name, saltLength: hashLength(hash) } : { name };
  return new Uint8Array(await subtle().sign(params, key, buf(message)));
}

export async function rsaVerify(
  _spec: RsaKeySpec,
  spki: Uint8Array,
  algorithm: RsaSigningAlgorithm,
  message: Uint8Array,
  messageType: 'RAW' | 'DIGEST',
  signature: Uint8Array,
): Promise<boolean> {
  const hash = signingHash(algorithm);
  const pss = algorithm.startsWith('RSASSA_PSS_');
  if (messageType === 'DIGEST') {
    const digest = await import('./rsa-digest.ts');
    const key = await publicComponents.get('jwk', spki, async () => {
      const imported = await importKey('spki', buf(spki), { name: 'RSA-PSS', hash: 'SHA-256' }, true, [
        'verify',
      ]);
      return digest.publicFromJwk(await subtle().exportKey('jwk', imported));
    });
    return pss
      ? digest.verifyDigestPss(key, hash, message, signature)
      : digest.verifyDigestPkcs1(key, hash, message, signature);
  }
  if (nodeCrypto) {
    return nodeVerify(nodeCrypto, spki, message, signature, {
      hash,
      padding: pss ? 'pss' : 'pkcs1',
      saltLength: pss ? hashLength(hash) : undefined,
    });
  }
  const name = pss ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5';
  const key = await cryptoKeys.get(`${name}-${hash}-public`, spki, () =>
    importKey('spki', buf(spki), { name, hash }, false, ['verify']),
  );
  const params = pss ? { name, saltLength: hashLength(hash) } : { name };
  try {
    return await subtle().verify(params, key, buf(signature), buf(message));
  } catch {
    return false;
  }
}

function checkModulus(spec: RsaKeySpec, jwk: JsonWebKey): void {
  const n = jwk.n === undefined ? new Uint8Array(0) : fromBase64Url(jwk.n);
  let bits = n.length * 8;
  for (let i = 0; i < n.length && n[i] === 0; i++) bits -= 8;
  const first = n.find((byte) => byte !== 0) ?? 0;
  bits -= Math.clz32(first) - 24;
  if (bits !== modulusBits(spec)) {
    throw new InvalidKeyMaterialError(`RSA modulus is ${bits} bits, ${spec} needs ${modulusBits(spec)}`);
  }
}
