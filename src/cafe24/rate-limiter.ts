import { systemClock, type Clock } from './clock.js';
import {
  emptyBucket,
  levelAt,
  observeBucket,
  pauseBucket,
  reserveSlot,
  type BucketPolicy,
  type BucketState,
} from './leaky-bucket-slot.js';

/**
 * Per-mall admission control in front of every Cafe24 call: the in-process LeakyBucketLimiter, or
 * the SharedBucketLimiter whose bucket every process sharing one database uses.
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

const policyOf = (options: LeakyBucketOptions): BucketPolicy => ({
  leakPerMs: (options.leakPerSecond ?? 2) / 1000,
  reserve: options.reserve ?? 2,
  minIntervalMs: options.minIntervalMs ?? 110,
});

/**
 * A leaky bucket mirroring Cafe24's, per mall, in this process only. Calls reserve slots in arrival
 * order (FIFO, no thundering herd): each slot is the earliest time at which the mirrored bucket has
 * room, honouring the minimum spacing and any pause (see leaky-bucket-slot.ts). Observed Cafe24
 * levels only ever raise the mirrored level.
 */
export class LeakyBucketLimiter implements RateLimiter {
  private readonly buckets = new Map<string, BucketState>();
  private readonly policy: BucketPolicy;
  private readonly capacity: number;
  private readonly clock: Clock;

  constructor(options: LeakyBucketOptions = {}) {
    this.policy = policyOf(options);
    this.capacity = options.capacity ?? 40;
    this.clock = options.clock ?? systemClock;
  }

  async acquire(mallId: string): Promise<void> {
    for (;;) {
      const { slot, bucket } = reserveSlot(this.bucket(mallId), this.clock.now(), this.policy);
      this.buckets.set(mallId, bucket);
      await this.clock.sleep(slot - this.clock.now());
      // A pause that arrived while we waited (a 429 elsewhere) voids the slot: queue again.
      if (this.bucket(mallId).pausedUntil <= this.clock.now()) return;
    }
  }

  observe(mallId: string, used: number, capacity: number): void {
    this.buckets.set(
      mallId,
      observeBucket(this.bucket(mallId), this.clock.now(), used, capacity, this.policy),
    );
  }

  pause(mallId: string, ms: number): void {
    this.buckets.set(mallId, pauseBucket(this.bucket(mallId), this.clock.now(), ms));
  }

  /** Current mirrored level of a mall's bucket (for tests and diagnostics). */
  levelOf(mallId: string): number {
    return levelAt(this.bucket(mallId), this.clock.now(), this.policy);
  }

  private bucket(mallId: string): BucketState {
    let bucket = this.buckets.get(mallId);
    if (!bucket) {
      bucket = emptyBucket(this.clock.now(), this.capacity, this.policy);
      this.buckets.set(mallId, bucket);
    }
    return bucket;
  }
}

/**
 * Where every process keeps each mall's bucket (the store's `cafe24CallBudget`). Each call is one
 * short transaction holding the mall's row. `now` is that transaction's shared clock: the database's
 * where processes may run on several machines, else `localNow()` (one machine, one clock).
 */
export interface SharedBucketStore {
  /** The mall's bucket and the shared clock's now; null when the mall's bucket was never used. */
  read(mallId: string, localNow: () => number): Promise<{ bucket: BucketState; now: number } | null>;
  /** Locks the mall's row, stores the bucket `change` returns for it, and resolves with its result. */
  update<T>(
    mallId: string,
    localNow: () => number,
    change: (bucket: BucketState | null, now: number) => { bucket: BucketState; result: T },
  ): Promise<T>;
}

export interface SharedBucketOptions extends LeakyBucketOptions {
  budget: SharedBucketStore;
}

/** What this process knows about a mall that the shared row does not have yet. */
interface PendingView {
  /** Latest pause seen here (this process's clock). */
  pausedUntil: number;
  /** Highest level Cafe24 reported since the last acquire, at `at` on this process's clock. */
  observation?: { level: number; at: number; capacity: number };
}

/**
 * The same leaky bucket kept in the database every PassWing process shares, so processes calling one
 * mall together never overfill it (issue 8). `acquire` reserves its slot in one short transaction and
 * sleeps until it. Cafe24's observed levels are folded into this process's next acquire (no write per
 * response); pauses are written at once, so a 429 in one process holds every process.
 */
