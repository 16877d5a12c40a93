/**
 * The KMS domain as one `KmsApi` object: every one of the 56 operations, each run in its own unit of work (atomic,
 * retried on concurrent change). The operation table is typed as complete, so an operation of the model without an
 * implementation does not compile.
 */
import { OPERATION_NAMES, type KmsApi, type OperationName } from '../api/generated/operations.ts';
import type { RequestContext } from '../api/request-context.ts';
import { ACCOUNT_OPERATIONS, authorizeAccount } from './access/authorize.ts';
import type { KmsEnvironment } from './environment.ts';
import type { Operation } from './operation-context.ts';
import { withKeyUsageTracking } from './key-usage-tracking.ts';
import * as aliases from './operations/aliases.ts';
import * as customKeyStores from './operations/custom-key-stores.ts';
import * as dataKeyPairs from './operations/data-key-pairs.ts';
import * as dataKeys from './operations/data-keys.ts';
import * as encryption from './operations/encryption.ts';
import * as grants from './operations/grants.ts';
import * as importMaterial from './operations/import.ts';
import * as kem from './operations/kem.ts';
import * as keyAgreement from './operations/key-agreement.ts';
import * as keyUsage from './operations/key-usage.ts';
import * as keys from './operations/keys.ts';
import * as mac from './operations/mac.ts';
import * as multiRegion from './operations/multi-region.ts';
import * as policies from './operations/policies.ts';
import * as publicKey from './operations/public-key.ts';
import * as random from './operations/random.ts';
import * as rotation from './operations/rotation.ts';
import * as signing from './operations/signing.ts';
import * as tagging from './operations/tagging.ts';
import { chargeRequest } from './quotas/rate-quotas.ts';
import { runUnitOfWork } from './unit-of-work.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyOperation = Operation<any, any>;

const OPERATIONS: Record<OperationName, AnyOperation> = {
  ...keys,
  ...encryption,
  ...dataKeys,
  ...random,
  ...signing,
  ...mac,
  ...publicKey,
  ...keyAgreement,
  ...kem,
  ...dataKeyPairs,
  ...aliases,
  ...tagging,
  ...policies,
  ...rotation,
  ...importMaterial,
  ...keyUsage,
  ...multiRegion,
  ...customKeyStores,
  ...grants,
};

export function createKmsService(env: KmsEnvironment): KmsApi {
  const api: Partial<Record<OperationName, (input: unknown, request: RequestContext) => Promise<unknown>>> =
    {};
  for (const name of OPERATION_NAMES) {
    const implementation = withKeyUsageTracking(name, OPERATIONS[name]);
    // Operations on no key are authorised by IAM policies alone, before anything else (CreateKey does it itself,
    // once it knows the key spec, usage and origin its condition keys describe).
    const operation: AnyOperation =
      ACCOUNT_OPERATIONS.has(name) && name !== 'CreateKey'
        ? (input, op) => {
            authorizeAccount(op);
            return implementation(input, op);
          }
        : implementation;
    api[name] = (input, request) => {
      chargeRequest(env, name, input as Readonly<Record<string, unknown>>, request);
      return runUnitOfWork(env.store, (uow) =>
        operation(input, {
          operation: name,
          env,
          request,
          scope: { account: request.account, region: request.region },
          uow,
          now: env.clock.now(),
          input: input as Readonly<Record<string, unknown>>,
        }),
      );
    };
  }
  return api as KmsApi;
}
