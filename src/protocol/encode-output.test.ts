// Tests for encode-output.ts: JSON-ready output by shape.
import { expect, test } from 'vitest';
import type { OperationName } from '../api/generated/operations.ts';
import { decodeBase64 } from '../api/base64.ts';
import { encodeOutput } from './encode-output.ts';

const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const ARN = `arn:aws:kms:us-east-1:111111111111:key/${KEY_ID}`;

test('blobs become base64 strings', () => {
  expect(
    encodeOutput('Encrypt', {
      CiphertextBlob: new Uint8Array([1, 2, 3, 255]),
      KeyId: ARN,
      EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    }),
  ).toEqual({ CiphertextBlob: 'AQID/w==', KeyId: ARN, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
});

test('large blobs round-trip through base64', () => {
  const bytes = new Uint8Array(100_000).map((_, i) => (i * 7919) % 256);
  const out = encodeOutput('GenerateRandom', { Plaintext: bytes });
  expect(decodeBase64(out.Plaintext as string)).toEqual(bytes);
});

test('dates become epoch seconds, with fractions', () => {
  const out = encodeOutput('GetParametersForImport', {
    KeyId: ARN,
    ImportToken: new Uint8Array([9]),
    PublicKey: new Uint8Array([8]),
    ParametersValidTo: new Date(1700000000123),
  });
  expect(out).toEqual({
    KeyId: ARN,
    ImportToken: 'CQ==',
    PublicKey: 'CA==',
    ParametersValidTo: 1700000000.123,
  });
});

test('undefined and null members are left out and unknown members dropped', () => {
  const out = encodeOutput('Decrypt', {
    KeyId: ARN,
    Plaintext: undefined,
    CiphertextForRecipient: null,
    internalKeyMaterial: new Uint8Array([1]),
  });
  expect(out).toEqual({ KeyId: ARN });
  expect(JSON.stringify(out)).toBe(`{"KeyId":"${ARN}"}`);
});

test('members are written in model order', () => {
  const out = encodeOutput('GenerateDataKey', {
    KeyMaterialId: 'm',
    KeyId: ARN,
    Plaintext: new Uint8Array([1]),
    CiphertextBlob: new Uint8Array([2]),
  });
  expect(Object.keys(out)).toEqual(['CiphertextBlob', 'Plaintext', 'KeyId', 'KeyMaterialId']);
});

test('nested structures and lists are encoded, with model defaults for missing members', () => {
  const created = new Date(1600000000000);
  const out = encodeOutput('DescribeKey', {
    KeyMetadata: {
      KeyId: KEY_ID,
      Arn: ARN,
      CreationDate: created,
      KeyUsage: 'ENCAPSULATE_DECAPSULATE',
      KeySpec: 'ML_KEM_768',
      EncapsulationAlgorithms: ['ML_KEM'],
      MultiRegion: false,
    },
  });
  expect(out).toEqual({
    KeyMetadata: {
      KeyId: KEY_ID,
      Arn: ARN,
      CreationDate: 1600000000,
      Enabled: false,
      KeyUsage: 'ENCAPSULATE_DECAPSULATE',
      KeySpec: 'ML_KEM_768',
      EncapsulationAlgorithms: ['ML_KEM'],
      MultiRegion: false,
    },
  });
});

test('list outputs get Truncated from the model default', () => {
  const out = encodeOutput('ListAliases', {
    Aliases: [
      {
        AliasName: 'alias/a',
        AliasArn: 'arn:aws:kms:us-east-1:111111111111:alias/a',
        CreationDate: new Date(0),
      },
    ],
  });
  expect(out).toEqual({
    Aliases: [
      { AliasName: 'alias/a', AliasArn: 'arn:aws:kms:us-east-1:111111111111:alias/a', CreationDate: 0 },
    ],
    Truncated: false,
  });
});

test('maps are encoded entry by entry', () => {
  const out = encodeOutput('ListGrants', {
    Grants: [{ GrantId: 'g', Constraints: { EncryptionContextSubset: { a: 'b' } }, Operations: ['Encrypt'] }],
    Truncated: true,
  });
  expect(out).toEqual({
    Grants: [{ GrantId: 'g', Operations: ['Encrypt'], Constraints: { EncryptionContextSubset: { a: 'b' } } }],
    Truncated: true,
  });
});

test('operations with Unit output encode to an empty object', () => {
  for (const op of ['CreateAlias', 'EnableKey', 'TagResource'] satisfies OperationName[]) {
    expect(encodeOutput(op, undefined)).toEqual({});
    expect(encodeOutput(op, {})).toEqual({});
  }
});

test('values of the wrong type are reported as implementation bugs', () => {
  expect(() => encodeOutput('Encrypt', { CiphertextBlob: 'AQID' })).toThrow(
    new TypeError('encodeOutput: EncryptResponse.CiphertextBlob must be a Uint8Array, got string'),
  );
  expect(() => encodeOutput('GenerateRandom', [])).toThrow(TypeError);
  expect(() => encodeOutput('ListKeys', { Keys: [{ KeyId: 5 }] })).toThrow(
    'encodeOutput: ListKeysResponse.Keys[0].KeyId must be a string, got number',
  );
  expect(() => encodeOutput('CreateKey', { KeyMetadata: { KeyId: KEY_ID, CreationDate: 1 } })).toThrow(
    TypeError,
  );
});

test('the overlay operations encode their blobs', () => {
  const out = encodeOutput('Encapsulate', {
    KeyId: ARN,
    SharedSecret: new Uint8Array(32),
    SharedSecretCiphertextBlob: new Uint8Array([1]),
    EncapsulationAlgorithm: 'ML_KEM',
  });
  expect(out).toEqual({
    KeyId: ARN,
    SharedSecret: 'A'.repeat(43) + '=',
    SharedSecretCiphertextBlob: 'AQ==',
    EncapsulationAlgorithm: 'ML_KEM',
  });
});
