/**
 * The external keys of the simulated XKS proxies: AES-256 keys that kmsw makes for each external key id. They are
 * derived (SHA-256) from the key store and the external key id, so they stay the same across restarts and state
 * exports without being stored anywhere; like all of kmsw's key material they protect nothing real.
 * https://docs.aws.amazon.com/kms/latest/developerguide/keystore-external.html#concept-double-encryption
 */
import { sha } from '../../crypto/digest.ts';
import type { KeyRecord } from '../records.ts';

const utf8 = new TextEncoder();

export function externalKeyBytes(
  key: Pick<KeyRecord, 'account' | 'region' | 'customKeyStoreId' | 'xksKeyId'>,
): Promise<Uint8Array> {
  const name = JSON.stringify([
    'kmsw-xks-external-key',
    key.account,
    key.region,
    key.customKeyStoreId,
    key.xksKeyId,
  ]);
  return sha('SHA-256', utf8.encode(name));
}
