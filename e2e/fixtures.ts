/**
 * Playwright fixtures for kmsw. Every test gets its own IndexedDB database name (`dbName`, passed as `?db=`),
 * so tests stay isolated even when they share an origin.
 * - `openHarness(mode)`: opens e2e/harness.html in `page` and waits until `window.kmsw` is ready.
 * - `kmsPage`: the harness in service-worker mode, ready.
 * - `consolePage`: the console app (index.html) in service-worker mode, rendered.
 * - `pageErrors` (automatic): fails the test on an uncaught page error or a `[kmsw]` internal-error log.
 */
import { test as base, expect, type Page } from '@playwright/test';
import type { HarnessMode } from './harness-api.ts';

export { expect };

interface KmsFixtures {
  dbName: string;
  openHarness(mode?: HarnessMode): Promise<Page>;
  kmsPage: Page;
  consolePage: Page;
  pageErrors: string[];
}

/** Wait until the harness exposed `window.kmsw`; fail with the page's error if the emulator did not start. */
export async function waitForHarness(page: Page): Promise<void> {
  await page.waitForFunction(() => window.kmswStartupError !== undefined || 'kmsw' in window);
  const failure = await page.evaluate(() => window.kmswStartupError);
  if (failure) throw new Error(`kmsw harness failed to start:\n${failure}`);
}

export const test = base.extend<KmsFixtures>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.stack || `${error.name}: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && message.text().includes('[kmsw]')) errors.push(message.text());
      });
      await use(errors);
      expect(errors, 'errors reported by the page').toEqual([]);
    },
    { auto: true },
  ],
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern for fixtures.
  dbName: async ({}, use) => {
    await use(`kmsw-e2e-${crypto.randomUUID()}`);
  },
  openHarness: async ({ page, dbName }, use) => {
    await use(async (mode = 'worker') => {
      await page.goto(`/e2e/harness.html?mode=${mode}&db=${encodeURIComponent(dbName)}`);
      await waitForHarness(page);
      return page;
    });
  },
  kmsPage: async ({ openHarness }, use) => {
    await use(await openHarness('worker'));
  },
  consolePage: async ({ page, dbName }, use) => {
    await page.goto(`/?db=${encodeURIComponent(dbName)}`);
    await expect(page.getByRole('heading', { name: 'kmsw console' })).toBeVisible();
    await expect(page.getByText('answered by service worker')).toBeVisible();
    await use(page);
  },
});
