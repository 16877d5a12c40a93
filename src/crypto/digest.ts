// SHA-2 digests through WebCrypto, and the hash that each signing / encryption / MAC algorithm uses.

import { buf } from './bytes.ts';
import type { EncryptionAlgorithmSpec, MacAlgorithmSpec, ShaHash, SigningAlgorithmSpec } from './specs.ts';

/** SHA-1/256/384/512 through crypto.subtle (SHA-224 is not in WebCrypto; see hmac.ts). */
export async function sha(
  hash: Exclude<ShaHash, 'SHA-224'>,
  data: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await globalThis.crypto.subtle.digest(hash, buf(data)));
}

/** The SHA-2 hash of an RSA or ECDSA signing algorithm. */
export function signingHash(
  algorithm: Exclude<
    SigningAlgorithmSpec,
    'ED25519_SHA_512' | 'ED25519_PH_SHA_512' | 'ML_DSA_SHAKE_256' | 'SM2DSA'
  >,
): 'SHA-256' | 'SHA-384' | 'SHA-512' {
  switch (algorithm) {
    case 'RSASSA_PSS_SHA_256':
    case 'RSASSA_PKCS1_V1_5_SHA_256':
    case 'ECDSA_SHA_256':
      return 'SHA-256';
    case 'RSASSA_PSS_SHA_384':
    case 'RSASSA_PKCS1_V1_5_SHA_384':
    case 'ECDSA_SHA_384':
      return 'SHA-384';
    case 'RSASSA_PSS_SHA_512':
    case 'RSASSA_PKCS1_V1_5_SHA_512':
    case 'ECDSA_SHA_512':
      return 'SHA-512';
  }
}

/** The OAEP hash (also used for MGF1) of an RSA encryption algorithm. */
export function oaepHash(
  algorithm: Extract<EncryptionAlgorithmSpec, `RSAES_${string}`>,
): 'SHA-1' | 'SHA-256' {
  switch (algorithm) {
    case 'RSAES_OAEP_SHA_1':
      return 'SHA-1';
    case 'RSAES_OAEP_SHA_256':
      return 'SHA-256';
  }
}

export function macHash(algorithm: MacAlgorithmSpec): 'SHA-224' | 'SHA-256' | 'SHA-384' | 'SHA-512' {
  switch (algorithm) {
    case 'HMAC_SHA_224':
      return 'SHA-224';
    case 'HMAC_SHA_256':
      return 'SHA-256';
    case 'HMAC_SHA_384':
      return 'SHA-384';
    case 'HMAC_SHA_512':
      return 'SHA-512';
  }
}

export function hashLength(hash: ShaHash): number {
  switch (hash) {
    case 'SHA-1':
      return 20;
    case 'SHA-224':
      return 28;
    case 'SHA-256':
      return 32;
    case 'SHA-384':
      return 48;
    case 'SHA-512':
      return 64;
  }
}
