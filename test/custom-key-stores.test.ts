/**
 * Custom key stores through the real SDK on msw/node, against simulated backends (the `customKeyStoreBackends`
 * option): an AWS CloudHSM key store and an external key store (XKS) each created, connected on the emulator clock,
 * holding a key that encrypts and decrypts, disconnected (the key is then Unavailable), and deleted once its keys
 * are gone; every misbehaving backend; and the parameter rules of the five operations.
 */
import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  DisconnectCustomKeyStoreCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateRandomCommand,
  ScheduleKeyDeletionCommand,
  UpdateCustomKeyStoreCommand,
  type CreateCustomKeyStoreCommandInput,
  type CustomKeyStoresListEntry,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { setupKmsServer, type KmsServer } from '../src/msw/node.ts';
import { BACKENDS, CERT, SECRET } from './support/custom-key-store-backends.ts';
import { kmsClient } from './support/kms-fixture.ts';

let server: KmsServer;
const client = kmsClient();
beforeAll(() => {
  server = setupKmsServer({ customKeyStoreBackends: BACKENDS });
  server.listen({ onUnhandledFrame: 'error' });
});
afterAll(async () => {
  server.close();
  await server.emulator.close();
});
beforeEach(async () => {
  await server.emulator.admin.reset();
});

const cloudHsmStore = (overrides: Partial<CreateCustomKeyStoreCommandInput> = {}) =>
  new CreateCustomKeyStoreCommand({
    CustomKeyStoreName: 'hsm-store',
    CloudHsmClusterId: 'cluster-234abcdefgh',
    TrustAnchorCertificate: CERT,
    KeyStorePassword: 'kmsuser-password',
    ...overrides,
  });

const xksStore = (overrides: Partial<CreateCustomKeyStoreCommandInput> = {}) =>
  new CreateCustomKeyStoreCommand({
    CustomKeyStoreName: 'xks-store',
    CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
    XksProxyConnectivity: 'PUBLIC_ENDPOINT',
    XksProxyUriEndpoint: 'https://xks.example.com',
    XksProxyUriPath: '/example/kms/xks/v1',
    XksProxyAuthenticationCredential: { AccessKeyId: 'ABCDEFGHIJKLMNOPQRST', RawSecretAccessKey: SECRET },
    ...overrides,
  });

async function describeStore(id: string): Promise<CustomKeyStoresListEntry> {
  const { CustomKeyStores } = await client.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id }));
  return CustomKeyStores![0]!;
}

/** Connects and moves the emulator clock past the connection time. */
async function connect(id: string): Promise<CustomKeyStoresListEntry> {
  await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  expect((await describeStore(id)).ConnectionState).toBe('CONNECTING');
  await server.emulator.admin.clock.advance(2000);
  return describeStore(id);
}

async function roundTrip(keyId: string) {
  const plaintext = new TextEncoder().encode('secret in a custom key store');
  const { CiphertextBlob } = await client.send(
    new EncryptCommand({ KeyId: keyId, Plaintext: plaintext, EncryptionContext: { app: 'kmsw' } }),
  );
  const out = await client.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { app: 'kmsw' } }));
  expect(out.Plaintext).toEqual(plaintext);
  expect(out.KeyId).toContain(keyId);
  return CiphertextBlob!;
}

