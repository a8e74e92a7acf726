import { describe, expect, it } from 'vitest';
import { mapConcurrent } from './map-concurrent.js';

describe('mapConcurrent', () => {
  it('keeps input order and never exceeds the concurrency', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapConcurrent([5, 1, 4, 2, 3], 2, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, n));
      running -= 1;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });

  it('rejects when one call fails', async () => {
    await expect(
      mapConcurrent([1, 2], 2, async (n) => (n === 2 ? Promise.reject(new Error('no')) : n)),
    ).rejects.toThrow('no');
  });

  it('handles an empty list', async () => {
    expect(await mapConcurrent([], 3, async () => 1)).toEqual([]);
  });
});
