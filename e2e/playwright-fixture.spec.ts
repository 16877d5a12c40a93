/**
 * `kmsw/playwright`'s `kms` fixture (from the sources here; examples/playwright runs it from the packed tarball)
 * against the three ways an app starts kmsw in a page: `startKmsWorker()`, `kmsHandlers()` spread into the app's
 * own `setupWorker`, and `installKmsFetch()`. Seed a key with fixed id, material and alias, decrypt a ciphertext
 * made by another emulator from the same material, read the request log, export/import, move the clock, reset.
 */
import { KMSClient, EncryptCommand } from '@aws-sdk/client-kms';
import { kmsRequestHandler } from '../src/index.ts';
import { expect, test } from '../src/playwright/index.ts';
import { DAY_MS } from '../src/kms/clock.ts';
import './harness-api.ts';

const KEY_ID = '0f0e0d0c-0b0a-4908-8706-050403020100';
const MATERIAL = Buffer.alloc(32, 0x2a).toString('base64');
const SEED = { keys: [{ id: KEY_ID, material: MATERIAL, aliases: ['alias/fixture'] }] };

/** A ciphertext made outside the page, by an emulator seeded with the same key: a run before this one. */
async function ciphertextFromAnotherRun(plaintext: string): Promise<string> {
  const client = new KMSClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAKMSWEXAMPLE', secretAccessKey: 'kmsw' },
    requestHandler: kmsRequestHandler({ seed: SEED }),
  });
  const { CiphertextBlob } = await client.send(
    new EncryptCommand({ KeyId: 'alias/fixture', Plaintext: new TextEncoder().encode(plaintext) }),
  );
  return Buffer.from(CiphertextBlob!).toString('base64');
}

for (const mode of ['worker', 'own-worker', 'inpage'] as const) {
  test(`the kms fixture drives the page's emulator (${mode})`, async ({ page, kms }) => {
    await page.goto(`/e2e/harness.html?mode=${mode}&db=kmsw-fixture-${mode}-${crypto.randomUUID()}`);
    await kms.ready();
    await kms.seed(SEED);
    const blob = await ciphertextFromAnotherRun('made earlier');
    await kms.clearRequests();
    const decrypted = await page.evaluate(async (blob) => {
      const { client, commands, fromBase64 } = window.kmsw;
      const out = await client.send(new commands.DecryptCommand({ CiphertextBlob: fromBase64(blob) }));
      return { keyId: out.KeyId, text: new TextDecoder().decode(out.Plaintext) };
    }, blob);
    expect(decrypted).toEqual({
      keyId: `arn:aws:kms:us-east-1:000000000000:key/${KEY_ID}`,
      text: 'made earlier',
    });
    expect(await kms.requests()).toMatchObject([
      { operation: 'Decrypt', status: 200, response: { Plaintext: '<redacted 12 bytes>' } },
    ]);

    const exported = await kms.exportState();
    expect(exported.data.keys.map((k) => k.keyId)).toEqual([KEY_ID]);
    expect(exported.data.keys[0]!.materials[0]!.secret).toEqual(
      new Uint8Array(Buffer.from(MATERIAL, 'base64')),
    );

    const before = await kms.clock.now();
    await kms.clock.advance(2 * DAY_MS);
    expect(await kms.clock.now()).toBeGreaterThanOrEqual(before + 2 * DAY_MS);

    await kms.reset();
    const afterReset = await page.evaluate(async () => {
      const { client, commands } = window.kmsw;
      return (await client.send(new commands.ListKeysCommand({}))).Keys?.length ?? 0;
    });
    expect(afterReset).toBe(0);
    expect(await kms.clock.now()).toBeLessThan(before + DAY_MS);

    await kms.importState(exported);
    const restored = await page.evaluate(async (keyId) => {
      const { client, commands } = window.kmsw;
      return (await client.send(new commands.DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.KeyId;
    }, KEY_ID);
    expect(restored).toBe(KEY_ID);
  });
}

test('the kms fixture says plainly when the page has no emulator', async ({ page }) => {
  const { kmsPage } = await import('../src/playwright/index.ts');
  await page.goto('/e2e/passthrough.json');
  await expect(kmsPage(page, { timeoutMs: 200 }).requests()).rejects.toThrow(/no emulator in the page/);
});