test('AWS CloudHSM key store: create, connect on the clock, a key that encrypts, disconnect, delete', async () => {
  const { CustomKeyStoreId: id } = await client.send(cloudHsmStore());
  expect(id).toMatch(/^cks-[0-9a-f]{17}$/);
  const created = await describeStore(id!);
  expect(created).toEqual({
    CustomKeyStoreId: id,
    CustomKeyStoreName: 'hsm-store',
    CloudHsmClusterId: 'cluster-234abcdefgh',
    TrustAnchorCertificate: CERT,
    ConnectionState: 'DISCONNECTED',
    CreationDate: expect.any(Date),
    CustomKeyStoreType: 'AWS_CLOUDHSM',
  });

  // Not connected yet: no keys, no random bytes.
  await expect(
    client.send(new CreateKeyCommand({ Origin: 'AWS_CLOUDHSM', CustomKeyStoreId: id })),
  ).rejects.toMatchObject({ name: 'CustomKeyStoreInvalidStateException' });
  await expect(
    client.send(new GenerateRandomCommand({ NumberOfBytes: 8, CustomKeyStoreId: id })),
  ).rejects.toMatchObject({ name: 'CustomKeyStoreInvalidStateException' });

  // Connecting takes two seconds of emulator time; a second Connect meanwhile changes nothing.
  await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  await server.emulator.admin.clock.advance(1000);
  expect((await describeStore(id!)).ConnectionState).toBe('CONNECTING');
  await server.emulator.admin.clock.advance(1000);
  expect((await describeStore(id!)).ConnectionState).toBe('CONNECTED');

  const { KeyMetadata } = await client.send(
    new CreateKeyCommand({ Origin: 'AWS_CLOUDHSM', CustomKeyStoreId: id, Description: 'in the HSM' }),
  );
  expect(KeyMetadata).toMatchObject({
    Origin: 'AWS_CLOUDHSM',
    CustomKeyStoreId: id,
    CloudHsmClusterId: 'cluster-234abcdefgh',
    KeyState: 'Enabled',
    KeySpec: 'SYMMETRIC_DEFAULT',
  });
  const keyId = KeyMetadata!.KeyId!;
  const blob = await roundTrip(keyId);
  const random = await client.send(new GenerateRandomCommand({ NumberOfBytes: 32, CustomKeyStoreId: id }));
  expect(random.Plaintext).toHaveLength(32);
  await expect(client.send(new EnableKeyRotationCommand({ KeyId: keyId }))).rejects.toMatchObject({
    name: 'UnsupportedOperationException',
  });

  // Disconnected: the key is Unavailable and cryptographic operations fail as in AWS.
  await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  expect((await describeStore(id!)).ConnectionState).toBe('DISCONNECTED');
  expect((await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata).toMatchObject({
    KeyState: 'Unavailable',
    Enabled: false,
  });
  await expect(
    client.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([1]) })),
  ).rejects.toMatchObject({
    name: 'KMSInvalidStateException',
    message: `${KeyMetadata!.Arn} is unavailable.`,
  });
  await expect(client.send(new DecryptCommand({ CiphertextBlob: blob }))).rejects.toMatchObject({
    name: 'KMSInvalidStateException',
  });
  await expect(
    client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id })),
  ).rejects.toMatchObject({ name: 'CustomKeyStoreInvalidStateException' });

  // Deleted only once its keys are gone.
  await expect(client.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id }))).rejects.toMatchObject({
    name: 'CustomKeyStoreHasCMKsException',
  });
  await client.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
  await expect(client.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id }))).rejects.toMatchObject({
    name: 'CustomKeyStoreHasCMKsException',
  });
  await server.emulator.admin.clock.advance(7 * 24 * 3600 * 1000);
  await client.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  await expect(describeStore(id!)).rejects.toMatchObject({ name: 'CustomKeyStoreNotFoundException' });
});

