/**
 * Assembles one emulator: a store, the clock, the id source, the KMS domain and the protocol handler. Every way in
 * (msw handlers, the service worker, msw/node, the in-process request handler, the in-page fetch, `kmsw serve`)
 * calls the same `fetch` of one of these.
 *
 * The `seed` option is written to the store before the first request is answered (`fetch` waits for it). Seeding
 * only adds records that do not exist yet, so an IndexedDB database (or state file) that already holds the seeded
 * keys keeps them as they are, including any changes made since. A seed that cannot be used throws from
 * `createKmsEmulator` (KmsSeedError) when the mistake is in the document, otherwise `ready()` and
 * every `fetch` reject with the reason. An `identities` option that cannot be used throws KmsIdentitiesError here.
 */
import { createAdjustableClock, type AdjustableClock } from '../kms/clock.ts';
import {
  createCustomKeyStoreBackends,
  type CustomKeyStoreBackendsConfig,
} from '../kms/custom-key-stores/backends.ts';
import { DEFAULT_CONNECT_MS } from '../kms/custom-key-stores/connection.ts';
import { quotaSettings, type QuotaOptions } from '../kms/quotas/quota-settings.ts';
import type { QuotaRuntime } from '../kms/quotas/rate-quotas.ts';
import { createTokenBuckets } from '../kms/quotas/token-buckets.ts';
import { randomIds, type IdSource } from '../kms/ids.ts';
import { createKmsService } from '../kms/kms-service.ts';
import { checkSeed, KmsSeedError, type KmsSeed } from '../kms/seed.ts';
import type { KmsStore, StoreSnapshot } from '../kms/store.ts';
import {
  createKmsProtocolHandler,
  type KmsFetchHandler,
  type KmsHttpRequest,
  type KmsHttpResponse,
} from '../protocol/kms-fetch-handler.ts';
import { DEFAULT_ACCOUNT, DEFAULT_REGION } from '../protocol/request-scope.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import { openIndexedDbStore } from '../store/indexeddb-store.ts';
import {
  checkStateDocument,
  parseState,
  StateDocumentError,
  type StateDocument,
} from '../store/state-document.ts';
import { readIdentities, type KmsIdentities } from '../kms/access/identities.ts';
import type { AccessControl } from '../kms/access/access-control.ts';
import { createKmsAdmin, type KmsAdmin } from './admin.ts';
import { registerInPage } from './page-registry.ts';
import { toLogEntry } from './request-log/entry.ts';
import { createIndexedDbRequestLog } from './request-log/indexeddb-request-log.ts';
import {
  createMemoryRequestLog,
  type RequestLog,
  type RequestLogOptions,
} from './request-log/request-log.ts';

export interface KmsEmulatorOptions {
  /**
   * Where keys live: `'memory'`, `'indexeddb'`, or a KmsStore of your own. Default: IndexedDB where the platform has
   * it (browsers), memory elsewhere (Node).
   */
  store?: 'memory' | 'indexeddb' | KmsStore;
  /** IndexedDB database name. Default `kmsw`. */
  databaseName?: string;
  /** Account for requests whose access key id is not a 12-digit account id. Default `000000000000`. */
  defaultAccount?: string;
  /** Region for requests to a custom endpoint without a SigV4 region. Default `us-east-1`. */
  defaultRegion?: string;
  /** Extra endpoint URLs to answer besides `https://kms.<region>.amazonaws.com` (e.g. `http://localhost:4599`). */
  endpoints?: string[];
  /** Inject ids (deterministic tests). */
  ids?: IdSource;
  /** Start with the clock moved by this many milliseconds. */
  clockOffsetMs?: number;
  /**
   * Keys to start with: `{ keys: [{ id, spec, usage, aliases, material, ... }] }` (see KmsSeedKey), a state document
   * (`admin.exportState()`; its records are seeded, its clock offset is not), or either as JSON text. Records that
   * already exist in the store are left as they are.
   */
  seed?: KmsSeed | StateDocument | string;
  /**
   * The request log (`admin.requests()`, `admin.onRequest()`): every KMS call with its redacted bodies, the
   * newest `limit` kept (default 1000). Kept in IndexedDB (`<databaseName>-requests`, shared by the tabs of an
   * origin) when the store is IndexedDB, in memory otherwise. `false` records nothing.
   */
  requestLog?: RequestLogOptions | false;
  /**
   * Who each SigV4 access key id is: `{ "AKIA…": "arn:aws:iam::111122223333:role/app" }` or
   * `{ "AKIA…": { arn, secretAccessKey?, policies?: [IAM policy documents] } }` (or that document as JSON text).
   * The principal's account is the request's account; unknown access keys act as today (an account root).
   */
  identities?: KmsIdentities | string;
  /**
   * Authorise every request as AWS does: key policies (with conditions), the identities' IAM policies and grants.
   * Default false: only calls on another account's key are checked, against its key policy. `{ grantPropagationMs }`
   * also models AWS's eventual consistency: a new grant is in effect that long (emulator clock) after CreateGrant,
   * at once for requests that pass its grant token (default 0: every grant is in effect at once).
   */
  enforcePolicies?: boolean | { grantPropagationMs?: number };
  /**
   * Check the SigV4 signature of every request against the identities' secretAccessKey; access keys that are not
   * in `identities` are refused (UnrecognizedClientException). Default false.
   */
  verifySignatures?: boolean;
  /**
   * The AWS CloudHSM clusters and external key store proxies that custom key stores can use, simulated by kmsw:
   * `{ cloudHsmClusters: [{ clusterId, trustAnchorCertificate, hsmCount?, kmsuserPassword?, region? }],
   *    xksProxies: [{ uriEndpoint, uriPath, accessKeyId, secretAccessKey, keys, vpcEndpointServiceName?, region? }] }`
   * or its JSON text. Default: none (CreateCustomKeyStore then finds no cluster or proxy). A declaration kmsw cannot
   * use throws CustomKeyStoreBackendsError here.
   */
  customKeyStoreBackends?: CustomKeyStoreBackendsConfig | string;
  /** Emulator time ConnectCustomKeyStore takes before the store is CONNECTED (or FAILED). Default 2000 ms. */
  customKeyStoreConnectMs?: number;
  /**
   * AWS's adjustable quotas: `true` enforces the resource quotas (LimitExceededException) and request rates
   * (ThrottlingException, token buckets on the emulator clock) with AWS's default numbers; an object sets some of
   * them, e.g. `{ keysPerRegion: 3, CreateKey: 1, cryptographicOperationsSymmetric: 10 }`. Default off. Quotas AWS
   * does not let anyone adjust are always enforced. Throws QuotaOptionsError for an unknown quota.
   */
  quotas?: QuotaOptions;
}

