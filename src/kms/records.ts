/**
 * Persistent records of the KMS domain.
 *
 * Records are plain, structured-clone-safe data (no classes, no CryptoKeys): they pass unchanged through
 * IndexedDB, export/import documents and React state. Times are epoch milliseconds; key material is raw bytes.
 * Every record carries `rev`, bumped on each write, which the store uses for compare-and-swap commits.
 */
import type {
  AlgorithmSpec,
  ConnectionErrorCodeType,
  ConnectionStateType,
  CustomKeyStoreType,
  CustomerMasterKeySpec,
  ExpirationModelType,
  GrantConstraints,
  GrantOperation,
  KeyLastUsageTrackingOperation,
  KeyManagerType,
  KeySpec,
  KeyState,
  KeyUsageType,
  MultiRegionKeyType,
  OriginType,
  Tag,
  WrappingKeySpec,
  XksProxyConnectivityType,
} from '../api/generated/types.ts';

/** Where every record lives: AWS scopes KMS state by account and region. */
export interface Scope {
  account: string;
  region: string;
}

/** One version of a key's cryptographic material (rotations and imports add versions). */
export interface KeyMaterialRecord {
  /** 64 hex characters, as AWS's KeyMaterialId. */
  id: string;
  createdAt: number;
  /** Symmetric and HMAC keys: raw secret bytes. */
  secret?: Uint8Array;
  /** Asymmetric keys: PKCS#8 DER private key and SPKI DER public key. */
  privateKey?: Uint8Array;
  publicKey?: Uint8Array;
  /**
   * Imported material (Origin EXTERNAL) that is present. Deleted or expired imported material keeps its record (id,
   * state, rotation) without key bytes and without `imported` until the same material is imported again.
   */
  imported?: { importedAt: number; expirationModel: ExpirationModelType; validTo?: number };
  /** KeyMaterialDescription given to ImportKeyMaterial (imported symmetric material). */
  description?: string;
  /** CURRENT, NON_CURRENT (older versions kept to decrypt), PENDING_ROTATION (imported, not yet rotated to). */
  state: 'CURRENT' | 'NON_CURRENT' | 'PENDING_ROTATION';
  rotationType?: 'AUTOMATIC' | 'ON_DEMAND';
  rotatedAt?: number;
}

/**
 * Wrapping parameters that GetParametersForImport handed out (operations/import.ts): the wrapping private key the
 * import token names, valid for 24 hours. Kept on the key record, so they survive export/import of the state.
 */
export interface ImportParametersRecord {
  /** 32 hex digits, carried in the import token (import-parameters.ts). */
  tokenId: string;
  wrappingAlgorithm: AlgorithmSpec;
  wrappingKeySpec: WrappingKeySpec;
  /** PKCS#8 DER of the wrapping private key. */
  privateKey: Uint8Array;
  validTo: number;
}

export interface MultiRegionRecord {
  type: MultiRegionKeyType;
  /** ARN and region of the primary key. */
  primaryArn: string;
  primaryRegion: string;
  /** On the primary: the replicas. */
  replicas: { arn: string; region: string }[];
}

export interface KeyRecord {
  account: string;
  region: string;
  keyId: string;
  arn: string;
  createdAt: number;
  description: string;
  keySpec: KeySpec;
  /** The deprecated CustomerMasterKeySpec mirror, when the spec has one. */
  customerMasterKeySpec?: CustomerMasterKeySpec;
  keyUsage: KeyUsageType;
  origin: OriginType;
  keyManager: KeyManagerType;
  state: KeyState;
  multiRegion?: MultiRegionRecord;
  deletionDate?: number;
  pendingWindowInDays?: number;
  policy: string;
  tags: Tag[];
  materials: KeyMaterialRecord[];
  rotation: { enabled: boolean; periodInDays?: number; nextRotationAt?: number; onDemandCount: number };
  /** Unexpired GetParametersForImport results of an EXTERNAL key, oldest first (at most 10). */
  importParameters?: ImportParametersRecord[];
  /** Keys in a custom key store (Origin AWS_CLOUDHSM or EXTERNAL_KEY_STORE): the store's id. */
  customKeyStoreId?: string;
  /** Origin AWS_CLOUDHSM: the cluster of the store when the key was created. */
  cloudHsmClusterId?: string;
  /** Origin EXTERNAL_KEY_STORE: the id of the external key in the store's proxy (XksKeyConfiguration.Id). */
  xksKeyId?: string;
  /** The last recorded cryptographic use (key-usage-tracking.ts): operation, time and request id. */
  lastUsage?: { operation: KeyLastUsageTrackingOperation; at: number; requestId?: string };
  rev: number;
}

export interface AliasRecord {
  account: string;
  region: string;
  aliasName: string;
  aliasArn: string;
  targetKeyId: string;
  createdAt: number;
  lastUpdatedAt: number;
  rev: number;
}

export interface GrantRecord {
  account: string;
  region: string;
  grantId: string;
  keyId: string;
  name?: string;
  createdAt: number;
  granteePrincipal: string;
  retiringPrincipal?: string;
  issuingAccount: string;
  operations: GrantOperation[];
  constraints?: GrantConstraints;
  /** Tokens handed out for this grant (eventual-consistency tokens AWS returns). */
  tokens: string[];
  rev: number;
}

/**
 * A custom key store (operations/custom-key-stores.ts). The backend it names (CloudHSM cluster, external key store
 * proxy) is simulated by kmsw from the `customKeyStoreBackends` option; the record holds only what AWS keeps.
 */
export interface CustomKeyStoreRecord {
  account: string;
  region: string;
  /** `cks-` and 17 hex digits, as AWS's. */
  customKeyStoreId: string;
  name: string;
  type: CustomKeyStoreType;
  createdAt: number;
  connectionState: ConnectionStateType;
  /** Set while FAILED (and kept after a disconnect, as AWS does, until the next connect attempt). */
  connectionErrorCode?: ConnectionErrorCodeType;
  /** CONNECTING: the emulator time the attempt ends, when it becomes CONNECTED or FAILED. */
  connectingUntil?: number;
  cloudHsm?: {
    clusterId: string;
    trustAnchorCertificate: string;
    /** The kmsuser password (KeyStorePassword); never returned by any operation. */
    keyStorePassword: string;
  };
  xks?: {
    connectivity: XksProxyConnectivityType;
    uriEndpoint: string;
    uriPath: string;
    vpcEndpointServiceName?: string;
    vpcEndpointServiceOwner?: string;
    accessKeyId: string;
    /** Never returned by any operation. */
    secretAccessKey: string;
  };
  rev: number;
}
