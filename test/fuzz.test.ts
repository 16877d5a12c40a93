/**
 * Fuzzing the request path: thousands of malformed requests (seeded PRNG, so every run sends the same ones) straight
 * into `emulator.fetch` and a few hundred through msw/node. Every request is broken in at least one way that must
 * make it fail: bad JSON, wrong member types, bad base64, oversize bodies and members, garbage X-Amz-Target or
 * method, huge encryption contexts, random ciphertexts and signatures, random key ids, unicode junk, deep nesting
 * (content types and authorization headers are scrambled on top). For each one: the handler does not throw, the
 * answer is an AWS-shaped error (4xx/5xx, never 500 KMSInternalException, a JSON body with a string `__type`, an
 * `x-amzn-requestid` header), and the store is exactly as before.
 */
import { isDeepStrictEqual } from 'node:util';
import { setupServer } from 'msw/node';
import { expect, test } from 'vitest';
import { decodeBase64, encodeBase64 } from '../src/api/base64.ts';
import { OPERATIONS, type OperationName } from '../src/api/generated/operations.ts';
import { SHAPES } from '../src/api/generated/shapes.ts';
import { UNIT, type StructureDef } from '../src/api/shape-def.ts';
import { createKmsEmulator, kmsHandlers, type KmsEmulator } from '../src/index.ts';
import { parseState } from '../src/store/state-document.ts';
import { prng } from './support/prng.ts';

const DIRECT_CASES = 3600;
const MSW_CASES = 300;
const PLAUSIBLE_CASES = 3000;
const ENDPOINT = 'https://kms.us-east-1.amazonaws.com/';

const SYM = '0a0b0c0d-0000-4000-8000-000000000001';
const HMAC = '0a0b0c0d-0000-4000-8000-000000000002';
const ECC = '0a0b0c0d-0000-4000-8000-000000000003';
const RSA = '0a0b0c0d-0000-4000-8000-000000000004';
const EXISTING = [SYM, HMAC, ECC, RSA, 'alias/fuzz', `arn:aws:kms:us-east-1:000000000000:key/${SYM}`];

type Rng = ReturnType<typeof prng>;

