// Tests for encryption-context.ts: the canonical, length-prefixed encoding bound as additional authenticated data.
import { expect, test } from 'vitest';
import { encodeEncryptionContext } from './encryption-context.ts';

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** The keys of an encoding, in the order they were written. */
function keysOf(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder();
  const keys: string[] = [];
  let offset = 4;
  for (let i = 0; i < view.getUint32(0); i++) {
    const keyLength = view.getUint32(offset);
    keys.push(decoder.decode(bytes.subarray(offset + 4, offset + 4 + keyLength)));
    offset += 4 + keyLength;
    offset += 4 + view.getUint32(offset);
  }
  expect(offset).toBe(bytes.length);
  return keys;
}

test('encodes a small context with the exact documented layout', () => {
  expect(hex(encodeEncryptionContext({ b: 'xy', a: '1' }))).toBe(
    [
      '00000002', // pair count
      '00000001',
      '61', // "a"
      '00000001',
      '31', // "1"
      '00000001',
      '62', // "b"
      '00000002',
      '7879', // "xy"
    ].join(''),
  );
});

test('encodes the same pairs identically whatever their insertion order', () => {
  const one = encodeEncryptionContext({ purpose: 'test', tenant: 'acme', z: '', a: 'b' });
  const two = encodeEncryptionContext({ a: 'b', z: '', tenant: 'acme', purpose: 'test' });
  expect(two).toEqual(one);
});

test('never lets {a:"bc"} and {ab:"c"} collide', () => {
  expect(encodeEncryptionContext({ a: 'bc' })).not.toEqual(encodeEncryptionContext({ ab: 'c' }));
  expect(encodeEncryptionContext({ a: 'b', c: 'd' })).not.toEqual(encodeEncryptionContext({ a: 'bcd' }));
});

test('encodes an empty context and no context alike, as a zero pair count', () => {
  expect(encodeEncryptionContext(undefined)).toEqual(new Uint8Array(4));
  expect(encodeEncryptionContext({})).toEqual(encodeEncryptionContext(undefined));
});

test('distinguishes an empty value from a missing pair', () => {
  expect(encodeEncryptionContext({ a: '' })).not.toEqual(encodeEncryptionContext({}));
});

test('sorts keys by their UTF-8 bytes, not by UTF-16 code units or locale', () => {
  // U+FF61 is one UTF-16 unit above the surrogate U+D83D of 😀 in JavaScript order, but below it in UTF-8
  // (EF BD A1 < F0 9F 98 80). "é" (C3 A9) sorts after every ASCII key, "Z" before "a".
  const context = { '😀': '1', '\uff61': '2', é: '3', a: '4', Z: '5' };
  expect(Object.keys(context).sort()).toEqual(['Z', 'a', 'é', '😀', '\uff61']);
  expect(keysOf(encodeEncryptionContext(context))).toEqual(['Z', 'a', 'é', '\uff61', '😀']);
});

test('sorts a key before every longer key it is a prefix of', () => {
  expect(keysOf(encodeEncryptionContext({ ab: '1', a: '2', abc: '3', b: '4' }))).toEqual([
    'a',
    'ab',
    'abc',
    'b',
  ]);
});

test('length-prefixes keys and values by their UTF-8 byte length', () => {
  const bytes = encodeEncryptionContext({ é: '😀' });
  expect(hex(bytes)).toBe('00000001' + '00000002' + 'c3a9' + '00000004' + 'f09f9880');
});
