/**
 * AWS JSON 1.1 over Fetch: a `Request` for `TrentService.<Operation>` in, a `Response` out, through a `KmsApi`.
 * The same pipeline also answers a plain `KmsHttpRequest` with a plain `KmsHttpResponse` (`answer`), for the ways
 * in that are not Fetch already (the in-process request handler, `kmsw serve`'s node:http server): building and
 * draining a Request and a Response costs them more than the whole operation does.
 *
 * Pipeline: [SigV4 check, with verifySignatures] → target → JSON body → decode by shape (base64 blobs, epoch-second timestamps) → validate against the
 * generated constraints → call the operation → encode by shape. Errors become `{"__type","message"}` with the
 * `x-amzn-ErrorType` header and the status AWS sends; anything unexpected becomes KMSInternalException (500), is
 * logged with the `[kmsw]` prefix, and — because operations commit atomically at their end — leaves no state.
 * https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html
 */
import { KMSInternalException } from '../api/generated/exceptions.ts';
import { OPERATIONS, type KmsApi, type OperationName } from '../api/generated/operations.ts';
import { KmsError } from '../api/kms-error.ts';
import { SerializationException, UnknownOperationException } from '../api/protocol-errors.ts';
import { decodeInput } from './decode-input.ts';
import { encodeOutput } from './encode-output.ts';
import { requestScope, DEFAULT_ACCOUNT, DEFAULT_REGION } from './request-scope.ts';
import { validateInput } from './validate-input.ts';
import { rootCaller } from '../kms/access/caller.ts';
import type { IdentityDirectory } from '../kms/access/identities.ts';

export interface ProtocolOptions {
  /** Account for requests whose access key id is not 12 digits. Default `000000000000`. */
  defaultAccount?: string;
  /** Region for requests whose host and signature name none. Default `us-east-1`. */
  defaultRegion?: string;
  /** Where unexpected errors are reported. Default `console.error`. */
  logError?: (message: string, error: unknown) => void;
  /** Access key id → principal: the principal's account is the request's account. */
  identities?: IdentityDirectory;
  /** Check each request's SigV4 signature against the identities (sigv4-verification.ts). */
  verifySignatures?: boolean;
  /**
   * Called once per request after its response is built, with the parsed request body and the response body
   * (as objects, so an observer such as the request log needs no second parse). Must not throw or mutate them.
   */
  onExchange?: (exchange: KmsExchange) => void;
}

/** One request and its answer, as the protocol saw them. */
export interface KmsExchange {
  requestId: string;
  /** Epoch milliseconds (wall clock) when the handler received the request. */
  startedAt: number;
  durationMs: number;
  /** The raw `X-Amz-Target` header ('' when absent). */
  target: string;
  /** The operation, when the target names one this model knows. */
  operation?: OperationName;
  account: string;
  region: string;
  accessKeyId?: string;
  /** The principal ARN of the caller, when access control knows it. */
  caller?: string;
  /** The parsed JSON request body; undefined when it was never read or is not a JSON object. */
  request?: Record<string, unknown>;
  /** Length of the request body text (0 when it was never read). */
  requestLength: number;
  status: number;
  /** The JSON response body: the encoded output, or `{ __type, message }`. */
  response: Record<string, unknown>;
  /** The error answered, when the status is not 200. */
  error?: KmsError;
}

export type KmsFetchHandler = (request: Request) => Promise<Response>;

/** One request, without the Fetch classes. `header` takes lower-case names. */
export interface KmsHttpRequest {
  method: string;
  url: string;
  header(name: string): string | null;
  /** The body as text (read only when needed). */
  text(): string | Promise<string>;
  /** The same request as a Fetch Request (only SigV4 verification asks for it). */
  toRequest(): Request;
}

export interface KmsHttpResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}

export interface KmsProtocolHandler {
  fetch: KmsFetchHandler;
  answer(request: KmsHttpRequest): Promise<KmsHttpResponse>;
}

const TARGET_PREFIX = 'TrentService.';
const JSON_TYPE = 'application/x-amz-json-1.1';

const isOperation = (name: string): name is OperationName => Object.hasOwn(OPERATIONS, name);

function errorBody(error: KmsError): { __type: string; message?: string } {
  const body: { __type: string; message?: string } = { __type: error.type };
  if (error.message) body.message = error.message;
  return body;
}

