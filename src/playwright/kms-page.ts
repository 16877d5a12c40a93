/**
 * `kmsPage(page)`: drives the kmsw emulator running inside a Playwright page — the newest one registered on
 * `globalThis.__kmsw` (see msw/page-registry.ts), whichever way the app started it. Every call waits until the
 * page has an emulator (the app may still be loading), then runs the admin call in the page; state documents
 * cross the page boundary as JSON text, so their bytes arrive as bytes.
 * https://playwright.dev/docs/evaluating
 */
import type { Page } from '@playwright/test';
import type { KmsSeed } from '../kms/seed.ts';
import type { KmsRequestLogEntry } from '../msw/request-log/entry.ts';
import { parseState, stringifyState, type StateDocument } from '../store/state-document.ts';

export interface KmsPageClock {
  /** The emulator's time, epoch milliseconds. */
  now(): Promise<number>;
  /** Move the emulator's clock forward by `ms`. */
  advance(ms: number): Promise<void>;
  /** Set how far the emulator's clock is ahead of real time. */
  setOffset(ms: number): Promise<void>;
}

export interface KmsPage {
  /** Back to the app's seed (its `seed` option), clock offset back to its start. */
  reset(): Promise<void>;
  /** Add keys, e.g. `{ keys: [{ id, material, aliases: ['alias/app'] }] }`; existing records are kept. */
  seed(seed: KmsSeed | StateDocument | string): Promise<void>;
  exportState(): Promise<StateDocument>;
  /** Replace (default) or merge the page's state with a document from `exportState()`. */
  importState(doc: StateDocument | string, options?: { mode?: 'replace' | 'merge' }): Promise<void>;
  clock: KmsPageClock;
  /** The request log, oldest first (in the browser: the calls of every tab of the origin). */
  requests(): Promise<KmsRequestLogEntry[]>;
  clearRequests(): Promise<void>;
  /** Resolves once the page has a kmsw emulator that answers (its store open and seeded). */
  ready(): Promise<void>;
}

/** Runs in the page: the admin of the newest emulator. */
type AdminCall =
  | ['reset']
  | ['seed', string]
  | ['exportJson']
  | ['importState', string, 'replace' | 'merge']
  | ['now']
  | ['advance', number]
  | ['setOffset', number]
  | ['requests']
  | ['clearRequests']
  | ['ready'];

export interface KmsPageOptions {
  /** How long to wait for the page to start an emulator. Default 10 000 ms. */
  timeoutMs?: number;
}

export function kmsPage(page: Page, options: KmsPageOptions = {}): KmsPage {
  const timeout = options.timeoutMs ?? 10_000;

  async function call<T>(...args: AdminCall): Promise<T> {
    await page
      .waitForFunction(
        () => ((globalThis as { __kmsw?: { emulators: unknown[] } }).__kmsw?.emulators.length ?? 0) > 0,
        undefined,
        { timeout },
      )
      .catch((error: unknown) => {
        throw new Error(
          `kmsw: no emulator in the page ${page.url()} after ${timeout} ms — does the app call startKmsWorker(), ` +
            `installKmsFetch() or kmsHandlers() from kmsw?`,
          { cause: error },
        );
      });
    return page.evaluate(
      async ([name, a, b]) => {
        type Admin = Record<string, (...args: unknown[]) => Promise<unknown>> & {
          clock: Record<string, (...args: unknown[]) => unknown>;
        };
        const { emulators } = (globalThis as unknown as { __kmsw: { emulators: unknown[] } }).__kmsw;
        const emulator = emulators[emulators.length - 1] as { admin: Admin; ready(): Promise<void> };
        const { admin } = emulator;
        switch (name) {
          case 'ready':
            return emulator.ready();
          case 'now':
            return admin.clock.now!();
          case 'advance':
          case 'setOffset':
            return admin.clock[name]!(a);
          case 'importState':
            return admin.importState!(a, { mode: b });
          default:
            return a === undefined ? admin[name]!() : admin[name]!(a);
        }
      },
      args as unknown as [string, unknown, unknown],
    ) as Promise<T>;
  }

  return {
    reset: () => call('reset'),
    seed: (seed) => call('seed', typeof seed === 'string' ? seed : stringifySeed(seed)),
    exportState: async () => parseState(await call<string>('exportJson')),
    importState: (doc, opts = {}) =>
      call('importState', typeof doc === 'string' ? doc : stringifyState(doc), opts.mode ?? 'replace'),
    clock: {
      now: () => call('now'),
      advance: (ms) => call('advance', ms),
      setOffset: (ms) => call('setOffset', ms),
    },
    requests: () => call('requests'),
    clearRequests: () => call('clearRequests'),
    ready: () => call('ready'),
  };
}

/** A seed as JSON text; a state document keeps its bytes as `{"$bytes"}` (stringifyState). */
function stringifySeed(seed: KmsSeed | StateDocument): string {
  return 'format' in seed ? stringifyState(seed) : JSON.stringify(seed);
}
