/**
 * What Sign and Verify accept before any cryptography: the signing algorithm must be one of the key spec's, the
 * MessageType must suit the algorithm, and a DIGEST (or an ML-DSA EXTERNAL_MU μ) must have the exact length.
 * Each refusal carries AWS's exception and text.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Sign.html#KMS-Sign-request-MessageType
 */
import { InvalidKeyUsageException } from '../api/generated/exceptions.ts';
import { ValidationException } from '../api/protocol-errors.ts';
import type { MessageType, SigningAlgorithmSpec } from '../api/generated/types.ts';
import { digestLength, messageTypeAllowed } from '../crypto/engine.ts';
import { KEY_SPECS } from './key-spec-catalog.ts';
import type { KeyRecord } from './records.ts';

/** Length of the μ that EXTERNAL_MU takes (FIPS 204: 64 bytes). */
const MU_BYTES = 64;

/** Checks the algorithm, message type and message length; returns the message type (RAW when omitted). */
export function checkSigningInput(
  key: KeyRecord,
  algorithm: SigningAlgorithmSpec,
  requested: MessageType | undefined,
  message: Uint8Array,
): MessageType {
  if (!(KEY_SPECS[key.keySpec].signing ?? []).includes(algorithm)) {
    throw new InvalidKeyUsageException(
      `Algorithm ${algorithm} is incompatible with key spec ${key.keySpec}.`,
    );
  }
  const messageType = requested ?? 'RAW';
  if (!messageTypeAllowed(algorithm, messageType)) {
    // Ed25519 names the algorithm (it has one per message type); other families name the key spec.
    const subject = algorithm.startsWith('ED25519_') ? `algorithm ${algorithm}` : `key spec ${key.keySpec}`;
    throw new ValidationException(`Message type ${messageType} is incompatible with ${subject}.`);
  }
  if (messageType === 'DIGEST' && message.length !== digestLength(algorithm)) {
    throw new ValidationException(`Digest is invalid length for algorithm ${algorithm}.`);
  }
  if (messageType === 'EXTERNAL_MU' && message.length !== MU_BYTES) {
    throw new ValidationException(`External Mu is invalid length for algorithm ${algorithm}.`);
  }
  return messageType;
}
