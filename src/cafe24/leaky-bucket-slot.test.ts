import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  emptyBucket,
  levelAt,
  observeBucket,
  pauseBucket,
  reserveSlot,
  type BucketPolicy,
  type BucketState,
} from './leaky-bucket-slot.js';

const cafe24: BucketPolicy = { leakPerMs: 2 / 1000, reserve: 2, minIntervalMs: 0 };

/** Slots of `n` calls all asked for at `now`, in order. */
function slotsAt(bucket: BucketState, now: number, n: number, policy: BucketPolicy): number[] {
  const slots: number[] = [];
  let state = bucket;
  for (let i = 0; i < n; i += 1) {
    const reserved = reserveSlot(state, now, policy);
    slots.push(reserved.slot);
    state = reserved.bucket;
  }
  return slots;
}

/**
 * Cafe24's side, independently of the code under test: replays calls at the given times through a
 * bucket draining `leakPerMs` and returns the highest level it reached.
 */
function peakLevel(times: readonly number[], leakPerMs: number): number {
  let level = 0;
  let at = Number.NEGATIVE_INFINITY;
  let peak = 0;
  for (const time of [...times].sort((a, b) => a - b)) {
    level = Math.max(0, level - (time - at) * leakPerMs) + 1;
    at = time;
    peak = Math.max(peak, level);
  }
  return peak;
}

describe('reserveSlot', () => {
  it('fills an empty bucket up to capacity minus reserve at once, then one slot per drained call', () => {
    const slots = slotsAt(emptyBucket(0, 40, cafe24), 0, 41, cafe24);
    expect(slots.slice(0, 38)).toEqual(Array(38).fill(0));
    expect(slots.slice(38)).toEqual([500, 1000, 1500]);
  });

  it('spaces slots by the minimum interval', () => {
    const policy = { ...cafe24, minIntervalMs: 110 };
    expect(slotsAt(emptyBucket(1000, 40, policy), 1000, 3, policy)).toEqual([1000, 1110, 1220]);
  });

  it('starts no earlier than a pause ends', () => {
    const paused = pauseBucket(emptyBucket(0, 40, cafe24), 0, 7000);
    expect(reserveSlot(paused, 100, cafe24).slot).toBe(7000);
  });

  it('queues behind the latest reservation (FIFO) even when asked earlier', () => {
    const ahead = { ...emptyBucket(0, 40, cafe24), level: 1, levelAt: 3000, lastSlot: 3000 };
    expect(reserveSlot(ahead, 0, cafe24).slot).toBe(3000);
  });

  it('uses the capacity Cafe24 reported', () => {
    const small = observeBucket(emptyBucket(0, 40, cafe24), 0, 0, 5, cafe24);
    expect(slotsAt(small, 0, 4, cafe24)).toEqual([0, 0, 0, 500]);
  });

  it('never lets Cafe24’s bucket overflow its room, whatever the arrival times', () => {
    const policy = { ...cafe24, minIntervalMs: 110 };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 150 }), (gaps) => {
        let state = emptyBucket(0, 40, policy);
        let now = 0;
        const slots: number[] = [];
        for (const gap of gaps) {
          now += gap;
          const reserved = reserveSlot(state, now, policy);
          expect(reserved.slot).toBeGreaterThanOrEqual(now);
          slots.push(reserved.slot);
          state = reserved.bucket;
        }
        for (let i = 1; i < slots.length; i += 1) {
          expect(slots[i]! - slots[i - 1]!).toBeGreaterThanOrEqual(110 - 1e-9);
        }
        expect(peakLevel(slots, policy.leakPerMs)).toBeLessThanOrEqual(38 + 1e-9);
      }),
    );
  });
});

describe('observeBucket', () => {
  it('raises the level to what Cafe24 reports, so the next call waits for room', () => {
    const observed = observeBucket(emptyBucket(0, 40, cafe24), 0, 38, 40, cafe24);
    expect(levelAt(observed, 0, cafe24)).toBe(38);
    expect(reserveSlot(observed, 0, cafe24).slot).toBe(500);
  });

  it('never lowers the mirrored level', () => {
    let state = emptyBucket(0, 40, cafe24);
    for (let i = 0; i < 20; i += 1) state = reserveSlot(state, 0, cafe24).bucket;
    expect(levelAt(observeBucket(state, 0, 3, 40, cafe24), 0, cafe24)).toBe(20);
  });

  it('adds what Cafe24 sees beyond the model while reservations lie ahead', () => {
    // 39 calls at 0: the 39th is reserved at 500 ms, so the mirror's `levelAt` is ahead of now.
    let state = emptyBucket(0, 40, cafe24);
    for (let i = 0; i < 39; i += 1) state = reserveSlot(state, 0, cafe24).bucket;
    expect(state.levelAt).toBe(500);
    // The model at 0 holds 39 (38 now + 1 ahead); Cafe24 reports 40 (another app's call): one more.
    const observed = observeBucket(state, 0, 40, 40, cafe24);
    expect(observed.level).toBe(state.level + 1);
    expect(observed.levelAt).toBe(500);
  });
});