interface FuzzCase {
  label: string;
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

const OPERATION_NAMES = Object.keys(OPERATIONS) as OperationName[];
const WITH_INPUT = OPERATION_NAMES.filter((op) => (OPERATIONS[op].input as string) !== UNIT);
const inputShape = (op: OperationName) => SHAPES[OPERATIONS[op].input] as StructureDef;
const membersOf = (op: OperationName) => Object.entries(inputShape(op).members);
/** Operations whose KeyId (or TargetKeyId) is required: a key id that names nothing must fail them. */
const KEY_ID_OPS = WITH_INPUT.filter((op) =>
  membersOf(op).some(([name, m]) => (name === 'KeyId' || name === 'TargetKeyId') && m.required),
);
const BLOB_OPS = WITH_INPUT.filter((op) => membersOf(op).some(([, m]) => SHAPES[m.target]?.type === 'blob'));

const JUNK_CHARS = [
  '\u0000',
  '\ud800',
  '\udfff',
  '\u202e',
  '\u200b',
  '\ufeff',
  '💥',
  '𝕂',
  'é',
  '\n',
  '"',
  '\\',
  '/',
  ':',
  '%00',
  '${x}',
  '<script>',
  ' ',
];
function junkString(r: Rng, max = 40): string {
  let s = '';
  const n = r.int(1, max);
  for (let i = 0; i < n; i++)
    s += r.chance(0.5) ? r.pick(JUNK_CHARS) : String.fromCharCode(r.int(0x20, 0x7e));
  return s;
}

/** A latin-1 header value (what Headers accept), never empty, no surrounding blanks (Headers trims them). */
function headerJunk(r: Rng): string {
  let s = '';
  const n = r.int(1, 30);
  for (let i = 0; i < n; i++) s += String.fromCharCode(r.chance(0.8) ? r.int(0x21, 0x7e) : r.int(0xa1, 0xff));
  return s;
}

function randomUuid(r: Rng): string {
  const h = Array.from(r.bytes(16), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A KeyId that names no key (never a predefined alias/aws/<service>, which would create a key). */
function randomKeyId(r: Rng): string {
  switch (r.int(0, 9)) {
    case 0:
      return randomUuid(r);
    case 1:
      return `mrk-${Array.from(r.bytes(16), (b) => b.toString(16).padStart(2, '0')).join('')}`;
    case 2:
      return `arn:aws:kms:us-east-1:000000000000:key/${randomUuid(r)}`;
    case 3:
      return `arn:aws:kms:${r.pick(['eu-west-1', '', 'us-east-1'])}:${r.pick(['111122223333', '', 'x'])}:${r.pick(['key/', 'alias/', ''])}${junkString(r, 10)}`;
    case 4:
      return `alias/fuzz-${Array.from(r.bytes(6), (b) => b.toString(36)).join('')}`;
    case 5:
      return `alias/aws/not-a-service-${r.int(0, 1e6)}`;
    case 6:
      return junkString(r);
    case 7:
      return r.pick([
        '',
        ' ',
        'alias/',
        'arn:',
        'arn:aws:kms:::',
        'key/',
        '00000000-0000-0000-0000-000000000000',
      ]);
    case 8:
      return `arn:aws:kms:us-east-1:000000000000:alias/fuzz-${r.int(0, 1e6)}`;
    default:
      return randomUuid(r).toUpperCase();
  }
}

/** A plausible value for a member, by shape (so the request gets as far as possible). */
function plausible(r: Rng, target: string, depth = 0): unknown {
  const def = SHAPES[target]!;
  switch (def.type) {
    case 'string':
      return r.chance(0.7) ? r.pick(EXISTING) : junkString(r, 20);
    case 'enum':
      return r.chance(0.9) ? r.pick(def.values) : junkString(r, 10);
    case 'integer':
    case 'long':
      return r.pick([0, 1, 7, 32, 64, 1024, -1, 2 ** 31, 1.5]);
    case 'boolean':
      return r.chance(0.5);
    case 'blob':
      return encodeBase64(r.bytes(r.int(1, 64)));
    case 'timestamp':
      return r.int(0, 2e9);
    case 'list':
      return depth > 2 ? [] : Array.from({ length: r.int(0, 3) }, () => plausible(r, def.member, depth + 1));
    case 'map':
      return depth > 2 ? {} : Object.fromEntries([[junkString(r, 8), plausible(r, def.value, depth + 1)]]);
    case 'structure':
      return depth > 2
        ? {}
        : Object.fromEntries(
            Object.entries(def.members)
              .filter(() => r.chance(0.5))
              .map(([name, m]) => [name, plausible(r, m.target, depth + 1)]),
          );
  }
}

function plausibleBody(r: Rng, op: OperationName): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, member] of membersOf(op)) {
    if (member.required || r.chance(0.4)) body[name] = plausible(r, member.target);
  }
  return body;
}

/** A JSON value of a type the member's shape can never decode from (never null: null means absent). */
function wrongType(r: Rng, target: string): unknown {
  const def = SHAPES[target]!;
  const deep = () => JSON.parse('['.repeat(50) + ']'.repeat(50)) as unknown;
  const pool: Record<string, unknown[]> = {
    text: [r.int(-1e9, 1e9), 1e308, -0, r.chance(0.5), [], ['a'], {}, { a: 'b' }, deep()],
    number: ['1', '', 'NaN', junkString(r, 5), true, false, [1], { n: 1 }],
    boolean: [0, 1, 2.5, 'yes', 'maybe', '', [true], { b: true }],
    list: ['a', 1, true, { 0: 'a' }],
    map: ['a', 1, true, [], [['k', 'v']]],
    structure: ['a', 1, true, [], [{}]],
    timestamp: ['2024-01-01', '', true, [], {}],
  };
  switch (def.type) {
    case 'string':
    case 'enum':
    case 'blob':
      return r.pick(pool.text!);
    case 'integer':
    case 'long':
      return r.pick(pool.number!);
    default:
      return r.pick(pool[def.type]!);
  }
}