export interface KmsEmulator {
  /** Answer one AWS JSON 1.1 KMS request. */
  fetch: KmsFetchHandler;
  /**
   * The same as `fetch` without the Fetch classes: what the in-process request handler and `kmsw serve` call,
   * because building and draining a Request and a Response costs more than the operation itself.
   */
  answer(request: KmsHttpRequest): Promise<KmsHttpResponse>;
  /** Whether a request is addressed to this emulator (a KMS host or one of the extra endpoints). */
  matches(request: Request): boolean;
  clock: AdjustableClock;
  /** Reset, export/import, clock and scopes; not reachable through the AWS protocol. */
  admin: KmsAdmin;
  /** The store, once it is open and seeded. */
  store(): Promise<KmsStore>;
  /** Resolves once the store is open and seeded (rejects with the reason when seeding failed). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

const KMS_HOST = /^kms(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?$/;

function storeChoice(options: KmsEmulatorOptions): 'memory' | 'indexeddb' | KmsStore {
  return options.store ?? (typeof indexedDB === 'undefined' ? 'memory' : 'indexeddb');
}

function openStore(options: KmsEmulatorOptions): Promise<KmsStore> {
  const choice = storeChoice(options);
  if (choice === 'memory') return Promise.resolve(createMemoryStore());
  if (choice === 'indexeddb') return openIndexedDbStore({ name: options.databaseName ?? 'kmsw' });
  return Promise.resolve(choice);
}

function openRequestLog(options: KmsEmulatorOptions): RequestLog | undefined {
  const settings = options.requestLog ?? {};
  if (settings === false) return undefined;
  if (storeChoice(options) !== 'indexeddb') return createMemoryRequestLog(settings);
  return createIndexedDbRequestLog({ ...settings, databaseName: options.databaseName ?? 'kmsw' });
}

type PreparedSeed = { records: StoreSnapshot } | { keys: ReturnType<typeof checkSeed> };

/** Checks the seed option synchronously, so a bad document fails where the emulator is created. */
function prepareSeed(
  seed: KmsEmulatorOptions['seed'],
  options: KmsEmulatorOptions,
): PreparedSeed | undefined {
  if (seed === undefined) return undefined;
  let value: unknown = seed;
  if (typeof seed === 'string') {
    try {
      value = JSON.parse(seed);
    } catch (error) {
      throw new KmsSeedError(`the kmsw seed is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (typeof value === 'object' && value !== null && 'format' in value) {
    try {
      return { records: (typeof seed === 'string' ? parseState(seed) : checkStateDocument(value)).data };
    } catch (error) {
      if (error instanceof StateDocumentError) {
        throw new KmsSeedError(`the kmsw seed is a state document kmsw cannot use: ${error.message}`, {
          cause: error,
        });
      }
      throw error;
    }
  }
  const defaults = {
    account: options.defaultAccount ?? DEFAULT_ACCOUNT,
    region: options.defaultRegion ?? DEFAULT_REGION,
  };
  return { keys: checkSeed(value, defaults) };
}

/** The access-control settings, or undefined when no option asks for any (then nothing changes on the hot path). */
function accessControl(options: KmsEmulatorOptions): AccessControl | undefined {
  if (options.identities === undefined && !options.enforcePolicies && !options.verifySignatures)
    return undefined;
  const identities = options.identities === undefined ? new Map() : readIdentities(options.identities);
  const enforce = options.enforcePolicies;
  const grantPropagationMs = typeof enforce === 'object' ? (enforce.grantPropagationMs ?? 0) : 0;
  if (!Number.isFinite(grantPropagationMs) || grantPropagationMs < 0) {
    throw new RangeError(
      `enforcePolicies.grantPropagationMs must be milliseconds ≥ 0, got ${grantPropagationMs}`,
    );
  }
  return { identities, enforce: enforce === true || typeof enforce === 'object', grantPropagationMs };
}

export function createKmsEmulator(options: KmsEmulatorOptions = {}): KmsEmulator {
  const access = accessControl(options);
  const clock = createAdjustableClock(Date.now, options.clockOffsetMs ?? 0);
  const ids = options.ids ?? randomIds;
  const seed = prepareSeed(options.seed, options);
  const requestLog = openRequestLog(options);
  const customKeyStoreBackends = createCustomKeyStoreBackends(options.customKeyStoreBackends ?? {});
  const connectMs = options.customKeyStoreConnectMs ?? DEFAULT_CONNECT_MS;
  if (!Number.isFinite(connectMs) || connectMs < 0) {
    throw new RangeError('customKeyStoreConnectMs must be a non-negative number of milliseconds');
  }
  const quotas: QuotaRuntime = { settings: quotaSettings(options.quotas), buckets: createTokenBuckets() };
  const storePromise = openStore(options);
  // Seeding code (key generation included) loads only when there is a seed.
  const seeding = () => import('../kms/seed-records.ts');
  const recordsOf = async (prepared: PreparedSeed): Promise<StoreSnapshot> => {
    if ('records' in prepared) return prepared.records;
    const now = clock.now();
    return (await seeding()).buildSeedRecords(prepared.keys, { now, ids });
  };
  const applySeed = async (store: KmsStore, records: StoreSnapshot) =>
    (await seeding()).applySeed(store, records);
  let seedRecords: Promise<StoreSnapshot> | undefined;
  if (seed) {
    seedRecords = storePromise.then(() => recordsOf(seed));
    seedRecords.catch(() => undefined); // reported through ready(), as below
  }
  const readyPromise = storePromise.then(async (store) => {
    if (seedRecords) await applySeed(store, await seedRecords);
    return store;
  });
  const handlerPromise = readyPromise.then((store) =>
    createKmsProtocolHandler(
      createKmsService({
        store,
        clock,
        ids,
        ...(access && { access }),
        customKeyStores: { backends: customKeyStoreBackends, connectMs },
        quotas,
      }),
      {
        defaultAccount: options.defaultAccount,
        defaultRegion: options.defaultRegion,
        ...(requestLog && { onExchange: (exchange) => requestLog.record(toLogEntry(exchange)) }),
        identities: access?.identities,
        verifySignatures: options.verifySignatures,
      },
    ),
  );
  // Reported through ready() and fetch(); never an unhandled rejection when nobody asks.
  handlerPromise.catch(() => undefined);
  const endpoints = (options.endpoints ?? []).map((e) => new URL(e));
  const store = () => readyPromise;
  const emulator: KmsEmulator = {
    fetch: async (request) => (await handlerPromise).fetch(request),
    answer: async (request) => (await handlerPromise).answer(request),
    matches(request) {
      const url = new URL(request.url);
      if (KMS_HOST.test(url.hostname)) return true;
      return endpoints.some((e) => e.origin === url.origin && url.pathname.startsWith(e.pathname));
    },
    clock,
    admin: createKmsAdmin(
      { store, clock, requestLog, customKeyStoreBackends },
      {
        initialClockOffsetMs: options.clockOffsetMs ?? 0,
        initialRecords: seedRecords && (() => seedRecords!),
        seed: async (more) => {
          const prepared = prepareSeed(more, options);
          if (prepared) await applySeed(await readyPromise, await recordsOf(prepared));
        },
        identities:
          access &&
          [...access.identities.values()].map((i) => ({ accessKeyId: i.accessKeyId, arn: i.caller.arn })),
      },
    ),
    store,
    ready: async () => {
      await handlerPromise;
    },
    close: async () => {
      unregister();
      await requestLog?.close();
      await (await storePromise).close();
    },
  };
  const unregister = registerInPage(emulator);
  return emulator;
}
