// Tests for hmac.ts: RFC 4231 vectors, node:crypto agreement at AWS key sizes, constant-time verify.

import { createHmac } from 'node:crypto';
import { expect, test } from 'vitest';
import { hmac, hmacVerify } from './hmac.ts';
import { randomBytes } from './random.ts';
import type { MacAlgorithmSpec } from './specs.ts';
import { toHex, utf8 } from './test-helpers.ts';

// RFC 4231 test case 2.
const KEY = utf8('Jefe');
const DATA = utf8('what do ya want for nothing?');
const RFC4231: Record<MacAlgorithmSpec, string> = {
  HMAC_SHA_224: 'a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44',
  HMAC_SHA_256: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  HMAC_SHA_384:
    'af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649',
  HMAC_SHA_512:
    '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
};
const NODE_HASH = {
  HMAC_SHA_224: 'sha224',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};
const KEY_SIZE = { HMAC_SHA_224: 28, HMAC_SHA_256: 32, HMAC_SHA_384: 48, HMAC_SHA_512: 64 };
const ALGORITHMS = Object.keys(RFC4231) as MacAlgorithmSpec[];

test('hmac matches RFC 4231 test case 2 for every algorithm', async () => {
  for (const algorithm of ALGORITHMS) {
    expect(toHex(await hmac(algorithm, KEY, DATA))).toBe(RFC4231[algorithm]);
  }
});

test('hmac agrees with node:crypto for AWS key sizes', async () => {
  for (const algorithm of ALGORITHMS) {
    const key = randomBytes(KEY_SIZE[algorithm]);
    const message = randomBytes(1000);
    const expected = createHmac(NODE_HASH[algorithm], key).update(message).digest('hex');
    expect(toHex(await hmac(algorithm, key, message))).toBe(expected);
    expect(toHex(await hmac(algorithm, key, message))).toBe(expected); // cached CryptoKey
  }
});

test('hmacVerify accepts the right MAC and rejects a changed MAC, message, key or length', async () => {
  for (const algorithm of ALGORITHMS) {
    const mac = await hmac(algorithm, KEY, DATA);
    expect(await hmacVerify(algorithm, KEY, DATA, mac)).toBe(true);
    const changed = mac.slice();
    changed[0] = (changed[0] as number) ^ 0x80;
    expect(await hmacVerify(algorithm, KEY, DATA, changed)).toBe(false);
    expect(await hmacVerify(algorithm, KEY, utf8('other'), mac)).toBe(false);
    expect(await hmacVerify(algorithm, utf8('Jeff'), DATA, mac)).toBe(false);
    expect(await hmacVerify(algorithm, KEY, DATA, mac.subarray(1))).toBe(false);
  }
});
