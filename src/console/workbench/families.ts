/**
 * The workbench's operation families and which keys each can use (AWS's key usage and key spec rules).
 * https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html
 */
import type { KeyMetadata } from '@aws-sdk/client-kms';

export type Family = 'encrypt' | 'data-key' | 'data-key-pair' | 'sign' | 'mac' | 'derive' | 'kem';

export const FAMILIES: { id: Family; label: string }[] = [
  { id: 'encrypt', label: 'Encrypt / decrypt' },
  { id: 'data-key', label: 'Data keys' },
  { id: 'data-key-pair', label: 'Data key pairs' },
  { id: 'sign', label: 'Sign / verify' },
  { id: 'mac', label: 'MAC' },
  { id: 'derive', label: 'Derive shared secret' },
  { id: 'kem', label: 'Encapsulate / decapsulate' },
];

export function usableFor(family: Family, key: KeyMetadata): boolean {
  if (key.KeyState !== 'Enabled') return false;
  const symmetric = key.KeySpec === 'SYMMETRIC_DEFAULT' && key.KeyUsage === 'ENCRYPT_DECRYPT';
  switch (family) {
    case 'encrypt':
      return key.KeyUsage === 'ENCRYPT_DECRYPT';
    case 'data-key':
    case 'data-key-pair':
      return symmetric;
    case 'sign':
      return key.KeyUsage === 'SIGN_VERIFY';
    case 'mac':
      return key.KeyUsage === 'GENERATE_VERIFY_MAC';
    case 'derive':
      return key.KeyUsage === 'KEY_AGREEMENT';
    case 'kem':
      return key.KeyUsage === 'ENCAPSULATE_DECAPSULATE';
  }
}
