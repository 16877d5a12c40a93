/**
 * Canonical, unambiguous encoding of an encryption context, bound as additional authenticated data.
 *
 * Pairs are sorted by the UTF-8 bytes of their keys, and every key and value is length-prefixed, so `{a:"bc"}`
 * and `{ab:"c"}` never encode alike (some peers concatenate and let them collide). Layout:
 *   u32 pair count, then for each pair: u32 key length, key bytes, u32 value length, value bytes (big endian).
 * https://docs.aws.amazon.com/kms/latest/developerguide/encrypt_context.html
 */
const utf8 = new TextEncoder();

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export function encodeEncryptionContext(context: Readonly<Record<string, string>> | undefined): Uint8Array {
  const pairs = Object.entries(context ?? {}).map(([k, v]) => [utf8.encode(k), utf8.encode(v)] as const);
  pairs.sort((x, y) => compareBytes(x[0], y[0]));
  let size = 4;
  for (const [k, v] of pairs) size += 8 + k.length + v.length;
  const out = new Uint8Array(size);
  writeUint32(out, 0, pairs.length);
  let offset = 4;
  for (const [k, v] of pairs) {
    writeUint32(out, offset, k.length);
    out.set(k, offset + 4);
    offset += 4 + k.length;
    writeUint32(out, offset, v.length);
    out.set(v, offset + 4);
    offset += 4 + v.length;
  }
  return out;
}

/**
 * Big endian, by hand: a DataView needs `out.buffer`, which moves a small typed array's bytes out of V8's heap
 * into memory of their own (1.8 µs for an empty context, against 20 ns without; Node 22).
 */
function writeUint32(out: Uint8Array, offset: number, value: number): void {
  out[offset] = value >>> 24;
  out[offset + 1] = (value >>> 16) & 0xff;
  out[offset + 2] = (value >>> 8) & 0xff;
  out[offset + 3] = value & 0xff;
}
