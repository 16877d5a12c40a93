/**
 * Accessibility and looks of the site: axe-core finds no serious or critical violation on the docs (home, an
 * operation page after running its snippets) and the console (keys, key detail, request log), in the light and the
 * dark theme; the console's theme follows `prefers-color-scheme` until the toggle overrides it. Screenshots of the
 * main screens are kept as test artifacts in test-results/screenshots/.
 * https://playwright.dev/docs/accessibility-testing
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect as baseExpect, test } from './fixtures.ts';

const expect = baseExpect.configure({ timeout: 15_000 });
// Axe runs four times per test on large pages: generous on a loaded machine.
test.describe.configure({ timeout: 180_000 });

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/** Axe in both themes on the page as it is, with a screenshot of each. */
async function checkBothThemes(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(page), `${name} in the ${scheme} theme`).toEqual([]);
    await screenshot(page, `${name}-${scheme}`);
  }
}

test('the docs have no serious axe violation, light or dark', async ({ page, dbName }) => {
  await page.goto(`/?db=${dbName}`);
  await expect(page.locator('article h1')).toBeVisible();
  await checkBothThemes(page, 'docs-home');

  await page.goto(`/docs/encryption/?db=${dbName}`);
  await page.getByRole('button', { name: 'Run all' }).click();
  await expect(page.locator('figure[data-snippet="rsa-encrypt"]')).toHaveAttribute('data-status', 'ok', {
    timeout: 30_000,
  });
  await checkBothThemes(page, 'docs-encryption');
});

test('the console has no serious axe violation, light or dark', async ({ consolePage: page }) => {
  await page.getByLabel('Description').fill('orders');
  await page.getByRole('button', { name: 'Create key' }).click();
  const row = page.getByRole('row').filter({ hasText: 'orders' });
  await expect(row).toContainText('Enabled');
  await page.getByLabel('Plaintext', { exact: true }).fill('hello');
  await page.getByRole('button', { name: 'Encrypt', exact: true }).click();
  await expect(page.getByLabel('Ciphertext (base64)')).not.toHaveValue('');
  const keyId = (await row.getByRole('cell').first().textContent()) ?? '';
  await page.getByRole('button', { name: keyId, exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Key policy JSON' })).toContainText('kms:*');
  await page.getByRole('log', { name: 'Request log' }).getByRole('button').first().click();
  await checkBothThemes(page, 'console');
});

test('the theme follows prefers-color-scheme until the toggle overrides it, on the docs and the console alike', async ({
  consolePage: page,
}) => {
  const background = () =>
    page.evaluate(() => getComputedStyle(document.querySelector('.kmsw-console')!).color);
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await background();
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await background();
  expect(dark).not.toBe(light);
  await page.getByLabel('Theme').selectOption('dark');
  expect(await background()).toBe(dark);
  await page.goto('/docs/keys/');
  await expect(page.getByLabel('Theme')).toHaveValue('dark');
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
});
