/**
 * The arithmetic of PassWing's mirror of a mall's Cafe24 call bucket, as pure functions over plain
 * state, so the in-process limiter and the one shared through the database compute exactly alike.
 * Times are epoch milliseconds of one clock (the caller's or the database's); levels are calls.
 */

/** One mall's mirrored bucket. */
export interface BucketState {
  /** Calls in the bucket at `levelAt` (the latest reserved slot or observation; may lie ahead of now). */
  level: number;
  levelAt: number;
  /** Time of the latest reserved call (for the minimum spacing). */
  lastSlot: number;
  /** Bucket size as Cafe24 last reported it (`X-Api-Call-Limit: used/capacity`). */
  capacity: number;
  /** No call before this time (quota headers, 429). */
  pausedUntil: number;
}

export interface BucketPolicy {
  /** Drain rate in calls per millisecond (Cafe24: 2/s). */
  leakPerMs: number;
  /** Slots kept free for other apps and clock skew. */
  reserve: number;
  /** Minimum spacing between calls. */
  minIntervalMs: number;
}

/** A bucket nobody has used: empty, no earlier call, not paused. */
export function emptyBucket(now: number, capacity: number, policy: BucketPolicy): BucketState {
  return { level: 0, levelAt: now, lastSlot: now - policy.minIntervalMs, capacity, pausedUntil: 0 };
}

/**
 * The earliest time at or after `now` at which one more call fits: after any pause, at least the
 * minimum spacing after the previous slot, not before the latest reservation (FIFO), and when the
 * mirrored level leaves room under capacity minus reserve. Returns the slot and the bucket with it.
 */
export function reserveSlot(
  bucket: BucketState,
  now: number,
  policy: BucketPolicy,
): { slot: number; bucket: BucketState } {
  const room = Math.max(1, bucket.capacity - policy.reserve);
  let slot = Math.max(now, bucket.pausedUntil, bucket.lastSlot + policy.minIntervalMs, bucket.levelAt);
  let level = Math.max(0, bucket.level - (slot - bucket.levelAt) * policy.leakPerMs);
  if (level + 1 > room) {
    slot += (level + 1 - room) / policy.leakPerMs;
    level = room - 1;
  }
  return { slot, bucket: { ...bucket, level: level + 1, levelAt: slot, lastSlot: slot } };
}

/**
 * Folds Cafe24's view (`used` calls in the bucket at `now`) into the mirror: it only ever raises the
 * mirrored level (another app, or calls the mirror did not see), and adopts the reported capacity.
 */
export function observeBucket(
  bucket: BucketState,
  now: number,
  used: number,
  capacity: number,
  policy: BucketPolicy,
): BucketState {
  const next = { ...bucket, capacity: capacity > 0 ? capacity : bucket.capacity };
  // Our level at `levelAt` includes reservations after now; undo their drain to compare with Cafe24's now.
  const modelNow = Math.max(0, bucket.level - (now - bucket.levelAt) * policy.leakPerMs);
  if (bucket.levelAt <= now) return { ...next, level: Math.max(modelNow, used), levelAt: now };
  return used > modelNow ? { ...next, level: bucket.level + used - modelNow } : next;
}

/** Holds every call until `ms` after `now` (a longer pause already in place stays). */
export function pauseBucket(bucket: BucketState, now: number, ms: number): BucketState {
  return { ...bucket, pausedUntil: Math.max(bucket.pausedUntil, now + ms) };
}

/** Calls in the mirrored bucket at `now`, counting slots already reserved after it. */
export function levelAt(bucket: BucketState, now: number, policy: BucketPolicy): number {
  return Math.max(0, bucket.level - Math.max(0, now - bucket.levelAt) * policy.leakPerMs);
}