export class SharedBucketLimiter implements RateLimiter {
  private readonly pending = new Map<string, PendingView>();
  private readonly budget: SharedBucketStore;
  private readonly policy: BucketPolicy;
  private readonly capacity: number;
  private readonly clock: Clock;
  private readonly localNow = (): number => this.clock.now();

  constructor(options: SharedBucketOptions) {
    this.budget = options.budget;
    this.policy = policyOf(options);
    this.capacity = options.capacity ?? 40;
    this.clock = options.clock ?? systemClock;
  }

  async acquire(mallId: string): Promise<void> {
    for (;;) {
      const pausedHere = this.view(mallId).pausedUntil;
      const { slot, now } = await this.reserve(mallId);
      if (slot <= now) return;
      await this.clock.sleep(slot - now);
      // A pause that arrived while we waited (a 429 here or in another process) voids the slot: queue again.
      if (!(await this.pausedBeyond(mallId, slot, pausedHere))) return;
    }
  }

  observe(mallId: string, used: number, capacity: number): void {
    const view = this.view(mallId);
    const now = this.clock.now();
    const earlier = view.observation;
    view.observation = {
      level: Math.max(used, earlier === undefined ? 0 : this.drained(earlier, now)),
      at: now,
      capacity: capacity > 0 ? capacity : (earlier?.capacity ?? 0),
    };
  }

  pause(mallId: string, ms: number): void {
    const view = this.view(mallId);
    view.pausedUntil = Math.max(view.pausedUntil, this.clock.now() + ms);
    // Pauses are rare: write now so every process holds. Should the write fail, this process's next
    // acquire folds the pause in anyway.
    this.budget
      .update(mallId, this.localNow, (stored, now) => ({
        bucket: pauseBucket(stored ?? this.empty(now), now, ms),
        result: undefined,
      }))
      .catch(() => undefined);
  }

  /** The shared bucket's level now (dashboard gauge), counting slots already reserved by any process. */
  async levelOf(mallId: string): Promise<number> {
    const shared = await this.budget.read(mallId, this.localNow);
    return shared === null ? 0 : levelAt(shared.bucket, shared.now, this.policy);
  }

  /** Reserves the next slot in the shared row, folding in what only this process has seen. */
  private async reserve(mallId: string): Promise<{ slot: number; now: number }> {
    const view = this.view(mallId);
    const observation = view.observation;
    const localNow = this.clock.now();
    // Durations, not instants, cross from this process's clock to the shared one.
    const observed = observation === undefined ? 0 : this.drained(observation, localNow);
    const pauseMs = view.pausedUntil - localNow;
    const reserved = await this.budget.update(mallId, this.localNow, (stored, now) => {
      let bucket = stored ?? this.empty(now);
      if (observation !== undefined) {
        bucket = observeBucket(bucket, now, observed, observation.capacity, this.policy);
      }
      if (pauseMs > 0) bucket = pauseBucket(bucket, now, pauseMs);
      const { slot, bucket: next } = reserveSlot(bucket, now, this.policy);
      return { bucket: next, result: { slot, now } };
    });
    // A newer observation that arrived meanwhile waits for the next acquire.
    if (view.observation === observation) delete view.observation;
    return reserved;
  }

  /**
   * Whether a pause arrived after `slot` was reserved: here (this process's pause moved on from
   * `pausedHere` and still holds), or in the shared row (it now ends after the slot).
   */
  private async pausedBeyond(mallId: string, slot: number, pausedHere: number): Promise<boolean> {
    const view = this.view(mallId);
    if (view.pausedUntil > pausedHere && view.pausedUntil > this.clock.now()) return true;
    const shared = await this.budget.read(mallId, this.localNow);
    return shared !== null && shared.bucket.pausedUntil > slot;
  }

  private drained(observation: { level: number; at: number }, now: number): number {
    return Math.max(0, observation.level - (now - observation.at) * this.policy.leakPerMs);
  }

  private empty(now: number): BucketState {
    return emptyBucket(now, this.capacity, this.policy);
  }

  private view(mallId: string): PendingView {
    let view = this.pending.get(mallId);
    if (view === undefined) {
      view = { pausedUntil: Number.NEGATIVE_INFINITY };
      this.pending.set(mallId, view);
    }
    return view;
  }
}
