/**
 * The admin API of an emulator (`emulator.admin`, or `createKmsAdmin(emulator)`): reset, export and import the
 * whole state as a versioned state document, move the clock, list the scopes in use. It is plain TypeScript on the
 * emulator object — no request, AWS-shaped or not, can reach it.
 *
 * - `exportState()` returns every record and the clock offset (so the offset travels with memory and IndexedDB
 *   state too; `kmsw serve --state FILE` also writes it to FILE).
 * - `importState(doc, { mode })` checks the whole document first (JSON, format, version, every record) and changes
 *   nothing when it is refused. `replace` (default) swaps the whole state and adopts the document's clock offset;
 *   `merge` writes the document's records over the current ones with the same (table, account, region, id) and
 *   leaves the clock alone. Either is one atomic store operation.
 * - `reset()` returns to how the emulator started: the `seed` records only, clock offset back to the
 *   `clockOffsetMs` option (0 by default).
 * - `customKeyStoreBackends` shows the simulated CloudHSM clusters and XKS proxies (`customKeyStoreBackends` option)
 *   and makes them misbehave (`setFault`), so that apps can test their failure paths; `reset()` clears the faults.
 * - `subscribe(listener)` reports every committed change to the records (AWS requests, import, reset), including
 *   those another tab makes on the same IndexedDB database; e.g. to refresh a view of the keys.
 * - `requests()`, `onRequest(listener)`, `clearRequests()`: the request log (request-log/), oldest first; in the
 *   browser shared by the tabs of an origin. Empty, and silent, when the emulator runs with `requestLog: false`.
 */
import type { AdjustableClock } from '../kms/clock.ts';
import {
  createCustomKeyStoreBackends,
  type BackendFault,
  type BackendStatus,
  type CustomKeyStoreBackends,
} from '../kms/custom-key-stores/backends.ts';
import type { Scope } from '../kms/records.ts';
import type { KmsStore, StoreChange, StoreSnapshot, StoreWrite, TableName } from '../kms/store.ts';
import type { KmsSeed } from '../kms/seed.ts';
import type { KmsRequestLogEntry } from './request-log/entry.ts';
import type { RequestLog } from './request-log/request-log.ts';
import {
  checkStateDocument,
  parseState,
  stringifyState,
  StateDocumentError,
  STATE_FORMAT,
  STATE_VERSION,
  type StateDocument,
} from '../store/state-document.ts';

/** Which tables (`keys`, `aliases`, `grants`, `customKeyStores`) and account/region scopes one committed change touched. */
export type KmsStateChange = StoreChange;

export interface ImportOptions {
  /** `replace` (default): the document becomes the whole state. `merge`: its records win over existing ones. */
  mode?: 'replace' | 'merge';
}

export interface KmsAdminClock {
  /** The emulator's time, epoch milliseconds. */
  now(): number;
  /** Milliseconds the emulator's clock is ahead of real time. */
  offsetMs(): number;
  /** Move time forward (keys scheduled for deletion disappear once it passes their DeletionDate). */
  advance(ms: number): Promise<void>;
  setOffset(ms: number): Promise<void>;
}

/** The simulated custom key store backends and their faults (not persisted; per emulator). */
export interface KmsAdminCustomKeyStoreBackends {
  /** The declared clusters and proxies (proxy secrets redacted) with their current faults. */
  status(): BackendStatus;
  /**
   * Make a backend misbehave, or behave again with `fault: null`:
   * `{ cloudHsmClusterId, fault: 'insufficient-hsms' | 'not-active' | 'invalid-credentials' | 'unreachable' }`,
   * `{ xksProxyUriEndpoint, fault: 'unreachable' | 'invalid-credentials' | 'invalid-response' | 'timed-out' }`,
   * `{ xksProxyUriEndpoint, xksKeyId, fault: 'deleted' }`. Throws CustomKeyStoreBackendsError for an undeclared
   * backend or an unknown fault.
   */
  setFault(fault: BackendFault): void;
  clearFaults(): void;
}

export interface KmsAdmin {
  reset(): Promise<void>;
  exportState(): Promise<StateDocument>;
  /** `exportState()` as JSON text (bytes as `{"$bytes": "<base64>"}`), e.g. to save to a file. */
  exportJson(): Promise<string>;
  /** Accepts a document, or its JSON text. Throws StateDocumentError (and changes nothing) when it is refused. */
  importState(doc: StateDocument | string, options?: ImportOptions): Promise<void>;
  clock: KmsAdminClock;
  /** Every account/region that holds at least one record. */
  scopes(): Promise<Scope[]>;
  /**
   * Calls `listener` after each committed change, in this tab or in another one sharing the database. Returns the
   * unsubscribe function (usable at once, even before the store is open).
   */
  subscribe(listener: (change: KmsStateChange) => void): () => void;
  /** The request log, oldest first: every KMS call with its redacted request and response bodies. */
  requests(): Promise<KmsRequestLogEntry[]>;
  /** Calls `listener` for each new log entry (in the browser: made in any tab of the origin). Returns unsubscribe. */
  onRequest(listener: (entry: KmsRequestLogEntry) => void): () => void;
  /** Empties the request log. */
  clearRequests(): Promise<void>;
  /**
   * Adds keys as the `seed` option does (a seed `{ keys: [...] }`, a state document, or JSON text of either): only
   * records that do not exist yet are written. Throws KmsSeedError (and writes nothing) when the seed is refused.
   */
  seed(seed: KmsSeed | StateDocument | string): Promise<void>;
  /**
   * The configured identities (the `identities` option), for an identity picker: access key id and the principal
   * ARN AWS reports for it. Never secrets or policies. Empty without the option.
   */
  identities(): KmsIdentitySummary[];
  customKeyStoreBackends: KmsAdminCustomKeyStoreBackends;
}

