import { describe, expect, it } from 'vitest';
import type { Clock } from './clock.js';
import type { BucketState } from './leaky-bucket-slot.js';
import {
  LeakyBucketLimiter,
  SharedBucketLimiter,
  type RateLimiter,
  type SharedBucketStore,
} from './rate-limiter.js';

/** A clock that only moves when someone sleeps; sleeps resolve immediately in time order. */
class ManualClock implements Clock {
  time = 0;
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.time = Math.max(this.time, this.time + Math.max(0, ms));
  }
}

/**
 * Grant times of `n` acquires made at once, taking turns among the limiters; the clock jumps to each
 * slot as the caller sleeps.
 */
async function grantTimes(
  limiter: RateLimiter | RateLimiter[],
  clock: ManualClock,
  n: number,
): Promise<number[]> {
  const limiters = Array.isArray(limiter) ? limiter : [limiter];
  const times: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const start = clock.time;
    await limiters[i % limiters.length]!.acquire('m1');
    times.push(clock.time);
    clock.time = start; // all callers arrived together
  }
  return times;
}

describe('LeakyBucketLimiter', () => {
  it('lets a burst fill the bucket up to capacity minus reserve, then drains at 2 calls/s', async () => {
    const clock = new ManualClock();
    const limiter = new LeakyBucketLimiter({ clock, minIntervalMs: 0, reserve: 2 });
    const times = await grantTimes(limiter, clock, 42);
    expect(times.slice(0, 38).every((t) => t === 0)).toBe(true);
    expect(times[38]).toBe(500);
    expect(times[39]).toBe(1000);
    expect(times[41]).toBe(2000);
  });

  it('spaces calls by the minimum interval', async () => {
    const clock = new ManualClock();
    const limiter = new LeakyBucketLimiter({ clock, minIntervalMs: 110 });
    expect(await grantTimes(limiter, clock, 3)).toEqual([0, 110, 220]);
  });

  it('never lets the mirrored bucket exceed its room, whatever the arrival pattern', async () => {
    const clock = new ManualClock();
    const limiter = new LeakyBucketLimiter({ clock, minIntervalMs: 0, reserve: 2 });
    for (let i = 0; i < 200; i += 1) {
      await limiter.acquire('m1');
      expect(limiter.levelOf('m1')).toBeLessThanOrEqual(38 + 1e-9);
      clock.time += i % 7 === 0 ? 900 : 50;
    }
  });

  it('raises its level to what Cafe24 reports (another app or process used the bucket)', async () => {
    const clock = new ManualClock();
    const limiter = new LeakyBucketLimiter({ clock, minIntervalMs: 0, reserve: 2 });
    limiter.observe('m1', 38, 40);
    await limiter.acquire('m1');
    expect(clock.time).toBe(500);
  });

  it('follows the capacity Cafe24 reports', async () => {
    const clock = new ManualClock();
    const limiter = new LeakyBucketLimiter({ clock, minIntervalMs: 0, reserve: 0 });
    limiter.observe('m1', 0, 5);
    expect(await grantTimes(limiter, clock, 6)).toEqual([0, 0, 0, 0, 0, 500]);
  });

  it('holds every call during a pause', async () => {
    const clock = new ManualClock();
    const limiter = new LeakyBucketLimiter({ clock, minIntervalMs: 0 });
    limiter.pause('m1', 7000);
    await limiter.acquire('m1');
    expect(clock.time).toBe(7000);
  });

  it('keeps malls apart', async () => {
    const clock = new ManualClock();
    const limiter = new LeakyBucketLimiter({ clock, minIntervalMs: 0 });
    limiter.pause('m1', 7000);
    await limiter.acquire('m2');
    expect(clock.time).toBe(0);
  });
});

/** The store's contract in memory: one row per mall, reads and updates one at a time like the database. */
class MemoryBucketStore implements SharedBucketStore {
  readonly rows = new Map<string, BucketState>();
  updates = 0;
  private queue: Promise<unknown> = Promise.resolve();

