/**
 * Checks shared by every cryptographic operation: resolve the key (aliases allowed), require the Enabled state and
 * the right key usage, and honour DryRun, each with AWS's exception and message.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html
 */
import { DryRunOperationException, InvalidKeyUsageException } from '../api/generated/exceptions.ts';
import type { KeyUsageType } from '../api/generated/types.ts';
import { assertKeyStoreServes } from './custom-key-stores/key-availability.ts';
import { useKey } from './key-resolver.ts';
import { chargeKeyUse } from './quotas/rate-quotas.ts';
import { assertUsable } from './key-state.ts';
import type { OperationContext } from './operation-context.ts';
import type { KeyRecord } from './records.ts';

export async function keyForCrypto(
  op: OperationContext,
  keyId: string,
  usage: KeyUsageType,
  operation: string,
): Promise<KeyRecord> {
  const key = await useKey(op, keyId, operation);
  chargeKeyUse(op, key);
  assertUsable(key, 'crypto');
  await assertKeyStoreServes(op, key);
  assertKeyUsage(key, usage, operation);
  return key;
}

export function assertKeyUsage(key: KeyRecord, usage: KeyUsageType, operation: string): void {
  if (key.keyUsage !== usage) {
    throw new InvalidKeyUsageException(
      `${key.arn} key usage is ${key.keyUsage} which is not valid for ${operation}.`,
    );
  }
}

/** Called once every check has passed: AWS answers a dry run with this exception instead of the result. */
export function endDryRun(dryRun: boolean | undefined): void {
  if (dryRun)
    throw new DryRunOperationException('The request would have succeeded, but the DryRun option is set.');
}