test('external key store: create, connect, a double-encrypting key, disconnect, delete', async () => {
  const { CustomKeyStoreId: id } = await client.send(xksStore());
  expect(await describeStore(id!)).toEqual({
    CustomKeyStoreId: id,
    CustomKeyStoreName: 'xks-store',
    ConnectionState: 'DISCONNECTED',
    CreationDate: expect.any(Date),
    CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
    // Everything but the secret access key.
    XksProxyConfiguration: {
      Connectivity: 'PUBLIC_ENDPOINT',
      AccessKeyId: 'ABCDEFGHIJKLMNOPQRST',
      UriEndpoint: 'https://xks.example.com',
      UriPath: '/example/kms/xks/v1',
    },
  });
  expect((await connect(id!)).ConnectionState).toBe('CONNECTED');

  await expect(
    client.send(new CreateKeyCommand({ Origin: 'EXTERNAL_KEY_STORE', CustomKeyStoreId: id })),
  ).rejects.toMatchObject({ name: 'ValidationException' });
  await expect(
    client.send(
      new CreateKeyCommand({ Origin: 'EXTERNAL_KEY_STORE', CustomKeyStoreId: id, XksKeyId: 'no-such-key' }),
    ),
  ).rejects.toMatchObject({ name: 'XksKeyNotFoundException' });
  const { KeyMetadata } = await client.send(
    new CreateKeyCommand({ Origin: 'EXTERNAL_KEY_STORE', CustomKeyStoreId: id, XksKeyId: 'xks-key-1' }),
  );
  expect(KeyMetadata).toMatchObject({
    Origin: 'EXTERNAL_KEY_STORE',
    CustomKeyStoreId: id,
    XksKeyConfiguration: { Id: 'xks-key-1' },
    KeyState: 'Enabled',
  });
  await expect(
    client.send(
      new CreateKeyCommand({ Origin: 'EXTERNAL_KEY_STORE', CustomKeyStoreId: id, XksKeyId: 'xks-key-1' }),
    ),
  ).rejects.toMatchObject({ name: 'XksKeyAlreadyInUseException' });
  const keyId = KeyMetadata!.KeyId!;
  await roundTrip(keyId);
  const dataKey = await client.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
  expect(
    (await client.send(new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob }))).Plaintext,
  ).toEqual(dataKey.Plaintext);
  await expect(
    client.send(new GenerateRandomCommand({ NumberOfBytes: 8, CustomKeyStoreId: id })),
  ).rejects.toMatchObject({ name: 'UnsupportedOperationException' });

  await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  expect((await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.KeyState).toBe(
    'Unavailable',
  );
  await expect(
    client.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([1]) })),
  ).rejects.toMatchObject({ name: 'KMSInvalidStateException' });
  await client.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
  await server.emulator.admin.clock.advance(7 * 24 * 3600 * 1000);
  await client.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id }));
});

test('external key store with VPC endpoint service connectivity', async () => {
  const vpc = {
    XksProxyConnectivity: 'VPC_ENDPOINT_SERVICE' as const,
    XksProxyUriEndpoint: 'https://myproxy-private.xks.example.com',
    XksProxyUriPath: '/kms/xks/v1',
  };
  await expect(client.send(xksStore(vpc))).rejects.toMatchObject({ name: 'ValidationException' });
  await expect(
    client.send(
      xksStore({
        ...vpc,
        XksProxyVpcEndpointServiceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-unknown0000',
      }),
    ),
  ).rejects.toMatchObject({ name: 'XksProxyVpcEndpointServiceNotFoundException' });
  const name = 'com.amazonaws.vpce.us-east-1.vpce-svc-example12345';
  const { CustomKeyStoreId: id } = await client.send(
    xksStore({ ...vpc, XksProxyVpcEndpointServiceName: name }),
  );
  expect((await describeStore(id!)).XksProxyConfiguration).toMatchObject({
    Connectivity: 'VPC_ENDPOINT_SERVICE',
    VpcEndpointServiceName: name,
  });
  await expect(
    client.send(xksStore({ ...vpc, CustomKeyStoreName: 'again', XksProxyVpcEndpointServiceName: name })),
  ).rejects.toMatchObject({ name: 'XksProxyUriInUseException' });
  expect((await connect(id!)).ConnectionState).toBe('CONNECTED');
});

test('a cluster with too few HSMs: connecting fails with INSUFFICIENT_CLOUDHSM_HSMS, CreateKey needs two', async () => {
  const { CustomKeyStoreId: id } = await client.send(cloudHsmStore());
  server.emulator.admin.customKeyStoreBackends.setFault({
    cloudHsmClusterId: 'cluster-234abcdefgh',
    fault: 'insufficient-hsms',
  });
  const failed = await connect(id!);
  expect(failed).toMatchObject({
    ConnectionState: 'FAILED',
    ConnectionErrorCode: 'INSUFFICIENT_CLOUDHSM_HSMS',
  });
  // A FAILED store must be disconnected before it can connect again.
  await expect(client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }))).rejects.toMatchObject(
    {
      name: 'CustomKeyStoreInvalidStateException',
    },
  );
  await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  expect(await describeStore(id!)).not.toHaveProperty('ConnectionErrorCode');
  server.emulator.admin.customKeyStoreBackends.setFault({
    cloudHsmClusterId: 'cluster-234abcdefgh',
    fault: null,
  });
  expect((await connect(id!)).ConnectionState).toBe('CONNECTED');

  // One active HSM connects, but a key needs two.
  const { CustomKeyStoreId: small } = await client.send(
    cloudHsmStore({ CustomKeyStoreName: 'small', CloudHsmClusterId: 'cluster-345bcdefghi' }),
  );
  expect((await connect(small!)).ConnectionState).toBe('CONNECTED');
  await expect(
    client.send(new CreateKeyCommand({ Origin: 'AWS_CLOUDHSM', CustomKeyStoreId: small })),
  ).rejects.toMatchObject({ name: 'CloudHsmClusterInvalidConfigurationException' });
});

