/**
 * The console's Emulator panel end to end: export the state to a file, reset, import the file — a ciphertext made
 * before the export decrypts again, and the clock offset comes back with the records.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures.ts';

// A console flow of many steps, each waiting for the live keys table: generous on a loaded machine.
test.describe.configure({ timeout: 60_000 });

test('export, reset and import in the console restore a key that decrypts a ciphertext made before the export', async ({
  consolePage: page,
}) => {
  await page.getByLabel('Description').fill('exported key');
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'exported key' })).toBeVisible();
  await page.getByLabel('Plaintext').fill('made before the export');
  await page.getByRole('button', { name: 'Encrypt' }).click();
  await expect(page.getByLabel('Ciphertext (base64)')).toHaveValue(/^[A-Za-z0-9+/]{40,}={0,2}$/);
  await page.getByRole('button', { name: 'Advance 30 days' }).click();
  await expect(page.getByLabel('Emulator time')).toContainText('(+30 days)');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export state' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^kmsw-state-\d{4}-\d{2}-\d{2}\.json$/);
  const path = test.info().outputPath(file.suggestedFilename());
  await file.saveAs(path);
  const exported = JSON.parse(await readFile(path, 'utf8')) as {
    format: string;
    clockOffsetMs: number;
    data: { keys: { description: string }[] };
  };
  expect(exported.format).toBe('kmsw-state');
  expect(exported.clockOffsetMs).toBe(30 * 86_400_000);
  expect(exported.data.keys.map((k) => k.description)).toEqual(['exported key']);

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByText('Emulator reset.')).toBeVisible();
  await expect(page.getByText('No keys yet')).toBeVisible();
  await expect(page.getByLabel('Emulator time')).toContainText('(real time)');
  await page.getByRole('button', { name: 'Decrypt' }).click();
  await expect(page.getByRole('alert')).toContainText('NotFoundException');

  await page.getByLabel('Import state (replaces everything)').setInputFiles(path);
  await expect(page.getByText(`Imported ${file.suggestedFilename()}.`)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'exported key' })).toBeVisible();
  await expect(page.getByLabel('Emulator time')).toContainText('(+30 days)');
  await page.getByRole('button', { name: 'Decrypt' }).click();
  await expect(page.getByLabel('Decrypted text')).toHaveText('made before the export');
  await expect(page.getByRole('alert')).toHaveCount(0);
});
