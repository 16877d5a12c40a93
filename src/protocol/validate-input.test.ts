// Tests for validate-input.ts. The "recorded" cases are ValidationException texts that real AWS KMS sent in
// the LocalStack recordings (tests/aws/services/kms/test_kms.snapshot.json, test ids named in each test).
import { expect, test } from 'vitest';
import type { OperationName } from '../api/generated/operations.ts';
import { SHAPES } from '../api/generated/shapes.ts';
import { ValidationException } from '../api/protocol-errors.ts';
import { decodeInput } from './decode-input.ts';
import {
  MAX_VALIDATION_ERRORS,
  collectViolations,
  validateInput,
  validationMessage,
} from './validate-input.ts';

const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';

const b64 = (bytes: number) => btoa('x'.repeat(bytes));

/** The ValidationException message for a JSON request body, decoded and validated as on the wire. */
function messageFor(operation: OperationName, json: Record<string, unknown>): string {
  const input = decodeInput(operation, json);
  try {
    validateInput(operation, input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).status).toBe(400);
    return (error as ValidationException).message;
  }
  throw new Error(`${operation} accepted ${JSON.stringify(json)}`);
}

function enumValues(shape: string): readonly string[] {
  const def = SHAPES[shape];
  if (def?.type !== 'enum') throw new Error(`${shape} is not an enum`);
  return def.values;
}

/**
 * Enum messages: AWS lists the values in no stable order and the recordings predate newer values, so the
 * text before the list must match exactly, every recorded value must be allowed, and the list must be the
 * model's.
 */
function expectEnumMessage(actual: string, recorded: string, shape: string): void {
  const split = (message: string) => {
    const match = /^(.*enum value set: )\[(.*)\]$/.exec(message);
    if (!match) throw new Error(`not an enum message: ${message}`);
    return { prefix: match[1], values: match[2]!.split(', ') };
  };
  const got = split(actual);
  const want = split(recorded);
  expect(got.prefix).toBe(want.prefix);
  expect(got.values).toEqual(expect.arrayContaining(want.values));
  expect(got.values).toEqual(enumValues(shape));
}

test('recorded: GenerateRandom NumberOfBytes below the range', () => {
  // test_generate_random_invalid_number_of_bytes[0]
  expect(messageFor('GenerateRandom', { NumberOfBytes: 0 })).toBe(
    "1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater than or equal to 1",
  );
});

test('recorded: GenerateRandom NumberOfBytes above the range', () => {
  // test_generate_random_invalid_number_of_bytes[1025]
  expect(messageFor('GenerateRandom', { NumberOfBytes: 1025 })).toBe(
    "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024",
  );
});

test('recorded: CreateKey with an unknown KeySpec', () => {
  // test_hmac_create_key_invalid_operations, create-hmac-key-invalid-spec
  const recorded =
    "1 validation error detected: Value 'HMAC_random' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [RSA_2048, ECC_NIST_P384, ECC_NIST_P256, ECC_NIST_P521, HMAC_384, RSA_3072, ECC_SECG_P256K1, RSA_4096, SYMMETRIC_DEFAULT, HMAC_256, HMAC_224, HMAC_512]";
  const actual = messageFor('CreateKey', { KeySpec: 'HMAC_random', KeyUsage: 'GENERATE_VERIFY_MAC' });
  expectEnumMessage(actual, recorded, 'KeySpec');
});

test('recorded: CreateKey with an unknown KeyUsage', () => {
  // test_hmac_create_key_invalid_operations, create-hmac-key-invalid-key-usage
  const recorded =
    "1 validation error detected: Value 'RANDOM' at 'keyUsage' failed to satisfy constraint: Member must satisfy enum value set: [ENCRYPT_DECRYPT, SIGN_VERIFY, GENERATE_VERIFY_MAC]";
  const actual = messageFor('CreateKey', { KeySpec: 'HMAC_256', KeyUsage: 'RANDOM' });
  expectEnumMessage(actual, recorded, 'KeyUsageType');
});

test('recorded: GenerateMac and VerifyMac with an unknown MacAlgorithm', () => {
  // test_invalid_generate_mac[HMAC_256-INVALID], test_invalid_verify_mac[HMAC_256-INVALID-some important message]
  const recorded =
    "1 validation error detected: Value 'INVALID' at 'macAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [HMAC_SHA_384, HMAC_SHA_256, HMAC_SHA_224, HMAC_SHA_512]";
  const message = btoa('some important message');
  const generate = messageFor('GenerateMac', { KeyId: KEY_ID, Message: message, MacAlgorithm: 'INVALID' });
  expectEnumMessage(generate, recorded, 'MacAlgorithmSpec');
  const verify = messageFor('VerifyMac', {
    KeyId: KEY_ID,
    Message: message,
    MacAlgorithm: 'INVALID',
    Mac: b64(32),
  });
  expectEnumMessage(verify, recorded, 'MacAlgorithmSpec');
});

