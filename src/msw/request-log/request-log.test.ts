/**
 * The memory request log and the entry built from a protocol exchange: order, limit, listeners, clear, and the
 * fields the contract promises (keyId, accessKeyId, errorCode, explanation).
 */
import { expect, test, vi } from 'vitest';
import { NotFoundException } from '../../api/generated/exceptions.ts';
import type { KmsExchange } from '../../protocol/kms-fetch-handler.ts';
import { entryId, toLogEntry, type KmsRequestLogEntry } from './entry.ts';
import { createMemoryRequestLog } from './request-log.ts';

function exchange(overrides: Partial<KmsExchange> = {}): KmsExchange {
  return {
    requestId: 'r',
    startedAt: Date.UTC(2026, 0, 2, 3, 4, 5, 6),
    durationMs: 1.5,
    target: 'TrentService.Encrypt',
    operation: 'Encrypt',
    account: '111122223333',
    region: 'eu-west-1',
    accessKeyId: 'AKIAEXAMPLE',
    request: { KeyId: 'alias/app', Plaintext: 'AAAA' },
    requestLength: 42,
    status: 200,
    response: { KeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k', CiphertextBlob: 'BBBB' },
    ...overrides,
  };
}

const entry = (startedAt: number): KmsRequestLogEntry => toLogEntry(exchange({ startedAt }));

test('an entry carries time, operation, scope, access key, key id, status, duration and the redacted bodies', () => {
  const e = toLogEntry(exchange());
  expect(e).toEqual({
    id: expect.stringMatching(/^1767323045006-\d{9}-[a-z0-9]{6}$/),
    time: '2026-01-02T03:04:05.006Z',
    operation: 'Encrypt',
    region: 'eu-west-1',
    account: '111122223333',
    accessKeyId: 'AKIAEXAMPLE',
    keyId: 'alias/app',
    status: 200,
    durationMs: 1.5,
    request: { KeyId: 'alias/app', Plaintext: '<redacted 3 bytes>' },
    response: { KeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k', CiphertextBlob: 'BBBB' },
  });
  expect(e).not.toHaveProperty('errorCode');
});

test('an error entry has errorCode, errorMessage and the error explanation; the key id comes from the response when the request names none', () => {
  const error = Object.assign(new NotFoundException('Key x does not exist'), {
    explanation: 'no statement allows kms:Encrypt',
  });
  const e = toLogEntry(
    exchange({ status: 400, error, response: { __type: 'NotFoundException', message: error.message } }),
  );
  expect(e).toMatchObject({
    status: 400,
    errorCode: 'NotFoundException',
    errorMessage: 'Key x does not exist',
    explanation: 'no statement allows kms:Encrypt',
    response: { __type: 'NotFoundException', message: 'Key x does not exist' },
  });
  const created = toLogEntry(
    exchange({
      operation: 'CreateKey',
      target: 'TrentService.CreateKey',
      request: {},
      response: { KeyMetadata: { KeyId: 'new-key' } },
    }),
  );
  expect(created.keyId).toBe('new-key');
});

test('an unknown target is logged under its raw name, with the body it never read as null', () => {
  const e = toLogEntry(exchange({ target: 'TrentService.Nope', operation: undefined, request: undefined }));
  expect(e.operation).toBe('TrentService.Nope');
  expect(e.request).toBeNull();
});

test('a request body over 64 KiB is not kept, only its length', () => {
  const e = toLogEntry(exchange({ requestLength: 200_000, request: { KeyId: 'k', EncryptionContext: {} } }));
  expect(e.request).toBe('<request body of 200000 characters, not logged>');
  expect(toLogEntry(exchange({ requestLength: 65_536 })).request).toMatchObject({ KeyId: 'alias/app' });
});

test('ids are unique and sort by arrival time', () => {
  const ids = [entryId(5), entryId(5), entryId(4), entryId(10_000)];
  expect(new Set(ids).size).toBe(4);
  expect([...ids].sort()).toEqual([ids[2], ids[0], ids[1], ids[3]]);
});

test('the memory log keeps the newest `limit` entries, oldest first, even when they finish out of order', async () => {
  const log = createMemoryRequestLog({ limit: 3 });
  const entries = [1, 2, 3, 4, 5].map((t) => entry(t * 1000));
  for (const e of [entries[0]!, entries[2]!, entries[1]!, entries[3]!, entries[4]!]) log.record(e);
  expect((await log.entries()).map((e) => e.id)).toEqual(entries.slice(2).map((e) => e.id));
  for (let i = 0; i < 20; i++) log.record(entry(10_000 + i));
  const kept = await log.entries();
  expect(kept).toHaveLength(3);
  expect(kept.map((e) => e.time)).toEqual([17, 18, 19].map((i) => new Date(10_000 + i).toISOString()));
});

test('listeners hear each new entry; one that throws does not stop the others; unsubscribe and clear work', async () => {
  const log = createMemoryRequestLog();
  const heard: string[] = [];
  // Node has no reportError: a throwing listener is reported on console.error there.
  const reportError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  log.subscribe(() => {
    throw new Error('listener bug');
  });
  const off = log.subscribe((e) => heard.push(e.id));
  const first = entry(1);
  log.record(first);
  off();
  log.record(entry(2));
  expect(heard).toEqual([first.id]);
  expect(reportError).toHaveBeenCalledTimes(2);
  reportError.mockRestore();
  await log.clear();
  expect(await log.entries()).toEqual([]);
});

test('a limit that is not a positive integer is refused', () => {
  expect(() => createMemoryRequestLog({ limit: 0 })).toThrow(
    'requestLog.limit must be a positive integer, got 0',
  );
  expect(() => createMemoryRequestLog({ limit: 1.5 })).toThrow(RangeError);
});
