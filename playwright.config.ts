/**
 * Playwright end-to-end tests (e2e/*.spec.ts) against the Vite dev server and, for the docs snippets, the site
 * built under a sub-path and served statically; Chromium only. Uses the system
 * Chromium (`KMSW_CHROMIUM`, else /usr/bin/chromium when present), otherwise Playwright's own download.
 * https://playwright.dev/docs/test-configuration
 */
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from './e2e/chromium.ts';

// KMSW_E2E_PORT lets several checkouts run their browser tests side by side.
const PORT = Number(process.env.KMSW_E2E_PORT ?? 5174);
const BASE_URL = `http://127.0.0.1:${PORT}`;
/** The built site under a sub-path (e2e/site-snippets.spec.ts), served statically on the port + 100. */
export const SITE_E2E = { base: '/kmsw-e2e/', port: PORT + 100, outDir: 'dist-site-e2e' };

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
        launchOptions: CHROMIUM_LAUNCH_OPTIONS,
      },
    },
  ],
  webServer: [
    {
      command: `npx vite --host 127.0.0.1 --port ${PORT} --strictPort`,
      url: BASE_URL,
      reuseExistingServer: !process.env.CI,
      env: { KMSW_E2E: '1' },
      timeout: 120_000,
    },
    {
      // What a static host would serve: `npm run build:site -- --base /kmsw-e2e/`, no fallback (appType mpa).
      command:
        `npx vite build --base ${SITE_E2E.base} --outDir ${SITE_E2E.outDir} --emptyOutDir --logLevel warn && ` +
        `npx vite preview --base ${SITE_E2E.base} --outDir ${SITE_E2E.outDir} --host 127.0.0.1 ` +
        `--port ${SITE_E2E.port} --strictPort`,
      url: `http://127.0.0.1:${SITE_E2E.port}${SITE_E2E.base}`,
      reuseExistingServer: false,
      timeout: 180_000,
    },
  ],
});