test('recorded: DeriveSharedSecret with an unknown KeyAgreementAlgorithm', () => {
  // test_derive_shared_secret, response-invalid-key-agreement-algo
  expect(
    messageFor('DeriveSharedSecret', { KeyId: KEY_ID, KeyAgreementAlgorithm: 'INVALID', PublicKey: b64(91) }),
  ).toBe(
    "1 validation error detected: Value 'INVALID' at 'keyAgreementAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [ECDH]",
  );
});

test('recorded: Encrypt leaves the sensitive plaintext out of the message', () => {
  // test_plaintext_size_for_encrypt (4268 bytes)
  expect(messageFor('Encrypt', { KeyId: KEY_ID, Plaintext: b64(4268) })).toBe(
    "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096",
  );
});

test('recorded: CreateKey with a tag key that is too long', () => {
  // test_create_key_with_invalid_tag_key[too_long_key]
  const key = 'a'.repeat(129);
  expect(messageFor('CreateKey', { Tags: [{ TagKey: key, TagValue: 'value' }] })).toBe(
    `1 validation error detected: Value '${key}' at 'tags.1.member.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128`,
  );
});

test('recorded: CreateKey with a tag value that is too long', () => {
  // test_key_with_long_tag_value_raises_error
  const value = 'v'.repeat(257);
  expect(messageFor('CreateKey', { Tags: [{ TagKey: 'tag1', TagValue: value }] })).toBe(
    `1 validation error detected: Value '${value}' at 'tags.1.member.tagValue' failed to satisfy constraint: Member must have length less than or equal to 256`,
  );
});

test('a missing required member is reported as null', () => {
  expect(messageFor('DescribeKey', {})).toBe(
    "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null",
  );
});

test('an empty sensitive blob leaves the value out', () => {
  expect(messageFor('Encrypt', { KeyId: KEY_ID, Plaintext: '' })).toBe(
    "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length greater than or equal to 1",
  );
});

test('a non-sensitive blob leaves the value out too', () => {
  expect(messageFor('Decrypt', { CiphertextBlob: '' })).toBe(
    "1 validation error detected: Value at 'ciphertextBlob' failed to satisfy constraint: Member must have length greater than or equal to 1",
  );
});

test('a missing sensitive member leaves the value out', () => {
  expect(messageFor('Encrypt', { KeyId: KEY_ID })).toBe(
    "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must not be null",
  );
});

test('several violations are counted and joined with "; " in model member order', () => {
  expect(messageFor('Encrypt', { EncryptionAlgorithm: 'ROT13' })).toBe(
    '3 validation errors detected: ' +
      "Value null at 'keyId' failed to satisfy constraint: Member must not be null; " +
      "Value at 'plaintext' failed to satisfy constraint: Member must not be null; " +
      "Value 'ROT13' at 'encryptionAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: " +
      `[${enumValues('EncryptionAlgorithmSpec').join(', ')}]`,
  );
});

test('violations inside list entries carry 1-based member paths', () => {
  const message = messageFor('TagResource', {
    KeyId: KEY_ID,
    Tags: [{ TagKey: 'ok', TagValue: 'ok' }, { TagKey: '' }, { TagKey: 'k', TagValue: 'v'.repeat(257) }],
  });
  expect(message).toBe(
    '3 validation errors detected: ' +
      "Value '' at 'tags.2.member.tagKey' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
      "Value null at 'tags.2.member.tagValue' failed to satisfy constraint: Member must not be null; " +
      `Value '${'v'.repeat(257)}' at 'tags.3.member.tagValue' failed to satisfy constraint: Member must have length less than or equal to 256`,
  );
});

test('violations inside nested structures carry dotted paths', () => {
  const message = messageFor('Decrypt', {
    CiphertextBlob: b64(16),
    Recipient: { KeyEncryptionAlgorithm: 'RSA', AttestationDocument: '' },
  });
  expect(message).toBe(
    '2 validation errors detected: ' +
      "Value 'RSA' at 'recipient.keyEncryptionAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: " +
      `[${enumValues('KeyEncryptionMechanism').join(', ')}]; ` +
      "Value at 'recipient.attestationDocument' failed to satisfy constraint: Member must have length greater than or equal to 1",
  );
});

test('a pattern violation quotes the model pattern', () => {
  expect(messageFor('CreateAlias', { AliasName: 'alias/my alias', TargetKeyId: KEY_ID })).toBe(
    "1 validation error detected: Value 'alias/my alias' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$",
  );
});

test('one member breaking pattern and length gives two errors, pattern first', () => {
  const name = `alias/${'x'.repeat(251)}!`;
  expect(messageFor('CreateAlias', { AliasName: name, TargetKeyId: KEY_ID })).toBe(
    '2 validation errors detected: ' +
      `Value '${name}' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$; ` +
      `Value '${name}' at 'aliasName' failed to satisfy constraint: Member must have length less than or equal to 256`,
  );
});

