/**
 * GetPublicKey: the SubjectPublicKeyInfo (DER) of an asymmetric KMS key, with its spec, usage and algorithms.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetPublicKey.html
 */
import { UnsupportedOperationException } from '../../api/generated/exceptions.ts';
import type { GetPublicKeyRequest, GetPublicKeyResponse } from '../../api/generated/types.ts';
import { algorithmsFor, KEY_SPECS } from '../key-spec-catalog.ts';
import { useKey } from '../key-resolver.ts';
import { assertUsable } from '../key-state.ts';
import type { Operation } from '../operation-context.ts';
import { currentMaterial } from '../symmetric-envelope.ts';

export const GetPublicKey: Operation<GetPublicKeyRequest, GetPublicKeyResponse> = async (input, op) => {
  const key = await useKey(op, input.KeyId);
  assertUsable(key, 'crypto');
  const publicKey = currentMaterial(key)?.publicKey;
  // Symmetric encryption and HMAC keys have no public key.
  if (!publicKey) {
    throw new UnsupportedOperationException(
      `${key.arn} key spec is ${key.keySpec} which is not valid for GetPublicKey.`,
    );
  }
  const { EncryptionAlgorithms, SigningAlgorithms, KeyAgreementAlgorithms } = algorithmsFor(
    key.keySpec,
    key.keyUsage,
  );
  return {
    KeyId: key.arn,
    PublicKey: publicKey,
    CustomerMasterKeySpec: KEY_SPECS[key.keySpec].customerMasterKeySpec,
    KeySpec: key.keySpec,
    KeyUsage: key.keyUsage,
    EncryptionAlgorithms,
    SigningAlgorithms,
    KeyAgreementAlgorithms,
    EncapsulationAlgorithms: key.keyUsage === 'ENCAPSULATE_DECAPSULATE' ? ['ML_KEM'] : undefined,
  };
};