test('a cluster that is not active, unreachable or rejects kmsuser', async () => {
  const { CustomKeyStoreId: id } = await client.send(cloudHsmStore());
  const { setFault } = server.emulator.admin.customKeyStoreBackends;
  setFault({ cloudHsmClusterId: 'cluster-234abcdefgh', fault: 'not-active' });
  await expect(client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }))).rejects.toMatchObject(
    {
      name: 'CloudHsmClusterNotActiveException',
    },
  );
  await expect(client.send(cloudHsmStore({ CustomKeyStoreName: 'other' }))).rejects.toMatchObject({
    name: 'CloudHsmClusterNotActiveException',
  });
  setFault({ cloudHsmClusterId: 'cluster-234abcdefgh', fault: 'invalid-credentials' });
  expect(await connect(id!)).toMatchObject({
    ConnectionState: 'FAILED',
    ConnectionErrorCode: 'INVALID_CREDENTIALS',
  });
  await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  setFault({ cloudHsmClusterId: 'cluster-234abcdefgh', fault: 'unreachable' });
  expect(await connect(id!)).toMatchObject({
    ConnectionState: 'FAILED',
    ConnectionErrorCode: 'NETWORK_ERRORS',
  });
  await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));

  // A connected store whose cluster becomes unreachable: its keys fail.
  setFault({ cloudHsmClusterId: 'cluster-234abcdefgh', fault: null });
  await connect(id!);
  const { KeyMetadata } = await client.send(
    new CreateKeyCommand({ Origin: 'AWS_CLOUDHSM', CustomKeyStoreId: id }),
  );
  setFault({ cloudHsmClusterId: 'cluster-234abcdefgh', fault: 'unreachable' });
  await expect(
    client.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: new Uint8Array([1]) })),
  ).rejects.toMatchObject({ name: 'KMSInvalidStateException' });
});

test('an unreachable proxy, wrong proxy credentials, an invalid response, a timeout', async () => {
  const { setFault } = server.emulator.admin.customKeyStoreBackends;
  await expect(
    client.send(xksStore({ XksProxyUriEndpoint: 'https://nowhere.example.com' })),
  ).rejects.toMatchObject({ name: 'XksProxyUriUnreachableException' });
  await expect(
    client.send(
      xksStore({
        XksProxyAuthenticationCredential: { AccessKeyId: 'ABCDEFGHIJKLMNOPQRSZ', RawSecretAccessKey: SECRET },
      }),
    ),
  ).rejects.toMatchObject({ name: 'XksProxyIncorrectAuthenticationCredentialException' });
  await expect(client.send(xksStore({ XksProxyUriPath: '/other/kms/xks/v1' }))).rejects.toMatchObject({
    name: 'XksProxyInvalidResponseException',
  });

  const { CustomKeyStoreId: id } = await client.send(xksStore());
  await expect(client.send(xksStore({ CustomKeyStoreName: 'second' }))).rejects.toMatchObject({
    name: 'XksProxyUriEndpointInUseException',
  });
  const cases = [
    ['unreachable', 'XKS_PROXY_NOT_REACHABLE'],
    ['invalid-credentials', 'INVALID_CREDENTIALS'],
    ['invalid-response', 'XKS_PROXY_INVALID_RESPONSE'],
    ['timed-out', 'XKS_PROXY_TIMED_OUT'],
  ] as const;
  for (const [fault, code] of cases) {
    setFault({ xksProxyUriEndpoint: 'https://xks.example.com', fault });
    expect(await connect(id!)).toMatchObject({ ConnectionState: 'FAILED', ConnectionErrorCode: code });
    await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  }

  // Connected, then the proxy goes away: the key fails with KMSInvalidStateException naming the cause.
  setFault({ xksProxyUriEndpoint: 'https://xks.example.com', fault: null });
  await connect(id!);
  const { KeyMetadata } = await client.send(
    new CreateKeyCommand({ Origin: 'EXTERNAL_KEY_STORE', CustomKeyStoreId: id, XksKeyId: 'xks-key-2' }),
  );
  const blob = await roundTrip(KeyMetadata!.KeyId!);
  setFault({ xksProxyUriEndpoint: 'https://xks.example.com', fault: 'unreachable' });
  await expect(client.send(new DecryptCommand({ CiphertextBlob: blob }))).rejects.toMatchObject({
    name: 'KMSInvalidStateException',
    message: expect.stringMatching(/external key store proxy/),
  });
});

