/**
 * `kmsw/console` mounted in an app whose emulator has identities (enforced policies) and a simulated CloudHSM
 * cluster (e2e/embedded-console.tsx): the console lists the app's custom key stores with their connection state,
 * and its identity picker makes the console's calls as the chosen identity, whose AccessDenied shows in the request
 * log with AWS's message and kmsw's explanation.
 */
import { expect, test } from './fixtures.ts';

test('the embedded console lists custom key stores with their connection state', async ({ page, dbName }) => {
  await page.goto(`/e2e/embedded-console.html?db=${encodeURIComponent(dbName)}`);
  const stores = page.getByRole('region', { name: 'Custom key stores' });
  await expect(stores.getByText('No custom key stores in this account and Region.')).toBeVisible();

  const storeId = await page.evaluate(() => window.embedded.createHsmStore('orders-hsm'));
  const row = stores.getByRole('row').filter({ hasText: storeId });
  await expect(row).toContainText('orders-hsm');
  await expect(row).toContainText('AWS_CLOUDHSM');
  await expect(row).toContainText('DISCONNECTED');

  await page.evaluate((id) => window.embedded.connect(id), storeId);
  await expect(row).toContainText('CONNECTING');
});

test('the identity picker makes the console call as that identity; its AccessDenied is explained in the log', async ({
  page,
  dbName,
}) => {
  await page.goto(`/e2e/embedded-console.html?db=${encodeURIComponent(dbName)}`);
  const identity = page.getByLabel('Identity');
  await expect(identity.locator('option')).toHaveText([
    'Default account (no identity)',
    'arn:aws:sts::000000000000:assumed-role/app/kmsw (AKIAAPPROLE000000001)',
  ]);
  await identity.selectOption('AKIAAPPROLE000000001');

  // Reloading the keys table as the role: ListKeys, which IAM does not allow it.
  const log = page.getByRole('log', { name: 'Request log' });
  const denied = log
    .getByRole('row')
    .filter({ hasText: 'ListKeys' })
    .filter({ hasText: 'AccessDeniedException' });
  await expect(denied.first()).toBeVisible({ timeout: 15_000 });
  await denied.first().getByRole('button', { name: 'Show request and response' }).click();
  const detail = page.getByRole('region', { name: 'ListKeys request detail' });
  await expect(detail).toContainText(
    'User: arn:aws:sts::000000000000:assumed-role/app/kmsw is not authorized to perform: kms:ListKeys',
  );
  await expect(detail).toContainText('kmsw:');
});
