/**
 * The browser bench page: starts kmsw in the mode `?mode=` asks for — the service worker (`worker`) or the in-page
 * fetch (`inpage`), each also as a canned-response floor (`worker-canned`, `inpage-canned`) — and exposes
 * `window.bench` for bench/browser.ts to drive: prepare the calls, record kmsw's answers to each (the canned floor
 * answers with the same bodies, cycling through them as a real service's answers vary, after running the call's
 * raw primitive when asked to), and time one call for a budget, so the Node side can interleave the pages' rounds.
 */
import {
  CreateKeyCommand,
  DecryptCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { http } from 'msw';
import { setupWorker } from 'msw/browser';
import { aesGcmOpen, aesGcmSeal, generateKeyMaterial, randomBytes } from '../src/crypto/engine.ts';
import { installKmsFetch, startKmsWorker } from '../src/msw/browser.ts';
import { timePerCall } from './measure.ts';

export interface BrowserBench {
  calls: string[];
  /** kmsw modes: the response bodies kmsw gave for `count` calls of `call`. */
  record(call: string, count: number): Promise<string[]>;
  /** Canned modes: answer KMS calls with `bodies` from now on, one after the other, round and round. */
  setCanned(bodies: string[]): void;
  /** Canned modes: from now on run `call`'s raw primitive before each canned answer (the floor), or not (null). */
  runFirst(call: string | null): void;
  time(call: string, budgetMs: number): Promise<number>;
  raw(call: string, budgetMs: number): Promise<number>;
}

declare global {
  interface Window {
    bench?: BrowserBench;
    benchError?: string;
  }
}

const mode = new URLSearchParams(location.search).get('mode') ?? 'worker';
const PLAINTEXT = new Uint8Array(1024).fill(7);
let canned: string[] = [''];
let next = 0;
let primitive: (() => Promise<unknown>) | undefined;
/**
 * The floor's answer: it reads the request (any emulator must; on the service worker path msw hands the page the body
 * from the worker, and kmsw's reading of it cost the page ~0.4 ms a call, Chromium profile), runs the primitive when
 * there is one, and answers with the next recorded body.
 */
const cannedResponse = async (request: Request) => {
  await request.text();
  if (primitive) await primitive();
  return new Response(canned[next++ % canned.length], {
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'bench' },
  });
};

async function start(): Promise<void> {
  const databaseName = `kmsw-bench-${crypto.randomUUID()}`;
  if (mode === 'worker') await startKmsWorker({ databaseName });
  else if (mode === 'inpage') installKmsFetch({ databaseName });
  else if (mode === 'worker-canned') {
    await setupWorker(http.post(/kms\./, ({ request }) => cannedResponse(request))).start({
      quiet: true,
      onUnhandledFrame: 'bypass',
    });
  } else if (mode === 'inpage-canned') {
    const original = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      // As installKmsFetch does: the SDK's Request is used as it is.
      const request =
        input instanceof Request && init === undefined && !input.bodyUsed ? input : new Request(input, init);
      return request.url.includes('kms.') ? cannedResponse(request) : original(request);
    };
  } else throw new Error(`unknown bench mode ${mode}`);
}

async function setUp(): Promise<BrowserBench> {
  await start();
  const client = new KMSClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAKMSWEXAMPLE', secretAccessKey: 'kmsw' },
  });
  const isCanned = mode.endsWith('-canned');
  const keyId = isCanned ? 'x' : (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  const blob = isCanned
    ? new Uint8Array(200)
    : (await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: PLAINTEXT }))).CiphertextBlob!;
  const secret = randomBytes(32);
  const iv = randomBytes(12);
  const sealed = await aesGcmSeal(secret, iv, PLAINTEXT);
  const calls: Record<string, { send: () => Promise<unknown>; raw: () => Promise<unknown> }> = {
    Encrypt: {
      send: () => client.send(new EncryptCommand({ KeyId: keyId, Plaintext: PLAINTEXT })),
      raw: () => aesGcmSeal(secret, randomBytes(12), PLAINTEXT),
    },
    Decrypt: {
      send: () => client.send(new DecryptCommand({ CiphertextBlob: blob })),
      raw: () => aesGcmOpen(secret, iv, sealed),
    },
    GenerateDataKey: {
      send: () => client.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' })),
      raw: () => aesGcmSeal(secret, randomBytes(12), randomBytes(32)),
    },
    'CreateKey SYMMETRIC_DEFAULT': {
      send: () => client.send(new CreateKeyCommand({})),
      raw: () => generateKeyMaterial('SYMMETRIC_DEFAULT'),
    },
  };
  return {
    calls: Object.keys(calls),
    async record(call, count) {
      const original = globalThis.fetch;
      const bodies: string[] = [];
      globalThis.fetch = async (input, init) => {
        const response = await original(input, init);
        bodies.push(await response.clone().text());
        return response;
      };
      try {
        for (let i = 0; i < count; i++) await calls[call]!.send();
      } finally {
        globalThis.fetch = original;
      }
      return bodies;
    },
    setCanned: (bodies) => ((canned = bodies), (next = 0)),
    runFirst: (call) => (primitive = call === null ? undefined : calls[call]!.raw),
    time: (call, budgetMs) => timePerCall(calls[call]!.send, budgetMs),
    raw: (call, budgetMs) => timePerCall(calls[call]!.raw, budgetMs),
  };
}

setUp().then(
  (bench) => (window.bench = bench),
  (error: unknown) =>
    (window.benchError = error instanceof Error ? (error.stack ?? error.message) : String(error)),
);
