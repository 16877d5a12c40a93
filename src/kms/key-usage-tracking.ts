/**
 * Key last-usage tracking, the data behind GetKeyLastUsage. Every successful operation named in the
 * KeyLastUsageTrackingOperation enum records, on each key its response names (`KeyId`, and ReEncrypt's
 * `SourceKeyId`: AWS records both keys of a ReEncrypt), the operation, the time and the request id.
 *
 * One place does it: `withKeyUsageTracking` wraps those operations where the service registers them, so no operation
 * has to remember to record, and only a success records (a failure or a dry run throws before, and a unit of work that
 * throws writes nothing). The record is a write of the key in the same unit of work as the operation; to keep it off
 * the hot path, a use is written only when the key's stored use is by another operation or at least
 * USAGE_RECORD_INTERVAL_MS away, so a key used over and over by one operation costs one write a minute, not one a
 * request. The stored Timestamp is thus up to that interval older than the latest use by the same operation.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyLastUsage.html
 */
import type { OperationName } from '../api/generated/operations.ts';
import {
  KEY_LAST_USAGE_TRACKING_OPERATION_VALUES,
  type KeyLastUsageTrackingOperation,
} from '../api/generated/types.ts';
import { parseKmsArn } from './arn.ts';
import type { Operation, OperationContext } from './operation-context.ts';

/** A repeated use by the same operation is written again only once the stored one is this far from now. */
export const USAGE_RECORD_INTERVAL_MS = 60_000;

const TRACKED: ReadonlySet<string> = new Set(KEY_LAST_USAGE_TRACKING_OPERATION_VALUES);

const isTracked = (name: OperationName): name is OperationName & KeyLastUsageTrackingOperation =>
  TRACKED.has(name);

/** `operation` itself, or, for an operation AWS tracks, the same operation recording the use of its keys. */
export function withKeyUsageTracking<I, O>(name: OperationName, operation: Operation<I, O>): Operation<I, O> {
  if (!isTracked(name)) return operation;
  return async (input, op) => {
    const output = await operation(input, op);
    const { SourceKeyId, KeyId } = output as { SourceKeyId?: string; KeyId?: string };
    for (const arn of new Set([SourceKeyId, KeyId])) {
      if (arn !== undefined) await recordKeyUse(op, arn, name);
    }
    return output;
  };
}

async function recordKeyUse(
  op: OperationContext,
  arn: string,
  operation: KeyLastUsageTrackingOperation,
): Promise<void> {
  const parsed = parseKmsArn(arn);
  if (!parsed?.resource.startsWith('key/')) return;
  const scope = { account: parsed.account, region: parsed.region };
  const keyId = parsed.resource.slice('key/'.length);
  // Already read by the operation: this is a cache hit of the unit of work, not a store read.
  const key = await op.uow.get('keys', scope, keyId);
  if (!key) return;
  const last = key.lastUsage;
  if (last?.operation === operation && Math.abs(op.now - last.at) < USAGE_RECORD_INTERVAL_MS) return;
  op.uow.put('keys', scope, keyId, {
    ...key,
    lastUsage: { operation, at: op.now, requestId: op.request.requestId },
  });
}
