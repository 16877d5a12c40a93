/**
 * `npm run bench:console`: the console's keys table with 10,000 keys, in Debian's Chromium through Playwright, on a
 * production build (React's production mode, as users get it). Prints the first render (commit plus layout), the
 * time from typing a filter to the filtered rows on screen, clearing it, and a sort — median and max of 7 runs —
 * beside the 200 ms target. A measurement, not a test: it never fails on a number.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { CHROMIUM_LAUNCH_OPTIONS } from '../e2e/chromium.ts';

const PORT = Number(process.env.KMSW_BENCH_CONSOLE_PORT ?? 5176);
const outDir = await mkdtemp(join(tmpdir(), 'kmsw-bench-console-'));
await build({
  logLevel: 'warn',
  build: { outDir, emptyOutDir: true, rollupOptions: { input: { bench: 'bench/console-table.html' } } },
});
const server = await preview({
  logLevel: 'warn',
  build: { outDir },
  preview: { port: PORT, strictPort: true, host: '127.0.0.1', open: false },
});
const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`http://127.0.0.1:${PORT}/bench/console-table.html`);
  await page.waitForFunction(() => window.consoleTableBench ?? window.consoleTableBenchError, undefined, {
    timeout: 180_000,
  });
  const error = await page.evaluate(() => window.consoleTableBenchError);
  if (error) throw new Error(`console table bench failed: ${error}`);
  const results = (await page.evaluate(() => window.consoleTableBench)) as Record<
    string,
    { median: number; max: number; runs: number } | number
  >;
  console.log(
    `[kmsw] console keys table, ${results.keys} keys, ${browser.version()}, ${new Date().toISOString()}`,
  );
  console.log('step            median ms   max ms   target');
  for (const [name, value] of Object.entries(results)) {
    if (typeof value === 'number') continue;
    const target = name === 'firstRender' || name === 'filter' ? '< 200' : '';
    console.log(
      `${name.padEnd(16)}${value.median.toFixed(1).padStart(9)}${value.max.toFixed(1).padStart(9)}   ${target}`,
    );
  }
} finally {
  await browser.close();
  await server.close();
  await rm(outDir, { recursive: true, force: true });
}
