// Key specs and algorithm names of AWS KMS, and which algorithm fits which key spec.
// The spec and algorithm names are the generated types of the KMS model (src/api/generated/types.ts).
// https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html

import type {
  EncryptionAlgorithmSpec,
  KeySpec,
  MacAlgorithmSpec,
  MessageType,
  SigningAlgorithmSpec,
} from '../api/generated/types.ts';

export type { EncryptionAlgorithmSpec, KeySpec, MacAlgorithmSpec, MessageType, SigningAlgorithmSpec };

export type RsaKeySpec = 'RSA_2048' | 'RSA_3072' | 'RSA_4096';
export type NistCurveKeySpec = 'ECC_NIST_P256' | 'ECC_NIST_P384' | 'ECC_NIST_P521';
export type HmacKeySpec = 'HMAC_224' | 'HMAC_256' | 'HMAC_384' | 'HMAC_512';
export type MlDsaKeySpec = 'ML_DSA_44' | 'ML_DSA_65' | 'ML_DSA_87';
export type MlKemKeySpec = 'ML_KEM_512' | 'ML_KEM_768' | 'ML_KEM_1024';
/** Key specs whose material is a key pair (PKCS#8 private key, SPKI public key). */
export type AsymmetricKeySpec = Exclude<KeySpec, 'SYMMETRIC_DEFAULT' | HmacKeySpec>;
/** Key specs that DeriveSharedSecret accepts (KeyAgreementAlgorithm ECDH). */
export type KeyAgreementKeySpec = NistCurveKeySpec | 'SM2';
export type ShaHash = 'SHA-1' | 'SHA-224' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** Signing algorithms AWS KMS offers per key spec (empty for specs that cannot sign). */
export const SIGNING_ALGORITHMS: Readonly<Record<KeySpec, readonly SigningAlgorithmSpec[]>> = {
  SYMMETRIC_DEFAULT: [],
  RSA_2048: rsaSigning(),
  RSA_3072: rsaSigning(),
  RSA_4096: rsaSigning(),
  ECC_NIST_P256: ['ECDSA_SHA_256'],
  ECC_NIST_P384: ['ECDSA_SHA_384'],
  ECC_NIST_P521: ['ECDSA_SHA_512'],
  ECC_SECG_P256K1: ['ECDSA_SHA_256'],
  ECC_NIST_EDWARDS25519: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'],
  HMAC_224: [],
  HMAC_256: [],
  HMAC_384: [],
  HMAC_512: [],
  ML_DSA_44: ['ML_DSA_SHAKE_256'],
  ML_DSA_65: ['ML_DSA_SHAKE_256'],
  ML_DSA_87: ['ML_DSA_SHAKE_256'],
  ML_KEM_512: [],
  ML_KEM_768: [],
  ML_KEM_1024: [],
  SM2: ['SM2DSA'],
};

/** Encryption algorithms AWS KMS offers per key spec (empty for specs that cannot encrypt). */
export const ENCRYPTION_ALGORITHMS: Readonly<Record<KeySpec, readonly EncryptionAlgorithmSpec[]>> = {
  SYMMETRIC_DEFAULT: ['SYMMETRIC_DEFAULT'],
  RSA_2048: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'],
  RSA_3072: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'],
  RSA_4096: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'],
  ECC_NIST_P256: [],
  ECC_NIST_P384: [],
  ECC_NIST_P521: [],
  ECC_SECG_P256K1: [],
  ECC_NIST_EDWARDS25519: [],
  HMAC_224: [],
  HMAC_256: [],
  HMAC_384: [],
  HMAC_512: [],
  ML_DSA_44: [],
  ML_DSA_65: [],
  ML_DSA_87: [],
  ML_KEM_512: [],
  ML_KEM_768: [],
  ML_KEM_1024: [],
  SM2: ['SM2PKE'],
};

/** The MAC algorithm of each HMAC key spec. */
export const MAC_ALGORITHM: Readonly<Record<HmacKeySpec, MacAlgorithmSpec>> = {
  HMAC_224: 'HMAC_SHA_224',
  HMAC_256: 'HMAC_SHA_256',
  HMAC_384: 'HMAC_SHA_384',
  HMAC_512: 'HMAC_SHA_512',
};

/** Key specs that can derive shared secrets (ECDH). */
export const KEY_AGREEMENT_SPECS: readonly KeyAgreementKeySpec[] = [
  'ECC_NIST_P256',
  'ECC_NIST_P384',
  'ECC_NIST_P521',
  'SM2',
];

/** Size in bytes of the secret generated for the symmetric key specs (AES-256, HMAC key sizes per AWS). */
export const SECRET_LENGTH: Readonly<Record<'SYMMETRIC_DEFAULT' | HmacKeySpec, number>> = {
  SYMMETRIC_DEFAULT: 32,
  HMAC_224: 28,
  HMAC_256: 32,
  HMAC_384: 48,
  HMAC_512: 64,
};

/** Which MessageType values a signing algorithm accepts (AWS Sign API reference). */
export function messageTypeAllowed(algorithm: SigningAlgorithmSpec, messageType: MessageType): boolean {
  switch (algorithm) {
    case 'ED25519_SHA_512':
      return messageType === 'RAW';
    case 'ED25519_PH_SHA_512':
      return messageType === 'DIGEST';
    case 'ML_DSA_SHAKE_256':
      return messageType === 'RAW' || messageType === 'EXTERNAL_MU';
    case 'RSASSA_PSS_SHA_256':
    case 'RSASSA_PSS_SHA_384':
    case 'RSASSA_PSS_SHA_512':
    case 'RSASSA_PKCS1_V1_5_SHA_256':
    case 'RSASSA_PKCS1_V1_5_SHA_384':
    case 'RSASSA_PKCS1_V1_5_SHA_512':
    case 'ECDSA_SHA_256':
    case 'ECDSA_SHA_384':
    case 'ECDSA_SHA_512':
    case 'SM2DSA':
      return messageType === 'RAW' || messageType === 'DIGEST';
  }
}

/**
 * Length in bytes that Message must have when MessageType is DIGEST (or EXTERNAL_MU for ML-DSA: the 64-byte μ).
 * ED25519_SHA_512 accepts RAW only; its SHA-512 length is returned for uniformity.
 */
export function digestLength(algorithm: SigningAlgorithmSpec): number {
  switch (algorithm) {
    case 'RSASSA_PSS_SHA_256':
    case 'RSASSA_PKCS1_V1_5_SHA_256':
    case 'ECDSA_SHA_256':
    case 'SM2DSA':
      return 32;
    case 'RSASSA_PSS_SHA_384':
    case 'RSASSA_PKCS1_V1_5_SHA_384':
    case 'ECDSA_SHA_384':
      return 48;
    case 'RSASSA_PSS_SHA_512':
    case 'RSASSA_PKCS1_V1_5_SHA_512':
    case 'ECDSA_SHA_512':
    case 'ED25519_SHA_512':
    case 'ED25519_PH_SHA_512':
    case 'ML_DSA_SHAKE_256':
      return 64;
  }
}

function rsaSigning(): SigningAlgorithmSpec[] {
  return [
    'RSASSA_PSS_SHA_256',
    'RSASSA_PSS_SHA_384',
    'RSASSA_PSS_SHA_512',
    'RSASSA_PKCS1_V1_5_SHA_256',
    'RSASSA_PKCS1_V1_5_SHA_384',
    'RSASSA_PKCS1_V1_5_SHA_512',
  ];
}
