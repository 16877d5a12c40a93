// Tests for base64.ts against Node's Buffer (test-only) and AWS's rejection rules.
import { Buffer } from 'node:buffer';
import { expect, test } from 'vitest';
import { Base64Error, decodeBase64, decodeBase64View, encodeBase64 } from './base64.ts';

test('encodes and decodes like Node for every length up to 70 bytes', () => {
  for (let length = 0; length <= 70; length++) {
    const bytes = new Uint8Array(length).map((_, i) => (i * 37 + length) % 256);
    const text = encodeBase64(bytes);
    expect(text).toBe(Buffer.from(bytes).toString('base64'));
    expect(decodeBase64(text)).toEqual(bytes);
  }
});

test('encodes blobs larger than one chunk', () => {
  const bytes = new Uint8Array(200_001).map((_, i) => i % 251);
  expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
});

test('rejects input whose length is not a multiple of 4', () => {
  expect(() => decodeBase64('abc')).toThrow(
    new Base64Error('Base64 encoded length is expected a multiple of 4 bytes but found: 3'),
  );
});

test('rejects characters outside the standard alphabet and padding inside the text', () => {
  expect(() => decodeBase64('ab_-')).toThrow("Invalid Base64 character: '_'");
  expect(() => decodeBase64('ab c')).toThrow("Invalid Base64 character: ' '");
  expect(() => decodeBase64('a=bc')).toThrow("Invalid Base64 character: '='");
});

test('rejects non-zero padding bits and too much padding', () => {
  expect(() => decodeBase64('QR==')).toThrow('Invalid last non-pad Base64 character dectected');
  expect(() => decodeBase64('QUJ=')).toThrow('Invalid last non-pad Base64 character dectected');
  expect(() => decodeBase64('a===')).toThrow('Invalid last non-pad Base64 character dectected');
  expect(decodeBase64('QQ==')).toEqual(new Uint8Array([0x41]));
  expect(decodeBase64('QUI=')).toEqual(new Uint8Array([0x41, 0x42]));
});

test('decodeBase64 returns bytes that own their buffer; decodeBase64View may return a view of a shared one', () => {
  for (const length of [0, 1, 32, 64, 65, 1024, 5000]) {
    const bytes = new Uint8Array(length).map((_, i) => (i * 13 + 7) % 256);
    const text = Buffer.from(bytes).toString('base64');
    const owned = decodeBase64(text);
    expect(owned).toEqual(bytes);
    expect(owned.byteOffset).toBe(0);
    expect(owned.buffer.byteLength).toBe(length);
    const view = decodeBase64View(text);
    expect(view).toEqual(bytes);
    expect(Object.getPrototypeOf(view)).toBe(Uint8Array.prototype);
  }
});

test('decodeBase64View checks its input as strictly as decodeBase64', () => {
  for (const bad of ['abc', 'ab$d', 'ab=d', 'YR==']) {
    expect(() => decodeBase64View(bad)).toThrow(Base64Error);
    expect(() => decodeBase64(bad)).toThrow(Base64Error);
  }
});

test('encodes views into larger buffers, small and large, by their own bytes only', () => {
  const backing = new Uint8Array(300).map((_, i) => i % 256);
  for (const [offset, length] of [
    [3, 32],
    [5, 64],
    [7, 65],
    [11, 200],
  ] as const) {
    const view = backing.subarray(offset, offset + length);
    expect(encodeBase64(view)).toBe(Buffer.from(view).toString('base64'));
  }
});
