// Tests for sm3.ts: GB/T 32905 vectors and agreement with OpenSSL (node:crypto sm3).

import { createHash } from 'node:crypto';
import { expect, test } from 'vitest';
import { sm3 } from './sm3.ts';
import { toHex, utf8 } from './test-helpers.ts';

test('SM3 of "abc" matches GB/T 32905 example 1', () => {
  expect(toHex(sm3(utf8('abc')))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
});

test('SM3 of "abcd" x 16 matches GB/T 32905 example 2', () => {
  expect(toHex(sm3(utf8('abcd'.repeat(16))))).toBe(
    'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
  );
});

test('SM3 agrees with OpenSSL across block boundaries and in streaming mode', () => {
  for (const length of [0, 1, 55, 56, 63, 64, 65, 127, 128, 1000]) {
    const data = new Uint8Array(length).map((_, i) => (i * 31 + length) & 0xff);
    expect(toHex(sm3(data))).toBe(createHash('sm3').update(data).digest('hex'));
    const streamed = sm3
      .create()
      .update(data.subarray(0, length >> 1))
      .update(data.subarray(length >> 1));
    expect(toHex(streamed.digest())).toBe(createHash('sm3').update(data).digest('hex'));
  }
});
