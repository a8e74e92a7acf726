/** Cafe24's per-mall request bucket: 40 calls, draining 2 per second ("Leaky Bucket"). */
export const BUCKET_CAPACITY = 40;
export const BUCKET_DRAIN_PER_SECOND = 2;

export interface BucketDecision {
  allowed: boolean;
  /** Calls in the bucket after this decision, as shown in `X-Api-Call-Limit: n/40`. */
  used: number;
  capacity: number;
}

/** One mall's bucket; `clock` returns epoch ms and may be injected by tests. */
export class LeakyBucket {
  private level = 0;
  private lastMs: number;

  constructor(
    private readonly clock: () => number,
    readonly capacity: number = BUCKET_CAPACITY,
    private readonly drainPerSecond: number = BUCKET_DRAIN_PER_SECOND,
  ) {
    this.lastMs = clock();
  }

  /** Adds one call if it fits; a full bucket refuses it (HTTP 429) and stays full. */
  take(): BucketDecision {
    this.drain();
    if (this.level + 1 > this.capacity) {
      return { allowed: false, used: Math.ceil(this.level), capacity: this.capacity };
    }
    this.level += 1;
    return { allowed: true, used: Math.ceil(this.level), capacity: this.capacity };
  }

  /** Calls currently in the bucket. */
  used(): number {
    this.drain();
    return Math.ceil(this.level);
  }

  private drain(): void {
    const now = this.clock();
    const elapsedSeconds = Math.max(0, now - this.lastMs) / 1000;
    this.level = Math.max(0, this.level - elapsedSeconds * this.drainPerSecond);
    this.lastMs = Math.max(this.lastMs, now);
  }
}
