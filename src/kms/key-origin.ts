/**
 * Operations that only exist for one key origin (key material import for EXTERNAL keys, automatic rotation for
 * AWS_KMS keys) refuse the others with AWS's UnsupportedOperationException text (recorded for GetParametersForImport
 * on an AWS_KMS key and for RotateKeyOnDemand on an EXTERNAL key).
 * https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html
 */
import { UnsupportedOperationException } from '../api/generated/exceptions.ts';
import type { OriginType } from '../api/generated/types.ts';
import type { KeyRecord } from './records.ts';

export function assertOrigin(key: Pick<KeyRecord, 'arn' | 'origin'>, origin: OriginType): void {
  if (key.origin !== origin) {
    throw new UnsupportedOperationException(
      `${key.arn} origin is ${key.origin} which is not valid for this operation.`,
    );
  }
}
