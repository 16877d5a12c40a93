/**
 * Playwright end-to-end tests (e2e/*.spec.ts) against the Vite dev server, Chromium only. Uses the system
 * Chromium (`KMSW_CHROMIUM`, else /usr/bin/chromium when present), otherwise Playwright's own download.
 * https://playwright.dev/docs/test-configuration
 */
import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// KMSW_E2E_PORT lets several checkouts run their browser tests side by side.
const PORT = Number(process.env.KMSW_E2E_PORT ?? 5174);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const executablePath =
  process.env.KMSW_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: true,
  workers: 2,
  retries: 0,
  reporter: 'list',
  timeout: 30_000,
  use: { baseURL: BASE_URL, trace: 'retain-on-failure' },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    command: `npx vite --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: BASE_URL,
    reuseExistingServer: !process.env.CI,
    env: { KMSW_E2E: '1' },
    timeout: 120_000,
  },
});
