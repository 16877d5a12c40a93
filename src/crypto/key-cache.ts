// Bounded least-recently-used cache of imported keys (CryptoKey objects, parsed key structures).
// Importing a key into WebCrypto or parsing a PKCS#8 on every call is slow; the cache is keyed by the
// exact key bytes (plus the usage), so it never confuses two keys.

import { latin1 } from './bytes.ts';

export class KeyCache<V> {
  readonly #max: number;
  readonly #entries = new Map<string, Promise<V>>();

  constructor(max = 256) {
    this.#max = max;
  }

  /** Returns the cached value for (usage, key bytes), creating it once; failed creations are not cached. */
  get(usage: string, keyBytes: Uint8Array, create: () => Promise<V>): Promise<V> {
    const id = usage + '\u0000' + latin1(keyBytes);
    const hit = this.#entries.get(id);
    if (hit !== undefined) {
      this.#entries.delete(id);
      this.#entries.set(id, hit);
      return hit;
    }
    const created = create();
    this.#entries.set(id, created);
    created.catch(() => {
      if (this.#entries.get(id) === created) this.#entries.delete(id);
    });
    if (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
    return created;
  }

  get size(): number {
    return this.#entries.size;
  }
}