  read(mallId: string, localNow: () => number): Promise<{ bucket: BucketState; now: number } | null> {
    return this.serialise(() => {
      const bucket = this.rows.get(mallId);
      return bucket === undefined ? null : { bucket, now: localNow() };
    });
  }

  update<T>(
    mallId: string,
    localNow: () => number,
    change: (bucket: BucketState | null, now: number) => { bucket: BucketState; result: T },
  ): Promise<T> {
    return this.serialise(() => {
      const { bucket, result } = change(this.rows.get(mallId) ?? null, localNow());
      this.rows.set(mallId, bucket);
      this.updates += 1;
      return result;
    });
  }

  private serialise<T>(work: () => T): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** Two "processes": limiters of their own over one shared store and one clock. */
function twoProcesses() {
  const clock = new ManualClock();
  const budget = new MemoryBucketStore();
  const limiter = () => new SharedBucketLimiter({ budget, clock, minIntervalMs: 0, reserve: 2 });
  return { clock, budget, a: limiter(), b: limiter() };
}

describe('SharedBucketLimiter', () => {
  it('gives two processes one bucket: 38 calls at once between them, then 2 calls/s', async () => {
    const { clock, a, b } = twoProcesses();
    const times = await grantTimes([a, b], clock, 42);
    expect(times.slice(0, 38).every((t) => t === 0)).toBe(true);
    expect(times.slice(38)).toEqual([500, 1000, 1500, 2000]);
  });

  it('spaces the calls of both processes by the minimum interval', async () => {
    const clock = new ManualClock();
    const budget = new MemoryBucketStore();
    const [a, b] = [1, 2].map(() => new SharedBucketLimiter({ budget, clock, minIntervalMs: 110 }));
    expect(await grantTimes([a!, b!], clock, 4)).toEqual([0, 110, 220, 330]);
  });

  it('folds what Cafe24 reported into the next acquire, without a write of its own', async () => {
    const { clock, budget, a, b } = twoProcesses();
    a.observe('m1', 38, 40);
    expect(budget.updates).toBe(0);
    await a.acquire('m1');
    expect(clock.time).toBe(500);
    expect(budget.updates).toBe(1);
    clock.time = 0;
    await b.acquire('m1');
    expect(clock.time).toBe(1000);
  });

  it('holds every process during a pause one of them saw', async () => {
    const { clock, a, b } = twoProcesses();
    a.pause('m1', 7000);
    await b.acquire('m1');
    expect(clock.time).toBe(7000);
  });

  it('still holds its own calls when writing a pause failed (folded into the next acquire)', async () => {
    const { clock, budget, a } = twoProcesses();
    const update = budget.update.bind(budget);
    budget.update = () => {
      budget.update = update;
      return Promise.reject(new Error('database down'));
    };
    a.pause('m1', 7000);
    await a.acquire('m1');
    expect(clock.time).toBe(7000);
    expect(budget.rows.get('m1')?.pausedUntil).toBe(7000);
  });

  it('queues a waiting call again when another process pauses meanwhile', async () => {
    const { clock, a, b } = twoProcesses();
    await grantTimes(a, clock, 38);
    let pauseWhileAsleep: (() => void) | undefined = () => b.pause('m1', 7000);
    clock.sleep = async (ms) => {
      clock.time += Math.max(0, ms);
      pauseWhileAsleep?.();
      pauseWhileAsleep = undefined;
    };
    // The 39th call's slot is at 500; a 429 elsewhere just before it pauses the mall until 7500.
    await a.acquire('m1');
    expect(clock.time).toBe(7500);
  });

  it('reports the level of the shared bucket to any process', async () => {
    const { clock, a, b } = twoProcesses();
    await grantTimes(a, clock, 10);
    expect(await b.levelOf('m1')).toBe(10);
    clock.time = 1000;
    expect(await b.levelOf('m1')).toBe(8);
    expect(await b.levelOf('m2')).toBe(0);
  });
});
