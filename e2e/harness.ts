/**
 * The Playwright harness page's script: starts kmsw in the mode the query asks for (`?mode=worker` — the
 * default —, `?mode=inpage`, or `?mode=own-worker`: the app's own setupWorker with kmsHandlers()) on the IndexedDB database `?db=<name>`, then exposes the bundled AWS SDK as
 * `window.kmsw` (see harness-api.ts) so tests make the same SDK calls an app would. `clientIn(region)` gives a
 * client of another region (e.g. `cn-north-1` for SM2 keys), answered by the same emulator; `admin` is that
 * emulator's admin facade (export/import, reset, clock, subscribe). `?access=on` starts the emulator with
 * ACCESS_OPTIONS (identities, enforcePolicies, verifySignatures) and `clientAs(accessKeyId, secret)` signs as one.
 */
import {
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateMacCommand,
  GetPublicKeyCommand,
  KMSClient,
  ListKeysCommand,
  ListResourceTagsCommand,
  ScheduleKeyDeletionCommand,
  SignCommand,
  TagResourceCommand,
  VerifyCommand,
  VerifyMacCommand,
} from '@aws-sdk/client-kms';
import { setupWorker } from 'msw/browser';
import { installKmsFetch, kmsHandlers, startKmsWorker } from '../src/msw/browser.ts';
import { PAGE_GLOBAL, type KmswPageRegistry } from '../src/msw/page-registry.ts';
import { ACCESS_OPTIONS, type HarnessMode } from './harness-api.ts';

const params = new URLSearchParams(location.search);
const modeParam = params.get('mode');
const mode: HarnessMode = modeParam === 'inpage' || modeParam === 'own-worker' ? modeParam : 'worker';
const databaseName = params.get('db') ?? 'kmsw-harness';
const access = params.get('access') === 'on' ? ACCESS_OPTIONS : {};

/** An app that runs its own msw worker and spreads kmsHandlers() into it; its emulator is found on the page registry. */
async function startOwnWorker() {
  const worker = setupWorker(...kmsHandlers({ databaseName }));
  await worker.start({ onUnhandledFrame: 'bypass', quiet: true });
  const { emulators } = (globalThis as unknown as { [PAGE_GLOBAL]: KmswPageRegistry })[PAGE_GLOBAL];
  return { emulator: emulators[emulators.length - 1]! };
}

async function start(): Promise<void> {
  const { emulator } =
    mode === 'inpage'
      ? installKmsFetch({ databaseName, ...access })
      : mode === 'own-worker'
        ? await startOwnWorker()
        : await startKmsWorker({ databaseName, ...access });
  const clients = new Map<string, KMSClient>();
  const clientIn = (region: string): KMSClient => {
    let client = clients.get(region);
    if (!client) {
      client = new KMSClient({
        region,
        credentials: { accessKeyId: 'AKIAKMSWEXAMPLE', secretAccessKey: 'kmsw' },
      });
      clients.set(region, client);
    }
    return client;
  };
  window.kmsw = {
    mode,
    client: clientIn('us-east-1'),
    clientIn,
    clientAs: (accessKeyId, secretAccessKey, systemClockOffset = 0) =>
      new KMSClient({
        region: 'us-east-1',
        credentials: { accessKeyId, secretAccessKey },
        systemClockOffset,
        maxAttempts: 1,
      }),
    admin: emulator.admin,
    commands: {
      CreateKeyCommand,
      DecryptCommand,
      DescribeKeyCommand,
      EncryptCommand,
      GenerateDataKeyCommand,
      GenerateMacCommand,
      GetPublicKeyCommand,
      ListKeysCommand,
      ListResourceTagsCommand,
      ScheduleKeyDeletionCommand,
      SignCommand,
      TagResourceCommand,
      VerifyCommand,
      VerifyMacCommand,
    },
    toBase64: (bytes) => btoa(String.fromCharCode(...bytes)),
    fromBase64: (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0)),
  };
  document.body.dataset.ready = mode;
}

start().catch((error: unknown) => {
  window.kmswStartupError = error instanceof Error ? (error.stack ?? error.message) : String(error);
});
