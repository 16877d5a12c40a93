/**
 * Two tabs of one origin on one IndexedDB database (two pages in one browser context, both behind the service
 * worker, each answering its own requests with its own emulator): what one tab commits, the other's next call
 * sees; concurrent writes to one key from both tabs lose nothing (compare-and-swap in the store, re-run on a
 * conflict); the console of one tab follows changes made in the other without a reload.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_TagResource.html
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** TagResource `count` times at once on `keyId`, tag keys `<prefix>-0`…; resolves to the errors, if any. */
function tagConcurrently(page: Page, keyId: string, prefix: string, count: number): Promise<string[]> {
  return page.evaluate(
    async ({ keyId, prefix, count }) => {
      const { client, commands } = window.kmsw;
      const results = await Promise.allSettled(
        Array.from({ length: count }, (_, i) =>
          client.send(
            new commands.TagResourceCommand({
              KeyId: keyId,
              Tags: [{ TagKey: `${prefix}-${i}`, TagValue: `${prefix} ${i}` }],
            }),
          ),
        ),
      );
      return results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
    },
    { keyId, prefix, count },
  );
}

test('a key created in one tab is seen by the next call in the other, and concurrent TagResource calls from both tabs all land', async ({
  kmsPage: tabA,
  newTab,
}) => {
  const tabB = await newTab('harness');
  const keyId = await tabA.evaluate(async () => {
    const { client, commands } = window.kmsw;
    const created = await client.send(new commands.CreateKeyCommand({ Description: 'made in tab A' }));
    return created.KeyMetadata?.KeyId ?? '';
  });
  const seenInB = await tabB.evaluate(async (keyId) => {
    const { client, commands } = window.kmsw;
    const { KeyMetadata } = await client.send(new commands.DescribeKeyCommand({ KeyId: keyId }));
    return KeyMetadata?.Description;
  }, keyId);
  expect(seenInB).toBe('made in tab A');

  const PER_TAB = 25;
  const [errorsA, errorsB] = await Promise.all([
    tagConcurrently(tabA, keyId, 'a', PER_TAB),
    tagConcurrently(tabB, keyId, 'b', PER_TAB),
  ]);
  expect(errorsA).toEqual([]);
  expect(errorsB).toEqual([]);
  const tags = await tabA.evaluate(async (keyId) => {
    const { client, commands } = window.kmsw;
    const out = await client.send(new commands.ListResourceTagsCommand({ KeyId: keyId, Limit: 50 }));
    return { truncated: out.Truncated, tags: (out.Tags ?? []).map((t) => `${t.TagKey}=${t.TagValue}`) };
  }, keyId);
  const expected = ['a', 'b'].flatMap((p) =>
    Array.from({ length: PER_TAB }, (_, i) => `${p}-${i}=${p} ${i}`),
  );
  expect(tags.truncated).toBe(false);
  expect(tags.tags.sort()).toEqual(expected.sort());
});

test('the console follows keys created and scheduled for deletion in another tab, without a reload', async ({
  kmsPage: tabA,
  newTab,
}) => {
  // Two pages, the console reloading its table through the SDK on each change: generous on a loaded machine.
  test.setTimeout(60_000);
  const consoleTab = await newTab('console');
  await expect(consoleTab.getByText('No keys yet')).toBeVisible();
  // Survives only as long as the document does: a reload would drop it.
  await consoleTab.evaluate(() => {
    document.documentElement.dataset.loadedOnce = 'yes';
  });

  const keyId = await tabA.evaluate(async () => {
    const { client, commands } = window.kmsw;
    const created = await client.send(new commands.CreateKeyCommand({ Description: 'from the other tab' }));
    return created.KeyMetadata?.KeyId ?? '';
  });
  const row = consoleTab.getByRole('row').filter({ hasText: 'from the other tab' });
  await expect(row).toContainText(keyId);
  await expect(row).toContainText('Enabled');

  await tabA.evaluate(async (keyId) => {
    const { client, commands } = window.kmsw;
    await client.send(new commands.ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
  }, keyId);
  await expect(row).toContainText('PendingDeletion');

  // The console tab's own clock: 30 days on, the key is past its deletion date and gone.
  await expect(consoleTab.getByLabel('Emulator time')).toContainText('(real time)');
  await consoleTab.getByRole('button', { name: 'Advance 30 days' }).click();
  await expect(consoleTab.getByLabel('Emulator time')).toContainText('(+30 days)');
  await expect(row).toHaveCount(0);
  await expect(consoleTab.getByText('No keys yet')).toBeVisible();
  expect(await consoleTab.evaluate(() => document.documentElement.dataset.loadedOnce)).toBe('yes');
  await expect(consoleTab.getByRole('alert')).toHaveCount(0);
});
