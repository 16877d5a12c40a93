// Vitest with msw/node: setupKmsServer() intercepts the SDK's calls to https://kms.<region>.amazonaws.com.
import {
  CreateKeyCommand,
  DecryptCommand,
  EncryptCommand,
  KMSClient,
  ScheduleKeyDeletionCommand,
  DescribeKeyCommand,
} from '@aws-sdk/client-kms';
import { setupKmsServer, type KmsServer } from 'kmsw/node';
import type { KmsRequestLogEntry } from 'kmsw';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';

const server: KmsServer = setupKmsServer({
  seed: { keys: [{ id: '5a1e7c3d-0000-4000-8000-000000000001', aliases: ['alias/seeded'] }] },
});
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.emulator.admin.reset());
afterAll(() => server.close());

const kms = new KMSClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'example' },
});

test('encrypts and decrypts with the seeded key', async () => {
  const { CiphertextBlob } = await kms.send(
    new EncryptCommand({ KeyId: 'alias/seeded', Plaintext: new TextEncoder().encode('vitest') }),
  );
  const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob }));
  expect(new TextDecoder().decode(Plaintext)).toBe('vitest');
  const log: KmsRequestLogEntry[] = await server.emulator.admin.requests();
  expect(log.map((entry) => entry.operation)).toEqual(['Encrypt', 'Decrypt']);
  expect(log[0]?.request).toMatchObject({ Plaintext: '<redacted 6 bytes>' });
});

test('the admin clock makes a key scheduled for deletion disappear', async () => {
  const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
  await kms.send(new ScheduleKeyDeletionCommand({ KeyId: KeyMetadata!.KeyId!, PendingWindowInDays: 7 }));
  await server.emulator.admin.clock.advance(8 * 24 * 60 * 60 * 1000);
  await expect(kms.send(new DescribeKeyCommand({ KeyId: KeyMetadata!.KeyId! }))).rejects.toThrow(
    /does not exist/,
  );
});

test('options are typed: a misspelt option does not compile', () => {
  // @ts-expect-error -- `stor` is not an option (it is `store`).
  const typo = () => setupKmsServer({ stor: 'memory' });
  expect(typo).toBeTypeOf('function');
});
