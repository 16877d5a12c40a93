/**
 * Custom key stores: create, describe, connect, disconnect, update and delete AWS CloudHSM key stores and external
 * key stores (XKS). The CloudHSM clusters and XKS proxies behind them are simulated (custom-key-stores/backends.ts);
 * connecting takes `customKeyStoreConnectMs` of emulator time (custom-key-stores/connection.ts).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateCustomKeyStore.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeCustomKeyStores.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ConnectCustomKeyStore.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DisconnectCustomKeyStore.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateCustomKeyStore.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DeleteCustomKeyStore.html
 */
import {
  CloudHsmClusterInUseException,
  CloudHsmClusterNotActiveException,
  CloudHsmClusterNotFoundException,
  CloudHsmClusterNotRelatedException,
  CustomKeyStoreHasCMKsException,
  CustomKeyStoreInvalidStateException,
  CustomKeyStoreNameInUseException,
  CustomKeyStoreNotFoundException,
  IncorrectTrustAnchorException,
  LimitExceededException,
  XksProxyIncorrectAuthenticationCredentialException,
  XksProxyInvalidResponseException,
  XksProxyUriEndpointInUseException,
  XksProxyUriInUseException,
  XksProxyUriUnreachableException,
  XksProxyVpcEndpointServiceInUseException,
  XksProxyVpcEndpointServiceInvalidConfigurationException,
  XksProxyVpcEndpointServiceNotFoundException,
} from '../../api/generated/exceptions.ts';
import { ValidationException } from '../../api/protocol-errors.ts';
import type {
  ConnectCustomKeyStoreRequest,
  ConnectCustomKeyStoreResponse,
  CreateCustomKeyStoreRequest,
  CreateCustomKeyStoreResponse,
  DeleteCustomKeyStoreRequest,
  DeleteCustomKeyStoreResponse,
  DescribeCustomKeyStoresRequest,
  DescribeCustomKeyStoresResponse,
  DisconnectCustomKeyStoreRequest,
  DisconnectCustomKeyStoreResponse,
  UpdateCustomKeyStoreRequest,
  UpdateCustomKeyStoreResponse,
} from '../../api/generated/types.ts';
import type { CloudHsmClusterBackend } from '../custom-key-stores/backends.ts';
import { DEFAULT_CONNECT_MS, xksProblem, type XksSettings } from '../custom-key-stores/connection.ts';
import {
  customKeyStoreEntry,
  listCustomKeyStores,
  loadCustomKeyStore,
} from '../custom-key-stores/store-records.ts';
import { loadLiveKey } from '../key-resolver.ts';
import type { Operation, OperationContext } from '../operation-context.ts';
import { paginate } from '../pagination.ts';
import type { CustomKeyStoreRecord } from '../records.ts';

/** Custom key stores per account and Region: a quota AWS does not let anyone raise (resource-limits.html). */
const CUSTOM_KEY_STORES_PER_REGION = 10;

const CLOUDHSM_PARAMETERS = ['CloudHsmClusterId', 'TrustAnchorCertificate', 'KeyStorePassword'] as const;
const XKS_PARAMETERS = [
  'XksProxyUriEndpoint',
  'XksProxyUriPath',
  'XksProxyVpcEndpointServiceName',
  'XksProxyVpcEndpointServiceOwner',
  'XksProxyAuthenticationCredential',
  'XksProxyConnectivity',
] as const;

type Parameters = object;
const given = (input: Parameters, name: string) => (input as Record<string, unknown>)[name] !== undefined;

function refuseParameters(input: Parameters, names: readonly string[], type: string): void {
  const present = names.filter((name) => given(input, name));
  if (present.length > 0) {
    throw new ValidationException(
      `${present.join(', ')} ${present.length === 1 ? 'is' : 'are'} not valid for a custom key store of type ${type}.`,
    );
  }
}

