/**
 * Assembles one emulator: a store, the clock, the id source, the KMS domain and the protocol handler. Every way in
 * (msw handlers, the service worker, msw/node, the in-process request handler, the in-page fetch, `kmsw serve`)
 * calls the same `fetch` of one of these.
 */
import { createAdjustableClock, type AdjustableClock } from '../kms/clock.ts';
import { randomIds, type IdSource } from '../kms/ids.ts';
import { createKmsService } from '../kms/kms-service.ts';
import type { KmsStore } from '../kms/store.ts';
import { createKmsFetchHandler, type KmsFetchHandler } from '../protocol/kms-fetch-handler.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import { openIndexedDbStore } from '../store/indexeddb-store.ts';

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
}

export interface KmsEmulator {
  /** Answer one AWS JSON 1.1 KMS request. */
  fetch: KmsFetchHandler;
  /** Whether a request is addressed to this emulator (a KMS host or one of the extra endpoints). */
  matches(request: Request): boolean;
  clock: AdjustableClock;
  store(): Promise<KmsStore>;
  close(): Promise<void>;
}

const KMS_HOST = /^kms(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?$/;

function openStore(options: KmsEmulatorOptions): Promise<KmsStore> {
  const choice = options.store ?? (typeof indexedDB === 'undefined' ? 'memory' : 'indexeddb');
  if (choice === 'memory') return Promise.resolve(createMemoryStore());
  if (choice === 'indexeddb') return openIndexedDbStore({ name: options.databaseName ?? 'kmsw' });
  return Promise.resolve(choice);
}

export function createKmsEmulator(options: KmsEmulatorOptions = {}): KmsEmulator {
  const clock = createAdjustableClock(Date.now, options.clockOffsetMs ?? 0);
  const ids = options.ids ?? randomIds;
  const storePromise = openStore(options);
  const handlerPromise = storePromise.then((store) =>
    createKmsFetchHandler(createKmsService({ store, clock, ids }), {
      defaultAccount: options.defaultAccount,
      defaultRegion: options.defaultRegion,
    }),
  );
  const endpoints = (options.endpoints ?? []).map((e) => new URL(e));
  return {
    fetch: async (request) => (await handlerPromise)(request),
    matches(request) {
      const url = new URL(request.url);
      if (KMS_HOST.test(url.hostname)) return true;
      return endpoints.some((e) => e.origin === url.origin && url.pathname.startsWith(e.pathname));
    },
    clock,
    store: () => storePromise,
    close: async () => (await storePromise).close(),
  };
}
