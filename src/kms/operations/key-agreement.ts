/**
 * Key agreement: DeriveSharedSecret (ECDH) between a KEY_AGREEMENT key (NIST P-256/384/521, SM2 in China) and
 * the caller's public key.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DeriveSharedSecret.html
 */
import { UnsupportedOperationException } from '../../api/generated/exceptions.ts';
import { ValidationException } from '../../api/protocol-errors.ts';
import type { DeriveSharedSecretRequest, DeriveSharedSecretResponse } from '../../api/generated/types.ts';
import { deriveSharedSecret, InvalidPeerKeyError, validatePublicKey } from '../../crypto/engine.ts';
import { endDryRun, keyForCrypto } from '../crypto-key-use.ts';
import type { Operation } from '../operation-context.ts';
import { currentMaterial } from '../symmetric-envelope.ts';

export const DeriveSharedSecret: Operation<DeriveSharedSecretRequest, DeriveSharedSecretResponse> = async (
  input,
  op,
) => {
  const key = await keyForCrypto(op, input.KeyId, 'KEY_AGREEMENT', 'DeriveSharedSecret');
  if (input.Recipient !== undefined) {
    throw new UnsupportedOperationException(
      'kmsw does not support Recipient (Nitro Enclaves attestation) for DeriveSharedSecret.',
    );
  }
  // A public key that is not a SubjectPublicKeyInfo on the key's curve: AWS sends no message text.
  if (!(await validatePublicKey(key.keySpec, input.PublicKey))) throw new ValidationException();
  endDryRun(input.DryRun);
  const sharedSecret = await deriveSharedSecret(
    key.keySpec,
    currentMaterial(key)!.privateKey!,
    input.PublicKey,
  ).catch((error: unknown) => {
    if (error instanceof InvalidPeerKeyError) throw new ValidationException();
    throw error;
  });
  return {
    KeyId: key.arn,
    SharedSecret: sharedSecret,
    KeyAgreementAlgorithm: input.KeyAgreementAlgorithm,
    KeyOrigin: key.origin,
  };
};
