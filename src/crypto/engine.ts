// The crypto engine facade used by the domain layer: one engine per key-spec family, bytes in, bytes out.
// familyOf() picks the family with an exhaustive switch on KeySpec. WebCrypto families (AES-GCM, HMAC, RSA,
// NIST ECC, Ed25519) are imported statically; secp256k1, SM2, ML-DSA and ML-KEM (noble + asn1js) are loaded
// with dynamic import() on first use, so an app that only uses symmetric keys never downloads them.

import { aesGcmOpen, aesGcmSeal } from './aes-gcm.ts';
import {
  ecdhDerive,
  ecdsaSign,
  ecdsaVerify,
  ecPublicKeyFromPrivate,
  ecValidatePublicKey,
  generateEcKeyPair,
} from './ecc.ts';
import type { EcdsaAlgorithm } from './ecc.ts';
import {
  ed25519PublicKeyFromPrivate,
  ed25519Sign,
  ed25519ValidatePublicKey,
  ed25519Verify,
  generateEd25519KeyPair,
} from './ed25519.ts';
import type { Ed25519Algorithm } from './ed25519.ts';
import { InvalidInputError, UnsupportedAlgorithmError } from './errors.ts';
import { hmac, hmacVerify } from './hmac.ts';
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
} from './rsa.ts';
import type { RsaEncryptionAlgorithm, RsaSigningAlgorithm } from './rsa.ts';
import {
  digestLength,
  ENCRYPTION_ALGORITHMS,
  messageTypeAllowed,
  SECRET_LENGTH,
  SIGNING_ALGORITHMS,
} from './specs.ts';
import type {
  EncryptionAlgorithmSpec,
  HmacKeySpec,
  KeySpec,
  MessageType,
  MlDsaKeySpec,
  MlKemKeySpec,
  NistCurveKeySpec,
  RsaKeySpec,
  SigningAlgorithmSpec,
} from './specs.ts';

export { aesGcmOpen, aesGcmSeal, hmac, hmacVerify, randomBytes };
export * from './errors.ts';
export * from './specs.ts';

export type SecretKeyMaterial = { secret: Uint8Array };
export type KeyPairMaterial = { privateKey: Uint8Array; publicKey: Uint8Array };
export type KeyMaterial = SecretKeyMaterial | KeyPairMaterial;

export type Family =
  | { family: 'symmetric'; spec: 'SYMMETRIC_DEFAULT' }
  | { family: 'hmac'; spec: HmacKeySpec }
  | { family: 'rsa'; spec: RsaKeySpec }
  | { family: 'nist-ecc'; spec: NistCurveKeySpec }
  | { family: 'secp256k1'; spec: 'ECC_SECG_P256K1' }
  | { family: 'ed25519'; spec: 'ECC_NIST_EDWARDS25519' }
  | { family: 'ml-dsa'; spec: MlDsaKeySpec }
  | { family: 'ml-kem'; spec: MlKemKeySpec }
  | { family: 'sm2'; spec: 'SM2' };

/** The engine family of a key spec (exhaustive, no default). */
export function familyOf(spec: KeySpec): Family {
  switch (spec) {
    case 'SYMMETRIC_DEFAULT':
      return { family: 'symmetric', spec };
    case 'HMAC_224':
    case 'HMAC_256':
    case 'HMAC_384':
    case 'HMAC_512':
      return { family: 'hmac', spec };
    case 'RSA_2048':
    case 'RSA_3072':
    case 'RSA_4096':
      return { family: 'rsa', spec };
    case 'ECC_NIST_P256':
    case 'ECC_NIST_P384':
    case 'ECC_NIST_P521':
      return { family: 'nist-ecc', spec };
    case 'ECC_SECG_P256K1':
      return { family: 'secp256k1', spec };
    case 'ECC_NIST_EDWARDS25519':
      return { family: 'ed25519', spec };
    case 'ML_DSA_44':
    case 'ML_DSA_65':
    case 'ML_DSA_87':
      return { family: 'ml-dsa', spec };
    case 'ML_KEM_512':
    case 'ML_KEM_768':
    case 'ML_KEM_1024':
      return { family: 'ml-kem', spec };
    case 'SM2':
      return { family: 'sm2', spec };
  }
}

