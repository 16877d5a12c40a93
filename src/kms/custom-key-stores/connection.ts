/**
 * The connection life cycle of a custom key store on the emulator clock: ConnectCustomKeyStore moves a store to
 * CONNECTING until `customKeyStoreConnectMs` of emulator time have passed; the first time the store is read after
 * that, the simulated backend decides whether it became CONNECTED or FAILED (with the ConnectionErrorCode AWS uses
 * for the cause). Like every other time-driven change in kmsw this is applied lazily, so a moved clock takes effect
 * on the next call.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CustomKeyStoresListEntry.html (ConnectionErrorCode)
 */
import type { ConnectionErrorCodeType } from '../../api/generated/types.ts';
import type { OperationContext } from '../operation-context.ts';
import type { CustomKeyStoreRecord } from '../records.ts';
import type { CustomKeyStoreBackends, XksProxyBackend } from './backends.ts';

/** Emulator time a connection attempt takes unless `customKeyStoreConnectMs` says otherwise. */
export const DEFAULT_CONNECT_MS = 2000;

/** The XKS settings of a store, or the ones a Create/Update request would give it. */
export type XksSettings = NonNullable<CustomKeyStoreRecord['xks']>;

/** Why the simulated proxy does not accept these settings (undefined: a GetHealthStatus call would succeed). */
export type XksProblem =
  | 'not-reachable'
  | 'vpc-endpoint-service-not-found'
  | 'invalid-response'
  | 'invalid-credentials'
  | 'timed-out';

/** The proxy the settings reach: by endpoint service for VPC connectivity, by URI endpoint otherwise. */
export function reachedProxy(
  backends: CustomKeyStoreBackends | undefined,
  region: string,
  xks: XksSettings,
): XksProxyBackend | undefined {
  if (!backends) return undefined;
  if (xks.connectivity === 'VPC_ENDPOINT_SERVICE') {
    const proxy = xks.vpcEndpointServiceName
      ? backends.proxyByVpcEndpointService(region, xks.vpcEndpointServiceName)
      : undefined;
    return proxy?.uriEndpoint === xks.uriEndpoint ? proxy : undefined;
  }
  return backends.proxy(region, xks.uriEndpoint);
}

export function xksProblem(
  backends: CustomKeyStoreBackends | undefined,
  region: string,
  xks: XksSettings,
): XksProblem | undefined {
  if (
    xks.connectivity === 'VPC_ENDPOINT_SERVICE' &&
    !(xks.vpcEndpointServiceName && backends?.proxyByVpcEndpointService(region, xks.vpcEndpointServiceName))
  ) {
    return 'vpc-endpoint-service-not-found';
  }
  const proxy = reachedProxy(backends, region, xks);
  if (!proxy) return 'not-reachable';
  switch (backends!.proxyFault(proxy.uriEndpoint)) {
    case 'unreachable':
      return 'not-reachable';
    case 'timed-out':
      return 'timed-out';
    case 'invalid-response':
      return 'invalid-response';
    case 'invalid-credentials':
      return 'invalid-credentials';
    case undefined:
      break;
  }
  // A path the proxy does not serve answers 404: not a proxy API response.
  if (proxy.uriPath !== xks.uriPath) return 'invalid-response';
  if (proxy.accessKeyId !== xks.accessKeyId || proxy.secretAccessKey !== xks.secretAccessKey)
    return 'invalid-credentials';
  return undefined;
}

const XKS_CONNECTION_ERROR: Readonly<Record<XksProblem, ConnectionErrorCodeType>> = {
  'not-reachable': 'XKS_PROXY_NOT_REACHABLE',
  'vpc-endpoint-service-not-found': 'XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND',
  'invalid-response': 'XKS_PROXY_INVALID_RESPONSE',
  'invalid-credentials': 'INVALID_CREDENTIALS',
  'timed-out': 'XKS_PROXY_TIMED_OUT',
};

/** Why a CloudHSM key store cannot use its cluster now (undefined: it can). */
export function cloudHsmProblem(
  backends: CustomKeyStoreBackends | undefined,
  region: string,
  cloudHsm: NonNullable<CustomKeyStoreRecord['cloudHsm']>,
): ConnectionErrorCodeType | undefined {
  const cluster = backends?.cluster(region, cloudHsm.clusterId);
  if (!cluster) return 'CLUSTER_NOT_FOUND';
  const fault = backends!.clusterFault(cluster.clusterId);
  if (fault === 'unreachable' || fault === 'not-active') return 'NETWORK_ERRORS';
  if (fault === 'insufficient-hsms' || (cluster.hsmCount ?? 2) < 1) return 'INSUFFICIENT_CLOUDHSM_HSMS';
  if (
    fault === 'invalid-credentials' ||
    (cluster.kmsuserPassword !== undefined && cluster.kmsuserPassword !== cloudHsm.keyStorePassword)
  ) {
    return 'INVALID_CREDENTIALS';
  }
  return undefined;
}

/** The ConnectionErrorCode a connection attempt ends with now, or undefined when it connects. */
export function connectionError(
  backends: CustomKeyStoreBackends | undefined,
  store: CustomKeyStoreRecord,
): ConnectionErrorCodeType | undefined {
  if (store.cloudHsm) return cloudHsmProblem(backends, store.region, store.cloudHsm);
  const problem = xksProblem(backends, store.region, store.xks!);
  return problem && XKS_CONNECTION_ERROR[problem];
}

/** The store as it stands now: a finished connection attempt is settled (and the change staged). */
export function settleConnection(op: OperationContext, store: CustomKeyStoreRecord): CustomKeyStoreRecord {
  if (store.connectionState !== 'CONNECTING' || (store.connectingUntil ?? 0) > op.now) return store;
  const code = connectionError(op.env.customKeyStores?.backends, store);
  const settled: CustomKeyStoreRecord = {
    ...store,
    connectionState: code ? 'FAILED' : 'CONNECTED',
    connectionErrorCode: code,
    connectingUntil: undefined,
  };
  op.uow.put('customKeyStores', op.scope, store.customKeyStoreId, settled);
  return settled;
}
