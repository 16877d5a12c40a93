/**
 * `kmsw/playwright`: `test` and `expect` from `@playwright/test`, with a `kms` fixture that drives the kmsw
 * emulator of the page under test — reset, seed, export/import, the clock and the request log — for an app that
 * calls `startKmsWorker()`, spreads `kmsHandlers()` into its own `setupWorker`, or calls `installKmsFetch()`.
 *
 * ```ts
 * import { test, expect } from 'kmsw/playwright';
 * test('decrypts', async ({ page, kms }) => {
 *   await page.goto('/');
 *   await kms.seed({ keys: [{ id: KEY_ID, material: MATERIAL, aliases: ['alias/app'] }] });
 *   ...
 *   expect((await kms.requests()).map((r) => r.operation)).toContain('Decrypt');
 * });
 * ```
 * `kmsPage(page)` gives the same controller for a page of your own (a second tab, a custom fixture).
 * https://playwright.dev/docs/test-fixtures
 */
import {
  test as base,
  expect,
  type PlaywrightTestArgs,
  type PlaywrightTestOptions,
  type PlaywrightWorkerArgs,
  type PlaywrightWorkerOptions,
  type TestType,
} from '@playwright/test';
import { kmsPage, type KmsPage } from './kms-page.ts';

export interface KmsFixtures {
  /** The kmsw emulator of `page`. */
  kms: KmsPage;
}

/** Playwright's `test` with the `kms` fixture (typed through @playwright/test's public types only). */
export const test: TestType<
  PlaywrightTestArgs & PlaywrightTestOptions & KmsFixtures,
  PlaywrightWorkerArgs & PlaywrightWorkerOptions
> = base.extend<KmsFixtures>({
  kms: async ({ page }, use) => {
    await use(kmsPage(page));
  },
});

export { expect, kmsPage };
export type { KmsPage, KmsPageClock, KmsPageOptions } from './kms-page.ts';
export type { KmsRequestLogEntry } from '../msw/request-log/entry.ts';
export type { KmsSeed, KmsSeedKey } from '../kms/seed.ts';
export type { StateDocument } from '../store/state-document.ts';
