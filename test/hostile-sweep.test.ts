/**
 * The hostile-request sweep: 1,680 malformed or unlucky requests (30 per operation, seeded, the same every run) to
 * `kmsw serve` over HTTP. Every error must have a type the operation documents (or a common AWS error) and a
 * message — bare `{"__type"}` only where AWS is recorded or documented to send one — and never a 5xx.
 */
import { expect, test } from 'vitest';
import { OPERATIONS, OPERATION_NAMES } from '../src/api/generated/operations.ts';
import { SHAPES } from '../src/api/generated/shapes.ts';
import { prng } from './support/prng.ts';
import { serve } from './support/serve.ts';

/** Errors any AWS JSON operation can answer (CommonErrors.html, and the JSON protocol's own). */
const COMMON = new Set([
  'AccessDeniedException',
  'IncompleteSignatureException',
  'MissingAuthenticationTokenException',
  'SerializationException',
  'ThrottlingException',
  'UnknownOperationException',
  'UnrecognizedClientException',
  'ValidationException',
  'NotAuthorizedException',
]);
/** AWS sends these without a message (recorded in ../shared/aws-recorded, or in FIDELITY.md with its source). */
const BARE_BY_AWS = new Set([
  'InvalidCiphertextException',
  'KMSInvalidSignatureException',
  'KMSInvalidMacException',
  'UnknownOperationException',
  'NotAuthorizedException',
  'RotateKeyOnDemand UnsupportedOperationException',
  'EnableKeyRotation UnsupportedOperationException',
  'DisableKeyRotation UnsupportedOperationException',
  'GetKeyRotationStatus UnsupportedOperationException',
  'DeriveSharedSecret ValidationException',
]);

test('hostile requests to kmsw serve: every error has a documented type and a message (or AWS sends none)', async () => {
  const started = serve([]);
  const endpoint = await started.url;
  const call = async (target: string, body: unknown) => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': `TrentService.${target}`, 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  const keys: string[] = [];
  for (const body of [
    {},
    { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' },
    { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' },
    { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' },
  ]) {
    keys.push(((await call('CreateKey', body)).json.KeyMetadata as { KeyId: string }).KeyId);
  }
  const rng = prng(11);
  const strings = [
    ...keys,
    `arn:aws:kms:us-east-1:000000000000:key/${keys[0]}`,
    `arn:aws-cn:kms:us-east-1:000000000000:key/${keys[0]}`,
    `arn:aws:kms:eu-west-1:000000000000:key/${keys[0]}`,
    'alias/aws/s3',
    'alias/none',
    'cks-1234567890abcdef0',
    'a'.repeat(64),
    '',
    ' ',
    'x'.repeat(3000),
    '\u0000\uffff',
    'SYMMETRIC_DEFAULT',
    'ENCRYPT_DECRYPT',
    'AAAA',
    '@@@',
  ];
  const values = [...strings, 0, -1, 1, 5000, 1.5, true, false, null, [], {}, ['Encrypt'], { a: 'b' }];
  const failures: string[] = [];
  let sent = 0;
  for (const name of OPERATION_NAMES) {
    const shape = SHAPES[OPERATIONS[name].input];
    const members = shape?.type === 'structure' ? Object.keys(shape.members) : [];
    const documented = new Set<string>(OPERATIONS[name].errors);
    for (let i = 0; i < 30; i++) {
      const body: Record<string, unknown> = {};
      for (const member of members) if (rng.next() < 0.6) body[member] = rng.pick(values);
      const { status, json } = await call(name, body);
      sent++;
      if (status === 200) continue;
      const type = String(json.__type);
      const message = typeof json.message === 'string' ? json.message : '';
      if (!documented.has(type) && !COMMON.has(type))
        failures.push(`${name}: undocumented ${type} for ${JSON.stringify(body).slice(0, 120)}`);
      if (!message && !BARE_BY_AWS.has(type) && !BARE_BY_AWS.has(`${name} ${type}`)) {
        failures.push(`${name}: ${type} without a message for ${JSON.stringify(body).slice(0, 120)}`);
      }
      if (status >= 500) failures.push(`${name}: HTTP ${status} ${type}`);
    }
  }
  expect(sent).toBe(OPERATION_NAMES.length * 30);
  expect(failures).toEqual([]);
}, 120_000);
