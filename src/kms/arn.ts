/**
 * KMS identifiers: key ids, key ARNs, alias names and alias ARNs.
 * https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id
 */
import type { Scope } from './records.ts';

export const partitionOf = (region: string): string =>
  region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';

export const keyArn = (scope: Scope, keyId: string): string =>
  `arn:${partitionOf(scope.region)}:kms:${scope.region}:${scope.account}:key/${keyId}`;

export const aliasArn = (scope: Scope, aliasName: string): string =>
  `arn:${partitionOf(scope.region)}:kms:${scope.region}:${scope.account}:${aliasName}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MRK = /^mrk-[0-9a-f]{32}$/i;

/** A key id as AWS accepts it: a UUID, or `mrk-` and 32 hex digits for multi-region keys. */
export const isKeyId = (value: string): boolean => UUID.test(value) || MRK.test(value);

export interface ParsedArn {
  partition: string;
  region: string;
  account: string;
  /** `key/<id>` or `alias/<name>`. */
  resource: string;
}

export function parseKmsArn(value: string): ParsedArn | undefined {
  const m = /^arn:([^:]+):kms:([^:]*):([^:]*):(.+)$/.exec(value);
  if (!m) return undefined;
  return { partition: m[1]!, region: m[2]!, account: m[3]!, resource: m[4]! };
}
