import type { Clock } from '../../src/cafe24/clock.js';
import type { RateLimiter, SharedBucketStore } from '../../src/cafe24/rate-limiter.js';

export const LEAK_PER_MS = 2 / 1000;
/** Cafe24's 40 calls minus the 2 the limiter keeps in reserve. */
export const ROOM = 38;
export const MIN_INTERVAL_MS = 110;

/** Real time that never waits: each limiter hands out its slot at once, so the schedule is what is tested. */
export const noWaitClock: Clock = { now: () => Date.now(), sleep: async () => {} };

/** The store's budget, recording every slot it hands out (the `lastSlot` each committed reservation wrote). */
export function recording(budget: SharedBucketStore, slots: number[]): SharedBucketStore {
  return {
    read: (mallId, localNow) => budget.read(mallId, localNow),
    async update(mallId, localNow, change) {
      let reserved: number | null = null;
      const result = await budget.update(mallId, localNow, (bucket, now) => {
        const changed = change(bucket, now);
        reserved = changed.bucket.lastSlot === bucket?.lastSlot ? null : changed.bucket.lastSlot;
        return changed;
      });
      if (reserved !== null) slots.push(reserved);
      return result;
    },
  };
}

/** `calls` acquires in total per limiter, `parallel` at a time each, all limiters at once. */
export async function hammer(
  limiters: RateLimiter[],
  mallId: string,
  calls: number,
  parallel: number,
): Promise<void> {
  await Promise.all(
    limiters.flatMap((limiter) =>
      Array.from({ length: parallel }, async () => {
        for (let i = 0; i < calls / parallel; i += 1) await limiter.acquire(mallId);
      }),
    ),
  );
}

/**
 * Cafe24's side, independently of the limiter's code: replays calls at the given times through a
 * bucket draining 2 calls/s and returns the highest level it reached.
 */
export function peakLevel(slots: readonly number[]): number {
  let level = 0;
  let at = Number.NEGATIVE_INFINITY;
  let peak = 0;
  for (const slot of [...slots].sort((a, b) => a - b)) {
    level = Math.max(0, level - (slot - at) * LEAK_PER_MS) + 1;
    at = slot;
    peak = Math.max(peak, level);
  }
  return peak;
}

/** The shortest time between two calls. */
export function smallestGap(slots: readonly number[]): number {
  const sorted = [...slots].sort((a, b) => a - b);
  return Math.min(...sorted.slice(1).map((slot, index) => slot - sorted[index]!));
}