/** A string decodeBase64 refuses. */
function badBase64(r: Rng): string {
  const candidates = [
    'A',
    'AAA',
    'AA=A',
    'A===',
    'AB==',
    'AAB=',
    '====',
    '****',
    'AAAA AAAA',
    `${encodeBase64(r.bytes(r.int(1, 40)))}!`,
    encodeBase64(r.bytes(r.int(3, 40))).replace(/[A-Za-z]/, '-'),
    encodeBase64(r.bytes(r.int(3, 40))).replace(/[A-Za-z]/, '_'),
    junkString(r, 12),
    '\u00ff\u00fe==',
  ];
  const s = r.pick(candidates);
  try {
    decodeBase64(s);
    return `${s}=`;
  } catch {
    return s;
  }
}

function deepJson(r: Rng, depth: number): string {
  const open = r.chance(0.5) ? '[' : '{"a":';
  const close = open === '[' ? ']' : '}';
  return open.repeat(depth) + (r.chance(0.5) ? '1' : '') + close.repeat(depth);
}

function hugeContext(r: Rng): Record<string, string> {
  const context: Record<string, string> = {};
  const pairs = r.int(500, 5000);
  for (let i = 0; i < pairs; i++) context[`k${i}${junkString(r, 4)}`] = junkString(r, r.int(1, 60));
  if (r.chance(0.3)) context[junkString(r, 5)] = 'x'.repeat(r.int(10_000, 200_000));
  return context;
}

const JSON_TYPE = 'application/x-amz-json-1.1';

function request(
  r: Rng,
  label: string,
  op: string,
  body: unknown,
  raw?: string | Uint8Array<ArrayBuffer>,
): FuzzCase {
  const headers: Record<string, string> = { 'x-amz-target': `TrentService.${op}` };
  if (r.chance(0.85)) headers['content-type'] = JSON_TYPE;
  return { label, method: 'POST', headers, body: raw ?? JSON.stringify(body) };
}

interface Fixture {
  /** Real ciphertexts of SYM with their encryption context. */
  blobs: { blob: Uint8Array; context: Record<string, string> }[];
}

type Generator = (r: Rng, f: Fixture) => FuzzCase;

