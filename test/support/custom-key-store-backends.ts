/** The simulated CloudHSM clusters and XKS proxies the custom key store tests declare. */
import type { CustomKeyStoreBackendsConfig } from '../../src/kms/custom-key-stores/backends.ts';

export const CERT = '-----BEGIN CERTIFICATE-----\nMIIBkmswTrustAnchor\n-----END CERTIFICATE-----';
export const SECRET = 'K3ySecretForTheXksProxyOfKmswTestsThatIsLongEnough';
export const BACKENDS: CustomKeyStoreBackendsConfig = {
  cloudHsmClusters: [
    { clusterId: 'cluster-234abcdefgh', trustAnchorCertificate: CERT, hsmCount: 2 },
    { clusterId: 'cluster-345bcdefghi', trustAnchorCertificate: CERT, hsmCount: 1 },
    { clusterId: 'cluster-456cdefghij', trustAnchorCertificate: 'another anchor' },
  ],
  xksProxies: [
    {
      uriEndpoint: 'https://xks.example.com',
      uriPath: '/example/kms/xks/v1',
      accessKeyId: 'ABCDEFGHIJKLMNOPQRST',
      secretAccessKey: SECRET,
      keys: ['xks-key-1', 'xks-key-2'],
    },
    {
      uriEndpoint: 'https://myproxy-private.xks.example.com',
      uriPath: '/kms/xks/v1',
      accessKeyId: 'ABCDEFGHIJKLMNOPQRST',
      secretAccessKey: SECRET,
      keys: ['vpc-key'],
      vpcEndpointServiceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-example12345',
    },
    ...Array.from({ length: 10 }, (_, i) => ({
      uriEndpoint: `https://xks-${i}.example.com`,
      uriPath: '/kms/xks/v1',
      accessKeyId: 'ABCDEFGHIJKLMNOPQRST',
      secretAccessKey: SECRET,
      keys: [],
    })),
  ],
};