const secp256k1 = () => import('./secp256k1.ts');
const sm2 = () => import('./sm2.ts');
const mlDsa = () => import('./ml-dsa.ts');
const mlKem = () => import('./ml-kem.ts');

function unsupported(spec: KeySpec, what: string): never {
  throw new UnsupportedAlgorithmError(`${spec} keys do not support ${what}`);
}

/** New key material: random secret bytes for symmetric specs, PKCS#8 + SPKI DER for key pairs. */
export async function generateKeyMaterial(spec: KeySpec): Promise<KeyMaterial> {
  const f = familyOf(spec);
  switch (f.family) {
    case 'symmetric':
    case 'hmac':
      return { secret: randomBytes(SECRET_LENGTH[f.spec]) };
    case 'rsa':
      return generateRsaKeyPair(f.spec);
    case 'nist-ecc':
      return generateEcKeyPair(f.spec);
    case 'ed25519':
      return generateEd25519KeyPair();
    case 'secp256k1':
      return (await secp256k1()).generateKeyPair();
    case 'sm2':
      return (await sm2()).generateKeyPair();
    case 'ml-dsa':
      return (await mlDsa()).generateKeyPair(f.spec);
    case 'ml-kem':
      return (await mlKem()).generateKeyPair(f.spec);
  }
}

/**
 * The SPKI (DER) of a PKCS#8 private key of the given spec. Throws InvalidKeyMaterialError when the PKCS#8 is
 * malformed, of another algorithm or curve, of another RSA size, or inconsistent with an embedded public key.
 */
export async function publicKeyFromPrivate(spec: KeySpec, pkcs8: Uint8Array): Promise<Uint8Array> {
  const f = familyOf(spec);
  switch (f.family) {
    case 'symmetric':
    case 'hmac':
      return unsupported(spec, 'public keys');
    case 'rsa':
      return rsaPublicKeyFromPrivate(f.spec, pkcs8);
    case 'nist-ecc':
      return ecPublicKeyFromPrivate(f.spec, pkcs8);
    case 'ed25519':
      return ed25519PublicKeyFromPrivate(pkcs8);
    case 'secp256k1':
      return (await secp256k1()).publicKeyFromPrivate(pkcs8);
    case 'sm2':
      return (await sm2()).publicKeyFromPrivate(pkcs8);
    case 'ml-dsa':
      return (await mlDsa()).publicKeyFromPrivate(f.spec, pkcs8);
    case 'ml-kem':
      return (await mlKem()).publicKeyFromPrivate(f.spec, pkcs8);
  }
}

/** True when `spki` is a DER SubjectPublicKeyInfo holding a valid public key of the spec (curve, size). */
export async function validatePublicKey(spec: KeySpec, spki: Uint8Array): Promise<boolean> {
  const f = familyOf(spec);
  switch (f.family) {
    case 'symmetric':
    case 'hmac':
      return false;
    case 'rsa':
      return rsaValidatePublicKey(f.spec, spki);
    case 'nist-ecc':
      return ecValidatePublicKey(f.spec, spki);
    case 'ed25519':
      return ed25519ValidatePublicKey(spki);
    case 'secp256k1':
      return (await secp256k1()).validatePublicKey(spki);
    case 'sm2':
      return (await sm2()).validatePublicKey(spki);
    case 'ml-dsa':
      return (await mlDsa()).validatePublicKey(f.spec, spki);
    case 'ml-kem':
      return (await mlKem()).validatePublicKey(f.spec, spki);
  }
}

/**
 * Largest plaintext (bytes) for Encrypt: SYMMETRIC_DEFAULT 4096; RSA OAEP k − 2·hLen − 2 (RSA_2048: SHA-1
 * 214, SHA-256 190; RSA_3072: 342 / 318; RSA_4096: 470 / 446); SM2PKE 1024.
 */