function errorResponse(error: KmsError, requestId: string, body: { __type: string }): KmsHttpResponse {
  return {
    status: error.status,
    headers: { 'content-type': JSON_TYPE, 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.type },
    body: JSON.stringify(body),
  };
}

function parseBody(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new SerializationException('Start of structure or map found where not expected.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new SerializationException('Start of structure or map found where not expected.');
  }
  return body as Record<string, unknown>;
}

/** The caller's principal ARN for the request log: its identity's, or its account root's. */
function callerArn(
  scope: { account: string; region: string; accessKeyId?: string },
  identities: IdentityDirectory,
) {
  const identity = scope.accessKeyId === undefined ? undefined : identities.get(scope.accessKeyId);
  return identity?.caller.arn ?? rootCaller(scope.account, scope.region).arn;
}

/** The Fetch form only (tests and callers that need nothing else). */
export function createKmsFetchHandler(api: KmsApi, options: ProtocolOptions = {}): KmsFetchHandler {
  return createKmsProtocolHandler(api, options).fetch;
}

/** A KmsHttpRequest view of a Fetch Request. */
function fromFetch(request: Request): KmsHttpRequest {
  return {
    method: request.method,
    url: request.url,
    header: (name) => request.headers.get(name),
    text: () => request.text(),
    toRequest: () => request,
  };
}

export function createKmsProtocolHandler(api: KmsApi, options: ProtocolOptions = {}): KmsProtocolHandler {
  const defaults = {
    account: options.defaultAccount ?? DEFAULT_ACCOUNT,
    region: options.defaultRegion ?? DEFAULT_REGION,
  };
  const logError = options.logError ?? ((message, error) => console.error(message, error));
  const identities = options.identities;
  // Loaded only when asked for, so the signer stays out of the bundle of everyone else.
  const verifier = options.verifySignatures ? import('./sigv4-verification.ts') : undefined;
  const signatureCheck = { identities: identities ?? new Map(), now: () => Date.now() };

  const onExchange = options.onExchange;

  const answer = async (request: KmsHttpRequest): Promise<KmsHttpResponse> => {
    const requestId = crypto.randomUUID();
    const startedAt = onExchange ? Date.now() : 0;
    const started = onExchange ? performance.now() : 0;
    const target = request.header('x-amz-target') ?? '';
    const name = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    const scope = requestScope(new URL(request.url), request.header('authorization'), defaults, identities);
    let json: Record<string, unknown> | undefined;
    let requestLength = 0;
    const report = (status: number, body: Record<string, unknown>, error?: KmsError) =>
      onExchange?.({
        requestId,
        startedAt,
        durationMs: performance.now() - started,
        target,
        ...(isOperation(name) ? { operation: name } : {}),
        ...scope,
        ...(identities && { caller: callerArn(scope, identities) }),
        request: json,
        requestLength,
        status,
        response: body,
        ...(error ? { error } : {}),
      });
    try {
      // AWS authenticates a request before it looks at what it asks.
      const text = verifier || isOperation(name) ? await request.text() : '';
      requestLength = text.length;
      if (verifier) await (await verifier).verifySignature(request.toRequest(), text, signatureCheck);
      if (request.method !== 'POST' || !isOperation(name)) throw new UnknownOperationException();
      json = parseBody(text);
      const input = decodeInput(name, json);
      validateInput(name, input);
      const call = api[name] as (input: unknown, ctx: unknown) => Promise<unknown>;
      const output = await call.call(api, input, { ...scope, requestId });
      const body = encodeOutput(name, output);
      report(200, body);
      return {
        status: 200,
        headers: { 'content-type': JSON_TYPE, 'x-amzn-requestid': requestId },
        body: JSON.stringify(body),
      };
    } catch (thrown) {
      let error: KmsError;
      if (thrown instanceof KmsError) error = thrown;
      else {
        logError(`[kmsw] internal error in request ${requestId}:`, thrown);
        error = new KMSInternalException('An internal error occurred in kmsw.');
      }
      const body = errorBody(error);
      report(error.status, body, error);
      return errorResponse(error, requestId, body);
    }
  };

  return {
    answer,
    fetch: async (request) => {
      const out = await answer(fromFetch(request));
      return new Response(out.body, { status: out.status, headers: out.headers });
    },
  };
}
