import { systemClock, type Clock } from './clock.js';

/**
 * Per-mall admission control in front of every Cafe24 call. The in-process LeakyBucketLimiter is the
 * default; a shared implementation (e.g. over the store) can be plugged in for several processes.
 */
export interface RateLimiter {
  /** Resolves when one call to the mall may be sent. */
  acquire(mallId: string): Promise<void>;
  /** Cafe24's view of the bucket after a response (`X-Api-Call-Limit: used/capacity`). */
  observe(mallId: string, used: number, capacity: number): void;
  /** Holds every call to the mall for `ms` (quota `*-Remain` headers, 429). */
  pause(mallId: string, ms: number): void;
}

export interface LeakyBucketOptions {
  /** Cafe24's bucket size (40); replaced by the capacity Cafe24 reports. */
  capacity?: number;
  /** Drain rate in calls per second (Cafe24: 2). */
  leakPerSecond?: number;
  /** Slots kept free for other apps and clock skew. */
  reserve?: number;
  /** Minimum spacing between calls: Cafe24 may flag ≥ 10 calls/s from one IP as abnormal. */
  minIntervalMs?: number;
  clock?: Clock;
}

interface BucketState {
  /** Mirrored bucket level at time `at` (the latest reserved slot or observation). */
  level: number;
  at: number;
  /** Time of the latest reserved call (for the minimum spacing). */
  lastSlot: number;
  capacity: number;
  pausedUntil: number;
}

/**
 * A leaky bucket mirroring Cafe24's, per mall. Calls reserve slots in arrival order (FIFO, no
 * thundering herd): each slot is the earliest time at which the mirrored bucket has room, honouring
 * the minimum spacing and any pause. Observed Cafe24 levels only ever raise the mirrored level.
 */
export class LeakyBucketLimiter implements RateLimiter {
  private readonly buckets = new Map<string, BucketState>();
  private readonly leakPerMs: number;
  private readonly capacity: number;
  private readonly reserve: number;
  private readonly minIntervalMs: number;
  private readonly clock: Clock;

  constructor(options: LeakyBucketOptions = {}) {
    this.capacity = options.capacity ?? 40;
    this.leakPerMs = (options.leakPerSecond ?? 2) / 1000;
    this.reserve = options.reserve ?? 2;
    this.minIntervalMs = options.minIntervalMs ?? 110;
    this.clock = options.clock ?? systemClock;
  }

  async acquire(mallId: string): Promise<void> {
    for (;;) {
      const slot = this.reserveSlot(this.bucket(mallId));
      await this.clock.sleep(slot - this.clock.now());
      // A pause that arrived while we waited (a 429 elsewhere) voids the slot: queue again.
      if (this.bucket(mallId).pausedUntil <= this.clock.now()) return;
    }
  }

  observe(mallId: string, used: number, capacity: number): void {
    const bucket = this.bucket(mallId);
    if (capacity > 0) bucket.capacity = capacity;
    // Our level at `at` includes reservations after now; undo their drain to compare with Cafe24's now.
    const now = this.clock.now();
    const modelNow = Math.max(0, bucket.level - (now - bucket.at) * this.leakPerMs);
    if (bucket.at <= now) {
      bucket.level = Math.max(modelNow, used);
      bucket.at = now;
    } else if (used > modelNow) {
      bucket.level += used - modelNow;
    }
  }

  pause(mallId: string, ms: number): void {
    const bucket = this.bucket(mallId);
    bucket.pausedUntil = Math.max(bucket.pausedUntil, this.clock.now() + ms);
  }

  /** Current mirrored level of a mall's bucket (for tests and diagnostics). */
  levelOf(mallId: string): number {
    const bucket = this.bucket(mallId);
    return Math.max(0, bucket.level - Math.max(0, this.clock.now() - bucket.at) * this.leakPerMs);
  }

  private bucket(mallId: string): BucketState {
    let bucket = this.buckets.get(mallId);
    if (!bucket) {
      bucket = {
        level: 0,
        at: Number.NEGATIVE_INFINITY,
        lastSlot: Number.NEGATIVE_INFINITY,
        capacity: this.capacity,
        pausedUntil: 0,
      };
      this.buckets.set(mallId, bucket);
    }
    return bucket;
  }

  private reserveSlot(bucket: BucketState): number {
    const room = Math.max(1, bucket.capacity - this.reserve);
    let slot = Math.max(
      this.clock.now(),
      bucket.pausedUntil,
      bucket.lastSlot + this.minIntervalMs,
      bucket.at,
    );
    let level = Math.max(0, bucket.level - (slot - bucket.at) * this.leakPerMs);
    if (level + 1 > room) {
      slot += (level + 1 - room) / this.leakPerMs;
      level = room - 1;
    }
    bucket.level = level + 1;
    bucket.at = slot;
    bucket.lastSlot = slot;
    return slot;
  }
}
