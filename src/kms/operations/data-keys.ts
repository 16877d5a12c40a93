/**
 * Data keys: GenerateDataKey and GenerateDataKeyWithoutPlaintext (symmetric data keys for envelope encryption).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyWithoutPlaintext.html
 */
import { InvalidKeyUsageException } from '../../api/generated/exceptions.ts';
import { ValidationException } from '../../api/protocol-errors.ts';
import type {
  DataKeySpec,
  GenerateDataKeyRequest,
  GenerateDataKeyResponse,
  GenerateDataKeyWithoutPlaintextRequest,
  GenerateDataKeyWithoutPlaintextResponse,
} from '../../api/generated/types.ts';
import { randomBytes } from '../../crypto/random.ts';
import { endDryRun, keyForCrypto } from '../crypto-key-use.ts';
import type { OperationContext } from '../operation-context.ts';
import { currentMaterial, sealSymmetric } from '../symmetric-envelope.ts';

const DATA_KEY_BYTES: Readonly<Record<DataKeySpec, number>> = { AES_128: 16, AES_256: 32 };

interface DataKeyRequest {
  KeyId: string;
  KeySpec?: DataKeySpec;
  NumberOfBytes?: number;
  EncryptionContext?: Record<string, string>;
  DryRun?: boolean;
}

async function makeDataKey(input: DataKeyRequest, op: OperationContext, operation: string) {
  if ((input.KeySpec === undefined) === (input.NumberOfBytes === undefined)) {
    throw new ValidationException('Please specify either number of bytes or key spec.');
  }
  const key = await keyForCrypto(op, input.KeyId, 'ENCRYPT_DECRYPT', operation);
  if (key.keySpec !== 'SYMMETRIC_DEFAULT') {
    throw new InvalidKeyUsageException(
      `${key.arn} key spec is ${key.keySpec} which is not valid for ${operation}.`,
    );
  }
  endDryRun(input.DryRun);
  const plaintext = randomBytes(input.KeySpec ? DATA_KEY_BYTES[input.KeySpec] : input.NumberOfBytes!);
  const material = currentMaterial(key)!;
  const CiphertextBlob = await sealSymmetric(key, material, plaintext, input.EncryptionContext);
  return { CiphertextBlob, Plaintext: plaintext, KeyId: key.arn, KeyMaterialId: material.id };
}

export const GenerateDataKey = async (
  input: GenerateDataKeyRequest,
  op: OperationContext,
): Promise<GenerateDataKeyResponse> => makeDataKey(input, op, 'GenerateDataKey');

export const GenerateDataKeyWithoutPlaintext = async (
  input: GenerateDataKeyWithoutPlaintextRequest,
  op: OperationContext,
): Promise<GenerateDataKeyWithoutPlaintextResponse> => {
  const { CiphertextBlob, KeyId, KeyMaterialId } = await makeDataKey(
    input,
    op,
    'GenerateDataKeyWithoutPlaintext',
  );
  return { CiphertextBlob, KeyId, KeyMaterialId };
};
