/**
 * What each KeySpec is for: the key usages AWS allows with it and the algorithms DescribeKey lists.
 * https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html
 */
import type {
  CustomerMasterKeySpec,
  EncapsulationAlgorithmSpec,
  EncryptionAlgorithmSpec,
  KeyAgreementAlgorithmSpec,
  KeySpec,
  KeyUsageType,
  MacAlgorithmSpec,
  SigningAlgorithmSpec,
} from '../api/generated/types.ts';
import { ValidationException } from '../api/protocol-errors.ts';

export interface KeySpecInfo {
  usages: readonly KeyUsageType[];
  encryption?: readonly EncryptionAlgorithmSpec[];
  signing?: readonly SigningAlgorithmSpec[];
  mac?: readonly MacAlgorithmSpec[];
  keyAgreement?: readonly KeyAgreementAlgorithmSpec[];
  encapsulation?: readonly EncapsulationAlgorithmSpec[];
  /** The deprecated CustomerMasterKeySpec that mirrors this KeySpec, when there is one. */
  customerMasterKeySpec?: CustomerMasterKeySpec;
  /** Only offered in the China Regions. */
  chinaOnly?: boolean;
}

const RSA_SIGNING = [
  'RSASSA_PKCS1_V1_5_SHA_256',
  'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512',
  'RSASSA_PSS_SHA_256',
  'RSASSA_PSS_SHA_384',
  'RSASSA_PSS_SHA_512',
] as const;
const RSA_ENCRYPTION = ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] as const;
const rsa = (cmk: CustomerMasterKeySpec): KeySpecInfo => ({
  usages: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'],
  encryption: RSA_ENCRYPTION,
  signing: RSA_SIGNING,
  customerMasterKeySpec: cmk,
});
const nist = (alg: SigningAlgorithmSpec, cmk: CustomerMasterKeySpec): KeySpecInfo => ({
  usages: ['SIGN_VERIFY', 'KEY_AGREEMENT'],
  signing: [alg],
  keyAgreement: ['ECDH'],
  customerMasterKeySpec: cmk,
});
const hmac = (alg: MacAlgorithmSpec, cmk: CustomerMasterKeySpec): KeySpecInfo => ({
  usages: ['GENERATE_VERIFY_MAC'],
  mac: [alg],
  customerMasterKeySpec: cmk,
});
const mlDsa: KeySpecInfo = { usages: ['SIGN_VERIFY'], signing: ['ML_DSA_SHAKE_256'] };
const mlKem: KeySpecInfo = { usages: ['ENCAPSULATE_DECAPSULATE'], encapsulation: ['ML_KEM'] };

export const KEY_SPECS: Readonly<Record<KeySpec, KeySpecInfo>> = {
  SYMMETRIC_DEFAULT: {
    usages: ['ENCRYPT_DECRYPT'],
    encryption: ['SYMMETRIC_DEFAULT'],
    customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
  },
  RSA_2048: rsa('RSA_2048'),
  RSA_3072: rsa('RSA_3072'),
  RSA_4096: rsa('RSA_4096'),
  ECC_NIST_P256: nist('ECDSA_SHA_256', 'ECC_NIST_P256'),
  ECC_NIST_P384: nist('ECDSA_SHA_384', 'ECC_NIST_P384'),
  ECC_NIST_P521: nist('ECDSA_SHA_512', 'ECC_NIST_P521'),
  ECC_SECG_P256K1: {
    usages: ['SIGN_VERIFY'],
    signing: ['ECDSA_SHA_256'],
    customerMasterKeySpec: 'ECC_SECG_P256K1',
  },
  ECC_NIST_EDWARDS25519: { usages: ['SIGN_VERIFY'], signing: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'] },
  HMAC_224: hmac('HMAC_SHA_224', 'HMAC_224'),
  HMAC_256: hmac('HMAC_SHA_256', 'HMAC_256'),
  HMAC_384: hmac('HMAC_SHA_384', 'HMAC_384'),
  HMAC_512: hmac('HMAC_SHA_512', 'HMAC_512'),
  ML_DSA_44: mlDsa,
  ML_DSA_65: mlDsa,
  ML_DSA_87: mlDsa,
  ML_KEM_512: mlKem,
  ML_KEM_768: mlKem,
  ML_KEM_1024: mlKem,
  SM2: {
    usages: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'KEY_AGREEMENT'],
    encryption: ['SM2PKE'],
    signing: ['SM2DSA'],
    keyAgreement: ['ECDH'],
    customerMasterKeySpec: 'SM2',
    chinaOnly: true,
  },
};

/** The algorithm lists DescribeKey shows for a key of this spec and usage (AWS lists only the usage's family). */
export function algorithmsFor(spec: KeySpec, usage: KeyUsageType) {
  const info = KEY_SPECS[spec];
  return {
    EncryptionAlgorithms: usage === 'ENCRYPT_DECRYPT' ? info.encryption : undefined,
    SigningAlgorithms: usage === 'SIGN_VERIFY' ? info.signing : undefined,
    MacAlgorithms: usage === 'GENERATE_VERIFY_MAC' ? info.mac : undefined,
    KeyAgreementAlgorithms: usage === 'KEY_AGREEMENT' ? info.keyAgreement : undefined,
    EncapsulationAlgorithms: usage === 'ENCAPSULATE_DECAPSULATE' ? info.encapsulation : undefined,
  };
}

export const isSymmetricEncryption = (spec: KeySpec): boolean => spec === 'SYMMETRIC_DEFAULT';
export const isHmac = (spec: KeySpec): boolean => spec.startsWith('HMAC_');

/** The KeyUsage a new key of `spec` gets in `region`: the requested one if the spec allows it. */
export function chooseKeyUsage(
  spec: KeySpec,
  requested: KeyUsageType | undefined,
  region: string,
): KeyUsageType {
  const info = KEY_SPECS[spec];
  if (info.chinaOnly && !region.startsWith('cn-')) {
    throw new ValidationException(`KeySpec ${spec} is not supported in this region.`);
  }
  if (requested === undefined) {
    if (spec !== 'SYMMETRIC_DEFAULT') {
      throw new ValidationException(
        'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.',
      );
    }
    return 'ENCRYPT_DECRYPT';
  }
  if (!info.usages.includes(requested)) {
    throw new ValidationException(`KeyUsage ${requested} is not compatible with KeySpec ${spec}`);
  }
  return requested;
}
