/**
 * The simulated backends of custom key stores: which AWS CloudHSM clusters and external key store (XKS) proxies
 * exist, declared by the `customKeyStoreBackends` option (or `kmsw serve --custom-key-store-backends FILE`), and
 * the faults the admin API can inject so that apps can test their failure paths. Nothing here is persisted: the
 * declaration is configuration, the faults live as long as the emulator.
 * https://docs.aws.amazon.com/kms/latest/developerguide/keystore-cloudhsm.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/keystore-external.html
 */

export interface CloudHsmClusterBackend {
  /** `cluster-` and 11 to 16 characters of [2-7a-zA-Z]: the pattern CreateCustomKeyStore accepts. */
  clusterId: string;
  /** The PEM certificate CreateCustomKeyStore must present as TrustAnchorCertificate. */
  trustAnchorCertificate: string;
  /** Active HSMs (default 2). Connecting needs at least one, CreateKey two. */
  hsmCount?: number;
  /** The kmsuser password; when given, a store with another KeyStorePassword fails to connect. */
  kmsuserPassword?: string;
  /** Only this Region sees the cluster; default every Region. */
  region?: string;
}

export interface XksProxyBackend {
  /** `https://` and the host name of the proxy (the pattern CreateCustomKeyStore accepts: no port, no path). */
  uriEndpoint: string;
  /** The base path of the proxy APIs, ending in `/kms/xks/v1`. */
  uriPath: string;
  /** The proxy authentication credential the proxy accepts. */
  accessKeyId: string;
  secretAccessKey: string;
  /** The external keys the proxy holds (kmsw makes an AES-256 key for each). */
  keys: string[];
  /** For VPC_ENDPOINT_SERVICE connectivity: the endpoint service the proxy sits behind. */
  vpcEndpointServiceName?: string;
  /** Only this Region sees the proxy; default every Region. */
  region?: string;
}

export interface CustomKeyStoreBackendsConfig {
  cloudHsmClusters?: CloudHsmClusterBackend[];
  xksProxies?: XksProxyBackend[];
}

/** What the admin API can make a backend do. */
export type CloudHsmClusterFault =
  /** No active HSMs: connecting fails with INSUFFICIENT_CLOUDHSM_HSMS, creating keys fails. */
  | 'insufficient-hsms'
  /** The cluster is not active: CreateCustomKeyStore and ConnectCustomKeyStore fail with CloudHsmClusterNotActive. */
  | 'not-active'
  /** The kmsuser password is rejected: connecting fails with INVALID_CREDENTIALS. */
  | 'invalid-credentials'
  /** The cluster cannot be reached: connecting fails with NETWORK_ERRORS, cryptographic operations fail. */
  | 'unreachable';

export type XksProxyFault =
  /** The proxy does not answer: XKS_PROXY_NOT_REACHABLE, XksProxyUriUnreachableException. */
  | 'unreachable'
  /** The proxy rejects kmsw's credential: INVALID_CREDENTIALS, XksProxyIncorrectAuthenticationCredentialException. */
  | 'invalid-credentials'
  /** The proxy answers something KMS cannot read: XKS_PROXY_INVALID_RESPONSE, XksProxyInvalidResponseException. */
  | 'invalid-response'
  /** The proxy answers too slowly: XKS_PROXY_TIMED_OUT; cryptographic operations fail. */
  | 'timed-out';

export type BackendFault =
  | { cloudHsmClusterId: string; fault: CloudHsmClusterFault | null }
  | { xksProxyUriEndpoint: string; fault: XksProxyFault | null }
  /** An external key deleted from (fault `deleted`) or restored to (null) its proxy's key manager. */
  | { xksProxyUriEndpoint: string; xksKeyId: string; fault: 'deleted' | null };

export interface BackendStatus {
  cloudHsmClusters: (CloudHsmClusterBackend & { fault?: CloudHsmClusterFault })[];
  xksProxies: (XksProxyBackend & { fault?: XksProxyFault; deletedKeys: string[] })[];
}

export class CustomKeyStoreBackendsError extends Error {
  override readonly name = 'CustomKeyStoreBackendsError';
}

const CLUSTER_ID = /^cluster-[2-7a-zA-Z]{11,16}$/;
const XKS_ENDPOINT = /^https:\/\/[a-zA-Z0-9.-]+$/;
const XKS_PATH = /^(\/[a-zA-Z0-9/_-]+\/kms\/xks\/v\d{1,2})$|^(\/kms\/xks\/v\d{1,2})$/;
const VPC_SERVICE = /^(com|eu)\.amazonaws\.vpce\.([a-z]+-){2,3}\d+\.vpce-svc-[0-9a-z]+$/;
const ACCESS_KEY_ID = /^[A-Z2-7]{20,30}$/;
const SECRET = /^[a-zA-Z0-9/+=]{43,64}$/;

