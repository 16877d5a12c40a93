/**
 * Rules for the AliasName of CreateAlias, UpdateAlias and DeleteAlias beyond the model's length and pattern: the
 * `alias/` prefix (recorded AWS text), the reserved `alias/aws/` prefix, and no colon (which the pattern allows).
 * https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html
 */
import { KmsError } from '../api/kms-error.ts';
import { ValidationException } from '../api/protocol-errors.ts';

/**
 * AWS refuses names under `alias/aws/` with this error, which the KMS model does not list; AWS sends it without a
 * message.
 */
export class NotAuthorizedException extends KmsError {
  override readonly name = 'NotAuthorizedException';
  readonly type = 'NotAuthorizedException';
  readonly status = 400;
}

export const RESERVED_ALIAS_PREFIX = 'alias/aws/';

/** Throws AWS's error when `aliasName` cannot name a customer alias. */
export function checkAliasName(aliasName: string): void {
  if (!aliasName.startsWith('alias/')) {
    throw new ValidationException(
      'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
    );
  }
  if (aliasName.startsWith(RESERVED_ALIAS_PREFIX)) throw new NotAuthorizedException();
  if (aliasName.includes(':')) {
    throw new ValidationException(`${aliasName} contains invalid characters for an alias`);
  }
}

/** Whether a TargetKeyId names an alias (alias name or alias ARN) rather than a key. */
export const isAliasReference = (id: string): boolean =>
  id.startsWith('alias/') || /^arn:[^:]+:kms:[^:]*:[^:]*:alias\//.test(id);
