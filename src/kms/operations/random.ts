/**
 * Random: GenerateRandom, also from the HSMs of an AWS CloudHSM key store.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateRandom.html
 */
import {
  CustomKeyStoreInvalidStateException,
  UnsupportedOperationException,
} from '../../api/generated/exceptions.ts';
import { ValidationException } from '../../api/protocol-errors.ts';
import type { GenerateRandomRequest, GenerateRandomResponse } from '../../api/generated/types.ts';
import { randomBytes } from '../../crypto/random.ts';
import { loadCustomKeyStore } from '../custom-key-stores/store-records.ts';
import type { Operation, OperationContext } from '../operation-context.ts';
import { chargeKeyStore } from '../quotas/rate-quotas.ts';

/** GenerateRandom in a custom key store: AWS CloudHSM key stores only, and only while connected. */
async function assertStoreGeneratesRandom(op: OperationContext, id: string): Promise<void> {
  const store = await loadCustomKeyStore(op, id);
  if (store.type === 'AWS_CLOUDHSM') chargeKeyStore(op, id, true);
  if (store.type !== 'AWS_CLOUDHSM') {
    throw new UnsupportedOperationException(
      `GenerateRandom is not supported in custom key store '${id}' of type ${store.type}.`,
    );
  }
  if (store.connectionState !== 'CONNECTED') {
    throw new CustomKeyStoreInvalidStateException(
      `Custom key store '${id}' is not connected (its connection state is ${store.connectionState}).`,
    );
  }
}

export const GenerateRandom: Operation<GenerateRandomRequest, GenerateRandomResponse> = async (input, op) => {
  if (input.NumberOfBytes === undefined) throw new ValidationException('NumberOfBytes is required.');
  if (input.CustomKeyStoreId !== undefined) await assertStoreGeneratesRandom(op, input.CustomKeyStoreId);
  return { Plaintext: randomBytes(input.NumberOfBytes) };
};
