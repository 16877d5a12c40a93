import { expect, test } from 'vitest';
import { createTokenBuckets } from './token-buckets.ts';

test('a bucket holds one second of requests and refills at the rate on the given clock', () => {
  const buckets = createTokenBuckets();
  for (let i = 0; i < 5; i++) expect(buckets.take('k', 5, 1, 0)).toBe(true);
  expect(buckets.take('k', 5, 1, 0)).toBe(false);
  expect(buckets.take('k', 5, 1, 199)).toBe(false);
  expect(buckets.take('k', 5, 1, 200)).toBe(true);
  // Never more than a second's worth, however long the wait.
  let granted = 0;
  while (buckets.take('k', 5, 1, 60_000)) granted++;
  expect(granted).toBe(5);
  // Buckets are independent.
  expect(buckets.take('other', 5, 1, 60_000)).toBe(true);
});

test('fractional rates hold one request and refill slowly; costs weigh; clear empties all', () => {
  const buckets = createTokenBuckets();
  expect(buckets.take('slow', 0.25, 1, 0)).toBe(true);
  expect(buckets.take('slow', 0.25, 1, 3_999)).toBe(false);
  expect(buckets.take('slow', 0.25, 1, 4_000)).toBe(true);
  expect(buckets.take('heavy', 4, 3, 0)).toBe(true);
  expect(buckets.take('heavy', 4, 3, 0)).toBe(false);
  expect(buckets.take('heavy', 4, 1, 0)).toBe(true);
  buckets.clear();
  expect(buckets.take('heavy', 4, 3, 0)).toBe(true);
  // A clock moved back refills nothing.
  expect(buckets.take('heavy', 4, 1, -10_000)).toBe(true);
  expect(buckets.take('heavy', 4, 1, -10_000)).toBe(false);
});
