/**
 * `kmsw/browser`: two ways to put the emulator in a page.
 * - `startKmsWorker(options)`: Mock Service Worker's service worker intercepts the page's KMS fetches (IndexedDB
 *   store by default); every non-KMS request passes through untouched. For apps that do not run MSW themselves.
 * - `installKmsFetch(options)`: the in-page mode — wraps `globalThis.fetch` so KMS calls are answered in the page
 *   without a service worker (Storybook, docs playgrounds, heavy test suites). Same handler, same answers.
 * Either gives `emulator.admin` (export/import, reset, clock, `subscribe` to changes from every tab); its types are
 * exported here too.
 * https://mswjs.io/docs/api/setup-worker
 */
import { setupWorker, type SetupWorker } from 'msw/browser';
import { createKmsEmulator, type KmsEmulator, type KmsEmulatorOptions } from './emulator.ts';
import { kmsHandlers } from './handlers.ts';

export interface KmsWorkerOptions extends KmsEmulatorOptions {
  /** URL of mockServiceWorker.js. Default `/mockServiceWorker.js`. */
  serviceWorkerUrl?: string;
  /** Silence msw's console messages. Default true. */
  quiet?: boolean;
}

export interface KmsWorker {
  worker: SetupWorker;
  emulator: KmsEmulator;
  stop(): Promise<void>;
}

export async function startKmsWorker(options: KmsWorkerOptions = {}): Promise<KmsWorker> {
  const emulator = createKmsEmulator(options);
  const worker = setupWorker(...kmsHandlers({ emulator }));
  await worker.start({
    onUnhandledFrame: 'bypass',
    quiet: options.quiet ?? true,
    serviceWorker: { url: options.serviceWorkerUrl ?? '/mockServiceWorker.js' },
  });
  return {
    worker,
    emulator,
    stop: async () => {
      await worker.stop();
      await emulator.close();
    },
  };
}

export interface KmsFetchInstallation {
  emulator: KmsEmulator;
  uninstall(): Promise<void>;
}

export function installKmsFetch(options: KmsEmulatorOptions = {}): KmsFetchInstallation {
  const emulator = createKmsEmulator(options);
  const original = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    // A Request alone (the AWS SDK's way) is used as it is: copying it cost 14–37 µs a call (Chromium 156). Otherwise
    // the one built here is passed on (constructing it consumed the body of a Request given as input, and throws
    // fetch's TypeError for one whose body was read).
    const request =
      input instanceof Request && init === undefined && !input.bodyUsed ? input : new Request(input, init);
    return emulator.matches(request) ? emulator.fetch(request) : original(request);
  };
  return {
    emulator,
    uninstall: async () => {
      globalThis.fetch = original;
      await emulator.close();
    },
  };
}

export { kmsHandlers } from './handlers.ts';
export type { ImportOptions, KmsAdmin, KmsAdminClock, KmsIdentitySummary, KmsStateChange } from './admin.ts';
export type { KmsRequestLogEntry } from './request-log/entry.ts';