const GENERATORS: Record<string, Generator> = {
  badJson: (r) => {
    const op = r.pick(WITH_INPUT);
    const valid = JSON.stringify(plausibleBody(r, op));
    const raw = r.pick<string | Uint8Array<ArrayBuffer>>([
      valid.slice(0, r.int(1, Math.max(1, valid.length - 1))),
      `${valid}}`,
      `${valid} junk`,
      `{"KeyId":}`,
      `{'KeyId': 'x'}`,
      '[]',
      '[{}]',
      '"string"',
      '123',
      'null',
      'true',
      '{"a":1,}',
      '{"a" 1}',
      'NaN',
      '\u0000',
      '{"KeyId":"\\ud800\\u"}',
      r.bytes(r.int(1, 256)),
      new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d, 0xc0]),
    ]);
    // (A leading byte-order mark is not here: Request.text() strips it, leaving a valid body.)
    return request(r, `badJson ${op}`, op, undefined, raw);
  },

  wrongMemberType: (r) => {
    const op = r.pick(WITH_INPUT);
    const members = membersOf(op);
    const [name, member] = r.pick(members);
    const body = plausibleBody(r, op);
    body[name] = wrongType(r, member.target);
    // Other members swapped to null or junk too, sometimes.
    for (const [other] of members)
      if (other !== name && r.chance(0.2)) body[other] = r.pick([null, 'x', 1, []]);
    return request(r, `wrongMemberType ${op}.${name}`, op, body);
  },

  badBase64: (r) => {
    const op = r.pick(BLOB_OPS);
    const [name] = r.pick(membersOf(op).filter(([, m]) => SHAPES[m.target]?.type === 'blob'));
    const body = plausibleBody(r, op);
    body[name] = badBase64(r);
    return request(r, `badBase64 ${op}.${name}`, op, body);
  },

  oversize: (r) => {
    switch (r.int(0, 5)) {
      case 0:
        return request(
          r,
          'oversize random body',
          r.pick(WITH_INPUT),
          undefined,
          r.bytes(r.int(100_000, 1_500_000)),
        );
      case 1:
        return request(r, 'oversize Plaintext', 'Encrypt', {
          KeyId: SYM,
          Plaintext: encodeBase64(r.bytes(r.int(4097, 300_000))),
        });
      case 2: {
        const op = r.pick(KEY_ID_OPS);
        const body = plausibleBody(r, op);
        body[membersOf(op).some(([n]) => n === 'KeyId') ? 'KeyId' : 'TargetKeyId'] = 'k'.repeat(
          r.int(2049, 200_000),
        );
        return request(r, `oversize KeyId ${op}`, op, body);
      }
      case 3:
        return request(r, 'oversize Description', 'CreateKey', {
          Description: junkString(r, 5).repeat(r.int(8193, 40_000)),
        });
      case 4:
        return request(r, 'oversize GrantTokens', 'Encrypt', {
          KeyId: SYM,
          Plaintext: 'AAAA',
          GrantTokens: Array.from({ length: r.int(11, 5000) }, () => 'token'),
        });
      default: {
        const body: Record<string, unknown> = {};
        for (let i = 0; i < r.int(1000, 20_000); i++) body[`Unknown${i}`] = junkString(r, 10);
        body.KeyId = r.int(0, 10);
        return request(r, 'oversize unknown members', r.pick(KEY_ID_OPS), body);
      }
    }
  },

  badTarget: (r) => {
    const op = r.pick(OPERATION_NAMES);
    const target = r.pick([
      undefined,
      '',
      'TrentService',
      'TrentService.',
      `trentservice.${op}`,
      `TrentService.${op.toLowerCase()}`,
      `TrentService.${op}X`,
      `TrentService.${op}, TrentService.${op}`,
      `KMS.${op}`,
      op,
      'TrentService.__proto__',
      'TrentService.constructor',
      'TrentService.toString',
      'TrentService.hasOwnProperty',
      `TrentService.${headerJunk(r)}`,
      headerJunk(r),
    ]);
    const headers: Record<string, string> = { 'content-type': JSON_TYPE };
    if (target !== undefined) headers['x-amz-target'] = target;
    // A body that would succeed under a good target: it must not.
    return { label: `badTarget ${String(target)}`, method: 'POST', headers, body: '{}' };
  },

  badMethod: (r) => {
    const method = r.pick(['GET', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']);
    const hasBody = method !== 'GET' && method !== 'HEAD';
    return {
      label: `badMethod ${method}`,
      method,
      headers: { 'content-type': JSON_TYPE, 'x-amz-target': 'TrentService.CreateKey' },
      body: hasBody ? '{}' : undefined,
    };
  },

  hugeEncryptionContext: (r, f) => {
    const context = hugeContext(r);
    switch (r.int(0, 3)) {
      case 0:
        return request(r, 'hugeContext Decrypt random blob', 'Decrypt', {
          CiphertextBlob: encodeBase64(r.bytes(r.int(1, 600))),
          EncryptionContext: context,
        });
      case 1:
        return request(r, 'hugeContext Encrypt missing key', 'Encrypt', {
          KeyId: randomKeyId(r),
          Plaintext: 'AAAA',
          EncryptionContext: context,
        });
      case 2:
        return request(r, 'hugeContext Decrypt wrong context', 'Decrypt', {
          CiphertextBlob: encodeBase64(r.pick(f.blobs).blob),
          EncryptionContext: context,
        });
      default:
        return request(r, 'hugeContext GenerateDataKey bad size', 'GenerateDataKey', {
          KeyId: SYM,
          NumberOfBytes: r.pick([0, -5, 1025, 1e9]),
          EncryptionContext: { ...context, bad: r.pick([1, true, [], {}]) },
        });
    }
  },

  randomCiphertext: (r, f) => {
    const real = r.pick(f.blobs);
    const mutated = new Uint8Array(real.blob);
    switch (r.int(0, 8)) {
      case 0:
        return request(r, 'random bytes Decrypt', 'Decrypt', {
          CiphertextBlob: encodeBase64(r.bytes(r.int(1, 6144))),
        });
      case 1: {
        mutated[r.int(0, mutated.length - 1)]! ^= 1 << r.int(0, 7);
        return request(r, 'bit flip Decrypt', 'Decrypt', {
          CiphertextBlob: encodeBase64(mutated),
          EncryptionContext: real.context,
        });
      }
      case 2:
        return request(r, 'truncated Decrypt', 'Decrypt', {
          CiphertextBlob: encodeBase64(real.blob.subarray(0, r.int(1, real.blob.length - 1))),
          EncryptionContext: real.context,
        });
      case 3:
        return request(r, 'wrong key Decrypt', 'Decrypt', {
          CiphertextBlob: encodeBase64(real.blob),
          EncryptionContext: real.context,
          KeyId: r.pick([HMAC, ECC, RSA, randomKeyId(r)]),
          ...(r.chance(0.5)
            ? { EncryptionAlgorithm: r.pick(['RSAES_OAEP_SHA_256', 'SM2PKE', 'SYMMETRIC_DEFAULT']) }
            : {}),
        });
      case 4:
        return request(r, 'random bytes ReEncrypt', 'ReEncrypt', {
          CiphertextBlob: encodeBase64(r.bytes(r.int(1, 2000))),
          DestinationKeyId: r.pick([SYM, RSA, randomKeyId(r)]),
        });
      case 8: {
        // The same blob under another encryption context: a key dropped, added or changed.
        const context: Record<string, string> = JSON.parse(JSON.stringify(real.context));
        const keys = Object.keys(context);
        const change = keys.length === 0 ? 2 : r.int(0, 2);
        if (change === 0) delete context[r.pick(keys)];
        else if (change === 1) context[r.pick(keys)] += 'x';
        else {
          Object.defineProperty(context, r.pick(['extra', '__proto__', 'constructor']), {
            value: 'y',
            enumerable: true,
          });
        }
        return request(r, 'wrong context Decrypt', 'Decrypt', {
          CiphertextBlob: encodeBase64(real.blob),
          EncryptionContext: context,
        });
      }
      case 5:
        return request(r, 'random signature Verify', 'Verify', {
          KeyId: ECC,
          Message: encodeBase64(r.bytes(r.int(1, 100))),
          Signature: encodeBase64(r.bytes(r.int(1, 200))),
          SigningAlgorithm: r.pick(['ECDSA_SHA_256', 'ECDSA_SHA_384', 'RSASSA_PSS_SHA_256']),
        });
      case 6:
        return request(r, 'random MAC VerifyMac', 'VerifyMac', {
          KeyId: HMAC,
          Message: encodeBase64(r.bytes(r.int(1, 100))),
          Mac: encodeBase64(r.bytes(r.int(1, 64))),
          MacAlgorithm: r.pick(['HMAC_SHA_256', 'HMAC_SHA_512']),
        });
      default:
        return request(r, 'random bytes RSA Decrypt', 'Decrypt', {
          KeyId: RSA,
          CiphertextBlob: encodeBase64(r.bytes(r.int(1, 512))),
          EncryptionAlgorithm: r.pick(['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256']),
        });
    }
  },

  randomKeyId: (r) => {
    const op = r.pick(KEY_ID_OPS);
    const body = plausibleBody(r, op);
    for (const name of ['KeyId', 'TargetKeyId', 'DestinationKeyId']) {
      if (name in body || membersOf(op).some(([n, m]) => n === name && m.required))
        body[name] = randomKeyId(r);
    }
    return request(r, `randomKeyId ${op}`, op, body);
  },

  unicodeJunk: (r) => {
    switch (r.int(0, 3)) {
      case 0:
        return request(r, 'unicode AliasName', 'CreateAlias', {
          AliasName: `alias/${junkString(r, 10)}é`,
          TargetKeyId: SYM,
        });
      case 1:
        return request(r, 'unicode tags on a missing key', 'TagResource', {
          KeyId: randomKeyId(r),
          Tags: [{ TagKey: junkString(r), TagValue: junkString(r) }],
        });
      case 2: {
        // Lone surrogates and control characters as JSON escapes, in member names and values.
        const raw = `{"${junkString(r, 5)}\\ud800":"\\udfff\\u0000","KeyId":"${r.pick(['\\ud83d', '\\u202e', '\\u0000'])}${junkString(r, 5).replace(/["\\]/g, '')}"}`;
        return request(r, 'unicode escapes', r.pick(KEY_ID_OPS), undefined, raw);
      }
      default:
        return request(r, 'unicode in member names', r.pick(KEY_ID_OPS), {
          [junkString(r)]: junkString(r),
          KeyId: randomKeyId(r),
        });
    }
  },

  wrongKeyForOperation: (r, f) => {
    const message = encodeBase64(r.bytes(r.int(1, 64)));
    const blob = encodeBase64(r.pick(f.blobs).blob);
    const cases: [string, string[], Record<string, unknown>][] = [
      ['Encrypt', [HMAC, ECC], { Plaintext: message }],
      ['Decrypt', [HMAC, ECC, RSA], { CiphertextBlob: blob }],
      ['ReEncrypt', [HMAC, ECC], { CiphertextBlob: blob, DestinationKeyId: HMAC }],
      ['GenerateDataKey', [HMAC, ECC, RSA], { NumberOfBytes: 32 }],
      ['GenerateDataKeyWithoutPlaintext', [HMAC, ECC, RSA], { KeySpec: 'AES_256' }],
      ['GenerateDataKeyPair', [HMAC, ECC, RSA], { KeyPairSpec: 'ECC_NIST_P256' }],
      ['Sign', [SYM, HMAC, RSA], { Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }],
      [
        'Verify',
        [SYM, HMAC, RSA],
        { Message: message, Signature: message, SigningAlgorithm: 'ECDSA_SHA_256' },
      ],
      ['GenerateMac', [SYM, ECC, RSA], { Message: message, MacAlgorithm: 'HMAC_SHA_256' }],
      ['VerifyMac', [SYM, ECC, RSA], { Message: message, Mac: message, MacAlgorithm: 'HMAC_SHA_256' }],
      ['GetPublicKey', [SYM, HMAC], {}],
      ['DeriveSharedSecret', [SYM, HMAC, RSA, ECC], { KeyAgreementAlgorithm: 'ECDH', PublicKey: message }],
      ['Encapsulate', [SYM, HMAC, RSA, ECC], {}],
      ['Decapsulate', [SYM, HMAC, RSA, ECC], { Ciphertext: message }],
      ['EnableKeyRotation', [HMAC, ECC, RSA], {}],
      ['CreateAlias', [HMAC], { AliasName: 'alias/fuzz' }],
    ];
    const [op, keys, rest] = r.pick(cases);
    const keyId = r.pick(keys);
    const body: Record<string, unknown> = {
      ...rest,
      [op === 'CreateAlias' ? 'TargetKeyId' : 'KeyId']: keyId,
    };
    if (r.chance(0.3)) body.EncryptionContext = { a: 'b' };
    return request(r, `wrongKeyForOperation ${op} ${keyId}`, op, body);
  },

  deepNesting: (r) => {
    const depth = r.int(100, 60_000);
    const nested = deepJson(r, depth);
    switch (r.int(0, 3)) {
      case 0: {
        // Top-level arrays are never a structure; nested objects under an unknown member leave a required one missing.
        const body = nested.startsWith('[') ? nested : `{"Junk":${nested}}`;
        return request(r, `deep body ${depth}`, r.pick(KEY_ID_OPS), undefined, body);
      }
      case 1:
        return request(r, `deep KeyId ${depth}`, r.pick(KEY_ID_OPS), undefined, `{"KeyId":${nested}}`);
      case 2:
        return request(
          r,
          `deep context ${depth}`,
          'Encrypt',
          undefined,
          `{"KeyId":"${SYM}","Plaintext":"AAAA","EncryptionContext":{"a":${nested}}}`,
        );
      default:
        return request(
          r,
          `deep unknown member ${depth}`,
          'Encrypt',
          undefined,
          `{"Junk":${nested},"KeyId":7,"Plaintext":"AAAA"}`,
        );
    }
  },
};

/** Scramble the headers that must not matter for the outcome: content type, authorization, host-like noise. */
function scramble(r: Rng, c: FuzzCase): FuzzCase {
  const headers = { ...c.headers };
  if (r.chance(0.15)) {
    const ct = r.pick([
      undefined,
      'text/plain',
      'application/json',
      'application/x-amz-json-1.0',
      headerJunk(r),
    ]);
    if (ct === undefined) delete headers['content-type'];
    else headers['content-type'] = ct;
  }
  if (r.chance(0.1)) {
    headers.authorization = r.pick([
      headerJunk(r),
      'AWS4-HMAC-SHA256 Credential=123456789012/20240101/eu-west-1/kms/aws4_request',
      'AWS4-HMAC-SHA256 Credential=/',
    ]);
  }
  return { ...c, headers };
}

function generate(seed: number, count: number, f: Fixture): FuzzCase[] {
  const r = prng(seed);
  const names = Object.keys(GENERATORS);
  return Array.from({ length: count }, (_, i) => {
    const name = names[i % names.length]!;
    return scramble(r, GENERATORS[name]!(r, f));
  });
}

async function fixture(): Promise<{ emulator: KmsEmulator; f: Fixture }> {
  const emulator = createKmsEmulator({
    store: 'memory',
    seed: {
      keys: [
        { id: SYM, aliases: ['alias/fuzz'] },
        { id: HMAC, spec: 'HMAC_256', usage: 'GENERATE_VERIFY_MAC' },
        { id: ECC, spec: 'ECC_NIST_P256', usage: 'SIGN_VERIFY' },
        { id: RSA, spec: 'RSA_2048', usage: 'ENCRYPT_DECRYPT' },
      ],
    },
    // Unexpected errors are what this test looks for; it reports them itself.
  });
  const blobs: Fixture['blobs'] = [];
  const contexts: Record<string, string>[] = [
    {},
    { purpose: 'fuzz' },
    { a: 'b', é: '💥' },
    // An own "__proto__" key, as JSON.parse makes it: it must be bound like any other key.
    JSON.parse('{"__proto__":"x"}') as Record<string, string>,
  ];
  for (const context of contexts) {
    const response = await emulator.fetch(
      new Request(ENDPOINT, {
        method: 'POST',
        headers: { 'content-type': JSON_TYPE, 'x-amz-target': 'TrentService.Encrypt' },
        body: JSON.stringify({
          KeyId: SYM,
          Plaintext: encodeBase64(new TextEncoder().encode('fuzz')),
          EncryptionContext: context,
        }),
      }),
    );
    const { CiphertextBlob } = (await response.json()) as { CiphertextBlob: string };
    blobs.push({ blob: decodeBase64(CiphertextBlob), context });
  }
  return { emulator, f: { blobs } };
}

/** What is wrong with a response to a malformed request, or undefined when it is a proper AWS error. */
async function problemWith(response: Response): Promise<string | undefined> {
  if (response.status < 400) return `status ${response.status}: ${(await response.text()).slice(0, 200)}`;
  if (!response.headers.get('x-amzn-requestid')) return 'no x-amzn-requestid header';
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `body is not JSON: ${text.slice(0, 100)}`;
  }
  const type = (body as { __type?: unknown }).__type;
  if (typeof type !== 'string' || type === '') return `no string __type: ${text.slice(0, 100)}`;
  if (response.status === 500 || type === 'KMSInternalException')
    return `internal error: ${text.slice(0, 200)}`;
  return undefined;
}

