/**
 * Custom key stores: DescribeCustomKeyStores only. kmsw has no custom key stores (no CloudHSM cluster, no external
 * key store proxy), so every account and Region has an empty list and naming a store finds none. Creating,
 * connecting, updating and deleting stores are not implemented (NotImplementedException).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeCustomKeyStores.html
 */
import { CustomKeyStoreNotFoundException } from '../../api/generated/exceptions.ts';
import type {
  CustomKeyStoresListEntry,
  DescribeCustomKeyStoresRequest,
  DescribeCustomKeyStoresResponse,
} from '../../api/generated/types.ts';
import type { Operation } from '../operation-context.ts';
import { paginate } from '../pagination.ts';

const NO_STORES: readonly CustomKeyStoresListEntry[] = [];

export const DescribeCustomKeyStores: Operation<
  DescribeCustomKeyStoresRequest,
  DescribeCustomKeyStoresResponse
> = async (input) => {
  if (input.CustomKeyStoreId !== undefined) {
    throw new CustomKeyStoreNotFoundException(`Custom key store '${input.CustomKeyStoreId}' does not exist`);
  }
  if (input.CustomKeyStoreName !== undefined) {
    throw new CustomKeyStoreNotFoundException(
      `Custom key store with name '${input.CustomKeyStoreName}' does not exist`,
    );
  }
  const page = paginate('DescribeCustomKeyStores', NO_STORES, (s) => s.CustomKeyStoreId ?? '', input);
  return { CustomKeyStores: page.items, NextMarker: page.NextMarker, Truncated: page.Truncated };
};
