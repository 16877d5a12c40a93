// Typed errors thrown by the crypto layer. The domain layer (src/kms) maps them to AWS KMS exceptions.
// Decryption and verification failures are not errors: they return null / false.

/** Base class of every error the crypto layer throws on purpose. */
export class CryptoError extends Error {
  override name = 'CryptoError';
}

/** Key material (PKCS#8, SPKI or secret) is malformed or does not belong to the key spec. */
export class InvalidKeyMaterialError extends CryptoError {
  override name = 'InvalidKeyMaterialError';
}

/** A peer public key given to DeriveSharedSecret is not a valid SPKI on the key's curve. */
export class InvalidPeerKeyError extends CryptoError {
  override name = 'InvalidPeerKeyError';
}

/** The algorithm or message type does not fit the key spec (the domain layer should have refused it). */
export class UnsupportedAlgorithmError extends CryptoError {
  override name = 'UnsupportedAlgorithmError';
}

/** An input has the wrong size for the operation (digest length, plaintext length, ...). */
export class InvalidInputError extends CryptoError {
  override name = 'InvalidInputError';
}