function requireParameters(input: Parameters, names: readonly string[], type: string) {
  const missing = names.filter((name) => !given(input, name));
  if (missing.length > 0) {
    throw new ValidationException(
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} required for a custom key store of type ${type}.`,
    );
  }
}

function assertNameFree(stores: readonly CustomKeyStoreRecord[], name: string, except?: string): void {
  if (stores.some((s) => s.name === name && s.customKeyStoreId !== except)) {
    throw new CustomKeyStoreNameInUseException(`Custom key store name '${name}' is already in use.`);
  }
}

/** The cluster a CloudHSM key store may use, with the exceptions CreateCustomKeyStore/UpdateCustomKeyStore throw. */
function usableCluster(
  op: OperationContext,
  stores: readonly CustomKeyStoreRecord[],
  clusterId: string,
  except?: string,
): CloudHsmClusterBackend {
  const backends = op.env.customKeyStores?.backends;
  const cluster = backends?.cluster(op.scope.region, clusterId);
  if (!cluster)
    throw new CloudHsmClusterNotFoundException(`AWS CloudHSM cluster '${clusterId}' was not found.`);
  if (backends!.clusterFault(clusterId) === 'not-active') {
    throw new CloudHsmClusterNotActiveException(`AWS CloudHSM cluster '${clusterId}' is not active.`);
  }
  if (stores.some((s) => s.cloudHsm?.clusterId === clusterId && s.customKeyStoreId !== except)) {
    throw new CloudHsmClusterInUseException(
      `AWS CloudHSM cluster '${clusterId}' is already associated with a custom key store.`,
    );
  }
  return cluster;
}

/** The in-use rules and the proxy's health check (GetHealthStatus with the new settings) of XKS settings. */
function checkXksSettings(
  op: OperationContext,
  stores: readonly CustomKeyStoreRecord[],
  xks: XksSettings,
  except?: string,
): void {
  const others = stores.filter((s) => s.xks && s.customKeyStoreId !== except).map((s) => s.xks!);
  if (xks.connectivity === 'PUBLIC_ENDPOINT') {
    if (others.some((o) => o.uriEndpoint === xks.uriEndpoint)) {
      throw new XksProxyUriEndpointInUseException(
        `XksProxyUriEndpoint '${xks.uriEndpoint}' is already associated with an external key store.`,
      );
    }
  } else {
    if (others.some((o) => o.uriEndpoint === xks.uriEndpoint && o.uriPath === xks.uriPath)) {
      throw new XksProxyUriInUseException(
        `XksProxyUriEndpoint and XksProxyUriPath '${xks.uriEndpoint}${xks.uriPath}' are already associated with an external key store.`,
      );
    }
    if (others.some((o) => o.vpcEndpointServiceName === xks.vpcEndpointServiceName)) {
      throw new XksProxyVpcEndpointServiceInUseException(
        `XksProxyVpcEndpointServiceName '${xks.vpcEndpointServiceName}' is already associated with an external key store.`,
      );
    }
  }
  const backends = op.env.customKeyStores?.backends;
  switch (xksProblem(backends, op.scope.region, xks)) {
    case undefined:
      return;
    case 'vpc-endpoint-service-not-found':
      throw new XksProxyVpcEndpointServiceNotFoundException(
        `VPC endpoint service '${xks.vpcEndpointServiceName}' was not found.`,
      );
    case 'not-reachable':
    case 'timed-out':
      if (xks.connectivity === 'VPC_ENDPOINT_SERVICE') {
        throw new XksProxyVpcEndpointServiceInvalidConfigurationException(
          `The private DNS name of VPC endpoint service '${xks.vpcEndpointServiceName}' does not match XksProxyUriEndpoint '${xks.uriEndpoint}'.`,
        );
      }
      throw new XksProxyUriUnreachableException(
        `KMS cannot communicate with the external key store proxy at '${xks.uriEndpoint}'.`,
      );
    case 'invalid-response':
      throw new XksProxyInvalidResponseException(
        `KMS cannot interpret the response from the external key store proxy at '${xks.uriEndpoint}${xks.uriPath}'.`,
      );
    case 'invalid-credentials':
      throw new XksProxyIncorrectAuthenticationCredentialException(
        'The external key store proxy rejected the proxy authentication credential.',
      );
  }
}

function checkConnectivityParameters(xks: {
  connectivity: string;
  vpcEndpointServiceName?: string;
  vpcEndpointServiceOwner?: string;
}): void {
  if (xks.connectivity === 'VPC_ENDPOINT_SERVICE' && xks.vpcEndpointServiceName === undefined) {
    throw new ValidationException(
      'XksProxyVpcEndpointServiceName is required when XksProxyConnectivity is VPC_ENDPOINT_SERVICE.',
    );
  }
  if (
    xks.connectivity === 'PUBLIC_ENDPOINT' &&
    (xks.vpcEndpointServiceName !== undefined || xks.vpcEndpointServiceOwner !== undefined)
  ) {
    throw new ValidationException(
      'XksProxyVpcEndpointServiceName and XksProxyVpcEndpointServiceOwner are not valid when XksProxyConnectivity is PUBLIC_ENDPOINT.',
    );
  }
}

const invalidState = (store: CustomKeyStoreRecord, operation: string) =>
  new CustomKeyStoreInvalidStateException(
    `${operation} is not valid for custom key store '${store.customKeyStoreId}' in connection state ${store.connectionState}.`,
  );

export const CreateCustomKeyStore: Operation<
  CreateCustomKeyStoreRequest,
  CreateCustomKeyStoreResponse
> = async (input, op) => {
  const type = input.CustomKeyStoreType ?? 'AWS_CLOUDHSM';
  if (type === 'AWS_CLOUDHSM') {
    refuseParameters(input, XKS_PARAMETERS, type);
    requireParameters(input, CLOUDHSM_PARAMETERS, type);
  } else {
    refuseParameters(input, CLOUDHSM_PARAMETERS, type);
    requireParameters(
      input,
      ['XksProxyUriEndpoint', 'XksProxyUriPath', 'XksProxyAuthenticationCredential', 'XksProxyConnectivity'],
      type,
    );
    checkConnectivityParameters({
      connectivity: input.XksProxyConnectivity!,
      vpcEndpointServiceName: input.XksProxyVpcEndpointServiceName,
      vpcEndpointServiceOwner: input.XksProxyVpcEndpointServiceOwner,
    });
  }
  const stores = await listCustomKeyStores(op);
  assertNameFree(stores, input.CustomKeyStoreName);
  if (stores.length >= CUSTOM_KEY_STORES_PER_REGION) {
    throw new LimitExceededException(
      `You have reached the limit of ${CUSTOM_KEY_STORES_PER_REGION} custom key stores in this account and Region.`,
    );
  }
  const record: CustomKeyStoreRecord = {
    account: op.scope.account,
    region: op.scope.region,
    customKeyStoreId: `cks-${op.env.ids.hex(9).slice(0, 17)}`,
    name: input.CustomKeyStoreName,
    type,
    createdAt: op.now,
    connectionState: 'DISCONNECTED',
    rev: 0,
  };
  if (type === 'AWS_CLOUDHSM') {
    const cluster = usableCluster(op, stores, input.CloudHsmClusterId!);
    if (cluster.trustAnchorCertificate.trim() !== input.TrustAnchorCertificate!.trim()) {
      throw new IncorrectTrustAnchorException(
        `The TrustAnchorCertificate does not match the trust anchor certificate of AWS CloudHSM cluster '${cluster.clusterId}'.`,
      );
    }
    record.cloudHsm = {
      clusterId: cluster.clusterId,
      trustAnchorCertificate: input.TrustAnchorCertificate!,
      keyStorePassword: input.KeyStorePassword!,
    };
  } else {
    record.xks = {
      connectivity: input.XksProxyConnectivity!,
      uriEndpoint: input.XksProxyUriEndpoint!,
      uriPath: input.XksProxyUriPath!,
      vpcEndpointServiceName: input.XksProxyVpcEndpointServiceName,
      vpcEndpointServiceOwner: input.XksProxyVpcEndpointServiceOwner,
      accessKeyId: input.XksProxyAuthenticationCredential!.AccessKeyId,
      secretAccessKey: input.XksProxyAuthenticationCredential!.RawSecretAccessKey,
    };
    checkXksSettings(op, stores, record.xks);
  }
  op.uow.put('customKeyStores', op.scope, record.customKeyStoreId, record);
  return { CustomKeyStoreId: record.customKeyStoreId };
};

export const DescribeCustomKeyStores: Operation<
  DescribeCustomKeyStoresRequest,
  DescribeCustomKeyStoresResponse
> = async (input, op) => {
  let stores = await listCustomKeyStores(op);
  if (input.CustomKeyStoreId !== undefined) {
    stores = stores.filter((s) => s.customKeyStoreId === input.CustomKeyStoreId);
    if (stores.length === 0)
      throw new CustomKeyStoreNotFoundException(
        `Custom key store '${input.CustomKeyStoreId}' does not exist`,
      );
  }
  if (input.CustomKeyStoreName !== undefined) {
    stores = stores.filter((s) => s.name === input.CustomKeyStoreName);
    if (stores.length === 0) {
      throw new CustomKeyStoreNotFoundException(
        `Custom key store with name '${input.CustomKeyStoreName}' does not exist`,
      );
    }
  }
  const page = paginate(
    'DescribeCustomKeyStores',
    stores.map(customKeyStoreEntry),
    (s) => s.CustomKeyStoreId!,
    input,
  );
  return { CustomKeyStores: page.items, NextMarker: page.NextMarker, Truncated: page.Truncated };
};

export const ConnectCustomKeyStore: Operation<
  ConnectCustomKeyStoreRequest,
  ConnectCustomKeyStoreResponse
> = async (input, op) => {
  const store = await loadCustomKeyStore(op, input.CustomKeyStoreId);
  if (store.connectionState === 'FAILED' || store.connectionState === 'DISCONNECTING') {
    throw invalidState(store, 'ConnectCustomKeyStore');
  }
  // Connecting a store that is connected or connecting succeeds and changes nothing.
  if (store.connectionState !== 'DISCONNECTED') return {};
  const backends = op.env.customKeyStores?.backends;
  if (store.cloudHsm && backends?.clusterFault(store.cloudHsm.clusterId) === 'not-active') {
    throw new CloudHsmClusterNotActiveException(
      `AWS CloudHSM cluster '${store.cloudHsm.clusterId}' is not active.`,
    );
  }
  const connecting: CustomKeyStoreRecord = {
    ...store,
    connectionState: 'CONNECTING',
    connectionErrorCode: undefined,
    connectingUntil: op.now + (op.env.customKeyStores?.connectMs ?? DEFAULT_CONNECT_MS),
  };
  op.uow.put('customKeyStores', op.scope, store.customKeyStoreId, connecting);
  return {};
};

export const DisconnectCustomKeyStore: Operation<
  DisconnectCustomKeyStoreRequest,
  DisconnectCustomKeyStoreResponse
> = async (input, op) => {
  const store = await loadCustomKeyStore(op, input.CustomKeyStoreId);
  if (store.connectionState === 'DISCONNECTED' || store.connectionState === 'DISCONNECTING') {
    throw invalidState(store, 'DisconnectCustomKeyStore');
  }
  // kmsw disconnects at once: DISCONNECTING is never observed.
  op.uow.put('customKeyStores', op.scope, store.customKeyStoreId, {
    ...store,
    connectionState: 'DISCONNECTED',
    connectionErrorCode: undefined,
    connectingUntil: undefined,
  });
  return {};
};

/** Properties of an external key store that may change while it is connected (the API reference, per parameter). */
const XKS_CHANGEABLE_WHILE_CONNECTED = new Set([
  'NewCustomKeyStoreName',
  'XksProxyUriPath',
  'XksProxyAuthenticationCredential',
]);

export const UpdateCustomKeyStore: Operation<
  UpdateCustomKeyStoreRequest,
  UpdateCustomKeyStoreResponse
> = async (input, op) => {
  const store = await loadCustomKeyStore(op, input.CustomKeyStoreId);
  refuseParameters(input, store.type === 'AWS_CLOUDHSM' ? XKS_PARAMETERS : CLOUDHSM_PARAMETERS, store.type);
  const changed = Object.keys(input).filter((name) => name !== 'CustomKeyStoreId' && given(input, name));
  const needsDisconnected =
    store.type === 'AWS_CLOUDHSM'
      ? changed.length > 0
      : changed.some((n) => !XKS_CHANGEABLE_WHILE_CONNECTED.has(n));
  if (needsDisconnected && store.connectionState !== 'DISCONNECTED')
    throw invalidState(store, 'UpdateCustomKeyStore');

  const stores = await listCustomKeyStores(op);
  const next: CustomKeyStoreRecord = { ...store };
  if (input.NewCustomKeyStoreName !== undefined) {
    assertNameFree(stores, input.NewCustomKeyStoreName, store.customKeyStoreId);
    next.name = input.NewCustomKeyStoreName;
  }
  if (store.cloudHsm) {
    next.cloudHsm = { ...store.cloudHsm };
    if (input.CloudHsmClusterId !== undefined && input.CloudHsmClusterId !== store.cloudHsm.clusterId) {
      const cluster = usableCluster(op, stores, input.CloudHsmClusterId, store.customKeyStoreId);
      if (cluster.trustAnchorCertificate.trim() !== store.cloudHsm.trustAnchorCertificate.trim()) {
        throw new CloudHsmClusterNotRelatedException(
          `AWS CloudHSM cluster '${cluster.clusterId}' does not share a backup history with cluster '${store.cloudHsm.clusterId}'.`,
        );
      }
      next.cloudHsm.clusterId = cluster.clusterId;
    }
    if (input.KeyStorePassword !== undefined) next.cloudHsm.keyStorePassword = input.KeyStorePassword;
  } else {
    const current = store.xks!;
    const connectivity = input.XksProxyConnectivity ?? current.connectivity;
    const xks: XksSettings = {
      connectivity,
      uriEndpoint: input.XksProxyUriEndpoint ?? current.uriEndpoint,
      uriPath: input.XksProxyUriPath ?? current.uriPath,
      accessKeyId: input.XksProxyAuthenticationCredential?.AccessKeyId ?? current.accessKeyId,
      secretAccessKey: input.XksProxyAuthenticationCredential?.RawSecretAccessKey ?? current.secretAccessKey,
    };
    if (connectivity === 'VPC_ENDPOINT_SERVICE') {
      xks.vpcEndpointServiceName = input.XksProxyVpcEndpointServiceName ?? current.vpcEndpointServiceName;
      xks.vpcEndpointServiceOwner = input.XksProxyVpcEndpointServiceOwner ?? current.vpcEndpointServiceOwner;
    }
    checkConnectivityParameters({
      connectivity,
      vpcEndpointServiceName:
        connectivity === 'VPC_ENDPOINT_SERVICE'
          ? xks.vpcEndpointServiceName
          : input.XksProxyVpcEndpointServiceName,
      vpcEndpointServiceOwner:
        connectivity === 'VPC_ENDPOINT_SERVICE'
          ? xks.vpcEndpointServiceOwner
          : input.XksProxyVpcEndpointServiceOwner,
    });
    if (changed.some((n) => n.startsWith('Xks'))) checkXksSettings(op, stores, xks, store.customKeyStoreId);
    next.xks = xks;
  }
  op.uow.put('customKeyStores', op.scope, store.customKeyStoreId, next);
  return {};
};

export const DeleteCustomKeyStore: Operation<
  DeleteCustomKeyStoreRequest,
  DeleteCustomKeyStoreResponse
> = async (input, op) => {
  const store = await loadCustomKeyStore(op, input.CustomKeyStoreId);
  if (store.connectionState !== 'DISCONNECTED') throw invalidState(store, 'DeleteCustomKeyStore');
  for (const key of await op.uow.list('keys', op.scope)) {
    if (key.customKeyStoreId !== store.customKeyStoreId) continue;
    // A key past its deletion date is purged on load, and then no longer holds the store.
    if (await loadLiveKey(op.uow, op.scope, key.keyId, op.now)) {
      throw new CustomKeyStoreHasCMKsException(
        `Custom key store '${store.customKeyStoreId}' contains KMS keys. Delete them (ScheduleKeyDeletion) and wait for their deletion before deleting the store.`,
      );
    }
  }
  op.uow.delete('customKeyStores', op.scope, store.customKeyStoreId);
  return {};
};
