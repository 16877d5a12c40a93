/**
 * The browser bench page: starts kmsw in the mode `?mode=` asks for — the service worker (`worker`) or the in-page
 * fetch (`inpage`), each also as a canned-response floor (`worker-canned`, `inpage-canned`) — then measures the SDK
 * calls in the page and publishes the results on `window.benchResults`.
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
import { installKmsFetch, startKmsWorker } from '../src/msw/browser.ts';
import { measure, type Measurement } from './measure.ts';

declare global {
  interface Window {
    benchResults?: Measurement[];
    benchError?: string;
  }
}

const CANNED = JSON.stringify({
  KeyId: 'arn:aws:kms:us-east-1:000000000000:key/x',
  CiphertextBlob: 'AAAA',
  EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
});
const cannedResponse = () =>
  new Response(CANNED, {
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'bench' },
  });

const mode = new URLSearchParams(location.search).get('mode') ?? 'worker';
const plaintext = new TextEncoder().encode('a 32-byte secret for the bench!!');

async function start(): Promise<void> {
  const databaseName = `kmsw-bench-${crypto.randomUUID()}`;
  if (mode === 'worker') await startKmsWorker({ databaseName });
  else if (mode === 'inpage') installKmsFetch({ databaseName });
  else if (mode === 'worker-canned') {
    await setupWorker(http.post(/kms\./, () => cannedResponse())).start({
      quiet: true,
      onUnhandledFrame: 'bypass',
    });
  } else if (mode === 'inpage-canned') {
    const original = globalThis.fetch;
    globalThis.fetch = (input, init) =>
      new Request(input, init).url.includes('kms.')
        ? Promise.resolve(cannedResponse())
        : original(input, init);
  } else throw new Error(`unknown bench mode ${mode}`);
}

async function run(): Promise<Measurement[]> {
  await start();
  const client = new KMSClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAKMSWEXAMPLE', secretAccessKey: 'kmsw' },
  });
  if (mode.endsWith('-canned')) {
    return [
      await measure(`${mode} Encrypt`, () =>
        client.send(new EncryptCommand({ KeyId: 'x', Plaintext: plaintext })),
      ),
    ];
  }
  const keyId = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }));
  const aes = await crypto.subtle.importKey(
    'raw',
    crypto.getRandomValues(new Uint8Array(32)),
    'AES-GCM',
    false,
    ['encrypt'],
  );
  return [
    await measure('raw WebCrypto AES-256-GCM encrypt', () =>
      crypto.subtle.encrypt(
        { name: 'AES-GCM', iv: crypto.getRandomValues(new Uint8Array(12)) },
        aes,
        plaintext,
      ),
    ),
    await measure(`${mode} Encrypt`, () =>
      client.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext })),
    ),
    await measure(`${mode} Decrypt`, () => client.send(new DecryptCommand({ CiphertextBlob }))),
    await measure(`${mode} GenerateDataKey`, () =>
      client.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' })),
    ),
  ];
}

run().then(
  (results) => (window.benchResults = results),
  (error: unknown) =>
    (window.benchError = error instanceof Error ? (error.stack ?? error.message) : String(error)),
);
