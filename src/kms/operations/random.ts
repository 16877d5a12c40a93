/**
 * Random: GenerateRandom.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateRandom.html
 */
import { UnsupportedOperationException } from '../../api/generated/exceptions.ts';
import { ValidationException } from '../../api/protocol-errors.ts';
import type { GenerateRandomRequest, GenerateRandomResponse } from '../../api/generated/types.ts';
import { randomBytes } from '../../crypto/random.ts';
import type { Operation } from '../operation-context.ts';

export const GenerateRandom: Operation<GenerateRandomRequest, GenerateRandomResponse> = async (input) => {
  if (input.NumberOfBytes === undefined) throw new ValidationException('NumberOfBytes is required.');
  if (input.CustomKeyStoreId !== undefined) {
    throw new UnsupportedOperationException('Custom key stores are not supported by kmsw yet.');
  }
  return { Plaintext: randomBytes(input.NumberOfBytes) };
};
