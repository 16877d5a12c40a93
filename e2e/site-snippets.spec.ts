/**
 * The built site under a sub-path, as a static host would serve it: `vite build --base /kmsw-e2e/`, served by
 * `vite preview` without fallback on the e2e port + 100 (the second webServer of playwright.config.ts). Every docs page is reached by following links from the
 * site's root; every runnable snippet of every page passes ("Run all": `data-status="ok"`, or `"error"` for the
 * snippets marked `data-expect="error"`); the console at `<base>console/` runs behind the service worker, whose scope
 * is the base, and shows the keys the docs created (one IndexedDB emulator for both).
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { SITE_E2E } from '../playwright.config.ts';
import { PAGES, pagePath } from '../site/pages.ts';
import { expect, test } from './fixtures.ts';

const BASE = SITE_E2E.base;
const ORIGIN = `http://127.0.0.1:${SITE_E2E.port}`;

/** Every same-site page linked from `page`, as paths below the base (`''`, `docs/keys/`). */
async function linkedPages(page: Page): Promise<string[]> {
  const hrefs = await page
    .locator('a[href]')
    .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
  return hrefs
    .map((href) => new URL(href))
    .filter((url) => url.origin === new URL(page.url()).origin && url.pathname.startsWith(BASE))
    .map((url) => url.pathname.slice(BASE.length));
}

test('every docs page is linked from the root and is a real file; each links on to the next', async ({
  page,
}) => {
  await page.goto(`${ORIGIN}${BASE}`);
  await expect(page.locator('article h1')).toBeVisible();
  const linked = new Set(await linkedPages(page));
  for (const sitePage of PAGES) {
    const path = pagePath(sitePage);
    expect(linked, `the root links to ${path}`).toContain(path);
    // No fallback on this server: a 200 is a real file, with the page's own shell.
    const response = await page.request.get(`${ORIGIN}${BASE}${path}`);
    expect(response.status(), path).toBe(200);
    expect(await response.text()).toContain(`data-page="${sitePage.slug}"`);
  }
  expect((await page.request.get(`${ORIGIN}${BASE}docs/no-such-page/`)).status()).toBe(404);
  await page.goto(`${ORIGIN}${BASE}${pagePath(PAGES[1]!)}`);
  await expect(page.getByRole('link', { name: /^Read next:/ })).toHaveAttribute(
    'href',
    `${BASE}${pagePath(PAGES[2]!)}`,
  );
});

/** The pages whose MDX has at least one runnable snippet (a code fence with `snippet=`). */
const WITH_SNIPPETS = PAGES.filter((p) =>
  /^```\w+ .*snippet=/m.test(
    readFileSync(new URL(`../site/pages/${p.slug || 'index'}.mdx`, import.meta.url), 'utf8'),
  ),
);

for (const sitePage of WITH_SNIPPETS) {
  test(`every snippet on ${sitePage.slug || 'the home page'} passes`, async ({ page, dbName }) => {
    await page.goto(`${ORIGIN}${BASE}${pagePath(sitePage)}?db=${dbName}`);
    const figures = page.locator('figure[data-snippet]');
    await expect(page.locator('article h1')).toBeVisible();
    await expect(figures.first()).toBeVisible();
    await page.getByRole('button', { name: 'Run all' }).click();
    for (const figure of await figures.all()) {
      const id = await figure.getAttribute('data-snippet');
      const expected = (await figure.getAttribute('data-expect')) === 'error' ? 'error' : 'ok';
      await expect(figure, `snippet ${id}: ${await figure.locator('output').textContent()}`).toHaveAttribute(
        'data-status',
        /ok|error/,
        { timeout: 20_000 },
      );
      const output = (await figure.locator('output').textContent()) ?? '';
      expect(await figure.getAttribute('data-status'), `snippet ${id}:\n${output}`).toBe(expected);
    }
  });
}

test('the console under the sub-path runs behind the service worker and shows the keys the docs created', async ({
  page,
  dbName,
}) => {
  await page.goto(`${ORIGIN}${BASE}docs/keys/?db=${dbName}`);
  const create = page.locator('figure[data-snippet="create-key"]');
  await create.getByRole('button', { name: 'Run' }).click();
  await expect(create).toHaveAttribute('data-status', 'ok');
  await page.getByRole('banner').getByRole('link', { name: 'Console' }).click();
  await expect(page).toHaveURL(`${ORIGIN}${BASE}console/`);
  await page.goto(`${ORIGIN}${BASE}console/?db=${dbName}`);
  await expect(page.getByText('answered by service worker')).toBeVisible();
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope);
  expect(scope).toBe(`${ORIGIN}${BASE}`);
  await expect(page.getByRole('row').filter({ hasText: 'orders table' })).toBeVisible();
});
