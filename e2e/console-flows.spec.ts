/**
 * The console's areas end to end through the service worker, as a user drives them: keys of each family used in
 * the crypto workbench, tags and the key policy edited in the key detail (JSON errors as you type, AWS's errors on
 * save), deletion scheduled and cancelled, rotation, and the live request log showing a call made from another tab
 * with "copy as SDK code" and "copy as AWS CLI".
 */
import type { Page } from '@playwright/test';
import { expect as baseExpect, test } from './fixtures.ts';

// Each step waits for the live keys table to reload through the SDK: generous on a machine under load.
const expect = baseExpect.configure({ timeout: 15_000 });

test.describe.configure({ timeout: 90_000 });

async function createKey(page: Page, description: string, specLabel?: string): Promise<string> {
  await page.getByLabel('Description').fill(description);
  if (specLabel) await page.getByLabel('Key spec').selectOption({ label: specLabel });
  await page.getByRole('button', { name: 'Create key' }).click();
  const row = page.getByRole('row').filter({ hasText: description });
  await expect(row).toContainText('Enabled');
  return (await row.getByRole('cell').first().textContent()) ?? '';
}

async function openDetail(page: Page, keyId: string): Promise<void> {
  await page.getByRole('button', { name: keyId, exact: true }).click();
  await expect(page.getByRole('heading', { name: `Key ${keyId}` })).toBeVisible();
}

test('sign and verify and MACs in the workbench, with AWS errors shown as AWS gives them', async ({
  consolePage: page,
}) => {
  await createKey(page, 'signer', 'ECC_NIST_P256 — sign and verify (ECDSA)');
  await page.getByLabel('Operation', { exact: true }).selectOption({ label: 'Sign / verify' });
  await page.getByLabel('Message', { exact: true }).fill('release 1.0');
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  await expect(page.getByLabel('Signature (base64)')).toHaveValue(/^[A-Za-z0-9+/]{80,}={0,2}$/);
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(page.getByText('Signature valid.')).toBeVisible();
  await page.getByLabel('Message', { exact: true }).fill('release 1.1');
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('KMSInvalidSignatureException');

  await createKey(page, 'macs', 'HMAC_256 — generate and verify MACs');
  await page.getByLabel('Operation', { exact: true }).selectOption({ label: 'MAC' });
  await page.getByLabel('Message', { exact: true }).fill('webhook body');
  await page.getByRole('button', { name: 'Generate MAC' }).click();
  await expect(page.getByLabel('MAC (base64)')).toHaveValue(/^[A-Za-z0-9+/]{43}=$/);
  await page.getByRole('button', { name: 'Verify MAC' }).click();
  await expect(page.getByText('MAC valid.')).toBeVisible();
});

test('KEM, key agreement and data key pairs in the workbench, offered only for keys that can do them', async ({
  consolePage: page,
}) => {
  await createKey(page, 'kem', 'ML_KEM_768 — encapsulate and decapsulate (post-quantum)');
  await page.getByLabel('Operation', { exact: true }).selectOption({ label: 'Encapsulate / decapsulate' });
  await page.getByRole('button', { name: 'Encapsulate', exact: true }).click();
  await expect(page.getByLabel('Shared secret ciphertext (base64)')).toHaveValue(/^[A-Za-z0-9+/]{100,}/);
  await page.getByRole('button', { name: 'Decapsulate', exact: true }).click();
  await expect(page.getByText('Same shared secret.')).toBeVisible();

  await createKey(page, 'alice', 'ECC_NIST_P256 — key agreement (ECDH)');
  await createKey(page, 'bob', 'ECC_NIST_P256 — key agreement (ECDH)');
  await page.getByLabel('Operation', { exact: true }).selectOption({ label: 'Derive shared secret' });
  await page.getByRole('button', { name: /Use the public key of another/ }).click();
  await page.getByRole('button', { name: 'Derive shared secret' }).click();
  await expect(page.getByLabel('Shared secret (base64)', { exact: true })).toHaveValue(
    /^[A-Za-z0-9+/]{43}=$/,
  );

  await page.getByLabel('Operation', { exact: true }).selectOption({ label: 'Data key pairs' });
  await expect(page.getByLabel('Key', { exact: true })).toBeDisabled();
  await createKey(page, 'wrapping', 'Symmetric (AES-256-GCM) — encrypt and decrypt');
  await page.getByRole('button', { name: 'Generate data key pair' }).click();
  await expect(page.getByLabel('Public key (DER, base64)', { exact: true })).toHaveValue(/^MF/);
  // Every pair spec of the SDK's DataKeyPairSpec, but SM2 only in the China Regions.
  const pairSpec = page.getByLabel('Key pair spec', { exact: true });
  await expect(pairSpec.locator('option', { hasText: 'ML_KEM_768' })).toHaveCount(1);
  await expect(pairSpec.locator('option', { hasText: 'SM2' })).toHaveCount(0);
  await pairSpec.selectOption('ML_KEM_768');
  await page.getByRole('button', { name: 'Generate data key pair' }).click();
  // An ML-KEM-768 SubjectPublicKeyInfo: 1,206 bytes (1,608 base64 characters), a DER SEQUENCE of length 0x04b2.
  await expect(page.getByLabel('Public key (DER, base64)', { exact: true })).toHaveValue(
    /^MIIEsj[A-Za-z0-9+/]{1602}$/,
  );
});

