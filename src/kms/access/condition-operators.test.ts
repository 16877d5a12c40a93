// The condition grammar against the cases of the IAM User Guide's condition-operator and multivalued-key pages:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
import { expect, test } from 'vitest';
import { failingCondition, type ConditionContext, type ContextValue } from './condition-operators.ts';
import { readPolicy } from './policy-document.ts';

/** Whether `Condition` holds for a request whose context is `values` (multivalued when given as an array). */
function holds(condition: object, values: Record<string, string | string[]>): boolean {
  const context = new Map<string, ContextValue>(
    Object.entries(values).map(([k, v]) => [
      k.toLowerCase(),
      Array.isArray(v) ? { values: v, multi: true } : { values: [v] },
    ]),
  );
  const [statement] = readPolicy({ Statement: { Effect: 'Allow', Condition: condition } }).statements;
  const lookup: ConditionContext = (key) => context.get(key);
  return failingCondition(statement!.condition!, lookup) === undefined;
}

test.each([
  // String operators (case-sensitive unless IgnoreCase; StringLike with * and ?)
  [
    { StringEquals: { 'aws:PrincipalTag/job': 'iamuser-admin' } },
    { 'aws:PrincipalTag/job': 'iamuser-admin' },
    true,
  ],
  [
    { StringEquals: { 'aws:PrincipalTag/job': 'iamuser-admin' } },
    { 'aws:PrincipalTag/job': 'IAMUSER-ADMIN' },
    false,
  ],
  [{ StringEquals: { 'aws:PrincipalTag/job': 'iamuser-admin' } }, {}, false],
  [{ StringNotEquals: { 'aws:PrincipalTag/job': 'admin' } }, { 'aws:PrincipalTag/job': 'dev' }, true],
  [{ StringNotEquals: { 'aws:PrincipalTag/job': 'admin' } }, {}, true],
  [
    { StringEqualsIgnoreCase: { 'aws:PrincipalTag/job': 'Admin' } },
    { 'aws:PrincipalTag/job': 'ADMIN' },
    true,
  ],
  [
    { StringNotEqualsIgnoreCase: { 'aws:PrincipalTag/job': 'Admin' } },
    { 'aws:PrincipalTag/job': 'admin' },
    false,
  ],
  [{ StringLike: { 's3:prefix': ['', 'home/', 'home/${aws:username}/'] } }, { 's3:prefix': 'home/' }, true],
  [{ StringLike: { 'kms:RequestAlias': 'alias/app-*' } }, { 'kms:RequestAlias': 'alias/app-orders' }, true],
  [{ StringLike: { 'kms:RequestAlias': 'alias/app-?' } }, { 'kms:RequestAlias': 'alias/app-12' }, false],
  [{ StringNotLike: { 'kms:RequestAlias': 'alias/app-*' } }, { 'kms:RequestAlias': 'alias/other' }, true],
  // Several values of one key: any matches (for the negated operators: none matches).
  [
    { StringEquals: { 'kms:CallerAccount': ['111122223333', '444455556666'] } },
    { 'kms:CallerAccount': '444455556666' },
    true,
  ],
  [
    { StringNotEquals: { 'kms:CallerAccount': ['111122223333', '444455556666'] } },
    { 'kms:CallerAccount': '444455556666' },
    false,
  ],
  // Several keys, several operators: all must hold.
  [
    { StringEquals: { 'kms:CallerAccount': '111122223333', 'kms:KeySpec': 'SYMMETRIC_DEFAULT' } },
    { 'kms:CallerAccount': '111122223333', 'kms:KeySpec': 'RSA_2048' },
    false,
  ],
  [
    { StringEquals: { 'kms:CallerAccount': '111122223333' }, Bool: { 'kms:MultiRegion': 'true' } },
    { 'kms:CallerAccount': '111122223333', 'kms:MultiRegion': 'true' },
    true,
  ],
  // Numeric
  [{ NumericLessThanEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '10' }, true],
  [{ NumericLessThan: { 's3:max-keys': '10' } }, { 's3:max-keys': '10' }, false],
  [{ NumericGreaterThan: { 'kms:RotationPeriodInDays': 90 } }, { 'kms:RotationPeriodInDays': '365' }, true],
  [
    { NumericGreaterThanEquals: { 'kms:RotationPeriodInDays': '365' } },
    { 'kms:RotationPeriodInDays': '364' },
    false,
  ],
  [{ NumericEquals: { 'kms:RotationPeriodInDays': '90' } }, { 'kms:RotationPeriodInDays': '90.0' }, true],
  [{ NumericNotEquals: { 'kms:RotationPeriodInDays': '90' } }, { 'kms:RotationPeriodInDays': '91' }, true],
  [{ NumericEquals: { 'kms:RotationPeriodInDays': 'ninety' } }, { 'kms:RotationPeriodInDays': '90' }, false],
  // Date: ISO 8601 or epoch seconds, compared as instants
  [
    { DateGreaterThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:01Z' } },
    { 'aws:TokenIssueTime': '2020-01-01T00:00:02Z' },
    true,
  ],
  [{ DateLessThan: { 'kms:ValidTo': '2030-01-01T00:00:00Z' } }, { 'kms:ValidTo': '1893456000' }, false],
  [{ DateLessThanEquals: { 'kms:ValidTo': '2030-01-01T00:00:00Z' } }, { 'kms:ValidTo': '1893456000' }, true],
  [{ DateEquals: { 'kms:ValidTo': '1893456000' } }, { 'kms:ValidTo': '2030-01-01T00:00:00Z' }, true],
  [{ DateNotEquals: { 'kms:ValidTo': '1893456000' } }, { 'kms:ValidTo': '2030-01-01T00:00:00Z' }, false],
  [
    { DateGreaterThanEquals: { 'kms:ValidTo': '2030-01-01' } },
    { 'kms:ValidTo': '2029-12-31T23:59:59Z' },
    false,
  ],
  // Bool (case-insensitive "true"/"false")
  [{ Bool: { 'kms:GrantIsForAWSResource': 'true' } }, { 'kms:GrantIsForAWSResource': 'true' }, true],
  [{ Bool: { 'kms:GrantIsForAWSResource': true } }, { 'kms:GrantIsForAWSResource': 'false' }, false],
  [{ Bool: { 'aws:SecureTransport': 'false' } }, {}, false],
  // Binary (base64)
  [{ BinaryEquals: { key: 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } }, { key: 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' }, true],
  // ARN operators (ArnEquals and ArnLike behave the same; wildcards per segment)
  [
    { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/app' } },
    { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/app' },
    true,
  ],
  [
    { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/app' } },
    { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/app' },
    true,
  ],
  [
    { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/app' } },
    { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:user/app' },
    false,
  ],
  [
    { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } },
    { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:user/app' },
    true,
  ],
  [{ ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } }, {}, true],
  // ...IfExists: a missing key holds; a present one is tested
  [{ StringEqualsIfExists: { 'kms:EncryptionContext:app': 'orders' } }, {}, true],
  [
    { StringEqualsIfExists: { 'kms:EncryptionContext:app': 'orders' } },
    { 'kms:EncryptionContext:app': 'billing' },
    false,
  ],
  [{ NumericLessThanIfExists: { 'kms:RotationPeriodInDays': '100' } }, {}, true],
  // Null: "true" — the key is absent; "false" — present
  [{ Null: { 'kms:ViaService': 'true' } }, {}, true],
  [{ Null: { 'kms:ViaService': 'true' } }, { 'kms:ViaService': 's3.us-east-1.amazonaws.com' }, false],
  [{ Null: { 'kms:EncryptionContextKeys': 'false' } }, { 'kms:EncryptionContextKeys': ['app'] }, true],
  [{ Null: { 'kms:EncryptionContextKeys': false } }, {}, false],
  // Set operators on multivalued keys
  [
    { 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['app', 'table'] } },
    { 'kms:EncryptionContextKeys': ['app'] },
    true,
  ],
  [
    { 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['app', 'table'] } },
    { 'kms:EncryptionContextKeys': ['app', 'user'] },
    false,
  ],
  // ForAllValues holds when the key is missing or empty (the docs' warning)
  [{ 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': 'app' } }, {}, true],
  [
    { 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': 'app' } },
    { 'kms:EncryptionContextKeys': [] },
    true,
  ],
  [
    { 'ForAnyValue:StringEquals': { 'kms:EncryptionContextKeys': 'app' } },
    { 'kms:EncryptionContextKeys': ['app', 'user'] },
    true,
  ],
  [{ 'ForAnyValue:StringEquals': { 'kms:EncryptionContextKeys': 'app' } }, {}, false],
  [
    { 'ForAnyValue:StringLike': { 'kms:ResourceAliases': 'alias/finance-*' } },
    { 'kms:ResourceAliases': ['alias/x', 'alias/finance-1'] },
    true,
  ],
  [
    { 'ForAllValues:StringNotEquals': { 'kms:GrantOperations': 'CreateGrant' } },
    { 'kms:GrantOperations': ['Encrypt', 'Decrypt'] },
    true,
  ],
  [
    { 'ForAllValues:StringNotEquals': { 'kms:GrantOperations': 'CreateGrant' } },
    { 'kms:GrantOperations': ['Encrypt', 'CreateGrant'] },
    false,
  ],
  [
    { 'ForAnyValue:StringNotEquals': { 'kms:GrantOperations': 'Encrypt' } },
    { 'kms:GrantOperations': ['Encrypt'] },
    false,
  ],
  // Condition key names are case-insensitive
  [{ StringEquals: { 'KMS:CALLERACCOUNT': '111122223333' } }, { 'kms:CallerAccount': '111122223333' }, true],
  // Operators kmsw has no keys for never hold
  [{ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.113.7' }, false],
  [{ StringEqualz: { 'kms:CallerAccount': '111122223333' } }, { 'kms:CallerAccount': '111122223333' }, false],
])('%j with %j holds: %s', (condition, values, expected) => {
  expect(holds(condition, values as Record<string, string | string[]>)).toBe(expected);
});

test('the failing operator and key are named, for explanations', () => {
  const [statement] = readPolicy({
    Statement: {
      Effect: 'Allow',
      Condition: {
        StringEquals: { 'kms:CallerAccount': '111122223333', 'kms:EncryptionContext:app': 'orders' },
      },
    },
  }).statements;
  const context: ConditionContext = (key) =>
    key === 'kms:calleraccount' ? { values: ['111122223333'] } : undefined;
  expect(failingCondition(statement!.condition!, context)).toBe('StringEquals kms:EncryptionContext:app');
});
