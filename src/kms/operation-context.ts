/**
 * What every operation implementation receives: the environment, the caller's scope, the unit of work its reads and
 * writes go through, and the instant the request is served at (one `now` per request).
 */
import type { OperationName } from '../api/generated/operations.ts';
import type { RequestContext } from '../api/request-context.ts';
import type { Caller } from './access/caller.ts';
import type { KmsEnvironment } from './environment.ts';
import type { Scope } from './records.ts';
import type { UnitOfWork } from './unit-of-work.ts';

export interface OperationContext {
  /** The API operation being served (e.g. `Encrypt`), for messages and policy checks. */
  operation: OperationName;
  env: KmsEnvironment;
  request: RequestContext;
  scope: Scope;
  uow: UnitOfWork;
  now: number;
  /** The request's input, for the condition keys of policy evaluation. */
  input?: Readonly<Record<string, unknown>>;
  /** The caller, once access/authorize.ts `callerOf` has worked it out. */
  caller?: Caller;
}

/** An operation implementation: typed input in, typed output out; throws KmsError subclasses. */
export type Operation<I, O> = (input: I, op: OperationContext) => Promise<O>;
