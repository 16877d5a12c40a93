/**
 * Key specs the create form offers. Symmetric only for now; add entries (RSA_2048 / SIGN_VERIFY,
 * ECC_NIST_P256, HMAC_256 / GENERATE_VERIFY_MAC, …) as the emulator grows; the form renders every entry.
 * https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html
 */
import type { KeySpec, KeyUsageType } from '@aws-sdk/client-kms';

export interface KeySpecOption {
  spec: KeySpec;
  usage: KeyUsageType;
  label: string;
}

export const KEY_SPEC_OPTIONS: readonly KeySpecOption[] = [
  {
    spec: 'SYMMETRIC_DEFAULT',
    usage: 'ENCRYPT_DECRYPT',
    label: 'Symmetric (AES-256-GCM) — encrypt and decrypt',
  },
];
