// The vite-app through kmsw/playwright: the `kms` fixture seeds a key with a fixed id, material and alias into the
// page's emulator, the app decrypts a ciphertext that an earlier run made with that key, the request log shows
// the call (plaintext redacted), and reset() takes the key away again.
import { expect, test } from 'kmsw/playwright';

const FIXED_KEY = {
  id: 'c0ffee00-1234-4abc-8def-0123456789ab',
  material: 'Zml4ZWQtbWF0ZXJpYWwtZm9yLXRoZS1wdy10ZXN0cyE=', // 32 bytes
  aliases: ['alias/fixed'],
};
/** 'made in an earlier run', encrypted under FIXED_KEY by an earlier kmsw run. */
const EARLIER_CIPHERTEXT =
  'ASRjMGZmZWUwMC0xMjM0LTRhYmMtOGRlZi0wMTIzNDU2Nzg5YWKf8vxEfs1znSZh90HO6xFzfgPjdeCEj8IMs9k5XKBxs3aqqtbqhossr1KBjCyoiz4PWxB7jntxgXQahRiydsVXvBTPoJgMMkAqLQ0AIi6mKptT';

test.beforeEach(async ({ page, kms }) => {
  await page.goto('/');
  await expect(page.locator('body[data-ready]')).toBeAttached();
  await kms.reset();
  await kms.clearRequests();
});

test('decrypts a ciphertext made in an earlier run with a seeded key', async ({ page, kms }) => {
  await kms.seed({ keys: [FIXED_KEY] });
  await page.getByLabel('Ciphertext (base64)').fill(EARLIER_CIPHERTEXT);
  await page.getByRole('button', { name: 'Decrypt' }).click();
  await expect(page.locator('#result')).toHaveText('made in an earlier run');

  const requests = await kms.requests();
  expect(requests).toHaveLength(1);
  expect(requests[0]).toMatchObject({
    operation: 'Decrypt',
    status: 200,
    response: {
      KeyId: `arn:aws:kms:us-east-1:000000000000:key/${FIXED_KEY.id}`,
      Plaintext: '<redacted 22 bytes>',
    },
  });

  await kms.reset();
  await page.getByRole('button', { name: 'Decrypt' }).click();
  await expect(page.locator('#result')).toContainText('NotFoundException');
});

test('encrypts with the app key and round-trips through the UI; the clock moves', async ({ page, kms }) => {
  await page.getByLabel('Plaintext').fill('typed by a test');
  await page.getByRole('button', { name: 'Encrypt' }).click();
  await expect(page.locator('#result')).not.toBeEmpty();
  const ciphertext = await page.locator('#result').textContent();
  await page.getByLabel('Ciphertext (base64)').fill(ciphertext!);
  await page.getByRole('button', { name: 'Decrypt' }).click();
  await expect(page.locator('#result')).toHaveText('typed by a test');
  expect((await kms.requests()).map((r) => r.operation)).toEqual(['Encrypt', 'Decrypt']);

  const before = await kms.clock.now();
  await kms.clock.advance(24 * 60 * 60 * 1000);
  expect(await kms.clock.now()).toBeGreaterThanOrEqual(before + 24 * 60 * 60 * 1000);
  const state = await kms.exportState();
  expect(state.data.keys.map((k) => k.keyId)).toContain('6d1c5a8e-3f2b-4c7d-9e0a-1b2c3d4e5f60');
});
