/**
 * One request log entry: what a KMS call asked and answered, built from the protocol's exchange report with the
 * secrets redacted (redact.ts). Plain JSON data, so it passes through IndexedDB, BroadcastChannel and HTTP as is.
 */
import type { KmsExchange } from '../../protocol/kms-fetch-handler.ts';
import { redactRequest, redactResponse } from './redact.ts';

export interface KmsRequestLogEntry {
  /** Unique; sorts in the order the requests arrived (also across the tabs of one origin). */
  id: string;
  /** ISO 8601 wall-clock time the request arrived. */
  time: string;
  /** The operation (`Encrypt`), or the raw `X-Amz-Target` when it names none. */
  operation: string;
  region: string;
  account: string;
  /** The access key id of the SigV4 Authorization header. */
  accessKeyId?: string;
  /** Principal ARN, when the engine knows it. */
  caller?: string;
  /** The key id, ARN or alias the request names (else the response). */
  keyId?: string;
  /** HTTP status. */
  status: number;
  /** The AWS error name, absent on success. */
  errorCode?: string;
  errorMessage?: string;
  /** kmsw's own note on an error (an error's `explanation` property), e.g. which policy statement denied. */
  explanation?: string;
  durationMs: number;
  /**
   * The JSON request body with secrets replaced by `"<redacted N bytes>"`; null when it was never read; a string
   * `"<request body of N characters, not logged>"` when it is over 64 KiB (kept small, the log is kept in memory).
   */
  request: unknown;
  /** The JSON response body with secrets replaced by `"<redacted N bytes>"`. */
  response: unknown;
}

const KEY_FIELDS = ['KeyId', 'SourceKeyId', 'TargetKeyId', 'DestinationKeyId'] as const;

function keyIdOf(
  request: Record<string, unknown> | undefined,
  response: Record<string, unknown>,
): string | undefined {
  for (const body of [request, response, response.KeyMetadata]) {
    if (typeof body !== 'object' || body === null) continue;
    for (const field of KEY_FIELDS) {
      const value = (body as Record<string, unknown>)[field];
      if (typeof value === 'string') return value;
    }
  }
  return undefined;
}

/** Request bodies longer than this are not kept in the log (AWS refuses them anyway: KMS inputs are small). */
export const MAX_LOGGED_REQUEST_LENGTH = 64 * 1024;

function loggedRequest(exchange: KmsExchange): unknown {
  const { operation, request } = exchange;
  if (request === undefined) return null;
  if (exchange.requestLength > MAX_LOGGED_REQUEST_LENGTH) {
    return `<request body of ${exchange.requestLength} characters, not logged>`;
  }
  return operation ? redactRequest(operation, request) : request;
}

let sequence = 0;
/** Distinguishes this tab's (or process's) ids from another's created in the same millisecond. */
const SOURCE = Math.random().toString(36).slice(2, 8).padEnd(6, '0');

/** `<arrival ms, 13 digits>-<sequence, 9 digits>-<source>`: sorts by arrival, unique across tabs. */
export function entryId(startedAt: number): string {
  sequence = (sequence + 1) % 1e9;
  return `${String(startedAt).padStart(13, '0')}-${String(sequence).padStart(9, '0')}-${SOURCE}`;
}

/**
 * The ISO time of an arrival, remembered for the last millisecond: calls come many to a millisecond, and
 * `toISOString` was a third of an entry's cost (0.5 µs, Node 22).
 */
let lastTime = { at: Number.NaN, iso: '' };
function isoTime(at: number): string {
  if (at !== lastTime.at) lastTime = { at, iso: new Date(at).toISOString() };
  return lastTime.iso;
}

export function toLogEntry(exchange: KmsExchange): KmsRequestLogEntry {
  const { operation, request, response, error } = exchange;
  const entry: KmsRequestLogEntry = {
    id: entryId(exchange.startedAt),
    time: isoTime(exchange.startedAt),
    operation: operation ?? exchange.target,
    region: exchange.region,
    account: exchange.account,
    status: exchange.status,
    durationMs: exchange.durationMs,
    request: loggedRequest(exchange),
    response: operation && !error ? redactResponse(operation, response) : response,
  };
  if (exchange.accessKeyId !== undefined) entry.accessKeyId = exchange.accessKeyId;
  if (exchange.caller !== undefined) entry.caller = exchange.caller;
  const keyId = keyIdOf(request, response);
  if (keyId !== undefined) entry.keyId = keyId;
  if (error) {
    entry.errorCode = error.type;
    if (error.message) entry.errorMessage = error.message;
    const explanation = (error as { explanation?: unknown }).explanation;
    if (typeof explanation === 'string') entry.explanation = explanation;
  }
  return entry;
}
