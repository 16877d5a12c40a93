// An app with its own Mock Service Worker setup: its API mocks plus kmsw's KMS handlers spread into the same
// worker (a page can have only one service worker). It fetches a greeting from its (mocked) API, then encrypts
// and decrypts it with KMS (answered by kmsw).
import { CreateKeyCommand, DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { kmsHandlers } from 'kmsw';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';

const worker = setupWorker(
  http.get('/api/greeting', () => HttpResponse.json({ text: 'hello from the app API mock' })),
  ...kmsHandlers({ databaseName: 'vite-msw-app' }),
);
await worker.start({ onUnhandledFrame: 'bypass', quiet: true });

const kms = new KMSClient({
  region: 'eu-central-1',
  credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'example' },
});

const { text } = (await (await fetch('/api/greeting')).json()) as { text: string };
document.querySelector('#greeting')!.textContent = text;

const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'vite-msw-app' }));
const { CiphertextBlob } = await kms.send(
  new EncryptCommand({ KeyId: KeyMetadata!.KeyId!, Plaintext: new TextEncoder().encode(text) }),
);
const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob }));
document.querySelector('#roundtrip')!.textContent = new TextDecoder().decode(Plaintext);
document.body.dataset.ready = 'true';
