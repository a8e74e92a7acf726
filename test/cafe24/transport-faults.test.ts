import { afterEach, describe, expect, it } from 'vitest';
import { fetchOrder, fetchOrdersByIds } from '../../src/cafe24/resources/orders.js';
import { writeLabelChanges } from '../../src/cafe24/resources/labels.js';
import { InMemoryTokenStore } from './in-memory-token-store.js';
import { install, passwingProcess, ShiftedClock, startTestSandbox, type Sandbox } from './sandbox-harness.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

/**
 * Another app on the same mall ignoring the limit: `fill` sends a burst that fills the bucket;
 * `keepFull` then calls at 5/s (above Cafe24's 2/s drain) for `seconds`, so PassWing sees 429s.
 */
function competingApp(target: Sandbox, accessToken: string) {
  const call = async () => {
    const response = await fetch(`${target.apiBase('m1')}/admin/customergroups`, {
      headers: { Authorization: `Bearer ${accessToken}` },
    }).catch(() => null);
    await response?.body?.cancel();
  };
  return {
    fill: () => Promise.all(Array.from({ length: 45 }, call)),
    async keepFull(seconds: number) {
      for (let i = 0; i < seconds * 5; i += 1) {
        await call();
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
  };
}

describe('transport faults against the sandbox over HTTP', () => {
  it('rides out a 429 storm from a competing client without a failed operation', async () => {
    const clock = new ShiftedClock();
    sandbox = await startTestSandbox({ clock });
    const store = new InMemoryTokenStore();
    const { tokens } = await install(sandbox, store, 'm1', clock);
    const ids = await sandbox.generateOrders('m1', 20);
    const { client } = passwingProcess(sandbox, store, clock, { maxRetries: 20 });
    const other = competingApp(sandbox, tokens.accessToken);
    await other.fill();
    const stormDone = other.keepFull(4);
    const results = await Promise.allSettled(ids.map((id) => fetchOrder(client, id)));
    await stormDone;
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(results.every((r) => r.status === 'fulfilled' && r.value !== null)).toBe(true);
    expect(sandbox.stats('m1').status429).toBeGreaterThan(0);
    expect(client.metrics.snapshot().throttled).toBeGreaterThan(0);
    expect(client.metrics.snapshot().failures).toBe(0);
  });

  it('retries injected 5xx answers and timeouts until every operation succeeds', async () => {
    const clock = new ShiftedClock();
    sandbox = await startTestSandbox({ clock, faults: 'http5xx=25,timeout=5,hang=2000' });
    const store = new InMemoryTokenStore();
    await install(sandbox, store, 'm1', clock);
    const ids = await sandbox.generateOrders('m1', 30);
    const { config, tokens } = passwingProcess(sandbox, store, clock);
    const { Cafe24Client } = await import('../../src/cafe24/cafe24-client.js');
    const { LeakyBucketLimiter } = await import('../../src/cafe24/rate-limiter.js');
    const client = new Cafe24Client({
      mallId: 'm1',
      config,
      tokens,
      clock,
      rateLimiter: new LeakyBucketLimiter({ clock, minIntervalMs: 20 }),
      backoff: { baseMs: 100, maxMs: 1000 },
      timeoutMs: 500,
      maxRetries: 12,
    });
    const orders = (await fetchOrdersByIds(client, ids, { batchSize: 5 })) as {
      order_id: string;
      items: { order_item_code: string }[];
    }[];
    expect(orders).toHaveLength(30);
    const add = orders.flatMap((o) =>
      o.items.map((item) => ({ itemCode: item.order_item_code, label: 'FAULT_OK' })),
    );
    const report = await writeLabelChanges(client, { add, remove: [] }, { itemCodesPerRequest: 5 });
    expect(report.unconfirmed).toEqual([]);
    for (const id of ids) {
      expect(
        Object.values(sandbox.orderLabels('m1', id)).every((labels) => labels.includes('FAULT_OK')),
      ).toBe(true);
    }
    const stats = sandbox.stats('m1');
    expect(stats.status5xx + stats.timeouts).toBeGreaterThan(0);
    expect(client.metrics.snapshot()).toMatchObject({ failures: 0 });
    expect(client.metrics.snapshot().retries).toBeGreaterThan(0);
  });
});