test('tags and the key policy are edited in the key detail; a bad policy shows the JSON error, then AWS’s', async ({
  consolePage: page,
}) => {
  const keyId = await createKey(page, 'edited');
  await openDetail(page, keyId);
  await page.getByLabel('Tag key').fill('team');
  await page.getByLabel('Tag value').fill('payments');
  await page.getByRole('button', { name: 'Save tag' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'edited' })).toContainText('team=payments');
  await page.getByRole('button', { name: 'Remove tag team' }).click();
  await expect(page.getByText('Tag team removed.')).toBeVisible();

  const editor = page.getByRole('textbox', { name: 'Key policy JSON' });
  await expect(editor).toContainText('kms:*');
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' oops');
  await expect(page.getByText(/^Not valid JSON:/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save policy' })).toBeDisabled();
  await page.getByRole('button', { name: 'Revert' }).click();
  await expect(page.getByText(/^Not valid JSON:/)).toHaveCount(0);

  await editor.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('{"Version":"2012-10-17","Statement":[]}');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByRole('alert')).toContainText('MalformedPolicyDocumentException');
});

test('schedule deletion, cancel it, enable the key again; rotate on demand and turn on automatic rotation', async ({
  consolePage: page,
}) => {
  const keyId = await createKey(page, 'lifecycle');
  await openDetail(page, keyId);
  const row = page.getByRole('row').filter({ hasText: 'lifecycle' });
  await page.getByLabel('Waiting period (days)').fill('7');
  await page.getByRole('button', { name: 'Schedule deletion' }).click();
  await expect(page.getByText(/^Deletion scheduled for \d{4}-/)).toBeVisible();
  await expect(row).toContainText('PendingDeletion');
  await page.getByRole('button', { name: 'Cancel deletion' }).click();
  await expect(row).toContainText('Disabled');
  await page.getByRole('button', { name: 'Enable key' }).click();
  await expect(row).toContainText('Enabled');

  await page.getByRole('button', { name: 'Rotate now' }).click();
  await expect(page.getByRole('table', { name: 'Rotations' })).toContainText('ON_DEMAND');
  await page.getByLabel('Period (days)', { exact: true }).fill('90');
  await page.getByRole('button', { name: 'Enable automatic rotation' }).click();
  await expect(page.getByText(/Automatic rotation: on — every 90 days/)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('the request log shows a call made in another tab, newest first, and copies it as SDK code and AWS CLI', async ({
  consolePage: page,
  newTab,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const log = page.getByRole('log', { name: 'Request log' });
  const app = await newTab('harness');
  const keyId = await app.evaluate(async () => {
    const { client, commands } = window.kmsw;
    const { KeyMetadata } = await client.send(
      new commands.CreateKeyCommand({ Description: 'from the app tab' }),
    );
    await client.send(
      new commands.EncryptCommand({
        KeyId: KeyMetadata!.KeyId,
        Plaintext: new TextEncoder().encode('secret'),
      }),
    );
    await client.send(new commands.DescribeKeyCommand({ KeyId: 'alias/missing' })).catch(() => undefined);
    return KeyMetadata!.KeyId!;
  });
  await expect(log.getByRole('row').filter({ hasText: 'NotFoundException' })).toHaveCount(1);
  // Newest first: the times in the rows only go down (the console's own calls are in the log too).
  const times = await log.getByRole('row').locator('td:first-child').allTextContents();
  expect(times.length).toBeGreaterThan(3);
  expect([...times].sort().reverse()).toEqual(times);

  await page.getByLabel('Filter by status').selectOption('error');
  const failed = log.getByRole('row').first();
  await expect(failed).toContainText('DescribeKey');
  await expect(failed).toContainText('alias/missing');
  await expect(failed).toContainText('400');
  await expect(failed).toContainText('NotFoundException');
  await page.getByLabel('Filter by status').selectOption('all');

  await page.getByLabel('Filter by operation').selectOption('Encrypt');
  await expect(log.getByRole('row')).toHaveCount(1);
  await expect(log.getByRole('row').first()).toContainText(keyId);
  await log.getByRole('button', { name: 'Show request and response' }).click();
  const detail = page.getByRole('region', { name: 'Encrypt request detail' });
  await expect(detail).toContainText('<redacted 6 bytes>');
  await expect(detail).not.toContainText('c2VjcmV0'); // "secret" in base64

  await detail.getByRole('button', { name: 'Copy as SDK code' }).click();
  const sdk = await page.evaluate(() => navigator.clipboard.readText());
  expect(sdk).toContain("import { KMSClient, EncryptCommand } from '@aws-sdk/client-kms';");
  expect(sdk).toContain(`KeyId: "${keyId}"`);
  await detail.getByRole('button', { name: 'Copy as AWS CLI' }).click();
  const cli = await page.evaluate(() => navigator.clipboard.readText());
  expect(cli).toMatch(/^aws kms encrypt --region us-east-1 \\\n {2}--cli-input-json '\{"KeyId":"/);
});
