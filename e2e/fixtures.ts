/**
 * Playwright fixtures for kmsw. Every test gets its own IndexedDB database name (`dbName`, passed as `?db=`),
 * so tests stay isolated even when they share an origin.
 * - `openHarness(mode)`: opens e2e/harness.html in `page` and waits until `window.kmsw` is ready.
 * - `kmsPage`: the harness in service-worker mode, ready.
 * - `consolePage`: the console app (console/index.html) in service-worker mode, rendered.
 * - `newTab(app)`: another page in the same browser context on the same database — a second tab of the origin —
 *   showing the harness (ready) or the console (rendered); watched for errors like `page`.
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
  newTab(app: 'harness' | 'console'): Promise<Page>;
  pageErrors: string[];
}

/** Wait until the harness exposed `window.kmsw`; fail with the page's error if the emulator did not start. */
export async function waitForHarness(page: Page): Promise<void> {
  await page.waitForFunction(() => window.kmswStartupError !== undefined || 'kmsw' in window);
  const failure = await page.evaluate(() => window.kmswStartupError);
  if (failure) throw new Error(`kmsw harness failed to start:\n${failure}`);
}

async function gotoHarness(page: Page, dbName: string, mode: HarnessMode): Promise<Page> {
  await page.goto(`/e2e/harness.html?mode=${mode}&db=${encodeURIComponent(dbName)}`);
  await waitForHarness(page);
  return page;
}

async function gotoConsole(page: Page, dbName: string): Promise<Page> {
  await page.goto(`/console/?db=${encodeURIComponent(dbName)}`);
  await expect(page.getByRole('heading', { name: 'kmsw console' })).toBeVisible();
  await expect(page.getByText('answered by service worker')).toBeVisible();
  return page;
}

function watchErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (error) => errors.push(error.stack || `${error.name}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('[kmsw]')) errors.push(message.text());
  });
}

export const test = base.extend<KmsFixtures>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      watchErrors(page, errors);
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
    await use((mode = 'worker') => gotoHarness(page, dbName, mode));
  },
  kmsPage: async ({ openHarness }, use) => {
    await use(await openHarness('worker'));
  },
  consolePage: async ({ page, dbName }, use) => {
    await use(await gotoConsole(page, dbName));
  },
  newTab: async ({ context, dbName, pageErrors }, use) => {
    await use(async (app) => {
      const tab = await context.newPage();
      watchErrors(tab, pageErrors);
      return app === 'harness' ? gotoHarness(tab, dbName, 'worker') : gotoConsole(tab, dbName);
    });
  },
});
