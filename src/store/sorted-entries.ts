/**
 * An ordered set of record ids, each under a unique sort key: the in-memory form of a table's id order and of a
 * secondary index (src/kms/store.ts, INDEXES). Binary search finds where a page starts, so reading a page costs
 * O(log n + page) whatever the size; inserting and removing shift one array (a memmove: microseconds at 100,000).
 */
export class SortedEntries<K> {
  private readonly keys: K[] = [];
  private readonly ids: string[] = [];
  private readonly compare: (a: K, b: K) => number;

  constructor(compare: (a: K, b: K) => number) {
    this.compare = compare;
  }

  get size(): number {
    return this.ids.length;
  }

  /** The index of the first key greater than `key` (or, with `orEqual`, not less than it). */
  private bound(key: K, orEqual: boolean): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.compare(this.keys[mid]!, key);
      if (c < 0 || (c === 0 && !orEqual)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Adds `id` under `key`, replacing an entry with an equal key. */
  set(key: K, id: string): void {
    const at = this.bound(key, true);
    if (at < this.keys.length && this.compare(this.keys[at]!, key) === 0) {
      this.ids[at] = id;
      return;
    }
    this.keys.splice(at, 0, key);
    this.ids.splice(at, 0, id);
  }

  delete(key: K): void {
    const at = this.bound(key, true);
    if (at < this.keys.length && this.compare(this.keys[at]!, key) === 0) {
      this.keys.splice(at, 1);
      this.ids.splice(at, 1);
    }
  }

  /** The ids whose keys are strictly after `after` (all without it), at most `limit` of them, in order. */
  page(after: K | undefined, limit = Infinity): string[] {
    const start = after === undefined ? 0 : this.bound(after, false);
    return this.ids.slice(start, limit === Infinity ? undefined : start + limit);
  }
}
