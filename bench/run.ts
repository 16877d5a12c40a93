/**
 * `npm run bench`: Encrypt, Decrypt and GenerateDataKey through the real SDK on each Node path — msw/node, the
 * in-process request handler, `kmsw serve` over loopback — each beside floors measured in the same run: the same
 * SDK call on the same path answered by a canned response, and the raw WebCrypto AES-GCM operation. Then Sign,
 * Verify and GenerateMac per key family beside the engine's raw primitive (bench/signing.ts).
 * Ratios are mean latency over the path's canned floor. Not part of `npm test`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateKeyCommand,
  DecryptCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createKmsEmulator, kmsHandlers, kmsRequestHandler } from '../src/index.ts';
import { startKmsHttpServer } from '../src/msw/http-server.ts';
import { measure, printTable, type Measurement } from './measure.ts';
import { benchSigning } from './signing.ts';

const credentials = { accessKeyId: 'AKIAKMSWEXAMPLE', secretAccessKey: 'kmsw' };
const plaintext = new TextEncoder().encode('a 32-byte secret for the bench!!');
const CANNED = JSON.stringify({
  KeyId: 'arn:aws:kms:us-east-1:000000000000:key/x',
  CiphertextBlob: 'AAAA',
  EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
});
const cannedHeaders = {
  'content-type': 'application/x-amz-json-1.1',
  'x-amzn-requestid': '00000000-0000-0000-0000-000000000000',
};

async function kmsOps(client: KMSClient, label: string): Promise<Measurement[]> {
  const keyId = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }));
  return [
    await measure(`${label} Encrypt`, () =>
      client.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext })),
    ),
    await measure(`${label} Decrypt`, () => client.send(new DecryptCommand({ CiphertextBlob }))),
    await measure(`${label} GenerateDataKey`, () =>
      client.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' })),
    ),
  ];
}

const cannedEncrypt = (client: KMSClient, label: string) =>
  measure(`${label} canned Encrypt`, () =>
    client.send(new EncryptCommand({ KeyId: 'x', Plaintext: plaintext })),
  );

async function rawWebCrypto(): Promise<Measurement> {
  const key = await crypto.subtle.importKey(
    'raw',
    crypto.getRandomValues(new Uint8Array(32)),
    'AES-GCM',
    false,
    ['encrypt'],
  );
  return measure('raw WebCrypto AES-256-GCM encrypt', () =>
    crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: crypto.getRandomValues(new Uint8Array(12)) },
      key,
      plaintext,
    ),
  );
}

async function main() {
  console.log(`[kmsw] bench on Node ${process.version}, ${new Date().toISOString()}`);
  const raw = await rawWebCrypto();
  printTable('raw primitive', [], raw);

  // In-process request handler: no interception.
  {
    const emulator = createKmsEmulator({ store: 'memory' });
    const client = new KMSClient({
      region: 'us-east-1',
      credentials,
      requestHandler: kmsRequestHandler({ emulator }),
    });
    const cannedClient = new KMSClient({
      region: 'us-east-1',
      credentials,
      requestHandler: {
        handle: async () => ({
          response: { statusCode: 200, headers: cannedHeaders, body: new TextEncoder().encode(CANNED) },
        }),
      } as never,
    });
    const floor = await cannedEncrypt(cannedClient, 'requestHandler');
    printTable('in-process request handler', await kmsOps(client, 'requestHandler'), floor);
    await benchSigning(client);
    await emulator.close();
  }

  // msw/node interception.
  {
    const canned = setupServer(
      http.post(/kms\./, () => new HttpResponse(CANNED, { headers: cannedHeaders })),
    );
    canned.listen();
    const floor = await cannedEncrypt(new KMSClient({ region: 'us-east-1', credentials }), 'msw/node');
    canned.close();
    const server = setupServer(...kmsHandlers({ store: 'memory' }));
    server.listen();
    printTable(
      'msw/node',
      await kmsOps(new KMSClient({ region: 'us-east-1', credentials }), 'msw/node'),
      floor,
    );
    server.close();
  }

  // kmsw serve over loopback.
  {
    const canned = createServer((_req, res) => {
      _req.resume();
      _req.on('end', () => res.writeHead(200, cannedHeaders).end(CANNED));
    });
    await new Promise<void>((resolve) => canned.listen(0, '127.0.0.1', resolve));
    const cannedUrl = `http://127.0.0.1:${(canned.address() as AddressInfo).port}`;
    const floor = await cannedEncrypt(
      new KMSClient({ region: 'us-east-1', credentials, endpoint: cannedUrl }),
      'loopback',
    );
    canned.close();
    const served = await startKmsHttpServer({ port: 0 });
    printTable(
      'kmsw serve (loopback HTTP)',
      await kmsOps(new KMSClient({ region: 'us-east-1', credentials, endpoint: served.url }), 'serve'),
      floor,
    );
    await served.close();
  }
}

await main();
