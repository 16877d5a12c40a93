import { expect, test } from 'vitest';
import { formatBytes, parseBytes, pemOrBase64ToBytes } from './bytes.ts';

test('parses and formats text, hex and base64 the same bytes', () => {
  const bytes = parseBytes('héllo', 'text');
  expect(formatBytes(bytes, 'hex')).toBe('68c3a96c6c6f');
  expect(formatBytes(bytes, 'base64')).toBe('aMOpbGxv');
  expect(parseBytes('68 c3 a9 6c 6c 6f', 'hex')).toEqual(bytes);
  expect(parseBytes('aMOp\nbGxv', 'base64')).toEqual(bytes);
  expect(formatBytes(bytes, 'text')).toBe('héllo');
});

test('refuses malformed hex and base64 with a message that says what is expected', () => {
  expect(() => parseBytes('abc', 'hex')).toThrow('Not hex');
  expect(() => parseBytes('zz', 'hex')).toThrow('Not hex');
  expect(() => parseBytes('a$b=', 'base64')).toThrow('Not base64');
});

test('reads a PEM public key as its DER bytes', () => {
  expect(pemOrBase64ToBytes('-----BEGIN PUBLIC KEY-----\nAAEC\n-----END PUBLIC KEY-----\n')).toEqual(
    new Uint8Array([0, 1, 2]),
  );
});
