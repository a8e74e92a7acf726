import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/open-store.js';
import { deliverOnce } from './deliver-once.js';
import type { PipelineContext } from './pipeline-context.js';

const MALL = 'deliver-mall';
const NOW = Date.parse('2026-03-02T10:00:00+09:00');

describe('deliverOnce', () => {
  let store: Store;
  let ctx: PipelineContext;
  const warnings: string[] = [];

  beforeEach(async () => {
    store = openStore({ databaseUrl: 'sqlite::memory:', dataDir: '/nonexistent', secretKey: 'a'.repeat(64) });
    await store.migrate();
    await store.malls.install(MALL, { shopNo: 1, plan: 'free', now: NOW });
    // Only what deliverOnce uses: the store, a clock and a logger.
    ctx = {
      store,
      now: () => NOW,
      logger: { warn: (_fields: unknown, message: string) => warnings.push(message) },
    } as unknown as PipelineContext;
  });
  afterEach(async () => store.close());

  const reserve = async (dedupeKey: string): Promise<number> => {
    const reserved = await store.notifications.reserve(MALL, {
      dedupeKey,
      channel: 'ops',
      orderId: 'o-1',
      runId: null,
      payload: {},
      createdAt: NOW,
    });
    if (!reserved.ok) throw new Error('not reserved');
    return reserved.id;
  };

  it('runs the effect once and records it sent; a second attempt does nothing', async () => {
    const id = await reserve('k-1');
    let calls = 0;
    const effect = async () => {
      calls += 1;
    };
    expect(await deliverOnce(ctx, MALL, id, effect)).toBe('sent');
    expect(await deliverOnce(ctx, MALL, id, effect)).toBe('already-sent');
    expect(calls).toBe(1);
    expect(await store.notifications.status(MALL, id)).toBe('sent');
  });

  it('records a failed attempt and lets the retry send it', async () => {
    const id = await reserve('k-2');
    await expect(
      deliverOnce(ctx, MALL, id, async () => {
        throw new Error('HTTP 503');
      }),
    ).rejects.toThrow('HTTP 503');
    expect((await store.notifications.list(MALL, 5))[0]).toMatchObject({
      status: 'failed',
      error: 'HTTP 503',
    });
    let calls = 0;
    expect(await deliverOnce(ctx, MALL, id, async () => void (calls += 1))).toBe('sent');
    expect(calls).toBe(1);
  });

  it('does not repeat a delivery whose worker died in flight: marks it uncertain', async () => {
    const id = await reserve('k-3');
    // The dead worker's claim: it was sending when it stopped.
    expect(await store.notifications.claimForSending(MALL, id)).toBe(true);
    let calls = 0;
    expect(await deliverOnce(ctx, MALL, id, async () => void (calls += 1))).toBe('uncertain');
    expect(calls).toBe(0);
    expect(await store.notifications.status(MALL, id)).toBe('uncertain');
    expect(warnings).toContain('interrupted delivery marked uncertain, not repeated');
    expect(await deliverOnce(ctx, MALL, id, async () => void (calls += 1))).toBe('already-sent');
    expect(calls).toBe(0);
  });
});
