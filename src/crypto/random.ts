// Cryptographically secure random bytes from globalThis.crypto.getRandomValues (browser and Node).
// Small requests (IVs, data keys, ids: every Encrypt and GenerateDataKey makes one or two) are cut from a 4 KiB
// pool filled by one getRandomValues call, as Node does for randomUUID: the call's fixed cost (~3 µs in Node)
// was a third of the emulator's own time per Encrypt. Each slice is copied out and zeroed in the pool, so no
// byte is handed out twice and no key stays behind in the pool.

const POOL_SIZE = 4096;
/** Larger requests bypass the pool. */
const POOLED_MAX = 256;
const pool = new Uint8Array(POOL_SIZE);
let offset = POOL_SIZE;

function fill(out: Uint8Array<ArrayBuffer>): void {
  for (let at = 0; at < out.length; at += 65536) {
    globalThis.crypto.getRandomValues(out.subarray(at, Math.min(out.length, at + 65536)));
  }
}

/** Returns n random bytes; getRandomValues is called in chunks of at most 65536 bytes. */
export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`invalid byte count ${n}`);
  if (n > POOLED_MAX) {
    const out = new Uint8Array(n);
    fill(out);
    return out;
  }
  if (offset + n > POOL_SIZE) {
    fill(pool);
    offset = 0;
  }
  const out = pool.slice(offset, offset + n);
  pool.fill(0, offset, offset + n);
  offset += n;
  return out;
}
