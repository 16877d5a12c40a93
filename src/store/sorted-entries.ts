/**
 * An ordered set of record ids, each under a unique sort key: the in-memory form of a table's id order and of a
 * secondary index (src/kms/store.ts, INDEXES). The entries sit in consecutive sorted chunks of at most CHUNK_MAX,
 * so finding a key is two binary searches (the chunk by its first key, then the place in it) and inserting or
 * removing one shifts at most CHUNK_MAX slots by hand, whatever the size. One flat array cost more as it grew: an
 * `Array.prototype.splice` into 10,000 entries took 2.6 µs and into 50,000 took 32 µs (Node 22), on every new key.
 * Chunks of 128 rather than 512: alone in a loop an insert costs the same (1.6–2.5 µs), but inside SDK calls,
 * where the shifted slots are no longer in the CPU's caches, 9–10 µs rather than 12–14 (`npm run bench:profile`,
 * CreateKey in-process, stores of ~20,000 keys).
 */
const CHUNK_MAX = 128;

interface Chunk<K> {
  keys: K[];
  ids: string[];
}

export class SortedEntries<K> {
  /** Never empty chunks; every key of one sorts before every key of the next. */
  private readonly chunks: Chunk<K>[] = [];
  private count = 0;
  private readonly compare: (a: K, b: K) => number;

  constructor(compare: (a: K, b: K) => number) {
    this.compare = compare;
  }

  get size(): number {
    return this.count;
  }

  /** The chunk `key` belongs in: the last whose first key is not greater than it, or the first. */
  private chunkFor(key: K): number {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(this.chunks[mid]!.keys[0]!, key) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(0, lo - 1);
  }

  /** In `keys`, the index of the first key greater than `key` (or, with `orEqual`, not less than it). */
  private bound(keys: K[], key: K, orEqual: boolean): number {
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.compare(keys[mid]!, key);
      if (c < 0 || (c === 0 && !orEqual)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Adds `id` under `key`, replacing an entry with an equal key. */
  set(key: K, id: string): void {
    if (this.chunks.length === 0) {
      this.chunks.push({ keys: [key], ids: [id] });
      this.count = 1;
      return;
    }
    const c = this.chunkFor(key);
    const chunk = this.chunks[c]!;
    const at = this.bound(chunk.keys, key, true);
    if (at < chunk.keys.length && this.compare(chunk.keys[at]!, key) === 0) {
      chunk.ids[at] = id;
      return;
    }
    insertAt(chunk.keys, at, key);
    insertAt(chunk.ids, at, id);
    this.count++;
    if (chunk.keys.length > CHUNK_MAX) {
      const half = chunk.keys.length >>> 1;
      this.chunks.splice(c + 1, 0, { keys: chunk.keys.splice(half), ids: chunk.ids.splice(half) });
    }
  }

  delete(key: K): void {
    if (this.chunks.length === 0) return;
    const c = this.chunkFor(key);
    const chunk = this.chunks[c]!;
    const at = this.bound(chunk.keys, key, true);
    if (at === chunk.keys.length || this.compare(chunk.keys[at]!, key) !== 0) return;
    removeAt(chunk.keys, at);
    removeAt(chunk.ids, at);
    this.count--;
    if (chunk.keys.length === 0) this.chunks.splice(c, 1);
  }

  /** The ids whose keys are strictly after `after` (all without it), at most `limit` of them, in order. */
  page(after: K | undefined, limit = Infinity): string[] {
    const out: string[] = [];
    let c = 0;
    let at = 0;
    if (after !== undefined && this.chunks.length > 0) {
      c = this.chunkFor(after);
      at = this.bound(this.chunks[c]!.keys, after, false);
    }
    for (; c < this.chunks.length && out.length < limit; c++, at = 0) {
      const ids = this.chunks[c]!.ids;
      while (at < ids.length && out.length < limit) out.push(ids[at++]!);
    }
    return out;
  }
}

/** Inserts `value` at `at`, shifting the rest one slot right (cheaper than `splice` for a few hundred). */
function insertAt<T>(list: T[], at: number, value: T): void {
  let i = list.length;
  list.push(value);
  for (; i > at; i--) list[i] = list[i - 1]!;
  list[at] = value;
}

/** Removes the element at `at`, shifting the rest one slot left. */
function removeAt<T>(list: T[], at: number): void {
  for (let i = at; i < list.length - 1; i++) list[i] = list[i + 1]!;
  list.pop();
}
