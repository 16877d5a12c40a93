/**
 * An app that mounts `kmsw/console` (`<KmswConsole admin />`) beside its own in-page emulator, configured the way a
 * team testing access control and custom key stores would: identities with enforced policies and a simulated
 * CloudHSM cluster. `window.embedded` lets e2e/embedded-console.spec.ts act as the app: create and connect a store.
 */
import { ConnectCustomKeyStoreCommand, CreateCustomKeyStoreCommand, KMSClient } from '@aws-sdk/client-kms';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { KmswConsole } from '../src/console/index.ts';
import { installKmsFetch, type KmsAdmin } from '../src/msw/browser.ts';

const CERT = '-----BEGIN CERTIFICATE-----\nMIIBkmswTrustAnchor\n-----END CERTIFICATE-----';
const databaseName = new URLSearchParams(location.search).get('db') ?? 'kmsw-embedded';

const { emulator } = installKmsFetch({
  databaseName,
  identities: {
    // IAM allows this role nothing, so every call it makes is denied by an identity-based policy.
    AKIAAPPROLE000000001: { arn: 'arn:aws:iam::000000000000:role/app', policies: [] },
  },
  enforcePolicies: true,
  customKeyStoreBackends: {
    cloudHsmClusters: [{ clusterId: 'cluster-234abcdefgh', trustAnchorCertificate: CERT, hsmCount: 2 }],
  },
});

declare global {
  interface Window {
    embedded: {
      admin: KmsAdmin;
      createHsmStore(name: string): Promise<string>;
      connect(id: string): Promise<void>;
    };
  }
}

// The app's own client, as the default account's root (not one of the identities).
const client = new KMSClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'embedded' },
});

window.embedded = {
  admin: emulator.admin,
  async createHsmStore(name) {
    const created = await client.send(
      new CreateCustomKeyStoreCommand({
        CustomKeyStoreName: name,
        CloudHsmClusterId: 'cluster-234abcdefgh',
        TrustAnchorCertificate: CERT,
        KeyStorePassword: 'kmsuser-password',
      }),
    );
    return created.CustomKeyStoreId!;
  },
  async connect(id) {
    await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  },
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <KmswConsole admin={emulator.admin} />
  </StrictMode>,
);