test('an external key deleted from the proxy: its KMS key fails, and comes back when the key does', async () => {
  const { CustomKeyStoreId: id } = await client.send(xksStore());
  await connect(id!);
  const { KeyMetadata } = await client.send(
    new CreateKeyCommand({ Origin: 'EXTERNAL_KEY_STORE', CustomKeyStoreId: id, XksKeyId: 'xks-key-1' }),
  );
  const blob = await roundTrip(KeyMetadata!.KeyId!);
  const { setFault, status } = server.emulator.admin.customKeyStoreBackends;
  setFault({ xksProxyUriEndpoint: 'https://xks.example.com', xksKeyId: 'xks-key-1', fault: 'deleted' });
  expect(status().xksProxies[0]).toMatchObject({ deletedKeys: ['xks-key-1'], secretAccessKey: '<redacted>' });
  await expect(client.send(new DecryptCommand({ CiphertextBlob: blob }))).rejects.toMatchObject({
    name: 'KMSInvalidStateException',
    message: expect.stringMatching(/external key xks-key-1 was not found/),
  });
  setFault({ xksProxyUriEndpoint: 'https://xks.example.com', xksKeyId: 'xks-key-1', fault: null });
  await roundTrip(KeyMetadata!.KeyId!);
  expect(() =>
    setFault({ xksProxyUriEndpoint: 'https://xks.example.com', xksKeyId: 'undeclared', fault: 'deleted' }),
  ).toThrow(/declares no external key undeclared/);
});

test('CreateCustomKeyStore validates its parameters with the documented exceptions', async () => {
  await expect(client.send(cloudHsmStore({ KeyStorePassword: undefined }))).rejects.toMatchObject({
    name: 'ValidationException',
    message: 'KeyStorePassword is required for a custom key store of type AWS_CLOUDHSM.',
  });
  await expect(client.send(cloudHsmStore({ XksProxyUriPath: '/kms/xks/v1' }))).rejects.toMatchObject({
    name: 'ValidationException',
  });
  await expect(
    client.send(cloudHsmStore({ CloudHsmClusterId: 'cluster-777zzzzzzzz' })),
  ).rejects.toMatchObject({
    name: 'CloudHsmClusterNotFoundException',
  });
  await expect(
    client.send(cloudHsmStore({ CloudHsmClusterId: 'cluster-456cdefghij' })),
  ).rejects.toMatchObject({ name: 'IncorrectTrustAnchorException' });
  await client.send(cloudHsmStore());
  await expect(client.send(cloudHsmStore())).rejects.toMatchObject({
    name: 'CustomKeyStoreNameInUseException',
  });
  await expect(client.send(cloudHsmStore({ CustomKeyStoreName: 'other' }))).rejects.toMatchObject({
    name: 'CloudHsmClusterInUseException',
  });
  // At most 10 custom key stores per Region, a quota nobody can raise.
  for (let i = 0; i < 9; i++) {
    await client.send(
      xksStore({
        CustomKeyStoreName: `xks-${i}`,
        XksProxyUriEndpoint: `https://xks-${i}.example.com`,
        XksProxyUriPath: '/kms/xks/v1',
      }),
    );
  }
  await expect(
    client.send(
      xksStore({
        CustomKeyStoreName: 'xks-9',
        XksProxyUriEndpoint: 'https://xks-9.example.com',
        XksProxyUriPath: '/kms/xks/v1',
      }),
    ),
  ).rejects.toMatchObject({ name: 'LimitExceededException' });
  expect((await client.send(new DescribeCustomKeyStoresCommand({}))).CustomKeyStores).toHaveLength(10);
});

