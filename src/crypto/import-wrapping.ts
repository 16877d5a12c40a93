// The wrapping of imported key material (GetParametersForImport / ImportKeyMaterial): a fresh wrapping key pair,
// and unwrapping with its private key.
// - RSAES_OAEP_SHA_1 / RSAES_OAEP_SHA_256: the material is RSA-OAEP encrypted under the wrapping public key.
// - RSA_AES_KEY_WRAP_SHA_1 / RSA_AES_KEY_WRAP_SHA_256: a 256-bit AES key, RSA-OAEP encrypted under the wrapping public
//   key (as many bytes as the modulus), followed by the material wrapped under that AES key with AES-KWP (RFC 5649).
// - SM2PKE (China Regions): SM2 public-key encryption under an SM2 wrapping key.
// https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-encrypt-key-material.html

import type { AlgorithmSpec, WrappingKeySpec } from '../api/generated/types.ts';
import { aesKeyUnwrapPadded } from './aes-key-wrap.ts';
import { asymmetricDecrypt, generateKeyMaterial, type KeyPairMaterial } from './engine.ts';
import { modulusBits, rsaDecrypt } from './rsa.ts';

export type { AlgorithmSpec, WrappingKeySpec };

/** A new wrapping key pair of the spec: PKCS#8 private key and SPKI public key (DER). */
export async function generateWrappingKeyPair(spec: WrappingKeySpec): Promise<KeyPairMaterial> {
  return (await generateKeyMaterial(spec)) as KeyPairMaterial;
}

/** Whether the wrapping algorithm goes with the wrapping key spec (SM2PKE with SM2, every other with RSA). */
export function wrappingFits(spec: WrappingKeySpec, algorithm: AlgorithmSpec): boolean {
  return (spec === 'SM2') === (algorithm === 'SM2PKE');
}

/**
 * The key material in `wrapped`, unwrapped with the wrapping private key `pkcs8`; null when it does not unwrap (also
 * for the retired RSAES_PKCS1_V1_5, or an algorithm that does not fit the spec).
 */
export async function unwrapKeyMaterial(
  spec: WrappingKeySpec,
  pkcs8: Uint8Array,
  algorithm: AlgorithmSpec,
  wrapped: Uint8Array,
): Promise<Uint8Array | null> {
  if (!wrappingFits(spec, algorithm)) return null;
  switch (algorithm) {
    case 'RSAES_PKCS1_V1_5':
      return null;
    case 'RSAES_OAEP_SHA_1':
    case 'RSAES_OAEP_SHA_256':
    case 'SM2PKE':
      return asymmetricDecrypt(spec, pkcs8, algorithm, wrapped);
    case 'RSA_AES_KEY_WRAP_SHA_1':
    case 'RSA_AES_KEY_WRAP_SHA_256': {
      if (spec === 'SM2') return null;
      const split = modulusBits(spec) / 8;
      if (wrapped.length <= split) return null;
      const oaep = algorithm === 'RSA_AES_KEY_WRAP_SHA_1' ? 'RSAES_OAEP_SHA_1' : 'RSAES_OAEP_SHA_256';
      const aesKey = await rsaDecrypt(spec, pkcs8, oaep, wrapped.subarray(0, split));
      if (aesKey?.length !== 32) return null;
      return aesKeyUnwrapPadded(aesKey, wrapped.subarray(split));
    }
  }
}
