// Tests for bytes.ts and key-cache.ts.

import { expect, test } from 'vitest';
import {
  bigIntToBytes,
  bytesToBigInt,
  concatBytes,
  equalBytes,
  fromBase64Url,
  latin1,
  toBase64Url,
} from './bytes.ts';
import { KeyCache } from './key-cache.ts';

test('byte helpers convert and compare', () => {
  expect(concatBytes(new Uint8Array([1]), new Uint8Array(0), new Uint8Array([2, 3]))).toEqual(
    new Uint8Array([1, 2, 3]),
  );
  expect(equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
  expect(equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
  expect(equalBytes(new Uint8Array([1]), new Uint8Array([1, 0]))).toBe(false);
  expect(bytesToBigInt(new Uint8Array([1, 0]))).toBe(256n);
  expect(bytesToBigInt(new Uint8Array(0))).toBe(0n);
  expect(bigIntToBytes(256n, 3)).toEqual(new Uint8Array([0, 1, 0]));
  expect(() => bigIntToBytes(256n, 1)).toThrow(RangeError);
  const bytes = new Uint8Array([0xfb, 0xff, 0x01, 0x00]);
  expect(toBase64Url(bytes)).toBe('-_8BAA');
  expect(fromBase64Url('-_8BAA')).toEqual(bytes);
  expect(latin1(new Uint8Array(20000).fill(0x41))).toBe('A'.repeat(20000));
});

test('KeyCache returns the cached value, evicts the least recently used, and forgets failures', async () => {
  const cache = new KeyCache<number>(2);
  let created = 0;
  const make = async (): Promise<number> => ++created;
  const a = new Uint8Array([1]);
  const b = new Uint8Array([2]);
  const c = new Uint8Array([3]);
  expect(await cache.get('u', a, make)).toBe(1);
  expect(await cache.get('u', a, make)).toBe(1);
  expect(await cache.get('v', a, make)).toBe(2); // another usage of the same bytes
  expect(await cache.get('u', a, make)).toBe(1); // a is now most recent
  expect(await cache.get('u', b, make)).toBe(3); // evicts ('v', a)
  expect(cache.size).toBe(2);
  expect(await cache.get('v', a, make)).toBe(4);
  await expect(cache.get('u', c, () => Promise.reject(new Error('bad key')))).rejects.toThrow('bad key');
  await Promise.resolve();
  expect(await cache.get('u', c, make)).toBe(5);
});
