/**
 * The KMS domain as one `KmsApi` object: every one of the 56 operations, each run in its own unit of work (atomic,
 * retried on concurrent change). Each implementation is loaded on the operation's first call (operation-loaders.ts).
 */
import { OPERATION_NAMES, type KmsApi, type OperationName } from '../api/generated/operations.ts';
import type { RequestContext } from '../api/request-context.ts';
import type { KmsEnvironment } from './environment.ts';
import { withKeyUsageTracking } from './key-usage-tracking.ts';
import { OPERATION_LOADERS, type AnyOperation } from './operation-loaders.ts';
import { chargeRequest } from './quotas/rate-quotas.ts';
import { runUnitOfWork } from './unit-of-work.ts';

export function createKmsService(env: KmsEnvironment): KmsApi {
  const api: Partial<Record<OperationName, (input: unknown, request: RequestContext) => Promise<unknown>>> =
    {};
  const serve = (name: OperationName, operation: AnyOperation, input: unknown, request: RequestContext) =>
    runUnitOfWork(env.store, (uow) =>
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
  for (const name of OPERATION_NAMES) {
    let loaded: AnyOperation | undefined;
    api[name] = (input, request) => {
      chargeRequest(env, name, input as Readonly<Record<string, unknown>>, request);
      if (loaded) return serve(name, loaded, input, request);
      return Promise.all([OPERATION_LOADERS[name](), import('./access/authorize.ts')]).then(
        ([implementation, { withAccountCheck }]) => {
          loaded ??= withAccountCheck(name, withKeyUsageTracking(name, implementation));
          return serve(name, loaded, input, request);
        },
      );
    };
  }
  return api as KmsApi;
}
