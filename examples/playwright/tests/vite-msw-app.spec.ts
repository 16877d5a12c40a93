// The vite-msw-app (its own setupWorker with its API mocks and kmsHandlers()): the `kms` fixture finds the
// emulator the app created through kmsHandlers() and reads its request log.
import { expect, test } from 'kmsw/playwright';

test('the app API mock and KMS both answer; the request log shows the KMS calls', async ({ page, kms }) => {
  await page.goto('/');
  await expect(page.locator('#greeting')).toHaveText('hello from the app API mock');
  await expect(page.locator('#roundtrip')).toHaveText('hello from the app API mock');
  const operations = (await kms.requests()).map((r) => r.operation);
  expect(operations.slice(-3)).toEqual(['CreateKey', 'Encrypt', 'Decrypt']);
  const [encrypt] = (await kms.requests()).filter((r) => r.operation === 'Encrypt').slice(-1);
  expect(encrypt).toMatchObject({ region: 'eu-central-1', request: { Plaintext: '<redacted 27 bytes>' } });
});
