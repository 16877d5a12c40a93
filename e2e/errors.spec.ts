/** AWS-shaped errors travel through the service worker and surface as the SDK's modeled exceptions. */
import { expect, test } from './fixtures.ts';

test('DescribeKey of an unknown key id throws NotFoundException', async ({ kmsPage: page }) => {
  const keyId = crypto.randomUUID();
  const failure = await page.evaluate(async (id) => {
    const { client, commands } = window.kmsw;
    try {
      await client.send(new commands.DescribeKeyCommand({ KeyId: id }));
      return null;
    } catch (error) {
      const e = error as Error & { $metadata?: { httpStatusCode?: number }; $fault?: string };
      return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode, fault: e.$fault };
    }
  }, keyId);

  expect(failure).toEqual({
    name: 'NotFoundException',
    message: `Key 'arn:aws:kms:us-east-1:000000000000:key/${keyId}' does not exist`,
    status: 400,
    fault: 'client',
  });
});
