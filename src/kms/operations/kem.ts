/**
 * Key encapsulation: Encapsulate and Decapsulate (ML-KEM, FIPS 203) with ML_KEM_512/768/1024 keys of usage
 * ENCAPSULATE_DECAPSULATE.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Encapsulate.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Decapsulate.html
 */
import { InvalidCiphertextException } from '../../api/generated/exceptions.ts';
import type {
  DecapsulateRequest,
  DecapsulateResponse,
  EncapsulateRequest,
  EncapsulateResponse,
} from '../../api/generated/types.ts';
import { mlKemDecapsulate, mlKemEncapsulate } from '../../crypto/engine.ts';
import { endDryRun, keyForCrypto } from '../crypto-key-use.ts';
import type { Operation } from '../operation-context.ts';
import { currentMaterial } from '../symmetric-envelope.ts';

export const Encapsulate: Operation<EncapsulateRequest, EncapsulateResponse> = async (input, op) => {
  const key = await keyForCrypto(op, input.KeyId, 'ENCAPSULATE_DECAPSULATE', 'Encapsulate');
  endDryRun(input.DryRun);
  const { ciphertext, sharedSecret } = await mlKemEncapsulate(key.keySpec, currentMaterial(key)!.publicKey!);
  return {
    KeyId: key.arn,
    SharedSecret: sharedSecret,
    SharedSecretCiphertextBlob: ciphertext,
    EncapsulationAlgorithm: input.EncapsulationAlgorithm,
  };
};

export const Decapsulate: Operation<DecapsulateRequest, DecapsulateResponse> = async (input, op) => {
  const key = await keyForCrypto(op, input.KeyId, 'ENCAPSULATE_DECAPSULATE', 'Decapsulate');
  // ML-KEM rejects implicitly: a well-sized but wrong ciphertext yields an unrelated secret, as in AWS.
  const sharedSecret = await mlKemDecapsulate(
    key.keySpec,
    currentMaterial(key)!.privateKey!,
    input.SharedSecretCiphertextBlob,
  );
  if (!sharedSecret) throw new InvalidCiphertextException();
  endDryRun(input.DryRun);
  return { KeyId: key.arn, SharedSecret: sharedSecret, EncapsulationAlgorithm: input.EncapsulationAlgorithm };
};