export function maxPlaintextLength(spec: KeySpec, algorithm: EncryptionAlgorithmSpec): number {
  checkEncryption(spec, algorithm);
  const f = familyOf(spec);
  switch (f.family) {
    case 'symmetric':
      return 4096;
    case 'rsa':
      return rsaMaxPlaintextLength(f.spec, algorithm as RsaEncryptionAlgorithm);
    case 'sm2':
      return 1024;
    case 'hmac':
    case 'nist-ecc':
    case 'secp256k1':
    case 'ed25519':
    case 'ml-dsa':
    case 'ml-kem':
      return unsupported(spec, algorithm);
  }
}

/** Public-key encryption (RSAES_OAEP_SHA_1/256, SM2PKE). Throws InvalidInputError if the plaintext is too long. */
export async function asymmetricEncrypt(
  spec: KeySpec,
  spki: Uint8Array,
  algorithm: EncryptionAlgorithmSpec,
  plaintext: Uint8Array,
): Promise<Uint8Array> {
  const max = maxPlaintextLength(spec, algorithm);
  if (plaintext.length > max) throw new InvalidInputError(`plaintext is longer than ${max} bytes`);
  const f = familyOf(spec);
  switch (f.family) {
    case 'rsa':
      return rsaEncrypt(f.spec, spki, algorithm as RsaEncryptionAlgorithm, plaintext);
    case 'sm2':
      return (await sm2()).encrypt(spki, plaintext);
    case 'symmetric':
    case 'hmac':
    case 'nist-ecc':
    case 'secp256k1':
    case 'ed25519':
    case 'ml-dsa':
    case 'ml-kem':
      return unsupported(spec, `asymmetric ${algorithm}`);
  }
}

/** Private-key decryption; null when the ciphertext does not decrypt (never throws for bad ciphertext). */
export async function asymmetricDecrypt(
  spec: KeySpec,
  pkcs8: Uint8Array,
  algorithm: EncryptionAlgorithmSpec,
  ciphertext: Uint8Array,
): Promise<Uint8Array | null> {
  checkEncryption(spec, algorithm);
  const f = familyOf(spec);
  switch (f.family) {
    case 'rsa':
      return rsaDecrypt(f.spec, pkcs8, algorithm as RsaEncryptionAlgorithm, ciphertext);
    case 'sm2':
      return (await sm2()).decrypt(pkcs8, ciphertext);
    case 'symmetric':
    case 'hmac':
    case 'nist-ecc':
    case 'secp256k1':
    case 'ed25519':
    case 'ml-dsa':
    case 'ml-kem':
      return unsupported(spec, `asymmetric ${algorithm}`);
  }
}

/**
 * Signs. RAW: the algorithm hashes the message. DIGEST: the message is the digest (digestLength(algorithm)
 * bytes) and is signed without hashing again. EXTERNAL_MU (ML-DSA only): the message is the 64-byte μ.
 */
export async function sign(
  spec: KeySpec,
  pkcs8: Uint8Array,
  algorithm: SigningAlgorithmSpec,
  message: Uint8Array,
  messageType: MessageType,
): Promise<Uint8Array> {
  checkSigning(spec, algorithm, messageType, message);
  const f = familyOf(spec);
  switch (f.family) {
    case 'rsa':
      return rsaSign(
        f.spec,
        pkcs8,
        algorithm as RsaSigningAlgorithm,
        message,
        messageType as 'RAW' | 'DIGEST',
      );
    case 'nist-ecc':
      return ecdsaSign(f.spec, pkcs8, algorithm as EcdsaAlgorithm, message, messageType as 'RAW' | 'DIGEST');
    case 'secp256k1':
      return (await secp256k1()).sign(pkcs8, message, messageType as 'RAW' | 'DIGEST');
    case 'ed25519':
      return ed25519Sign(pkcs8, algorithm as Ed25519Algorithm, message);
    case 'ml-dsa':
      return (await mlDsa()).sign(f.spec, pkcs8, message, messageType as 'RAW' | 'EXTERNAL_MU');
    case 'sm2':
      return (await sm2()).sign(pkcs8, message, messageType as 'RAW' | 'DIGEST');
    case 'symmetric':
    case 'hmac':
    case 'ml-kem':
      return unsupported(spec, 'signing');
  }
}