test('list length violations render the list like Java', () => {
  const tokens = Array.from({ length: 11 }, (_, i) => `t${i}`);
  expect(messageFor('DescribeKey', { KeyId: KEY_ID, GrantTokens: tokens })).toBe(
    `1 validation error detected: Value '[${tokens.join(', ')}]' at 'grantTokens' failed to satisfy constraint: ` +
      'Member must have length less than or equal to 10',
  );
});

test('bad entries of a list of enums are reported once on the list', () => {
  expect(
    messageFor('CreateGrant', {
      KeyId: KEY_ID,
      GranteePrincipal: 'arn:aws:iam::111111111111:root',
      Operations: ['Encrypt', 'Nope'],
    }),
  ).toBe(
    "1 validation error detected: Value '[Encrypt, Nope]' at 'operations' failed to satisfy constraint: " +
      `Member must satisfy constraint: [Member must satisfy enum value set: [${enumValues('GrantOperation').join(', ')}]]`,
  );
});

test('bad entries of a list of strings list every constraint of the entry shape', () => {
  expect(messageFor('DescribeKey', { KeyId: KEY_ID, GrantTokens: ['ok', ''] })).toBe(
    "1 validation error detected: Value '[ok, ]' at 'grantTokens' failed to satisfy constraint: Member must satisfy constraint: " +
      '[Member must have length less than or equal to 8192, Member must have length greater than or equal to 1]',
  );
});

test('a null map value is reported on the map', () => {
  expect(
    messageFor('Encrypt', { KeyId: KEY_ID, Plaintext: b64(1), EncryptionContext: { a: 'b', c: null } }),
  ).toBe(
    "1 validation error detected: Value '{a=b, c=null}' at 'encryptionContext' failed to satisfy constraint: " +
      'Map value must satisfy constraint: [Member must not be null]',
  );
});

test('string lengths count code points, not UTF-16 units', () => {
  const fine = '😀'.repeat(128);
  expect(() =>
    validateInput('CreateKey', decodeInput('CreateKey', { Tags: [{ TagKey: fine, TagValue: '' }] })),
  ).not.toThrow();
  const long = '😀'.repeat(129);
  expect(messageFor('CreateKey', { Tags: [{ TagKey: long, TagValue: '' }] })).toContain(
    "at 'tags.1.member.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128",
  );
});

test(`at most ${MAX_VALIDATION_ERRORS} violations are reported`, () => {
  const tags = Array.from({ length: 12 }, () => ({ TagKey: '', TagValue: 'v' }));
  const message = messageFor('CreateKey', { Tags: tags });
  expect(message.startsWith(`${MAX_VALIDATION_ERRORS} validation errors detected: `)).toBe(true);
  expect(message.split('; ')).toHaveLength(MAX_VALIDATION_ERRORS);
  expect(message).toContain("'tags.10.member.tagKey'");
  expect(message).not.toContain("'tags.11.member.tagKey'");
});

test('a valid input passes and is returned unchanged', () => {
  const input = decodeInput('Encrypt', {
    KeyId: `arn:aws:kms:us-east-1:111111111111:key/${KEY_ID}`,
    Plaintext: b64(4096),
    EncryptionContext: { purpose: 'test' },
    GrantTokens: ['token'],
    EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    DryRun: false,
  });
  expect(validateInput('Encrypt', input)).toBe(input);
  expect(collectViolations('EncryptRequest', input)).toEqual([]);
});

test('the overlay operations are validated like the others', () => {
  expect(messageFor('Encapsulate', { KeyId: KEY_ID, EncapsulationAlgorithm: 'ML_KEM_768' })).toBe(
    "1 validation error detected: Value 'ML_KEM_768' at 'encapsulationAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [ML_KEM]",
  );
  expect(messageFor('Decapsulate', { KeyId: KEY_ID, EncapsulationAlgorithm: 'ML_KEM' })).toBe(
    "1 validation error detected: Value null at 'sharedSecretCiphertextBlob' failed to satisfy constraint: Member must not be null",
  );
});

test('validationMessage uses the singular for one error', () => {
  expect(validationMessage(['A'])).toBe('1 validation error detected: A');
  expect(validationMessage(['A', 'B'])).toBe('2 validation errors detected: A; B');
});

test('every pattern in the model compiles as a Unicode regular expression', () => {
  const patterns = Object.values(SHAPES).flatMap((def) =>
    def.type === 'string' && def.pattern ? [def.pattern] : [],
  );
  expect(patterns.length).toBeGreaterThan(10);
  for (const pattern of patterns) expect(() => new RegExp(pattern, 'u')).not.toThrow();
});
