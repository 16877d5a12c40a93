/**
 * The in-page mode (`installKmsFetch`): the same SDK calls are answered inside the page — no service worker
 * controls it and no request leaves for the KMS host.
 */
import { expect, test } from './fixtures.ts';

test('the in-page mode answers SDK calls without a service worker', async ({ page, openHarness }) => {
  const kmsRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('amazonaws.com')) kmsRequests.push(request.url());
  });
  await openHarness('inpage');
  expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();

  const result = await page.evaluate(async () => {
    const { client, commands } = window.kmsw;
    const created = await client.send(new commands.CreateKeyCommand({ Description: 'in-page' }));
    const keyId = created.KeyMetadata?.KeyId ?? '';
    const encrypted = await client.send(
      new commands.EncryptCommand({ KeyId: keyId, Plaintext: new TextEncoder().encode('no worker here') }),
    );
    const decrypted = await client.send(
      new commands.DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob }),
    );
    const listed = await client.send(new commands.ListKeysCommand({}));
    return {
      keyId,
      text: new TextDecoder().decode(decrypted.Plaintext),
      listed: (listed.Keys ?? []).map((k) => k.KeyId),
    };
  });

  expect(result.text).toBe('no worker here');
  expect(result.listed).toEqual([result.keyId]);
  expect(kmsRequests).toEqual([]);
  expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
});

test('the console runs in the in-page mode with ?mode=inpage', async ({ page, dbName }) => {
  await page.goto(`/console/?mode=inpage&db=${encodeURIComponent(dbName)}`);
  await expect(page.getByText('answered by in-page fetch')).toBeVisible();
  await page.getByLabel('Description').fill('in-page console key');
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'in-page console key' })).toBeVisible();
  expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
});

test('the in-page fetch takes what fetch takes: a Request, a URL with init, not a Request already read', async ({
  openHarness,
  page,
}) => {
  await openHarness('inpage');
  const results = await page.evaluate(async () => {
    const url = 'https://kms.us-east-1.amazonaws.com/';
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.ListKeys' },
      body: '{}',
    };
    const answer = async (response: Response) =>
      `${response.status} ${Object.keys(await response.json()).join()}`;
    const read = new Request(url, init);
    await read.text();
    let usedRequest: string;
    try {
      usedRequest = await answer(await fetch(read));
    } catch (error) {
      usedRequest = (error as Error).name;
    }
    return {
      request: await answer(await fetch(new Request(url, init))),
      urlAndInit: await answer(await fetch(url, init)),
      requestAndInit: await answer(await fetch(new Request(url, { method: 'POST' }), init)),
      usedRequest,
    };
  });
  expect(results).toEqual({
    request: '200 Keys,Truncated',
    urlAndInit: '200 Keys,Truncated',
    requestAndInit: '200 Keys,Truncated',
    usedRequest: 'TypeError',
  });
});
