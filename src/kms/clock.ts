/**
 * The emulator's injected clock. Every time-driven behaviour (deletion windows, rotation schedules, import expiry,
 * token validity) reads `now()` from here, so tests and the console can move time forward.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

/** A clock that follows the system time plus an adjustable offset (the admin "advance 30 days"). */
export interface AdjustableClock extends Clock {
  offsetMs(): number;
  advance(ms: number): void;
  setOffset(ms: number): void;
}

export function createAdjustableClock(base: () => number = Date.now, initialOffsetMs = 0): AdjustableClock {
  let offset = initialOffsetMs;
  return {
    now: () => base() + offset,
    offsetMs: () => offset,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new RangeError(`clock can only advance by a finite, non-negative ms, got ${ms}`);
      offset += ms;
    },
    setOffset(ms) {
      if (!Number.isFinite(ms)) throw new RangeError(`clock offset must be finite, got ${ms}`);
      offset = ms;
    },
  };
}

export const DAY_MS = 24 * 60 * 60 * 1000;
