import { describe, expect, it } from 'vitest';
import { LeakyBucket } from './leaky-bucket.js';

describe('LeakyBucket', () => {
  it('accepts 40 calls at once and refuses the 41st', () => {
    const bucket = new LeakyBucket(() => 0);
    for (let i = 1; i <= 40; i += 1) expect(bucket.take()).toEqual({ allowed: true, used: i, capacity: 40 });
    expect(bucket.take()).toEqual({ allowed: false, used: 40, capacity: 40 });
  });

  it('drains two calls per second of clock time', () => {
    let now = 0;
    const bucket = new LeakyBucket(() => now);
    for (let i = 0; i < 40; i += 1) bucket.take();
    now = 1000;
    expect(bucket.used()).toBe(38);
    expect(bucket.take().allowed).toBe(true);
    expect(bucket.take().allowed).toBe(true);
    expect(bucket.take().allowed).toBe(false);
  });

  it('empties completely after a quiet period', () => {
    let now = 0;
    const bucket = new LeakyBucket(() => now);
    for (let i = 0; i < 40; i += 1) bucket.take();
    now = 20_000;
    expect(bucket.used()).toBe(0);
  });
});
