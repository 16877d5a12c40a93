/**
 * cloneRecord: deep copies that behave like structuredClone (what IndexedDB does) for record-shaped data.
 */
import { expect, test } from 'vitest';
import { cloneRecord } from './clone.ts';

test('copies nested objects, arrays and bytes without sharing anything', () => {
  const original = {
    a: { b: [1, { c: 'x' }] },
    bytes: new Uint8Array([1, 2, 3]),
    none: undefined,
    nil: null,
  };
  const copy = cloneRecord(original);
  expect(copy).toEqual(original);
  expect(copy.a).not.toBe(original.a);
  expect(copy.a.b[1]).not.toBe(original.a.b[1]);
  expect(copy.bytes).not.toBe(original.bytes);
  expect('none' in copy).toBe(true);
});

test('turns a Buffer or a view into a plain Uint8Array of just its bytes', () => {
  const buffer = Buffer.from([9, 8, 7]);
  const copy = cloneRecord({ buffer, view: new Uint8Array([0, 1, 2, 3, 4]).subarray(1, 3) });
  expect(Object.getPrototypeOf(copy.buffer)).toBe(Uint8Array.prototype);
  expect([...copy.buffer]).toEqual([9, 8, 7]);
  expect(copy.view.byteLength).toBe(2);
  expect(copy.view.buffer.byteLength).toBe(2);
  expect([...copy.view]).toEqual([1, 2]);
});

test('rejects functions and symbols as IndexedDB would', () => {
  expect(() => cloneRecord({ f: () => 1 })).toThrow(expect.objectContaining({ name: 'DataCloneError' }));
  expect(() => cloneRecord({ s: Symbol('s') })).toThrow(expect.objectContaining({ name: 'DataCloneError' }));
});

test('falls back to structuredClone for other types and for cycles', () => {
  const date = new Date(5);
  const copy = cloneRecord({ date, map: new Map([[1, 2]]) });
  expect(copy.date).toEqual(date);
  expect(copy.date).not.toBe(date);
  expect(copy.map.get(1)).toBe(2);
  const cyclic: { self?: unknown } = {};
  cyclic.self = cyclic;
  const cycleCopy = cloneRecord(cyclic);
  expect(cycleCopy.self).toBe(cycleCopy);
  expect(cycleCopy).not.toBe(cyclic);
});

test('keeps an own __proto__ key as data', () => {
  const copy = cloneRecord(JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>);
  expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  expect(Object.keys(copy)).toEqual(['__proto__']);
  expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
});
