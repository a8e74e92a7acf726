import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/open-store.js';
import { MallBusyError, withMallLease } from './mall-lease.js';
import type { PipelineContext } from './pipeline-context.js';

const MALL = 'lease-mall';

describe('withMallLease', () => {
  let store: Store;
  let now: number;
  let ctx: PipelineContext;

  beforeEach(async () => {
    store = openStore({ databaseUrl: 'sqlite::memory:', dataDir: '/nonexistent', secretKey: 'b'.repeat(64) });
    await store.migrate();
    now = Date.parse('2026-03-02T10:00:00+09:00');
    await store.malls.install(MALL, { shopNo: 1, plan: 'free', now });
    // Only what the lease uses: the store, the lease length, a clock and a logger.
    ctx = {
      store,
      config: { jobLeaseSeconds: 10 },
      now: () => now,
      logger: { warn: () => undefined },
    } as unknown as PipelineContext;
  });
  afterEach(async () => store.close());

  it('runs one batch of a mall at a time: the second starts after the first released', async () => {
    const events: string[] = [];
    let releaseFirst: () => void = () => undefined;
    const first = withMallLease(ctx, MALL, async () => {
      events.push('first start');
      await new Promise<void>((resolve) => (releaseFirst = resolve));
      events.push('first end');
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = withMallLease(ctx, MALL, async () => {
      events.push('second start');
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events).toEqual(['first start']);
    releaseFirst();
    await Promise.all([first, second]);
    expect(events).toEqual(['first start', 'first end', 'second start']);
  });

  it('stops a batch before it writes once another worker took the lapsed lease over', async () => {
    await expect(
      withMallLease(ctx, MALL, async (lease) => {
        await lease.confirm();
        // This holder stalls past its lease; another worker takes the mall.
        now += 10_001;
        expect(await store.mallLocks.acquire(MALL, 'other-worker', now, 10_000)).toBe(true);
        await lease.confirm();
      }),
    ).rejects.toBeInstanceOf(MallBusyError);
    // The other worker's lease is untouched by the stalled holder's release.
    expect(await store.mallLocks.acquire(MALL, 'third-worker', now + 1, 10_000)).toBe(false);
  });
});
