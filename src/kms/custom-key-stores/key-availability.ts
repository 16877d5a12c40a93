/**
 * Keys in custom key stores are usable only while their store is CONNECTED and its backend serves them. While the
 * store is not connected, AWS reports the key state `Unavailable` (unless the key is pending deletion or disabled)
 * and cryptographic operations fail with KMSInvalidStateException; for an external key store every failure of the
 * proxy or the external key is a KMSInvalidStateException whose message names the cause.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/xks-troubleshooting.html
 */
import { KMSInvalidStateException } from '../../api/generated/exceptions.ts';
import type { KeyState } from '../../api/generated/types.ts';
import { stateError } from '../key-state.ts';
import type { OperationContext } from '../operation-context.ts';
import type { CustomKeyStoreRecord, KeyRecord } from '../records.ts';
import { cloudHsmProblem, reachedProxy, xksProblem, type XksProblem } from './connection.ts';
import { storeOfKey } from './store-records.ts';

/** The key state AWS reports for a key, given its store (keys of a store that is not connected: Unavailable). */
export function reportedKeyState(key: KeyRecord, store: CustomKeyStoreRecord | undefined): KeyState {
  if (key.customKeyStoreId === undefined || key.state !== 'Enabled') return key.state;
  return store?.connectionState === 'CONNECTED' ? key.state : 'Unavailable';
}

/** DescribeKey's view of the key: its reported state. */
export async function keyAsReported(op: OperationContext, key: KeyRecord): Promise<KeyRecord> {
  if (key.customKeyStoreId === undefined) return key;
  const state = reportedKeyState(key, await storeOfKey(op, key));
  return state === key.state ? key : { ...key, state };
}

export const XKS_FAILURE: Readonly<Record<XksProblem, string>> = {
  'not-reachable':
    'KMS cannot communicate with the external key store proxy. Verify that the proxy is reachable.',
  'vpc-endpoint-service-not-found':
    'KMS cannot find the VPC endpoint service for the external key store proxy.',
  'invalid-response': 'KMS cannot interpret the response from the external key store proxy.',
  'invalid-credentials':
    'The external key store proxy rejected the request because the proxy authentication credential is not valid.',
  'timed-out':
    'The external key store proxy did not respond to the request within the timeout allowed by KMS.',
};

/** Throws what AWS throws when a cryptographic operation cannot use this key in its custom key store. */
export async function assertKeyStoreServes(op: OperationContext, key: KeyRecord): Promise<void> {
  if (key.customKeyStoreId === undefined) return;
  const store = await storeOfKey(op, key);
  if (!store || store.connectionState !== 'CONNECTED')
    throw stateError({ arn: key.arn, state: 'Unavailable' });
  const backends = op.env.customKeyStores?.backends;
  if (store.cloudHsm) {
    const problem = cloudHsmProblem(backends, store.region, store.cloudHsm);
    if (problem)
      throw new KMSInvalidStateException(
        `The AWS CloudHSM cluster associated with custom key store ${store.customKeyStoreId} cannot serve the request (${problem}).`,
      );
    return;
  }
  const problem = xksProblem(backends, store.region, store.xks!);
  if (problem) throw new KMSInvalidStateException(XKS_FAILURE[problem]);
  const proxy = reachedProxy(backends, store.region, store.xks!)!;
  if (!backends!.hasExternalKey(proxy, key.xksKeyId!)) {
    throw new KMSInvalidStateException(
      `The external key store proxy rejected the request because the external key ${key.xksKeyId} was not found.`,
    );
  }
}
