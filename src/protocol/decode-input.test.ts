// Tests for decode-input.ts: conversion by shape and AWS's SerializationException texts.
import { expect, test } from 'vitest';
import type { OperationName } from '../api/generated/operations.ts';
import { SerializationException } from '../api/protocol-errors.ts';
import { decodeInput } from './decode-input.ts';

const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const NUMBER = 'class com.amazon.coral.value.json.numbers.TruncatingBigNumber';

function serializationMessage(operation: OperationName, json: unknown): string {
  try {
    decodeInput(operation, json);
  } catch (error) {
    expect(error).toBeInstanceOf(SerializationException);
    expect((error as SerializationException).status).toBe(400);
    return (error as SerializationException).message;
  }
  throw new Error(`${operation} decoded ${JSON.stringify(json)}`);
}

test('base64 strings become Uint8Array for blob members', () => {
  const input = decodeInput('Encrypt', { KeyId: KEY_ID, Plaintext: 'aGVsbG8=' });
  expect(input.Plaintext).toEqual(new TextEncoder().encode('hello'));
  expect(input.Plaintext).toBeInstanceOf(Uint8Array);
});

test('an empty base64 string is an empty blob, not a missing one', () => {
  expect(decodeInput('Encrypt', { KeyId: KEY_ID, Plaintext: '' }).Plaintext).toEqual(new Uint8Array());
});

test('base64 of the wrong length is a SerializationException naming the input', () => {
  expect(serializationMessage('Encrypt', { KeyId: KEY_ID, Plaintext: '23456' })).toBe(
    "'23456' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 5",
  );
});

test('base64 with a bad character is a SerializationException naming the character', () => {
  expect(serializationMessage('Encrypt', { KeyId: KEY_ID, Plaintext: '=+/=' })).toBe(
    "'=+/=' can not be converted to a Blob: Invalid Base64 character: '='",
  );
  expect(serializationMessage('Decrypt', { CiphertextBlob: 'ab-_' })).toBe(
    "'ab-_' can not be converted to a Blob: Invalid Base64 character: '-'",
  );
});

test('base64 with set padding bits is a SerializationException', () => {
  expect(serializationMessage('Encrypt', { KeyId: KEY_ID, Plaintext: '+/+=' })).toBe(
    "'+/+=' can not be converted to a Blob: Invalid last non-pad Base64 character dectected",
  );
});

test('blobs given other JSON types are SerializationExceptions', () => {
  expect(serializationMessage('Encrypt', { KeyId: KEY_ID, Plaintext: 23 })).toBe(
    `${NUMBER} can not be converted to a Blob`,
  );
  expect(serializationMessage('Encrypt', { KeyId: KEY_ID, Plaintext: true })).toBe(
    'class java.lang.Boolean can not be converted to a Blob',
  );
});

test('strings and enums given other JSON types are SerializationExceptions', () => {
  expect(serializationMessage('DescribeKey', { KeyId: 23 })).toBe(
    `${NUMBER} can not be converted to an String`,
  );
  expect(serializationMessage('DescribeKey', { KeyId: false })).toBe(
    'class java.lang.Boolean can not be converted to an String',
  );
  expect(serializationMessage('DescribeKey', { KeyId: [] })).toBe('Start of list found where not expected');
  expect(serializationMessage('DescribeKey', { KeyId: {} })).toBe(
    'Start of structure or map found where not expected.',
  );
  expect(serializationMessage('CreateKey', { KeySpec: 1 })).toBe(
    `${NUMBER} can not be converted to an String`,
  );
});

test('integers are truncated and reject strings and booleans', () => {
  expect(decodeInput('GenerateRandom', { NumberOfBytes: 5.9 })).toEqual({ NumberOfBytes: 5 });
  expect(serializationMessage('GenerateRandom', { NumberOfBytes: '23' })).toBe(
    'class java.lang.String can not be converted to an Integer',
  );
  expect(serializationMessage('GenerateRandom', { NumberOfBytes: true })).toBe(
    'class java.lang.Boolean can not be converted to an Integer',
  );
});

