// Playwright against the two example apps, each served by Vite: ../vite-app (startKmsWorker) and
// ../vite-msw-app (kmsHandlers() in the app's own setupWorker); `npm run dev` copies msw's worker script first. Chromium from /usr/bin/chromium when present.
import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.KMSW_EXAMPLE_PORT ?? 4173);
const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;

export default defineConfig({
  testDir: 'tests',
  forbidOnly: true,
  workers: 2,
  reporter: 'list',
  use: { ...devices['Desktop Chrome'], launchOptions: { executablePath, args: ['--no-sandbox'] } },
  projects: [
    { name: 'vite-app', testMatch: 'vite-app.spec.ts', use: { baseURL: `http://127.0.0.1:${PORT}` } },
    {
      name: 'vite-msw-app',
      testMatch: 'vite-msw-app.spec.ts',
      use: { baseURL: `http://127.0.0.1:${PORT + 1}` },
    },
  ],
  webServer: [
    {
      command: `npm run dev -- --host 127.0.0.1 --port ${PORT} --strictPort`,
      cwd: '../vite-app',
      url: `http://127.0.0.1:${PORT}`,
      reuseExistingServer: false,
    },
    {
      command: `npm run dev -- --host 127.0.0.1 --port ${PORT + 1} --strictPort`,
      cwd: '../vite-msw-app',
      url: `http://127.0.0.1:${PORT + 1}`,
      reuseExistingServer: false,
    },
  ],
});
