/**
 * Reading custom key store records as the operations need them: by id (with AWS's not-found text), all of a scope,
 * each settled on the emulator clock (connection.ts), and rendered as DescribeCustomKeyStores entries — every field
 * AWS returns, never the kmsuser password or the proxy's secret access key.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CustomKeyStoresListEntry.html
 */
import { CustomKeyStoreNotFoundException } from '../../api/generated/exceptions.ts';
import type { CustomKeyStoresListEntry } from '../../api/generated/types.ts';
import type { OperationContext } from '../operation-context.ts';
import type { CustomKeyStoreRecord } from '../records.ts';
import { settleConnection } from './connection.ts';

export const customKeyStoreNotFound = (id: string) =>
  new CustomKeyStoreNotFoundException(`Custom key store '${id}' does not exist`);

/** The store with this id in the caller's scope, settled, or CustomKeyStoreNotFoundException. */
export async function loadCustomKeyStore(op: OperationContext, id: string): Promise<CustomKeyStoreRecord> {
  const store = await op.uow.get('customKeyStores', op.scope, id);
  if (!store) throw customKeyStoreNotFound(id);
  return settleConnection(op, store);
}

/** The store a key belongs to, settled (undefined for keys outside custom key stores, or a store gone). */
export async function storeOfKey(
  op: OperationContext,
  key: { customKeyStoreId?: string; account: string; region: string },
): Promise<CustomKeyStoreRecord | undefined> {
  if (key.customKeyStoreId === undefined) return undefined;
  const scope = { account: key.account, region: key.region };
  const store = await op.uow.get('customKeyStores', scope, key.customKeyStoreId);
  return store && settleConnection({ ...op, scope }, store);
}

export async function listCustomKeyStores(op: OperationContext): Promise<CustomKeyStoreRecord[]> {
  const stores = await op.uow.list('customKeyStores', op.scope);
  return stores.map((store) => settleConnection(op, store));
}

export function customKeyStoreEntry(store: CustomKeyStoreRecord): CustomKeyStoresListEntry {
  const entry: CustomKeyStoresListEntry = {
    CustomKeyStoreId: store.customKeyStoreId,
    CustomKeyStoreName: store.name,
    ConnectionState: store.connectionState,
    // AWS shows the error code only while FAILED.
    ConnectionErrorCode: store.connectionState === 'FAILED' ? store.connectionErrorCode : undefined,
    CreationDate: new Date(store.createdAt),
    CustomKeyStoreType: store.type,
  };
  if (store.cloudHsm) {
    entry.CloudHsmClusterId = store.cloudHsm.clusterId;
    entry.TrustAnchorCertificate = store.cloudHsm.trustAnchorCertificate;
  }
  if (store.xks) {
    entry.XksProxyConfiguration = {
      Connectivity: store.xks.connectivity,
      AccessKeyId: store.xks.accessKeyId,
      UriEndpoint: store.xks.uriEndpoint,
      UriPath: store.xks.uriPath,
      VpcEndpointServiceName: store.xks.vpcEndpointServiceName,
      VpcEndpointServiceOwner: store.xks.vpcEndpointServiceOwner,
    };
  }
  return entry;
}