test('UpdateCustomKeyStore: only what AWS lets change, and only while disconnected where AWS requires it', async () => {
  const { CustomKeyStoreId: xks } = await client.send(xksStore());
  await connect(xks!);
  await client.send(
    new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: xks, NewCustomKeyStoreName: 'renamed' }),
  );
  expect((await describeStore(xks!)).CustomKeyStoreName).toBe('renamed');
  await expect(
    client.send(
      new UpdateCustomKeyStoreCommand({
        CustomKeyStoreId: xks,
        XksProxyUriEndpoint: 'https://other.example.com',
      }),
    ),
  ).rejects.toMatchObject({ name: 'CustomKeyStoreInvalidStateException' });
  await expect(
    client.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: xks, KeyStorePassword: 'password' })),
  ).rejects.toMatchObject({ name: 'ValidationException' });
  await expect(
    client.send(
      new UpdateCustomKeyStoreCommand({
        CustomKeyStoreId: xks,
        XksProxyAuthenticationCredential: { AccessKeyId: 'ABCDEFGHIJKLMNOPQRSZ', RawSecretAccessKey: SECRET },
      }),
    ),
  ).rejects.toMatchObject({ name: 'XksProxyIncorrectAuthenticationCredentialException' });

  const { CustomKeyStoreId: hsm } = await client.send(cloudHsmStore());
  await connect(hsm!);
  await expect(
    client.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: hsm, NewCustomKeyStoreName: 'x' })),
  ).rejects.toMatchObject({ name: 'CustomKeyStoreInvalidStateException' });
  await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: hsm }));
  await expect(
    client.send(
      new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: hsm, CloudHsmClusterId: 'cluster-456cdefghij' }),
    ),
  ).rejects.toMatchObject({ name: 'CloudHsmClusterNotRelatedException' });
  await client.send(
    new UpdateCustomKeyStoreCommand({
      CustomKeyStoreId: hsm,
      CloudHsmClusterId: 'cluster-345bcdefghi',
      KeyStorePassword: 'new-password',
      NewCustomKeyStoreName: 'hsm-renamed',
    }),
  );
  expect(await describeStore(hsm!)).toMatchObject({
    CloudHsmClusterId: 'cluster-345bcdefghi',
    CustomKeyStoreName: 'hsm-renamed',
  });
  await expect(
    client.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: 'cks-00000000000000000' })),
  ).rejects.toMatchObject({ name: 'CustomKeyStoreNotFoundException' });
});

test('DescribeCustomKeyStores pages, and finds stores by name', async () => {
  await client.send(cloudHsmStore());
  await client.send(xksStore());
  const first = await client.send(new DescribeCustomKeyStoresCommand({ Limit: 1 }));
  expect(first).toMatchObject({ Truncated: true, CustomKeyStores: [expect.any(Object)] });
  const second = await client.send(
    new DescribeCustomKeyStoresCommand({ Limit: 1, Marker: first.NextMarker }),
  );
  expect(second.Truncated).toBe(false);
  const byName = await client.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: 'xks-store' }));
  expect(byName.CustomKeyStores!.map((s) => s.CustomKeyStoreType)).toEqual(['EXTERNAL_KEY_STORE']);
  await expect(
    client.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: 'ExampleKeyStore' })),
  ).rejects.toMatchObject({
    name: 'CustomKeyStoreNotFoundException',
    message: "Custom key store with name 'ExampleKeyStore' does not exist",
  });
});

test('without declared backends nothing can be created, and the option is checked up front', async () => {
  const plain = setupKmsServer();
  expect(() =>
    setupKmsServer({ customKeyStoreBackends: { cloudHsmClusters: [{ clusterId: 'bad' }] } as never }),
  ).toThrow(/customKeyStoreBackends cloudHsmClusters\[0\]: clusterId "bad" must match/);
  expect(() => setupKmsServer({ customKeyStoreBackends: '{' })).toThrow(/not valid JSON/);
  await plain.emulator.close();
});