test('booleans accept true and false strings and reject other values', () => {
  expect(decodeInput('Encrypt', { KeyId: KEY_ID, DryRun: true }).DryRun).toBe(true);
  expect(decodeInput('Encrypt', { KeyId: KEY_ID, DryRun: 'False' }).DryRun).toBe(false);
  expect(serializationMessage('Encrypt', { KeyId: KEY_ID, DryRun: 'yes' })).toBe(
    "'YES' can not be converted to an Boolean",
  );
  expect(serializationMessage('Encrypt', { KeyId: KEY_ID, DryRun: 1 })).toBe(
    `${NUMBER} can not be converted to an Boolean`,
  );
});

test('lists, maps and structures given the wrong JSON type are SerializationExceptions', () => {
  expect(serializationMessage('DescribeKey', { KeyId: KEY_ID, GrantTokens: 'token' })).toBe(
    'Expected list or null',
  );
  expect(serializationMessage('DescribeKey', { KeyId: KEY_ID, GrantTokens: { a: 1 } })).toBe(
    'Start of structure or map found where not expected.',
  );
  expect(serializationMessage('Encrypt', { KeyId: KEY_ID, EncryptionContext: 'a=b' })).toBe(
    'Expected map or null',
  );
  expect(serializationMessage('Encrypt', { KeyId: KEY_ID, EncryptionContext: ['a'] })).toBe(
    'Start of list found where not expected',
  );
  expect(serializationMessage('Decrypt', { Recipient: 'enclave' })).toBe('Expected null');
  expect(serializationMessage('Decrypt', { Recipient: [] })).toBe('Start of list found where not expected');
  expect(serializationMessage('DescribeKey', [])).toBe('Start of list found where not expected');
});

test('a missing body is a SerializationException without a message', () => {
  expect(serializationMessage('ListKeys', undefined)).toBe('');
});

test('epoch-second numbers become Date for timestamps', () => {
  const input = decodeInput('ImportKeyMaterial', {
    KeyId: KEY_ID,
    ImportToken: 'AAAA',
    EncryptedKeyMaterial: 'AAAA',
    ValidTo: 1700000000.5,
  });
  expect(input.ValidTo).toEqual(new Date(1700000000500));
  expect(serializationMessage('ImportKeyMaterial', { ValidTo: '2026-01-01T00:00:00Z' })).toBe(
    'class java.lang.String can not be converted to a Date',
  );
});

test('unknown members and null members are dropped', () => {
  expect(decodeInput('DescribeKey', { KeyId: KEY_ID, GrantTokens: null, Unknown: { deep: [1] } })).toEqual({
    KeyId: KEY_ID,
  });
  expect(decodeInput('ListKeys', null)).toEqual({});
});

test('nested structures, lists and maps are decoded by shape', () => {
  const input = decodeInput('CreateKey', {
    Tags: [{ TagKey: 'k', TagValue: 'v', Extra: 1 }, null],
    Description: 'd',
  });
  expect(input).toEqual({ Description: 'd', Tags: [{ TagKey: 'k', TagValue: 'v' }, null] });

  const decrypt = decodeInput('Decrypt', {
    CiphertextBlob: 'AQID',
    EncryptionContext: { a: 'b' },
    Recipient: { KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256', AttestationDocument: 'BAU=' },
  });
  expect(decrypt).toEqual({
    CiphertextBlob: new Uint8Array([1, 2, 3]),
    EncryptionContext: { a: 'b' },
    Recipient: { KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256', AttestationDocument: new Uint8Array([4, 5]) },
  });
});

test('the overlay operations decode their blobs', () => {
  const input = decodeInput('Decapsulate', {
    KeyId: KEY_ID,
    SharedSecretCiphertextBlob: 'AAEC',
    EncapsulationAlgorithm: 'ML_KEM',
  });
  expect(input.SharedSecretCiphertextBlob).toEqual(new Uint8Array([0, 1, 2]));
});
