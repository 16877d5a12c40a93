import { expect, test } from 'vitest';
import { aesKeyUnwrapPadded } from './aes-key-wrap.ts';
import { hex, toHex } from './test-helpers.ts';

// RFC 5649 section 6: the two test vectors (192-bit KEK).
const KEK = '5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8';

test('unwraps the RFC 5649 test vectors', async () => {
  expect(
    toHex(
      (await aesKeyUnwrapPadded(
        hex(KEK),
        hex('138bdeaa9b8fa7fc61f97742e72248ee5ae6ae5360d1ae6a5f54f373fa543b6a'),
      ))!,
    ),
  ).toBe('c37b7e6492584340bed12207808941155068f738');
  expect(toHex((await aesKeyUnwrapPadded(hex(KEK), hex('afbeb0f07dfbf5419200f2ccb50bb24f')))!)).toBe(
    '466f7250617369',
  );
});

test('answers null for a changed bit or a wrong key-encryption key', async () => {
  const wrapped = hex('afbeb0f07dfbf5419200f2ccb50bb24f');
  wrapped[3]! ^= 1;
  expect(await aesKeyUnwrapPadded(hex(KEK), wrapped)).toBeNull();
  expect(await aesKeyUnwrapPadded(new Uint8Array(24), hex('afbeb0f07dfbf5419200f2ccb50bb24f'))).toBeNull();
  expect(await aesKeyUnwrapPadded(hex(KEK), new Uint8Array(5))).toBeNull();
});

test('refuses a key-encryption key that is no AES key size', async () => {
  await expect(aesKeyUnwrapPadded(new Uint8Array(20), new Uint8Array(16))).rejects.toThrow(
    /16, 24 or 32 bytes/,
  );
});