const FAULTS_CLUSTER: readonly CloudHsmClusterFault[] = [
  'insufficient-hsms',
  'not-active',
  'invalid-credentials',
  'unreachable',
];
const FAULTS_PROXY: readonly XksProxyFault[] = [
  'unreachable',
  'invalid-credentials',
  'invalid-response',
  'timed-out',
];

function fail(where: string, what: string): never {
  throw new CustomKeyStoreBackendsError(`customKeyStoreBackends ${where}: ${what}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(
  row: Record<string, unknown>,
  field: string,
  where: string,
  pattern?: RegExp,
  optional = false,
) {
  const v = row[field];
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string') fail(where, `${field} must be a string`);
  if (pattern && !pattern.test(v)) fail(where, `${field} ${JSON.stringify(v)} must match ${String(pattern)}`);
  return v;
}

/**
 * Checks a declaration (a value or JSON text) and returns a copy. Ids and URIs must match the patterns of the
 * KMS API, since a request could not name them otherwise. Throws CustomKeyStoreBackendsError.
 */
export function checkBackends(value: unknown): Required<CustomKeyStoreBackendsConfig> {
  let doc = value;
  if (typeof value === 'string') {
    try {
      doc = JSON.parse(value);
    } catch (error) {
      fail('document', `not valid JSON (${(error as Error).message})`);
    }
  }
  if (!isObject(doc)) fail('document', 'must be an object with cloudHsmClusters and/or xksProxies');
  for (const key of Object.keys(doc)) {
    if (key !== 'cloudHsmClusters' && key !== 'xksProxies') fail('document', `unknown field ${key}`);
  }
  const clusters = doc.cloudHsmClusters ?? [];
  const proxies = doc.xksProxies ?? [];
  if (!Array.isArray(clusters)) fail('cloudHsmClusters', 'must be an array');
  if (!Array.isArray(proxies)) fail('xksProxies', 'must be an array');
  const out: Required<CustomKeyStoreBackendsConfig> = { cloudHsmClusters: [], xksProxies: [] };
  const clusterIds = new Set<string>();
  clusters.forEach((row: unknown, i) => {
    const where = `cloudHsmClusters[${i}]`;
    if (!isObject(row)) fail(where, 'must be an object');
    const clusterId = text(row, 'clusterId', where, CLUSTER_ID)!;
    if (clusterIds.has(clusterId)) fail(where, `clusterId ${clusterId} is declared twice`);
    clusterIds.add(clusterId);
    const hsmCount = row.hsmCount ?? 2;
    if (typeof hsmCount !== 'number' || !Number.isInteger(hsmCount) || hsmCount < 0 || hsmCount > 28)
      fail(where, 'hsmCount must be an integer from 0 to 28');
    out.cloudHsmClusters.push({
      clusterId,
      trustAnchorCertificate: text(row, 'trustAnchorCertificate', where)!,
      hsmCount,
      kmsuserPassword: text(row, 'kmsuserPassword', where, /^.{7,32}$/s, true),
      region: text(row, 'region', where, /^[a-z]{2}(-[a-z]+)+-\d$/, true),
    });
  });
  const endpoints = new Set<string>();
  proxies.forEach((row: unknown, i) => {
    const where = `xksProxies[${i}]`;
    if (!isObject(row)) fail(where, 'must be an object');
    const uriEndpoint = text(row, 'uriEndpoint', where, XKS_ENDPOINT)!;
    if (endpoints.has(uriEndpoint)) fail(where, `uriEndpoint ${uriEndpoint} is declared twice`);
    endpoints.add(uriEndpoint);
    const keys = row.keys ?? [];
    if (
      !Array.isArray(keys) ||
      !keys.every((k) => typeof k === 'string' && /^[a-zA-Z0-9-_.]{1,128}$/.test(k))
    )
      fail(where, 'keys must be an array of external key ids (1 to 128 of [a-zA-Z0-9-_.])');
    out.xksProxies.push({
      uriEndpoint,
      uriPath: text(row, 'uriPath', where, XKS_PATH)!,
      accessKeyId: text(row, 'accessKeyId', where, ACCESS_KEY_ID)!,
      secretAccessKey: text(row, 'secretAccessKey', where, SECRET)!,
      keys: [...(keys as string[])],
      vpcEndpointServiceName: text(row, 'vpcEndpointServiceName', where, VPC_SERVICE, true),
      region: text(row, 'region', where, /^[a-z]{2}(-[a-z]+)+-\d$/, true),
    });
  });
  return out;
}

/** The declared backends and their injected faults, as the operations see them. */
export interface CustomKeyStoreBackends {
  cluster(region: string, clusterId: string): CloudHsmClusterBackend | undefined;
  clusterFault(clusterId: string): CloudHsmClusterFault | undefined;
  /** The proxy declared at this endpoint and visible in the Region. */
  proxy(region: string, uriEndpoint: string): XksProxyBackend | undefined;
  proxyByVpcEndpointService(region: string, serviceName: string): XksProxyBackend | undefined;
  proxyFault(uriEndpoint: string): XksProxyFault | undefined;
  /** Whether the proxy holds this external key now (declared and not deleted by a fault). */
  hasExternalKey(proxy: XksProxyBackend, xksKeyId: string): boolean;
  setFault(fault: BackendFault): void;
  clearFaults(): void;
  status(): BackendStatus;
}

const visibleIn = (region: string, backend: { region?: string }) =>
  backend.region === undefined || backend.region === region;

export function createCustomKeyStoreBackends(config: unknown = {}): CustomKeyStoreBackends {
  const declared = checkBackends(config);
  const clusterFaults = new Map<string, CloudHsmClusterFault>();
  const proxyFaults = new Map<string, XksProxyFault>();
  const deletedKeys = new Map<string, Set<string>>();

  const findProxy = (uriEndpoint: string) => declared.xksProxies.find((p) => p.uriEndpoint === uriEndpoint);

  return {
    cluster: (region, clusterId) =>
      declared.cloudHsmClusters.find((c) => c.clusterId === clusterId && visibleIn(region, c)),
    clusterFault: (clusterId) => clusterFaults.get(clusterId),
    proxy: (region, uriEndpoint) => {
      const proxy = findProxy(uriEndpoint);
      return proxy && visibleIn(region, proxy) ? proxy : undefined;
    },
    proxyByVpcEndpointService: (region, serviceName) =>
      declared.xksProxies.find((p) => p.vpcEndpointServiceName === serviceName && visibleIn(region, p)),
    proxyFault: (uriEndpoint) => proxyFaults.get(uriEndpoint),
    hasExternalKey: (proxy, xksKeyId) =>
      proxy.keys.includes(xksKeyId) && !deletedKeys.get(proxy.uriEndpoint)?.has(xksKeyId),

    setFault(change) {
      if (!isObject(change)) throw new CustomKeyStoreBackendsError('a backend fault must be an object');
      if ('cloudHsmClusterId' in change) {
        const id = change.cloudHsmClusterId;
        if (!declared.cloudHsmClusters.some((c) => c.clusterId === id))
          throw new CustomKeyStoreBackendsError(`no CloudHSM cluster ${String(id)} is declared`);
        if (change.fault === null) clusterFaults.delete(id);
        else if (FAULTS_CLUSTER.includes(change.fault)) clusterFaults.set(id, change.fault);
        else
          throw new CustomKeyStoreBackendsError(
            `a CloudHSM cluster fault is one of ${FAULTS_CLUSTER.join(', ')} or null`,
          );
        return;
      }
      if (!('xksProxyUriEndpoint' in change))
        throw new CustomKeyStoreBackendsError(
          'a backend fault names cloudHsmClusterId or xksProxyUriEndpoint',
        );
      const proxy = findProxy(change.xksProxyUriEndpoint);
      if (!proxy)
        throw new CustomKeyStoreBackendsError(
          `no external key store proxy is declared at ${String(change.xksProxyUriEndpoint)}`,
        );
      if ('xksKeyId' in change) {
        if (!proxy.keys.includes(change.xksKeyId))
          throw new CustomKeyStoreBackendsError(
            `the proxy at ${proxy.uriEndpoint} declares no external key ${String(change.xksKeyId)}`,
          );
        const set = deletedKeys.get(proxy.uriEndpoint) ?? new Set<string>();
        deletedKeys.set(proxy.uriEndpoint, set);
        if (change.fault === 'deleted') set.add(change.xksKeyId);
        else if (change.fault === null) set.delete(change.xksKeyId);
        else throw new CustomKeyStoreBackendsError('an external key fault is "deleted" or null');
        return;
      }
      if (change.fault === null) proxyFaults.delete(proxy.uriEndpoint);
      else if (FAULTS_PROXY.includes(change.fault)) proxyFaults.set(proxy.uriEndpoint, change.fault);
      else
        throw new CustomKeyStoreBackendsError(`a proxy fault is one of ${FAULTS_PROXY.join(', ')} or null`);
    },

    clearFaults() {
      clusterFaults.clear();
      proxyFaults.clear();
      deletedKeys.clear();
    },

    status: () => ({
      cloudHsmClusters: declared.cloudHsmClusters.map((c) => ({
        ...c,
        ...(clusterFaults.has(c.clusterId) ? { fault: clusterFaults.get(c.clusterId) } : {}),
      })),
      xksProxies: declared.xksProxies.map((p) => ({
        ...p,
        keys: [...p.keys],
        secretAccessKey: '<redacted>',
        ...(proxyFaults.has(p.uriEndpoint) ? { fault: proxyFaults.get(p.uriEndpoint) } : {}),
        deletedKeys: [...(deletedKeys.get(p.uriEndpoint) ?? [])],
      })),
    }),
  };
}
