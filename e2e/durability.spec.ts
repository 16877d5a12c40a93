/**
 * Durability of the IndexedDB store behind the service worker when a page goes away mid-request: a page closed
 * while CreateKey calls are in flight, and a reload during a slow RSA_4096 CreateKey. What a caller was told was
 * created must be there and usable afterwards, and no record may be half written.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html
 */
import type { Page } from '@playwright/test';
import { expect, test, waitForHarness } from './fixtures.ts';

const KMS_URL = /^https:\/\/kms\.us-east-1\.amazonaws\.com\//;

interface StoredKey {
  keyId: string;
  description: string;
  /** Byte length of each material's secret / private key. */
  materials: { state: string; secret: number; privateKey: number; publicKey: number }[];
}

interface KeyCheck {
  keyId: string;
  state?: string;
  spec?: string;
  roundTrip?: string;
  error?: string;
}

/**
 * In the page: every key ListKeys returns, each checked with DescribeKey and an Encrypt/Decrypt round trip, and
 * every key record the store holds (through the admin facade's export).
 */
async function inspectKeys(
  page: Page,
): Promise<{ listed: string[]; checks: KeyCheck[]; stored: StoredKey[] }> {
  return page.evaluate(async () => {
    const { client, commands, admin } = window.kmsw;
    const listed: string[] = [];
    let marker: string | undefined;
    do {
      const out = await client.send(new commands.ListKeysCommand({ Marker: marker, Limit: 1000 }));
      for (const key of out.Keys ?? []) listed.push(key.KeyId ?? '');
      marker = out.Truncated ? out.NextMarker : undefined;
    } while (marker);
    const checks = await Promise.all(
      listed.map(async (keyId): Promise<KeyCheck> => {
        try {
          const { KeyMetadata: m } = await client.send(new commands.DescribeKeyCommand({ KeyId: keyId }));
          const asymmetric = m?.KeySpec !== 'SYMMETRIC_DEFAULT';
          const algorithm = asymmetric ? { EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' as const } : {};
          const encrypted = await client.send(
            new commands.EncryptCommand({
              KeyId: keyId,
              Plaintext: new TextEncoder().encode(`for ${keyId}`),
              ...algorithm,
            }),
          );
          const decrypted = await client.send(
            new commands.DecryptCommand({
              CiphertextBlob: encrypted.CiphertextBlob,
              ...(asymmetric ? { KeyId: keyId, ...algorithm } : {}),
            }),
          );
          return {
            keyId,
            state: m?.KeyState,
            spec: m?.KeySpec,
            roundTrip: new TextDecoder().decode(decrypted.Plaintext),
          };
        } catch (error) {
          return { keyId, error: String(error) };
        }
      }),
    );
    const stored = (await admin.exportState()).data.keys.map((key) => ({
      keyId: key.keyId,
      description: key.description,
      materials: key.materials.map((m) => ({
        state: m.state,
        secret: m.secret?.length ?? 0,
        privateKey: m.privateKey?.length ?? 0,
        publicKey: m.publicKey?.length ?? 0,
      })),
    }));
    return { listed, checks, stored };
  });
}

const usable = (check: KeyCheck, spec: string) => ({
  keyId: check.keyId,
  state: 'Enabled',
  spec,
  roundTrip: `for ${check.keyId}`,
});

test('closing the page while CreateKey calls are in flight keeps every key a caller was told about', async ({
  kmsPage: page,
  newTab,
}) => {
  const TOTAL = 100;
  const HALF = 50;
  // Ten at a time, each resolved call starting the next: a call's IndexedDB transaction is handed over whole, so
  // 100 started at once could all be committed by the browser (and resolve) before the close lands.
  const IN_FLIGHT = 10;
  // The page calls this when the 50th CreateKey resolved; the test then closes the page, mid-batch.
  let signalHalf!: () => void;
  const halfResolved = new Promise<void>((resolve) => (signalHalf = resolve));
  // Exposed (and awaited) before the batch starts, so the page can always call it.
  await page.exposeFunction('halfResolved', () => signalHalf());
  // Each resolved CreateKey is noted in localStorage synchronously, so the note outlives the page.
  await page.evaluate(
    ({ total, half, inFlight }) => {
      const { client, commands } = window.kmsw;
      const note = (name: string, value: string) => {
        const list = [...(JSON.parse(localStorage.getItem(name) ?? '[]') as string[]), value];
        localStorage.setItem(name, JSON.stringify(list));
        return list.length;
      };
      let started = 0;
      const startNext = () => {
        if (started === total) return;
        const i = started++;
        client.send(new commands.CreateKeyCommand({ Description: `batch ${i}` })).then(
          (out) => {
            if (note('resolved', out.KeyMetadata?.KeyId ?? 'no key id') === half) {
              void (window as unknown as { halfResolved(): Promise<void> }).halfResolved();
              // The emulator runs on this page's main thread: hold it while the test closes the page, so the
              // close lands with the other CreateKey calls in flight however fast they would have finished.
              const until = performance.now() + 2000;
              while (performance.now() < until) {
                // Busy on purpose.
              }
            }
            startNext();
          },
          (error: unknown) => {
            note('failed', String(error));
            startNext();
          },
        );
      };
      for (let i = 0; i < inFlight; i++) startNext();
    },
    { total: TOTAL, half: HALF, inFlight: IN_FLIGHT },
  );
  await halfResolved;
  await page.close();

  const reopened = await newTab('harness');
  const { resolved, failed } = await reopened.evaluate(() => ({
    resolved: JSON.parse(localStorage.getItem('resolved') ?? '[]') as string[],
    failed: JSON.parse(localStorage.getItem('failed') ?? '[]') as string[],
  }));
  const { listed, checks, stored } = await inspectKeys(reopened);
  test.info().annotations.push({
    type: 'durability',
    description: `${resolved.length}/${TOTAL} CreateKey resolved before close, ${listed.length} keys stored`,
  });
  expect(failed).toEqual([]);
  expect(resolved.length).toBeGreaterThanOrEqual(HALF);
  expect(resolved.length, 'some CreateKey calls were still to resolve at close').toBeLessThan(TOTAL);
  expect(listed).toEqual(expect.arrayContaining(resolved));
  expect(listed.length).toBeLessThanOrEqual(TOTAL);
  expect(checks).toEqual(checks.map((check) => usable(check, 'SYMMETRIC_DEFAULT')));
  // The store holds exactly the listed keys, each with its one 32-byte AES key.
  expect(stored.map((k) => k.keyId).sort()).toEqual([...listed].sort());
  for (const key of stored) {
    expect(key.description).toMatch(/^batch \d+$/);
    expect(key.materials).toEqual([{ state: 'CURRENT', secret: 32, privateKey: 0, publicKey: 0 }]);
  }
});

test('a reload during an RSA_4096 CreateKey leaves the key whole or absent, and the emulator keeps serving', async ({
  kmsPage: page,
}) => {
  const sent = page.waitForRequest(KMS_URL);
  await page.evaluate(() => {
    const { client, commands } = window.kmsw;
    client
      .send(
        new commands.CreateKeyCommand({
          KeySpec: 'RSA_4096',
          KeyUsage: 'ENCRYPT_DECRYPT',
          Description: 'cut',
        }),
      )
      .then(
        () => localStorage.setItem('rsa', 'resolved'),
        () => undefined,
      );
  });
  await sent;
  await page.reload();
  await waitForHarness(page);

  const { listed, checks, stored } = await inspectKeys(page);
  const told = (await page.evaluate(() => localStorage.getItem('rsa'))) === 'resolved';
  test.info().annotations.push({
    type: 'durability',
    description: `CreateKey ${told ? 'resolved' : 'did not resolve'} before the reload; the key is ${listed.length ? 'there' : 'absent'}`,
  });
  // A caller that was told the key exists must find it; otherwise either outcome is consistent.
  expect(listed.length).toBeGreaterThanOrEqual(told ? 1 : 0);
  expect(listed.length).toBeLessThanOrEqual(1);
  expect(stored.map((k) => k.keyId)).toEqual(listed);
  expect(checks).toEqual(checks.map((check) => usable(check, 'RSA_4096')));
  for (const key of stored) {
    expect(key.materials).toEqual([
      { state: 'CURRENT', secret: 0, privateKey: expect.any(Number), publicKey: expect.any(Number) },
    ]);
    expect(key.materials[0]!.privateKey).toBeGreaterThan(2000);
  }

  const served = await page.evaluate(async () => {
    const { client, commands } = window.kmsw;
    const created = await client.send(new commands.CreateKeyCommand({ Description: 'after reload' }));
    const encrypted = await client.send(
      new commands.EncryptCommand({
        KeyId: created.KeyMetadata?.KeyId,
        Plaintext: new TextEncoder().encode('ok'),
      }),
    );
    const decrypted = await client.send(
      new commands.DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob }),
    );
    return new TextDecoder().decode(decrypted.Plaintext);
  });
  expect(served).toBe('ok');
});
