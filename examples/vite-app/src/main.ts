// A small app that encrypts and decrypts with AWS KMS. In development the calls are answered in the page by kmsw
// (startKmsWorker: Mock Service Worker's service worker, keys in IndexedDB); the app code is what it would be
// against real AWS.
import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { startKmsWorker } from 'kmsw/browser';

const KEY = 'alias/app';
const KEY_ID = '6d1c5a8e-3f2b-4c7d-9e0a-1b2c3d4e5f60';
const MATERIAL = 'a21zbWF0ZXJpYWwtZm9yLXRoZS12aXRlLWFwcC0wMDE='; // 32 bytes, base64

await startKmsWorker({ seed: { keys: [{ id: KEY_ID, material: MATERIAL, aliases: [KEY] }] } });

const kms = new KMSClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'example' },
});

const result = document.querySelector<HTMLOutputElement>('#result')!;
const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

function onSubmit(id: string, run: (form: FormData) => Promise<string>) {
  document.querySelector<HTMLFormElement>(id)!.addEventListener('submit', (event) => {
    event.preventDefault();
    run(new FormData(event.target as HTMLFormElement)).then(
      (text) => (result.textContent = text),
      (error: Error) => (result.textContent = `${error.name}: ${error.message}`),
    );
  });
}

onSubmit('#encrypt', async (form) => {
  const plaintext = new TextEncoder().encode(String(form.get('plaintext')));
  const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: KEY, Plaintext: plaintext }));
  return toBase64(CiphertextBlob!);
});

onSubmit('#decrypt', async (form) => {
  const { Plaintext } = await kms.send(
    new DecryptCommand({ CiphertextBlob: fromBase64(String(form.get('ciphertext'))) }),
  );
  return new TextDecoder().decode(Plaintext);
});

document.body.dataset.ready = 'true';
