// Cryptographically secure random bytes from globalThis.crypto.getRandomValues (browser and Node).

/** Returns n random bytes; getRandomValues is called in chunks of at most 65536 bytes. */
export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`invalid byte count ${n}`);
  const out = new Uint8Array(n);
  for (let offset = 0; offset < n; offset += 65536) {
    globalThis.crypto.getRandomValues(out.subarray(offset, Math.min(n, offset + 65536)));
  }
  return out;
}
