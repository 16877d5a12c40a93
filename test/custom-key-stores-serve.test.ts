/**
 * Custom key stores through `kmsw serve --custom-key-store-backends FILE` and the real SDK over loopback: the same
 * life cycle as test/custom-key-stores.test.ts, with the connection time shortened by --custom-key-store-connect-ms.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  DisconnectCustomKeyStoreCommand,
  EncryptCommand,
  ScheduleKeyDeletionCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { expect, test, vi } from 'vitest';
import { kmsClient } from './support/kms-fixture.ts';
import { serve } from './support/serve.ts';
import { BACKENDS } from './support/custom-key-store-backends.ts';

function backendsFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kmsw-cks-')), 'backends.json');
  writeFileSync(file, content);
  return file;
}

async function connected(client: KMSClient, id: string) {
  await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  await vi.waitFor(
    async () => {
      const { CustomKeyStores } = await client.send(
        new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id }),
      );
      expect(CustomKeyStores![0]!.ConnectionState).toBe('CONNECTED');
    },
    { timeout: 5000, interval: 50 },
  );
}

async function lifeCycle(
  client: KMSClient,
  id: string,
  key: { Origin: 'AWS_CLOUDHSM' | 'EXTERNAL_KEY_STORE'; XksKeyId?: string },
) {
  await connected(client, id);
  const { KeyMetadata } = await client.send(new CreateKeyCommand({ ...key, CustomKeyStoreId: id }));
  expect(KeyMetadata).toMatchObject({ CustomKeyStoreId: id, Origin: key.Origin, KeyState: 'Enabled' });
  const plaintext = new Uint8Array([1, 2, 3]);
  const { CiphertextBlob } = await client.send(
    new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: plaintext }),
  );
  expect((await client.send(new DecryptCommand({ CiphertextBlob }))).Plaintext).toEqual(plaintext);
  await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  expect(
    (await client.send(new DescribeKeyCommand({ KeyId: KeyMetadata!.KeyId }))).KeyMetadata!.KeyState,
  ).toBe('Unavailable');
  await expect(client.send(new DecryptCommand({ CiphertextBlob }))).rejects.toMatchObject({
    name: 'KMSInvalidStateException',
  });
  await expect(client.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id }))).rejects.toMatchObject({
    name: 'CustomKeyStoreHasCMKsException',
  });
  return KeyMetadata!.KeyId!;
}

async function admin(url: string, method: string, route: string, body?: unknown) {
  const response = await fetch(`${url}/_kmsw/${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

test('kmsw serve --custom-key-store-backends: CloudHSM and XKS stores connect, hold working keys, disconnect', async () => {
  const file = backendsFile(JSON.stringify(BACKENDS));
  const { url } = serve(['--custom-key-store-backends', file, '--custom-key-store-connect-ms', '100']);
  const endpoint = await url;
  const client = kmsClient({ endpoint });
  const hsm = await client.send(
    new CreateCustomKeyStoreCommand({
      CustomKeyStoreName: 'hsm',
      CloudHsmClusterId: BACKENDS.cloudHsmClusters![0]!.clusterId,
      TrustAnchorCertificate: BACKENDS.cloudHsmClusters![0]!.trustAnchorCertificate,
      KeyStorePassword: 'kmsuser-password',
    }),
  );
  const hsmKey = await lifeCycle(client, hsm.CustomKeyStoreId!, { Origin: 'AWS_CLOUDHSM' });
  const proxy = BACKENDS.xksProxies![0]!;
  const xks = await client.send(
    new CreateCustomKeyStoreCommand({
      CustomKeyStoreName: 'xks',
      CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
      XksProxyConnectivity: 'PUBLIC_ENDPOINT',
      XksProxyUriEndpoint: proxy.uriEndpoint,
      XksProxyUriPath: proxy.uriPath,
      XksProxyAuthenticationCredential: {
        AccessKeyId: proxy.accessKeyId,
        RawSecretAccessKey: proxy.secretAccessKey,
      },
    }),
  );
  const xksKey = await lifeCycle(client, xks.CustomKeyStoreId!, {
    Origin: 'EXTERNAL_KEY_STORE',
    XksKeyId: 'xks-key-1',
  });
  // Deleted once their keys are gone: the admin HTTP API moves the clock past the deletion date.
  for (const KeyId of [hsmKey, xksKey]) {
    await client.send(new ScheduleKeyDeletionCommand({ KeyId, PendingWindowInDays: 7 }));
  }
  expect((await admin(endpoint, 'POST', 'clock', { advanceMs: 7 * 24 * 3600 * 1000 })).status).toBe(200);
  await client.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: hsm.CustomKeyStoreId }));
  await client.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: xks.CustomKeyStoreId }));
  // A store without keys is deleted at once.
  const empty = await client.send(
    new CreateCustomKeyStoreCommand({
      CustomKeyStoreName: 'empty',
      CloudHsmClusterId: BACKENDS.cloudHsmClusters![1]!.clusterId,
      TrustAnchorCertificate: BACKENDS.cloudHsmClusters![1]!.trustAnchorCertificate,
      KeyStorePassword: 'kmsuser-password',
    }),
  );
  await client.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: empty.CustomKeyStoreId }));
});

test('kmsw serve: backends misbehave through POST /_kmsw/custom-key-store-backends', async () => {
  const { url } = serve(['--custom-key-store-backends', backendsFile(JSON.stringify(BACKENDS))]);
  const endpoint = await url;
  const client = kmsClient({ endpoint });
  const cluster = BACKENDS.cloudHsmClusters![0]!;
  const proxy = BACKENDS.xksProxies![0]!;
  const hsm = await client.send(
    new CreateCustomKeyStoreCommand({
      CustomKeyStoreName: 'hsm',
      CloudHsmClusterId: cluster.clusterId,
      TrustAnchorCertificate: cluster.trustAnchorCertificate,
      KeyStorePassword: 'kmsuser-password',
    }),
  );
  const set = await admin(endpoint, 'POST', 'custom-key-store-backends', {
    cloudHsmClusterId: cluster.clusterId,
    fault: 'insufficient-hsms',
  });
  expect(set.status).toBe(200);
  expect(set.json.cloudHsmClusters).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ clusterId: cluster.clusterId, fault: 'insufficient-hsms' }),
    ]),
  );
  await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: hsm.CustomKeyStoreId }));
  await admin(endpoint, 'POST', 'clock', { advanceMs: 2000 });
  const described = await client.send(
    new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: hsm.CustomKeyStoreId }),
  );
  expect(described.CustomKeyStores![0]).toMatchObject({
    ConnectionState: 'FAILED',
    ConnectionErrorCode: 'INSUFFICIENT_CLOUDHSM_HSMS',
  });

  await admin(endpoint, 'POST', 'custom-key-store-backends', {
    xksProxyUriEndpoint: proxy.uriEndpoint,
    fault: 'unreachable',
  });
  await expect(
    client.send(
      new CreateCustomKeyStoreCommand({
        CustomKeyStoreName: 'xks',
        CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
        XksProxyConnectivity: 'PUBLIC_ENDPOINT',
        XksProxyUriEndpoint: proxy.uriEndpoint,
        XksProxyUriPath: proxy.uriPath,
        XksProxyAuthenticationCredential: {
          AccessKeyId: proxy.accessKeyId,
          RawSecretAccessKey: proxy.secretAccessKey,
        },
      }),
    ),
  ).rejects.toMatchObject({ name: 'XksProxyUriUnreachableException' });
  const cleared = await admin(endpoint, 'DELETE', 'custom-key-store-backends');
  expect(cleared.json).toMatchObject({
    xksProxies: expect.arrayContaining([expect.objectContaining({ deletedKeys: [] })]),
  });
  expect(JSON.stringify(cleared.json)).not.toContain(proxy.secretAccessKey);
  const refused = await admin(endpoint, 'POST', 'custom-key-store-backends', {
    cloudHsmClusterId: 'cluster-nopenopenope',
    fault: 'unreachable',
  });
  expect(refused).toEqual({
    status: 400,
    json: { message: 'no CloudHSM cluster cluster-nopenopenope is declared' },
  });
});

test('kmsw serve refuses a backends file it cannot use, naming the problem', async () => {
  const { exit } = serve([
    '--custom-key-store-backends',
    backendsFile('{"xksProxies":[{"uriEndpoint":"http://x"}]}'),
  ]);
  const [code, out] = await exit;
  expect(code).toBe(2);
  expect(out).toMatch(
    /--custom-key-store-backends: customKeyStoreBackends xksProxies\[0\]: uriEndpoint "http:\/\/x" must match/,
  );
});
