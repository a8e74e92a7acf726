import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { Cafe24ClientPool } from './cafe24-client-pool.js';

function poolOf(maxMalls: number, calls: string[] = []) {
  return new Cafe24ClientPool({
    config: { apiBaseUrlPattern: 'http://cafe24.test/{mall_id}', apiVersion: '2025-12-01' },
    tokens: {
      accessToken: async (mallId) => `token-of-${mallId}`,
      refreshAfterRejection: async (mallId) => `token-of-${mallId}`,
    },
    fetchFn: async (input) => {
      calls.push(String(input));
      return new Response('{"ok":true}', { status: 200 });
    },
    maxMalls,
  });
}

describe('Cafe24ClientPool', () => {
  it('hands out the same client for a mall while it stays among the most recently used', () => {
    const pool = poolOf(2);
    const first = pool.forMall('mall-a');
    pool.forMall('mall-b');
    expect(pool.forMall('mall-a')).toBe(first);
  });

  it('keeps at most maxMalls clients, dropping the least recently used', () => {
    const pool = poolOf(2);
    const a = pool.forMall('mall-a');
    const b = pool.forMall('mall-b');
    pool.forMall('mall-a'); // a is now more recent than b
    pool.forMall('mall-c'); // drops b
    expect(pool.size).toBe(2);
    expect(pool.forMall('mall-a')).toBe(a);
    expect(pool.forMall('mall-b')).not.toBe(b);
  });

  it('serves a dropped mall again with a working client for that mall', async () => {
    const calls: string[] = [];
    const pool = poolOf(1, calls);
    pool.forMall('mall-a');
    pool.forMall('mall-b');
    const again = pool.forMall('mall-a');
    await expect(again.get('/api/v2/admin/store', {}, z.object({ ok: z.boolean() }))).resolves.toEqual({
      ok: true,
    });
    expect(calls).toEqual(['http://cafe24.test/mall-a/api/v2/admin/store?shop_no=1']);
  });
});
