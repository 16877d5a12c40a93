/**
 * In a page, every emulator registers itself on `globalThis.__kmsw` (newest last) and leaves on `close()`, so a
 * test runner can reach the emulator of the page under test however the app started it — `startKmsWorker()`,
 * `kmsHandlers()` spread into the app's own `setupWorker`, or `installKmsFetch()` — without the app exporting
 * anything. `kmsw/playwright`'s `kms` fixture uses it. Only where there is a `document` (a page); Node processes
 * keep no registry.
 */
import type { KmsEmulator } from './emulator.ts';

export const PAGE_GLOBAL = '__kmsw';

export interface KmswPageRegistry {
  /** The emulators of this page, oldest first; the fixture acts on the newest. */
  emulators: KmsEmulator[];
}

export function registerInPage(emulator: KmsEmulator): () => void {
  if (typeof document === 'undefined') return () => undefined;
  const scope = globalThis as typeof globalThis & { [PAGE_GLOBAL]?: KmswPageRegistry };
  const registry = (scope[PAGE_GLOBAL] ??= { emulators: [] });
  registry.emulators.push(emulator);
  return () => {
    const at = registry.emulators.indexOf(emulator);
    if (at >= 0) registry.emulators.splice(at, 1);
  };
}
