// Object identifiers of the key algorithms and curves that appear in SPKI and PKCS#8 structures.

export const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  /** id-ecPublicKey (RFC 5480); the named curve goes in the algorithm parameters. */
  ecPublicKey: '1.2.840.10045.2.1',
  secp256r1: '1.2.840.10045.3.1.7',
  secp384r1: '1.3.132.0.34',
  secp521r1: '1.3.132.0.35',
  secp256k1: '1.3.132.0.10',
  /** SM2 curve (GM/T 0006, 1.2.156.10197.1.301), used as the named curve of id-ecPublicKey as AWS does. */
  sm2: '1.2.156.10197.1.301',
  /** id-Ed25519 (RFC 8410), parameters absent. */
  ed25519: '1.3.101.112',
  /** id-ml-dsa-44/65/87 (FIPS 204, RFC 9881), parameters absent. */
  mlDsa44: '2.16.840.1.101.3.4.3.17',
  mlDsa65: '2.16.840.1.101.3.4.3.18',
  mlDsa87: '2.16.840.1.101.3.4.3.19',
  /** id-alg-ml-kem-512/768/1024 (FIPS 203, RFC 9935), parameters absent. */
  mlKem512: '2.16.840.1.101.3.4.4.1',
  mlKem768: '2.16.840.1.101.3.4.4.2',
  mlKem1024: '2.16.840.1.101.3.4.4.3',
} as const;
