/**
 * The emulator's injected id source: key ids, key-material ids, grant ids and tokens, request ids.
 * Tests inject a deterministic one; the default uses the platform's CSPRNG.
 */
import { randomBytes } from '../crypto/random.ts';

export interface IdSource {
  /** A random RFC 4122 v4 UUID, lower case. */
  uuid(): string;
  /** `n` random bytes as lower-case hex. */
  hex(n: number): string;
}

const HEX_DIGITS = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX_DIGITS[b]!;
  return out;
}

export const randomIds: IdSource = {
  uuid: () => crypto.randomUUID(),
  // From the CSPRNG's pool (crypto/random.ts): a getRandomValues call per id cost 6.6 µs for hex(32) (Node 22).
  hex: (n) => toHex(randomBytes(n)),
};

/** Deterministic ids for tests and seeded demos: a counter rendered in the shape of real ids. */
export function sequentialIds(prefix = 0): IdSource {
  let counter = 0;
  const next = (width: number) => (prefix * 1e9 + ++counter).toString(16).padStart(width, '0').slice(-width);
  return {
    uuid: () => {
      const h = next(32);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    hex: (n) => next(n * 2),
  };
}
