/**
 * The request log in the browser, shared by two tabs of one origin: calls made in either tab are in both tabs'
 * `admin.requests()` (one IndexedDB database, `<db>-requests`), `onRequest` in one tab hears the other tab's
 * calls (BroadcastChannel), plaintext never reaches the log, and it survives a reload.
 */
import { expect, test } from './fixtures.ts';

test('two tabs share the request log and hear each other through onRequest; plaintext is redacted', async ({
  kmsPage: tabA,
  newTab,
  dbName,
}) => {
  const tabB = await newTab('harness');
  await tabB.evaluate(() => {
    const heard: string[] = [];
    (window as unknown as { heard: string[] }).heard = heard;
    window.kmsw.admin.onRequest((entry) => heard.push(`${entry.operation} ${entry.status}`));
  });
  const keyId = await tabA.evaluate(async () => {
    const { client, commands } = window.kmsw;
    const created = await client.send(new commands.CreateKeyCommand({}));
    const keyId = created.KeyMetadata!.KeyId!;
    await client.send(
      new commands.EncryptCommand({ KeyId: keyId, Plaintext: new TextEncoder().encode('top secret text') }),
    );
    return keyId;
  });
  await tabB.evaluate(async () => {
    const { client, commands } = window.kmsw;
    await client.send(new commands.DescribeKeyCommand({ KeyId: 'alias/none' })).catch(() => undefined);
  });
  await expect
    .poll(() => tabB.evaluate(() => (window as unknown as { heard: string[] }).heard))
    .toEqual(['CreateKey 200', 'Encrypt 200', 'DescribeKey 400']);

  for (const tab of [tabA, tabB]) {
    const log = await tab.evaluate(() => window.kmsw.admin.requests());
    expect(log.map((e) => e.operation)).toEqual(['CreateKey', 'Encrypt', 'DescribeKey']);
    expect(log[1]).toMatchObject({
      keyId,
      request: { KeyId: keyId, Plaintext: '<redacted 15 bytes>' },
      accessKeyId: 'AKIAKMSWEXAMPLE',
    });
    expect(log[2]).toMatchObject({ errorCode: 'NotFoundException', status: 400 });
    expect(JSON.stringify(log)).not.toContain(Buffer.from('top secret text').toString('base64'));
  }

  const names = await tabA.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(names).toContain(`${dbName}-requests`);
  await tabA.reload();
  await tabA.waitForFunction(() => 'kmsw' in window);
  expect(await tabA.evaluate(async () => (await window.kmsw.admin.requests()).length)).toBe(3);
  await tabA.evaluate(() => window.kmsw.admin.clearRequests());
  expect(await tabB.evaluate(async () => (await window.kmsw.admin.requests()).length)).toBe(0);
});
