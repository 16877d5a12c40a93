/**
 * Through the real service worker: CreateKey and Encrypt, reload the page, then Decrypt — the key survived in
 * IndexedDB and the worker still answers after the reload.
 */
import { expect, test, waitForHarness } from './fixtures.ts';

const KMS_URL = /^https:\/\/kms\.us-east-1\.amazonaws\.com\//;

test('a key created through the service worker decrypts after a reload', async ({ kmsPage: page }) => {
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  const kmsResponse = page.waitForResponse(KMS_URL);
  const { keyId, ciphertext } = await page.evaluate(async () => {
    const { client, commands, toBase64 } = window.kmsw;
    const created = await client.send(new commands.CreateKeyCommand({ Description: 'persistence' }));
    const keyId = created.KeyMetadata?.KeyId ?? '';
    const encrypted = await client.send(
      new commands.EncryptCommand({ KeyId: keyId, Plaintext: new TextEncoder().encode('survives a reload') }),
    );
    return { keyId, ciphertext: toBase64(encrypted.CiphertextBlob ?? new Uint8Array()) };
  });
  expect((await kmsResponse).fromServiceWorker()).toBe(true);
  expect(keyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(ciphertext.length).toBeGreaterThan(0);

  await page.reload();
  await waitForHarness(page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  const decrypted = await page.evaluate(async (blob) => {
    const { client, commands, fromBase64 } = window.kmsw;
    const out = await client.send(new commands.DecryptCommand({ CiphertextBlob: fromBase64(blob) }));
    return { keyId: out.KeyId, text: new TextDecoder().decode(out.Plaintext) };
  }, ciphertext);
  expect(decrypted.text).toBe('survives a reload');
  expect(decrypted.keyId).toBe(`arn:aws:kms:us-east-1:000000000000:key/${keyId}`);
});
