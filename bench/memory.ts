/**
 * The memory part of `npm run bench` (run with `node --expose-gc`, as the npm script does): the heap each key
 * costs per key spec family (a fresh emulator, N keys created, heap after full GC before and after), the heap each
 * request-log entry costs and that the log stops growing at its limit, and a long run of 100,000 Encrypt calls
 * whose heap is sampled after GC every 20,000 calls: flat means the last sample within a few MB of the first.
 */
import {
  CreateKeyCommand,
  EncryptCommand,
  KMSClient,
  type KeySpec,
  type KeyUsageType,
} from '@aws-sdk/client-kms';
import { createKmsEmulator, kmsRequestHandler, type KmsEmulator } from '../src/index.ts';
import { DEFAULT_REQUEST_LOG_LIMIT } from '../src/msw/request-log/request-log.ts';
import { printTable } from './measure.ts';
import { PLAINTEXT } from './operations.ts';

const gc = (globalThis as { gc?: () => void }).gc;

function heapAfterGc(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

const client = (emulator: KmsEmulator) =>
  new KMSClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAKMSWEXAMPLE', secretAccessKey: 'kmsw' },
    requestHandler: kmsRequestHandler({ emulator }),
  });

const FAMILIES: [KeySpec, KeyUsageType, number][] = [
  ['SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT', 2000],
  ['HMAC_256', 'GENERATE_VERIFY_MAC', 2000],
  ['ECC_NIST_P256', 'SIGN_VERIFY', 1000],
  ['ECC_NIST_EDWARDS25519', 'SIGN_VERIFY', 1000],
  ['ECC_SECG_P256K1', 'SIGN_VERIFY', 500],
  ['RSA_2048', 'SIGN_VERIFY', 100],
  ['RSA_4096', 'ENCRYPT_DECRYPT', 30],
  ['ML_DSA_44', 'SIGN_VERIFY', 300],
];

export async function benchMemory() {
  if (!gc) console.log('\n[kmsw] memory figures need `node --expose-gc` (npm run bench passes it); skipped');
  if (!gc) return undefined;
  const perKey: { keySpec: string; keys: number; bytesPerKey: number }[] = [];
  for (const [spec, usage, count] of FAMILIES) {
    const emulator = createKmsEmulator({ store: 'memory', requestLog: false });
    const c = client(emulator);
    await c.send(new CreateKeyCommand({ KeySpec: spec, KeyUsage: usage }));
    const before = heapAfterGc();
    for (let i = 0; i < count; i++) await c.send(new CreateKeyCommand({ KeySpec: spec, KeyUsage: usage }));
    perKey.push({ keySpec: spec, keys: count, bytesPerKey: (heapAfterGc() - before) / count });
    await emulator.close();
  }
  printTable(
    'memory per key (heap after GC, memory store, request log off)',
    ['key spec', 'keys', 'bytes per key'],
    perKey.map((r) => [r.keySpec, String(r.keys), r.bytesPerKey]),
    0,
  );

  // Request log: bytes per entry up to its limit, then no growth.
  const emulator = createKmsEmulator({ store: 'memory' });
  const c = client(emulator);
  const keyId = (await c.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  await emulator.admin.clearRequests();
  const encrypt = () => c.send(new EncryptCommand({ KeyId: keyId, Plaintext: PLAINTEXT }));
  const empty = heapAfterGc();
  for (let i = 0; i < DEFAULT_REQUEST_LOG_LIMIT; i++) await encrypt();
  const full = heapAfterGc();
  for (let i = 0; i < DEFAULT_REQUEST_LOG_LIMIT; i++) await encrypt();
  const after = heapAfterGc();
  const requestLog = {
    limit: DEFAULT_REQUEST_LOG_LIMIT,
    entries: (await emulator.admin.requests()).length,
    bytesPerEntry: (full - empty) / DEFAULT_REQUEST_LOG_LIMIT,
    growthPastLimitBytes: after - full,
  };
  printTable(
    `request log (default limit ${requestLog.limit}, 1 KiB Encrypt calls)`,
    ['entries kept', 'bytes per entry', `growth over the next ${requestLog.limit} calls (bytes)`],
    [[String(requestLog.entries), requestLog.bytesPerEntry, requestLog.growthPastLimitBytes]],
    0,
  );

  // 100,000 Encrypt calls.
  const samples: { calls: number; heapMB: number; rssMB: number }[] = [];
  const sample = (calls: number) =>
    samples.push({ calls, heapMB: heapAfterGc() / 2 ** 20, rssMB: process.memoryUsage().rss / 2 ** 20 });
  const started = performance.now();
  sample(0);
  for (let i = 1; i <= 100_000; i++) {
    await encrypt();
    if (i % 20_000 === 0) sample(i);
  }
  const seconds = (performance.now() - started) / 1000;
  await emulator.close();
  printTable(
    `100,000 Encrypt calls in-process (${seconds.toFixed(1)} s; heap after GC)`,
    ['calls', 'heap MB', 'rss MB'],
    samples.map((s) => [String(s.calls), s.heapMB, s.rssMB]),
    1,
  );
  return { perKey, requestLog, longRun: { seconds, samples } };
}
