/** Non-KMS requests on a page controlled by the kmsw service worker reach the dev server untouched. */
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures.ts';

test('a non-KMS fetch passes through the service worker untouched', async ({ kmsPage: page }) => {
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  const onDisk = await readFile(new URL('./passthrough.json', import.meta.url), 'utf8');

  const fetched = await page.evaluate(async () => {
    const response = await fetch('/e2e/passthrough.json');
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: await response.text(),
    };
  });

  expect(fetched.status).toBe(200);
  expect(fetched.type).toContain('json');
  expect(fetched.body).toBe(onDisk);
});
