/**
 * Vite config for the kmsw console (`index.html` → `src/main.tsx`) and the Playwright harness
 * (`e2e/harness.html`). The dev server serves `public/mockServiceWorker.js` at the site root so the worker's
 * scope covers every page; `vite build` emits the console app to `dist-site/` (`dist/` is the library build, tsdown.config.ts).
 * https://vite.dev/config/
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  publicDir: 'public',
  // Scan both pages up front so a first run does not re-optimize dependencies (and reload) mid-test.
  optimizeDeps: { entries: ['index.html', 'e2e/harness.html', 'bench/browser.html'] },
  // Under Playwright (KMSW_E2E=1) a source edit must not reload pages mid-test; edits still apply on next load.
  server: { hmr: process.env.KMSW_E2E ? false : undefined },
  // The manifest (dist-site/.vite/manifest.json) feeds scripts/bundle-report.ts (`npm run bundle:report`).
  build: { outDir: 'dist-site', target: 'es2023', manifest: true },
});
