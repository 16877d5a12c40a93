/**
 * What the browser benches share: a Vite dev server for bench/browser.html on `port`, the project's Chromium
 * (e2e/chromium.ts), and a page per bench mode (bench/browser-page.ts), each in a context of
 * its own (its own service worker and IndexedDB).
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { createServer } from 'vite';
import { CHROMIUM_LAUNCH_OPTIONS } from '../e2e/chromium.ts';

export interface BrowserBenchSession {
  browser: Browser;
  /** A page of bench/browser.html in `mode`, once its `window.bench` is ready. */
  openMode(mode: string): Promise<Page>;
  close(): Promise<void>;
}

export async function startBrowserBench(
  port: number,
  extraArgs: string[] = [],
): Promise<BrowserBenchSession> {
  const server = await createServer({
    server: { port, strictPort: true, host: '127.0.0.1', hmr: false },
  });
  await server.listen();
  const browser = await chromium
    .launch({ ...CHROMIUM_LAUNCH_OPTIONS, args: [...CHROMIUM_LAUNCH_OPTIONS.args, ...extraArgs] })
    .catch(async (error: unknown) => {
      await server.close();
      throw error;
    });
  return {
    browser,
    async openMode(mode) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/bench/browser.html?mode=${mode}`);
      await page.waitForFunction(() => window.bench ?? window.benchError, undefined, { timeout: 120_000 });
      const error = await page.evaluate(() => window.benchError);
      if (error) throw new Error(`bench mode ${mode} failed: ${error}`);
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