/** Verifies a signature made by sign() (or any standard implementation); false when it does not verify. */
export async function verify(
  spec: KeySpec,
  spki: Uint8Array,
  algorithm: SigningAlgorithmSpec,
  message: Uint8Array,
  messageType: MessageType,
  signature: Uint8Array,
): Promise<boolean> {
  checkSigning(spec, algorithm, messageType, message);
  const f = familyOf(spec);
  switch (f.family) {
    case 'rsa':
      return rsaVerify(
        f.spec,
        spki,
        algorithm as RsaSigningAlgorithm,
        message,
        messageType as 'RAW' | 'DIGEST',
        signature,
      );
    case 'nist-ecc':
      return ecdsaVerify(
        f.spec,
        spki,
        algorithm as EcdsaAlgorithm,
        message,
        messageType as 'RAW' | 'DIGEST',
        signature,
      );
    case 'secp256k1':
      return (await secp256k1()).verify(spki, message, messageType as 'RAW' | 'DIGEST', signature);
    case 'ed25519':
      return ed25519Verify(spki, algorithm as Ed25519Algorithm, message, signature);
    case 'ml-dsa':
      return (await mlDsa()).verify(f.spec, spki, message, messageType as 'RAW' | 'EXTERNAL_MU', signature);
    case 'sm2':
      return (await sm2()).verify(spki, message, messageType as 'RAW' | 'DIGEST', signature);
    case 'symmetric':
    case 'hmac':
    case 'ml-kem':
      return unsupported(spec, 'signing');
  }
}

/**
 * ECDH (KeyAgreementAlgorithm ECDH): the raw shared x-coordinate with the peer's SPKI. Throws
 * InvalidPeerKeyError when the peer key is not a valid SPKI on the same curve.
 */
export async function deriveSharedSecret(
  spec: KeySpec,
  pkcs8: Uint8Array,
  peerSpki: Uint8Array,
): Promise<Uint8Array> {
  const f = familyOf(spec);
  switch (f.family) {
    case 'nist-ecc':
      return ecdhDerive(f.spec, pkcs8, peerSpki);
    case 'sm2':
      return (await sm2()).deriveSharedSecret(pkcs8, peerSpki);
    case 'symmetric':
    case 'hmac':
    case 'rsa':
    case 'secp256k1':
    case 'ed25519':
    case 'ml-dsa':
    case 'ml-kem':
      return unsupported(spec, 'key agreement');
  }
}

/** ML-KEM encapsulation to the key's SPKI: a ciphertext and the 32-byte shared secret. */
export async function mlKemEncapsulate(
  spec: KeySpec,
  spki: Uint8Array,
): Promise<{ ciphertext: Uint8Array; sharedSecret: Uint8Array }> {
  const f = familyOf(spec);
  if (f.family !== 'ml-kem') return unsupported(spec, 'key encapsulation');
  return (await mlKem()).encapsulate(f.spec, spki);
}

/** ML-KEM decapsulation; null when the ciphertext has the wrong length (implicit rejection otherwise). */
export async function mlKemDecapsulate(
  spec: KeySpec,
  pkcs8: Uint8Array,
  ciphertext: Uint8Array,
): Promise<Uint8Array | null> {
  const f = familyOf(spec);
  if (f.family !== 'ml-kem') return unsupported(spec, 'key encapsulation');
  return (await mlKem()).decapsulate(f.spec, pkcs8, ciphertext);
}

function checkEncryption(spec: KeySpec, algorithm: EncryptionAlgorithmSpec): void {
  if (!ENCRYPTION_ALGORITHMS[spec].includes(algorithm)) unsupported(spec, algorithm);
}

function checkSigning(
  spec: KeySpec,
  algorithm: SigningAlgorithmSpec,
  messageType: MessageType,
  message: Uint8Array,
): void {
  if (!SIGNING_ALGORITHMS[spec].includes(algorithm)) unsupported(spec, algorithm);
  if (!messageTypeAllowed(algorithm, messageType)) {
    throw new UnsupportedAlgorithmError(`${algorithm} does not accept MessageType ${messageType}`);
  }
  if (messageType !== 'RAW' && message.length !== digestLength(algorithm)) {
    throw new InvalidInputError(
      `${algorithm} ${messageType} message must be ${digestLength(algorithm)} bytes`,
    );
  }
}
