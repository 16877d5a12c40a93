/**
 * Shared setup for integration tests: one msw/node server with the emulator per test file, and a real
 * `@aws-sdk/client-kms` client that talks to `https://kms.us-east-1.amazonaws.com` as an app would.
 */
import { KMSClient, type KMSClientConfig } from '@aws-sdk/client-kms';
import { afterAll, beforeAll } from 'vitest';
import { setupKmsServer, type KmsServer } from '../../src/msw/node.ts';

export const REGION = 'us-east-1';
export const ACCOUNT = '000000000000';

export function kmsClient(config: Partial<KMSClientConfig> = {}): KMSClient {
  return new KMSClient({
    region: REGION,
    credentials: { accessKeyId: 'AKIAKMSWEXAMPLE', secretAccessKey: 'kmsw' },
    maxAttempts: 1,
    ...config,
  });
}

/** Starts msw/node with a fresh emulator for this file; returns accessors for the server and a client. */
export function useKmsServer(): { server: () => KmsServer; client: KMSClient } {
  let server: KmsServer | undefined;
  const client = kmsClient();
  beforeAll(() => {
    server = setupKmsServer();
    server.listen({ onUnhandledFrame: 'error' });
  });
  afterAll(async () => {
    server?.close();
    await server?.emulator.close();
  });
  return { server: () => server!, client };
}

export const keyArnOf = (keyId: string, region = REGION, account = ACCOUNT) =>
  `arn:aws:kms:${region}:${account}:key/${keyId}`;

/** Sends a raw AWS JSON 1.1 request, for input the SDK cannot produce. */
export async function rawKms(target: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`https://kms.${REGION}.amazonaws.com/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `TrentService.${target}`,
      ...headers,
    },
    body,
  });
  return {
    status: response.status,
    headers: response.headers,
    json: (await response.json()) as Record<string, unknown>,
  };
}
