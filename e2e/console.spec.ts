/** The console UI end to end through the service worker: create a key, see it listed, encrypt and decrypt. */
import { expect, test } from './fixtures.ts';

// Each flow creates keys and waits for the live table: generous on a loaded machine.
test.describe.configure({ timeout: 60_000 });

test('create a key, see it in the table, encrypt a text and decrypt it back', async ({
  consolePage: page,
}) => {
  await expect(page.getByText('No keys yet')).toBeVisible();

  await page.getByLabel('Description').fill('console e2e key');
  await expect(page.getByLabel('Key spec')).toHaveValue('0');
  await page.getByRole('button', { name: 'Create key' }).click();

  const row = page.getByRole('row').filter({ hasText: 'console e2e key' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('SYMMETRIC_DEFAULT');
  await expect(row).toContainText('ENCRYPT_DECRYPT');
  await expect(row).toContainText('Enabled');
  const keyId = (await row.getByRole('cell').first().textContent()) ?? '';
  expect(keyId).toMatch(/^[0-9a-f-]{36}$/);
  await expect(page.getByLabel('Key', { exact: true })).toHaveValue(keyId);

  await page.getByLabel('Plaintext').fill('hello from the console');
  await page.getByRole('button', { name: 'Encrypt' }).click();
  const ciphertext = page.getByLabel('Ciphertext (base64)');
  await expect(ciphertext).toHaveValue(/^[A-Za-z0-9+/]{40,}={0,2}$/);

  await page.getByRole('button', { name: 'Decrypt' }).click();
  await expect(page.getByLabel('Decrypted text')).toHaveText('hello from the console');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('the form creates asymmetric, HMAC and post-quantum keys, which the workbench does not offer for encrypt/decrypt', async ({
  consolePage: page,
}) => {
  for (const [label, description, spec, usage] of [
    ['ECC_NIST_P256 — sign and verify (ECDSA)', 'signer', 'ECC_NIST_P256', 'SIGN_VERIFY'],
    ['HMAC_256 — generate and verify MACs', 'macs', 'HMAC_256', 'GENERATE_VERIFY_MAC'],
    [
      'ML_KEM_768 — encapsulate and decapsulate (post-quantum)',
      'kem',
      'ML_KEM_768',
      'ENCAPSULATE_DECAPSULATE',
    ],
  ]) {
    await page.getByLabel('Description').fill(description!);
    await page.getByLabel('Key spec').selectOption({ label: label! });
    await page.getByRole('button', { name: 'Create key' }).click();
    const row = page.getByRole('row').filter({ hasText: description! });
    await expect(row).toContainText(spec!);
    await expect(row).toContainText(usage!);
  }
  const keySelect = page.getByLabel('Key', { exact: true });
  await expect(keySelect).toBeDisabled();
  await expect(keySelect.locator('option')).toHaveText(['No enabled key can do this']);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
