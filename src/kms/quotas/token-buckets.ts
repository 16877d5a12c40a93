/**
 * Token buckets on the emulator clock, one per quota and scope: a bucket holds at most one second's worth of
 * requests (at least one), refills continuously at the quota's rate, and a request that finds fewer tokens than it
 * costs is throttled and takes none. Moving the emulator clock refills the buckets, so a test can exhaust a quota
 * deterministically and then ride it out by waiting or by advancing the clock. Kept in memory per emulator.
 */
export interface TokenBuckets {
  /** Takes `cost` tokens of the bucket `key` (rate per second) at time `now`; false when there are not enough. */
  take(key: string, ratePerSecond: number, cost: number, now: number): boolean;
  clear(): void;
}

export function createTokenBuckets(): TokenBuckets {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key, ratePerSecond, cost, now) {
      const capacity = Math.max(1, ratePerSecond);
      const bucket = buckets.get(key) ?? { tokens: capacity, at: now };
      // A clock moved backwards refills nothing (and takes nothing away).
      const elapsed = Math.max(0, now - bucket.at);
      bucket.tokens = Math.min(capacity, bucket.tokens + (elapsed * ratePerSecond) / 1000);
      bucket.at = Math.max(bucket.at, now);
      buckets.set(key, bucket);
      // A cost above the capacity (a GenerateDataKey of weight 3 on a tiny quota) needs a full bucket.
      const needed = Math.min(cost, capacity);
      if (bucket.tokens + 1e-9 < needed) return false;
      bucket.tokens -= needed;
      return true;
    },
    clear: () => buckets.clear(),
  };
}