export interface KmsIdentitySummary {
  accessKeyId: string;
  arn: string;
}

/** What the admin API works on: a KmsEmulator is one. */
export interface KmsAdminTarget {
  store(): Promise<KmsStore>;
  clock: AdjustableClock;
  /** Absent: the request log is off. */
  requestLog?: RequestLog | undefined;
  /** The emulator's simulated custom key store backends (default: none declared). */
  customKeyStoreBackends?: CustomKeyStoreBackends;
}

export interface KmsAdminSetup {
  /** The clock offset `reset()` returns to. Default 0. */
  initialClockOffsetMs?: number;
  /** The records `reset()` returns to (the seed). Default: none. */
  initialRecords?: () => Promise<StoreSnapshot>;
  /** Writes a seed (see KmsAdmin.seed). Default: seeding is refused. */
  seed?: (seed: KmsSeed | StateDocument | string) => Promise<void>;
  /** The identities `identities()` lists. Default: none. */
  identities?: readonly KmsIdentitySummary[];
}

const ignore = () => undefined;

const EMPTY: StoreSnapshot = { keys: [], aliases: [], grants: [], customKeyStores: [] };

/** The file store can write its file on demand, so a clock change is persisted without waiting for a commit. */
async function flush(store: KmsStore): Promise<void> {
  const flushable = store as KmsStore & { flush?: () => Promise<void> };
  if (typeof flushable.flush === 'function') await flushable.flush();
}

export function createKmsAdmin(target: KmsAdminTarget, setup: KmsAdminSetup = {}): KmsAdmin {
  const { clock } = target;
  const backends = target.customKeyStoreBackends ?? createCustomKeyStoreBackends();

  /** Set the clock, run `change`, and put the clock back if `change` fails. */
  async function withOffset(offset: number, change: () => Promise<void>): Promise<void> {
    const before = clock.offsetMs();
    clock.setOffset(offset);
    try {
      await change();
    } catch (error) {
      clock.setOffset(before);
      throw error;
    }
  }

  async function exportState(): Promise<StateDocument> {
    const store = await target.store();
    return {
      format: STATE_FORMAT,
      version: STATE_VERSION,
      clockOffsetMs: clock.offsetMs(),
      data: await store.snapshot(),
    };
  }

  return {
    async reset() {
      const store = await target.store();
      const records = (await setup.initialRecords?.()) ?? EMPTY;
      await withOffset(setup.initialClockOffsetMs ?? 0, () => store.restore(records));
      backends.clearFaults();
    },

    exportState,

    exportJson: async () => stringifyState(await exportState()),

    async importState(doc, options = {}) {
      const mode = options.mode ?? 'replace';
      if (mode !== 'replace' && mode !== 'merge') {
        throw new StateDocumentError(`import mode must be "replace" or "merge", got ${String(mode)}`);
      }
      const checked = typeof doc === 'string' ? parseState(doc) : checkStateDocument(doc);
      const store = await target.store();
      if (mode === 'replace') {
        await withOffset(checked.clockOffsetMs, () => store.restore(checked.data));
        return;
      }
      const writes: StoreWrite[] = [
        ...checked.data.keys.map((value) => put('keys', value.keyId, value)),
        ...checked.data.aliases.map((value) => put('aliases', value.aliasName, value)),
        ...checked.data.grants.map((value) => put('grants', value.grantId, value)),
        ...checked.data.customKeyStores.map((value) => put('customKeyStores', value.customKeyStoreId, value)),
      ];
      await store.commit(writes);
    },

    clock: {
      now: () => clock.now(),
      offsetMs: () => clock.offsetMs(),
      async advance(ms) {
        clock.advance(ms);
        await flush(await target.store());
      },
      async setOffset(ms) {
        clock.setOffset(ms);
        await flush(await target.store());
      },
    },

    scopes: async () => (await target.store()).scopes(),

    identities: () => (setup.identities ?? []).map(({ accessKeyId, arn }) => ({ accessKeyId, arn })),
    customKeyStoreBackends: {
      status: () => backends.status(),
      setFault: (fault) => backends.setFault(fault),
      clearFaults: () => backends.clearFaults(),
    },

    subscribe(listener) {
      let unsubscribe: (() => void) | undefined;
      let active = true;
      // A store that failed to open has no changes to report; ready() and fetch() report the failure.
      target.store().then((store) => {
        if (active) unsubscribe = store.subscribe(listener);
      }, ignore);
      return () => {
        active = false;
        unsubscribe?.();
      };
    },

    requests: async () => (target.requestLog ? target.requestLog.entries() : []),

    onRequest: (listener) => (target.requestLog ? target.requestLog.subscribe(listener) : ignore),

    clearRequests: async () => target.requestLog?.clear(),

    async seed(seed) {
      if (!setup.seed) throw new Error('this admin has no emulator to seed; use emulator.admin');
      await setup.seed(seed);
    },
  };
}

function put<T extends TableName>(table: T, id: string, value: StoreSnapshot[T][number]): StoreWrite {
  return {
    op: 'put',
    table,
    scope: { account: value.account, region: value.region },
    id,
    value,
  } as StoreWrite;
}
