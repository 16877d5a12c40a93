/**
 * `npm run bench:browser`: the browser variant of the bench, in Debian's Chromium through Playwright. Measures
 * Encrypt, Decrypt and GenerateDataKey through the service worker and the in-page mode, each beside the same SDK
 * call answered by a canned response on the same path, and the raw WebCrypto primitive in the page.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import { printTable, type Measurement } from './measure.ts';

const server = await createServer({
  server: { port: 5175, strictPort: true, host: '127.0.0.1', hmr: false },
});
await server.listen();
const executablePath =
  process.env.KMSW_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});

async function runMode(mode: string): Promise<Measurement[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:5175/bench/browser.html?mode=${mode}`);
  await page.waitForFunction(() => window.benchResults ?? window.benchError, undefined, { timeout: 120_000 });
  const error = await page.evaluate(() => window.benchError);
  if (error) throw new Error(`bench mode ${mode} failed: ${error}`);
  const results = await page.evaluate(() => window.benchResults!);
  await context.close();
  return results;
}

try {
  console.log(`[kmsw] browser bench in ${browser.version()}, ${new Date().toISOString()}`);
  for (const mode of ['worker', 'inpage']) {
    const [floor] = await runMode(`${mode}-canned`);
    const [raw, ...ops] = await runMode(mode);
    printTable(`raw primitive in the page`, [], raw!);
    printTable(mode === 'worker' ? 'service worker' : 'in-page fetch', ops, floor!);
  }
} finally {
  await browser.close();
  await server.close();
}
