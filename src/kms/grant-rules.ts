/**
 * What a grant may hold: its operations must be ones the key supports (no Sign on a symmetric key, no data keys
 * from an asymmetric key), encryption-context constraints only on symmetric encryption keys, one kind of them,
 * at most 8 pairs with values of at most 384 characters; and which key states accept a new grant (the AWS key-state
 * table: Enabled and Unavailable). Also when two CreateGrant requests have "identical parameters" (Name retries).
 * Texts marked in FIDELITY.md are kmsw's; "Grants must not contain only the CreateGrant operation." is AWS's.
 * https://docs.aws.amazon.com/kms/latest/developerguide/grants.html#terms-grant-operations
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GrantConstraints.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html
 */
import type { GrantConstraints, GrantOperation, KeyState } from '../api/generated/types.ts';
import { ValidationException } from '../api/protocol-errors.ts';
import { equalBytes } from '../crypto/bytes.ts';
import { encodeEncryptionContext } from './encryption-context.ts';
import { stateError } from './key-state.ts';
import type { GrantRecord, KeyRecord } from './records.ts';

/** Operations every grant may allow, whatever the key. */
const ANY_KEY: readonly GrantOperation[] = ['CreateGrant', 'RetireGrant', 'DescribeKey'];

/** The grant operations of a symmetric encryption key: those that take an encryption context. */
export const SYMMETRIC_ENCRYPTION: readonly GrantOperation[] = [
  'Encrypt',
  'Decrypt',
  'ReEncryptFrom',
  'ReEncryptTo',
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
];

/** The cryptographic operations a grant may allow on a key of this spec and usage. */
function cryptoOperations(key: Pick<KeyRecord, 'keySpec' | 'keyUsage'>): readonly GrantOperation[] {
  if (key.keySpec === 'SYMMETRIC_DEFAULT') return SYMMETRIC_ENCRYPTION;
  switch (key.keyUsage) {
    case 'ENCRYPT_DECRYPT':
      return ['Encrypt', 'Decrypt', 'ReEncryptFrom', 'ReEncryptTo', 'GetPublicKey'];
    case 'SIGN_VERIFY':
      return ['Sign', 'Verify', 'GetPublicKey'];
    case 'GENERATE_VERIFY_MAC':
      return ['GenerateMac', 'VerifyMac'];
    case 'KEY_AGREEMENT':
      return ['DeriveSharedSecret', 'GetPublicKey'];
    case 'ENCAPSULATE_DECAPSULATE':
      return ['Encapsulate', 'Decapsulate', 'GetPublicKey'];
  }
}

/** Key states in which CreateGrant succeeds (key-state table); the others answer as `stateError` says. */
const GRANTABLE_STATES: readonly KeyState[] = ['Enabled', 'Unavailable'];

export function assertGrantableState(key: Pick<KeyRecord, 'arn' | 'state'>): void {
  if (!GRANTABLE_STATES.includes(key.state)) throw stateError(key);
}

const MAX_CONTEXT_PAIRS = 8;
const MAX_CONTEXT_VALUE_LENGTH = 384;

const hasPairs = (context: Readonly<Record<string, string>> | undefined) =>
  context !== undefined && Object.keys(context).length > 0;

/**
 * The request's operations without repeats and its constraints without empty maps (AWS treats an empty map as
 * absent), after the checks that need no key.
 */
export function checkGrantContents(
  operations: readonly GrantOperation[],
  constraints: GrantConstraints | undefined,
): { operations: GrantOperation[]; constraints?: GrantConstraints } {
  const unique = [...new Set(operations)];
  if (unique.length === 0) throw new ValidationException('Grants must contain at least one operation.');
  if (unique.length === 1 && unique[0] === 'CreateGrant') {
    throw new ValidationException('Grants must not contain only the CreateGrant operation.');
  }
  const equals = hasPairs(constraints?.EncryptionContextEquals)
    ? constraints!.EncryptionContextEquals
    : undefined;
  const subset = hasPairs(constraints?.EncryptionContextSubset)
    ? constraints!.EncryptionContextSubset
    : undefined;
  if (equals && subset) {
    throw new ValidationException(
      'A grant can have an EncryptionContextEquals or an EncryptionContextSubset constraint, not both.',
    );
  }
  const context = equals ?? subset;
  if (context) {
    if (Object.keys(context).length > MAX_CONTEXT_PAIRS) {
      throw new ValidationException(
        `An encryption context grant constraint can have at most ${MAX_CONTEXT_PAIRS} pairs.`,
      );
    }
    if (Object.values(context).some((value) => [...value].length > MAX_CONTEXT_VALUE_LENGTH)) {
      throw new ValidationException(
        `An encryption context value in a grant constraint can have at most ${MAX_CONTEXT_VALUE_LENGTH} characters.`,
      );
    }
  }
  const normalized: GrantConstraints = {
    ...(subset && { EncryptionContextSubset: subset }),
    ...(equals && { EncryptionContextEquals: equals }),
    ...(constraints?.SourceArn !== undefined && { SourceArn: constraints.SourceArn }),
  };
  return {
    operations: unique,
    ...(Object.keys(normalized).length > 0 && { constraints: normalized }),
  };
}

/** ValidationException unless every operation and constraint of the grant suits the key's type. */
export function assertGrantFitsKey(
  key: Pick<KeyRecord, 'arn' | 'keySpec' | 'keyUsage'>,
  operations: readonly GrantOperation[],
  constraints: GrantConstraints | undefined,
): void {
  const allowed = new Set([...ANY_KEY, ...cryptoOperations(key)]);
  const unsupported = operations.filter((operation) => !allowed.has(operation));
  const keyType = `key spec ${key.keySpec}, key usage ${key.keyUsage}`;
  if (unsupported.length > 0) {
    throw new ValidationException(
      `Grant operations [${unsupported.join(', ')}] are not supported by ${key.arn} (${keyType}).`,
    );
  }
  const hasContext = constraints?.EncryptionContextEquals ?? constraints?.EncryptionContextSubset;
  if (hasContext && key.keySpec !== 'SYMMETRIC_DEFAULT') {
    throw new ValidationException(
      `Encryption context grant constraints are not supported by ${key.arn} (${keyType}): only symmetric encryption keys use an encryption context.`,
    );
  }
}

const sameContext = (
  a: Readonly<Record<string, string>> | undefined,
  b: Readonly<Record<string, string>> | undefined,
) =>
  (a === undefined) === (b === undefined) &&
  equalBytes(encodeEncryptionContext(a), encodeEncryptionContext(b));

/** Whether an existing grant has the parameters of a CreateGrant request (after `checkGrantContents`). */
export function sameGrantParameters(
  grant: GrantRecord,
  request: {
    granteePrincipal: string;
    retiringPrincipal?: string;
    operations: readonly GrantOperation[];
    constraints?: GrantConstraints;
  },
): boolean {
  const ops = new Set(grant.operations);
  return (
    grant.granteePrincipal === request.granteePrincipal &&
    grant.retiringPrincipal === request.retiringPrincipal &&
    ops.size === request.operations.length &&
    request.operations.every((operation) => ops.has(operation)) &&
    grant.constraints?.SourceArn === request.constraints?.SourceArn &&
    sameContext(grant.constraints?.EncryptionContextEquals, request.constraints?.EncryptionContextEquals) &&
    sameContext(grant.constraints?.EncryptionContextSubset, request.constraints?.EncryptionContextSubset)
  );
}
