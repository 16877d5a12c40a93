/**
 * The Playwright harness page's script: starts kmsw in the mode the query asks for (`?mode=worker` — the
 * default — or `?mode=inpage`) on the IndexedDB database `?db=<name>`, then exposes the bundled AWS SDK as
 * `window.kmsw` (see harness-api.ts) so tests make the same SDK calls an app would. `clientIn(region)` gives a
 * client of another region (e.g. `cn-north-1` for SM2 keys), answered by the same emulator; `admin` is that
 * emulator's admin facade (export/import, reset, clock, subscribe).
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
import { installKmsFetch, startKmsWorker } from '../src/msw/browser.ts';
import type { HarnessMode } from './harness-api.ts';

const params = new URLSearchParams(location.search);
const mode: HarnessMode = params.get('mode') === 'inpage' ? 'inpage' : 'worker';
const databaseName = params.get('db') ?? 'kmsw-harness';

async function start(): Promise<void> {
  const { emulator } =
    mode === 'inpage' ? installKmsFetch({ databaseName }) : await startKmsWorker({ databaseName });
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
