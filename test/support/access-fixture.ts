/**
 * Shared setup for the access-control tests: one in-process emulator (kmsRequestHandler) with identities and
 * `enforcePolicies`, and a real KMS client per identity, signing with that identity's access key id.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { kmsRequestHandler } from '../../src/msw/request-handler.ts';
import type { KmsEmulatorOptions } from '../../src/msw/emulator.ts';

export const ACCOUNT = '111122223333';
export const PARTNER_ACCOUNT = '444455556666';
export const REGION = 'us-east-1';

export const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
export const APP_ROLE = `arn:aws:iam::${ACCOUNT}:role/app`;
export const APP_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/app/kmsw`;
export const WORKER_ROLE = `arn:aws:iam::${ACCOUNT}:role/worker`;
export const WORKER_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/worker/kmsw`;
export const ADMIN = `arn:aws:iam::${ACCOUNT}:user/admin`;
export const DEV = `arn:aws:iam::${ACCOUNT}:user/dev`;
export const PARTNER = `arn:aws:iam::${PARTNER_ACCOUNT}:user/partner`;

/** Identities: admin (no IAM policies: IAM allows all), app and worker (roles with no IAM permission), dev. */
export const IDENTITIES = {
  AKIAADMIN00000000001: ADMIN,
  AKIAAPPROLE000000001: { arn: APP_ROLE, policies: [] },
  AKIAWORKER0000000001: { arn: WORKER_ROLE, policies: [] },
  AKIADEVELOPER0000001: {
    arn: DEV,
    policies: [
      {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'All', Effect: 'Allow', Action: 'kms:*', Resource: '*' },
          { Sid: 'NoDeletion', Effect: 'Deny', Action: 'kms:ScheduleKeyDeletion', Resource: '*' },
        ],
      },
    ],
  },
  AKIAPARTNER000000001: PARTNER,
};

export type Who = 'admin' | 'app' | 'worker' | 'dev' | 'partner' | 'root';
const ACCESS_KEYS: Record<Who, string> = {
  admin: 'AKIAADMIN00000000001',
  app: 'AKIAAPPROLE000000001',
  worker: 'AKIAWORKER0000000001',
  dev: 'AKIADEVELOPER0000001',
  partner: 'AKIAPARTNER000000001',
  root: ACCOUNT,
};

/** An emulator with `options` and a client factory for its identities. */
export function accessEmulator(options: KmsEmulatorOptions = {}) {
  const handler = kmsRequestHandler({ identities: IDENTITIES, enforcePolicies: true, ...options });
  const clients = new Map<string, KMSClient>();
  const as = (who: Who | string) => {
    const accessKeyId = ACCESS_KEYS[who as Who] ?? who;
    let client = clients.get(accessKeyId);
    if (!client) {
      client = new KMSClient({
        region: REGION,
        credentials: { accessKeyId, secretAccessKey: 'unchecked' },
        requestHandler: handler,
        maxAttempts: 1,
      });
      clients.set(accessKeyId, client);
    }
    return client;
  };
  return { as, emulator: handler.emulator };
}

/** A key policy: the default "Enable IAM User Permissions" statement plus `statements`. */
export const keyPolicy = (...statements: object[]) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: ROOT },
        Action: 'kms:*',
        Resource: '*',
      },
      ...statements,
    ],
  });

export const denied = (caller: string, action: string, resource: string, reason: string) => ({
  name: 'AccessDeniedException',
  message: reason.startsWith('explicit')
    ? `User: ${caller} is not authorized to perform: kms:${action} on resource: ${resource} with an ${reason}`
    : `User: ${caller} is not authorized to perform: kms:${action} on resource: ${resource} because ${reason} the kms:${action} action`,
  $metadata: { httpStatusCode: 400 },
});
