// Tests for random.ts: lengths, chunking past the getRandomValues limit, argument checks.

import { expect, test } from 'vitest';
import { randomBytes } from './random.ts';

test('randomBytes returns the requested length, also past the 65536-byte getRandomValues limit', () => {
  expect(randomBytes(0)).toHaveLength(0);
  expect(randomBytes(32)).toHaveLength(32);
  const big = randomBytes(100_000);
  expect(big).toHaveLength(100_000);
  expect(big.subarray(70_000, 70_032).some((b) => b !== 0)).toBe(true);
});

test('randomBytes gives different values on each call', () => {
  expect(Buffer.from(randomBytes(32)).equals(Buffer.from(randomBytes(32)))).toBe(false);
});

test('randomBytes rejects a negative or fractional count', () => {
  expect(() => randomBytes(-1)).toThrow(RangeError);
  expect(() => randomBytes(1.5)).toThrow(RangeError);
});
