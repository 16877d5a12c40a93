/**
 * Key specs the create form offers: every spec available in the console's Region with each key usage AWS allows
 * for it (SM2 exists only in the China Regions).
 * https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html
 */
import type { KeySpec, KeyUsageType } from '@aws-sdk/client-kms';

export interface KeySpecOption {
  spec: KeySpec;
  usage: KeyUsageType;
  label: string;
}

const option = (spec: KeySpec, usage: KeyUsageType, label: string): KeySpecOption => ({ spec, usage, label });

export const KEY_SPEC_OPTIONS: readonly KeySpecOption[] = [
  option('SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT', 'Symmetric (AES-256-GCM) — encrypt and decrypt'),
  ...(['RSA_2048', 'RSA_3072', 'RSA_4096'] as const).flatMap((spec) => [
    option(spec, 'ENCRYPT_DECRYPT', `${spec} — encrypt and decrypt (OAEP)`),
    option(spec, 'SIGN_VERIFY', `${spec} — sign and verify`),
  ]),
  ...(['ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521'] as const).flatMap((spec) => [
    option(spec, 'SIGN_VERIFY', `${spec} — sign and verify (ECDSA)`),
    option(spec, 'KEY_AGREEMENT', `${spec} — key agreement (ECDH)`),
  ]),
  option('ECC_SECG_P256K1', 'SIGN_VERIFY', 'ECC_SECG_P256K1 — sign and verify (secp256k1)'),
  option('ECC_NIST_EDWARDS25519', 'SIGN_VERIFY', 'ECC_NIST_EDWARDS25519 — sign and verify (Ed25519)'),
  ...(['HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512'] as const).map((spec) =>
    option(spec, 'GENERATE_VERIFY_MAC', `${spec} — generate and verify MACs`),
  ),
  ...(['ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87'] as const).map((spec) =>
    option(spec, 'SIGN_VERIFY', `${spec} — sign and verify (post-quantum)`),
  ),
  ...(['ML_KEM_512', 'ML_KEM_768', 'ML_KEM_1024'] as const).map((spec) =>
    option(spec, 'ENCAPSULATE_DECAPSULATE', `${spec} — encapsulate and decapsulate (post-quantum)`),
  ),
];
