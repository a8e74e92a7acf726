import { describe, expect, it } from 'vitest';
import type { Clock } from './clock.js';
import { LeakyBucketLimiter } from './rate-limiter.js';

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

/** Grant times of `n` acquires made at once; the clock jumps to each slot as the caller sleeps. */
async function grantTimes(limiter: LeakyBucketLimiter, clock: ManualClock, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const start = clock.time;
    await limiter.acquire('m1');
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
