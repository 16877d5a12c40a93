// Tests for key-usage-tracking.ts through the service over the in-memory store: how many store commits a run of
// cryptographic operations costs (a use is written once per key, operation and interval, in the operation's own unit
// of work), and that untracked operations stay read-only.
import { expect, test } from 'vitest';
import type { RequestContext } from '../api/request-context.ts';
// Tests only: the domain runs against a real store implementation (the layer rule keeps src/kms code off src/store).
import { createMemoryStore } from '../store/memory-store.ts';
import { createAdjustableClock } from './clock.ts';
import { sequentialIds } from './ids.ts';
import { createKmsService } from './kms-service.ts';
import { USAGE_RECORD_INTERVAL_MS } from './key-usage-tracking.ts';
import type { KmsStore, StoreWrite } from './store.ts';

function countingStore(): { store: KmsStore; commits: StoreWrite[][] } {
  const inner = createMemoryStore();
  const commits: StoreWrite[][] = [];
  const store: KmsStore = {
    ...inner,
    commit: async (writes) => {
      commits.push([...writes]);
      await inner.commit(writes);
    },
  };
  return { store, commits };
}

const request = (n: number): RequestContext => ({
  account: '111122223333',
  region: 'us-east-1',
  requestId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
});

test('repeated uses of a key by one operation commit one write per interval, not one per request', async () => {
  const { store, commits } = countingStore();
  const clock = createAdjustableClock(() => Date.UTC(2026, 0, 1));
  const kms = createKmsService({ store, clock, ids: sequentialIds() });
  const { KeyMetadata } = await kms.CreateKey({}, request(0));
  const keyId = KeyMetadata!.KeyId!;
  commits.length = 0;

  for (let i = 1; i <= 5; i++)
    await kms.Encrypt({ KeyId: keyId, Plaintext: new Uint8Array([i]) }, request(i));
  expect(commits).toHaveLength(1);
  expect(commits[0]).toMatchObject([
    { op: 'put', table: 'keys', id: keyId, value: { lastUsage: { operation: 'Encrypt', at: clock.now() } } },
  ]);

  clock.advance(USAGE_RECORD_INTERVAL_MS);
  await kms.Encrypt({ KeyId: keyId, Plaintext: new Uint8Array([6]) }, request(6));
  expect(commits).toHaveLength(2);

  await kms.GenerateDataKey({ KeyId: keyId, NumberOfBytes: 32 }, request(7));
  await kms.GenerateDataKey({ KeyId: keyId, NumberOfBytes: 32 }, request(8));
  expect(commits).toHaveLength(3);
  expect((await kms.GetKeyLastUsage({ KeyId: keyId }, request(9))).KeyLastUsage).toEqual({
    Operation: 'GenerateDataKey',
    Timestamp: new Date(clock.now()),
    KmsRequestId: request(7).requestId,
  });
});

test('operations outside the tracking enum, and failed tracked ones, commit nothing', async () => {
  const { store, commits } = countingStore();
  const clock = createAdjustableClock(() => Date.UTC(2026, 0, 1));
  const kms = createKmsService({ store, clock, ids: sequentialIds() });
  const keyId = (await kms.CreateKey({}, request(0))).KeyMetadata!.KeyId!;
  commits.length = 0;

  await kms.DescribeKey({ KeyId: keyId }, request(1));
  await kms.GenerateRandom({ NumberOfBytes: 8 }, request(2));
  await expect(
    kms.Encrypt({ KeyId: keyId, Plaintext: new Uint8Array([1]), DryRun: true }, request(3)),
  ).rejects.toMatchObject({ name: 'DryRunOperationException' });
  await kms.GetKeyLastUsage({ KeyId: keyId }, request(4));
  expect(commits).toHaveLength(0);
});
