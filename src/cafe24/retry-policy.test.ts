import { describe, expect, it } from 'vitest';
import { readRateLimitHints, retryDelayMs } from './retry-policy.js';

describe('retryDelayMs', () => {
  it('grows exponentially with equal jitter', () => {
    expect(retryDelayMs(0, null, { baseMs: 500, random: () => 0 })).toBe(250);
    expect(retryDelayMs(0, null, { baseMs: 500, random: () => 1 })).toBe(500);
    expect(retryDelayMs(3, null, { baseMs: 500, random: () => 0 })).toBe(2000);
  });

  it('is capped', () => {
    expect(retryDelayMs(30, null, { baseMs: 500, maxMs: 8000, random: () => 1 })).toBe(8000);
  });

  it('waits at least as long as Cafe24 says the quota needs', () => {
    expect(retryDelayMs(0, 32_000, { random: () => 0 })).toBe(32_000);
  });
});

describe('readRateLimitHints', () => {
  it('reads the bucket level and the longest quota remain time', () => {
    const headers = new Headers({
      'X-Api-Call-Limit': '12/40',
      'X-Cafe24-Call-Remain': '32',
      'X-Cafe24-Time-Remain': '7',
    });
    expect(readRateLimitHints(headers)).toEqual({
      callLimit: { used: 12, capacity: 40 },
      quotaRemainMs: 32_000,
    });
  });

  it('reports nothing when the headers are absent or garbled', () => {
    const headers = new Headers({ 'X-Api-Call-Limit': 'lots' });
    expect(readRateLimitHints(headers)).toEqual({ callLimit: null, quotaRemainMs: null });
  });
});
