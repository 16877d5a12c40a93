// Tests for clock.ts: the adjustable clock follows its base time plus an offset that only moves forward by advance().
import { expect, test } from 'vitest';
import { createAdjustableClock, DAY_MS } from './clock.ts';

test('follows the base time plus the initial offset', () => {
  let base = 1_000;
  const clock = createAdjustableClock(() => base, 50);
  expect(clock.now()).toBe(1_050);
  base = 2_000;
  expect(clock.now()).toBe(2_050);
  expect(clock.offsetMs()).toBe(50);
});

test('follows the system time by default', () => {
  const clock = createAdjustableClock();
  const before = Date.now();
  const now = clock.now();
  expect(now).toBeGreaterThanOrEqual(before);
  expect(now).toBeLessThanOrEqual(Date.now());
  expect(clock.offsetMs()).toBe(0);
});

test('advances by adding to the offset', () => {
  const clock = createAdjustableClock(() => 0);
  clock.advance(30 * DAY_MS);
  clock.advance(0);
  clock.advance(5);
  expect(clock.offsetMs()).toBe(30 * DAY_MS + 5);
  expect(clock.now()).toBe(30 * DAY_MS + 5);
});

test('refuses to advance backwards or by a non-finite amount, and keeps its offset', () => {
  const clock = createAdjustableClock(() => 0, 10);
  for (const ms of [-1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
    expect(() => clock.advance(ms), String(ms)).toThrow(RangeError);
  }
  expect(() => clock.advance(-1)).toThrow('clock can only advance by a finite, non-negative ms, got -1');
  expect(clock.offsetMs()).toBe(10);
});

test('sets any finite offset, including a negative one or zero', () => {
  const clock = createAdjustableClock(() => 1_000, 10);
  clock.setOffset(-400);
  expect(clock.now()).toBe(600);
  clock.setOffset(0);
  expect(clock.now()).toBe(1_000);
});

test('refuses a non-finite offset and keeps the previous one', () => {
  const clock = createAdjustableClock(() => 0, 10);
  for (const ms of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
    expect(() => clock.setOffset(ms), String(ms)).toThrow(RangeError);
  }
  expect(() => clock.setOffset(Number.NaN)).toThrow('clock offset must be finite, got NaN');
  expect(clock.offsetMs()).toBe(10);
});

test('counts a day in milliseconds', () => {
  expect(DAY_MS).toBe(86_400_000);
});