async function runCases(
  emulator: KmsEmulator,
  cases: FuzzCase[],
  send: (c: FuzzCase) => Promise<Response>,
): Promise<{ failures: string[]; types: Map<string, number> }> {
  const store = await emulator.store();
  const failures: string[] = [];
  const types = new Map<string, number>();
  let before = await store.snapshot();
  for (const [i, c] of cases.entries()) {
    let response: Response;
    try {
      response = await send(c);
    } catch (error) {
      failures.push(`#${i} ${c.label}: threw ${String(error)}`);
      continue;
    }
    const type = response.headers.get('x-amzn-errortype') ?? `HTTP ${response.status}`;
    types.set(type, (types.get(type) ?? 0) + 1);
    const problem = await problemWith(response);
    if (problem) failures.push(`#${i} ${c.label}: ${problem}`);
    const after = await store.snapshot();
    if (!isDeepStrictEqual(before, after)) {
      failures.push(`#${i} ${c.label}: the store changed`);
      before = after;
    }
  }
  return { failures, types };
}

const toRequest = (c: FuzzCase) =>
  new Request(ENDPOINT, { method: c.method, headers: c.headers, body: c.body });

test(`${DIRECT_CASES} malformed requests into emulator.fetch: AWS-shaped errors, no crash, no state change`, async () => {
  const { emulator, f } = await fixture();
  const cases = generate(20261127, DIRECT_CASES, f);
  const started = performance.now();
  const { failures, types } = await runCases(emulator, cases, (c) => emulator.fetch(toRequest(c)));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `[fuzz] ${cases.length} malformed requests into emulator.fetch in ${seconds} s, ${failures.length} problems; errors: ${[...types].map(([t, n]) => `${t} ${n}`).join(', ')}`,
  );
  expect(failures).toEqual([]);
  expect(cases.length).toBeGreaterThanOrEqual(3000);
  await emulator.close();
}, 300_000);

