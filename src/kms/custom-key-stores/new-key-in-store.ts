/**
 * CreateKey in a custom key store: the checks AWS makes before it creates a KMS key in an AWS CloudHSM key store
 * (Origin AWS_CLOUDHSM) or an external key store (Origin EXTERNAL_KEY_STORE, with XksKeyId), and the store fields of
 * the new key. Such keys are symmetric encryption keys, never multi-Region; their store must be CONNECTED.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html (CustomKeyStoreId, XksKeyId, Origin)
 */
import {
  CloudHsmClusterInvalidConfigurationException,
  CustomKeyStoreInvalidStateException,
  UnsupportedOperationException,
  XksKeyAlreadyInUseException,
  XksKeyNotFoundException,
} from '../../api/generated/exceptions.ts';
import { ValidationException } from '../../api/protocol-errors.ts';
import type { CreateKeyRequest, KeySpec, KeyUsageType, OriginType } from '../../api/generated/types.ts';
import type { OperationContext } from '../operation-context.ts';
import type { KeyRecord } from '../records.ts';
import { cloudHsmProblem, reachedProxy, xksProblem } from './connection.ts';
import { XKS_FAILURE } from './key-availability.ts';
import { loadCustomKeyStore } from './store-records.ts';

/** What a key in a custom key store carries beyond an ordinary key. */
export type StoreFields = Pick<KeyRecord, 'customKeyStoreId' | 'cloudHsmClusterId' | 'xksKeyId'>;

const STORE_ORIGINS: readonly OriginType[] = ['AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'];

/** Checks a CreateKey request that names a custom key store (or a store origin); undefined for ordinary keys. */
export async function storeFieldsForNewKey(
  op: OperationContext,
  input: CreateKeyRequest,
  origin: OriginType,
  keySpec: KeySpec,
  keyUsage: KeyUsageType,
): Promise<StoreFields | undefined> {
  const inStore = STORE_ORIGINS.includes(origin);
  if (input.XksKeyId !== undefined && origin !== 'EXTERNAL_KEY_STORE') {
    throw new ValidationException('XksKeyId is valid only when Origin is EXTERNAL_KEY_STORE.');
  }
  if (!inStore) {
    if (input.CustomKeyStoreId !== undefined) {
      throw new ValidationException(
        'CustomKeyStoreId is valid only when Origin is AWS_CLOUDHSM or EXTERNAL_KEY_STORE.',
      );
    }
    return undefined;
  }
  if (input.CustomKeyStoreId === undefined) {
    throw new ValidationException(`CustomKeyStoreId is required when Origin is ${origin}.`);
  }
  if (origin === 'EXTERNAL_KEY_STORE' && input.XksKeyId === undefined) {
    throw new ValidationException('XksKeyId is required when Origin is EXTERNAL_KEY_STORE.');
  }
  if (keySpec !== 'SYMMETRIC_DEFAULT' || keyUsage !== 'ENCRYPT_DECRYPT') {
    throw new UnsupportedOperationException(
      `KeySpec ${keySpec} with KeyUsage ${keyUsage} is not supported in a custom key store. Keys in custom key stores are SYMMETRIC_DEFAULT ENCRYPT_DECRYPT keys.`,
    );
  }
  if (input.MultiRegion) {
    throw new UnsupportedOperationException('Multi-Region keys are not supported in a custom key store.');
  }
  const store = await loadCustomKeyStore(op, input.CustomKeyStoreId);
  const expectedType = origin === 'AWS_CLOUDHSM' ? 'AWS_CLOUDHSM' : 'EXTERNAL_KEY_STORE';
  if (store.type !== expectedType) {
    throw new UnsupportedOperationException(
      `Origin ${origin} is not valid for custom key store '${store.customKeyStoreId}' of type ${store.type}.`,
    );
  }
  if (store.connectionState !== 'CONNECTED') {
    throw new CustomKeyStoreInvalidStateException(
      `Custom key store '${store.customKeyStoreId}' is not connected (its connection state is ${store.connectionState}).`,
    );
  }
  const backends = op.env.customKeyStores?.backends;
  if (store.cloudHsm) {
    const problem = cloudHsmProblem(backends, store.region, store.cloudHsm);
    const hsms = backends?.cluster(store.region, store.cloudHsm.clusterId)?.hsmCount ?? 2;
    if (problem || hsms < 2) {
      throw new CloudHsmClusterInvalidConfigurationException(
        `AWS CloudHSM cluster '${store.cloudHsm.clusterId}' must contain at least two active HSMs in different Availability Zones to create a KMS key.`,
      );
    }
    return { customKeyStoreId: store.customKeyStoreId, cloudHsmClusterId: store.cloudHsm.clusterId };
  }
  const problem = xksProblem(backends, store.region, store.xks!);
  if (problem) throw new CustomKeyStoreInvalidStateException(XKS_FAILURE[problem]);
  const proxy = reachedProxy(backends, store.region, store.xks!)!;
  if (!backends!.hasExternalKey(proxy, input.XksKeyId!)) {
    throw new XksKeyNotFoundException(
      `The external key store proxy could not find external key '${input.XksKeyId}'.`,
    );
  }
  const taken = (await op.uow.list('keys', op.scope)).some(
    (k) => k.customKeyStoreId === store.customKeyStoreId && k.xksKeyId === input.XksKeyId,
  );
  if (taken) {
    throw new XksKeyAlreadyInUseException(
      `External key '${input.XksKeyId}' is already associated with a KMS key in custom key store '${store.customKeyStoreId}'.`,
    );
  }
  return { customKeyStoreId: store.customKeyStoreId, xksKeyId: input.XksKeyId };
}
