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

test('randomBytes never hands out the same pooled bytes twice, across pool refills', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 2000; i++) seen.add(Buffer.from(randomBytes(16)).toString('hex'));
  expect(seen.size).toBe(2000);
  // Mixed sizes straddling the pool's end, pooled and not, each its own copy.
  const sizes = [1, 12, 32, 255, 256, 257, 4000];
  const outs = sizes.map((size) => randomBytes(size));
  expect(outs.map((o) => o.length)).toEqual(sizes);
  expect(outs.map((o) => o.buffer.byteLength)).toEqual(sizes);
});