test(`${MSW_CASES} malformed requests through msw/node: the same guarantees`, async () => {
  const { emulator, f } = await fixture();
  // msw answers only POSTs to the KMS host; other methods would go to the network.
  const cases = generate(7, MSW_CASES * 2, f)
    .filter((c) => c.method === 'POST')
    .slice(0, MSW_CASES);
  const server = setupServer(...kmsHandlers({ emulator }));
  server.listen({ onUnhandledFrame: 'error' });
  try {
    const { failures } = await runCases(emulator, cases, (c) =>
      fetch(ENDPOINT, { method: c.method, headers: c.headers, body: c.body }),
    );
    console.log(`[fuzz] ${cases.length} malformed requests through msw/node, ${failures.length} problems`);
    expect(failures).toEqual([]);
    expect(cases.length).toBe(MSW_CASES);
  } finally {
    server.close();
    await emulator.close();
  }
}, 300_000);

test(`${PLAUSIBLE_CASES} plausible random requests (often valid): never a crash, errors always AWS-shaped`, async () => {
  const { emulator } = await fixture();
  const r = prng(42);
  const slow = /RSA_4096|ML_DSA_87/;
  let succeeded = 0;
  const failures: string[] = [];
  for (let i = 0; i < PLAUSIBLE_CASES; i++) {
    const op = r.pick(WITH_INPUT);
    const body = JSON.stringify(plausibleBody(r, op)).replace(slow, 'ECC_NIST_P256');
    const c = request(r, `plausible ${op}`, op, undefined, body);
    let response: Response;
    try {
      response = await emulator.fetch(toRequest(c));
    } catch (error) {
      failures.push(`#${i} ${c.label}: threw ${String(error)}`);
      continue;
    }
    if (response.status === 200) {
      succeeded++;
      continue;
    }
    const problem = await problemWith(response);
    if (problem) failures.push(`#${i} ${c.label} ${body.slice(0, 200)}: ${problem}`);
  }
  console.log(
    `[fuzz] ${PLAUSIBLE_CASES} plausible requests: ${succeeded} succeeded, ${failures.length} problems`,
  );
  expect(failures).toEqual([]);
  // Whatever the operations wrote, the state document of it reads back (kmsw serve --state must restart on it).
  const exported = await emulator.admin.exportJson();
  expect(parseState(exported).data).toEqual((await emulator.admin.exportState()).data);
  await emulator.close();
}, 300_000);

test('an encryption context key named __proto__ is bound like any other key', async () => {
  const { emulator } = await fixture();
  const call = async (target: string, body: string) => {
    const response = await emulator.fetch(
      new Request(ENDPOINT, {
        method: 'POST',
        headers: { 'content-type': JSON_TYPE, 'x-amz-target': `TrentService.${target}` },
        body,
      }),
    );
    return { status: response.status, json: (await response.json()) as Record<string, string> };
  };
  const encrypted = await call(
    'Encrypt',
    `{"KeyId":"${SYM}","Plaintext":"AAAA","EncryptionContext":{"__proto__":"x"}}`,
  );
  expect(encrypted.status).toBe(200);
  const blob = encrypted.json.CiphertextBlob!;
  expect((await call('Decrypt', JSON.stringify({ CiphertextBlob: blob }))).json.__type).toBe(
    'InvalidCiphertextException',
  );
  const right = await call('Decrypt', `{"CiphertextBlob":"${blob}","EncryptionContext":{"__proto__":"x"}}`);
  expect(right.json.Plaintext).toBe('AAAA');
  await emulator.close();
});
