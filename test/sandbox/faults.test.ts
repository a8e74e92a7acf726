import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/start-sandbox.js';
import { adminClient, install, MALL, startReceiver, startTestSandbox } from './sandbox-harness.js';

const running: Sandbox[] = [];
afterEach(async () => {
  for (const sandbox of running.splice(0)) await sandbox.close();
});

async function apiStatuses(seed: number, faults: string, calls: number): Promise<number[]> {
  const { sandbox } = await startTestSandbox({ seed, faults });
  running.push(sandbox);
  const api = adminClient(sandbox, (await install(sandbox)).access_token);
  const statuses: number[] = [];
  for (let call = 0; call < calls; call += 1) statuses.push((await api('GET', '/admin/orders/count')).status);
  return statuses;
}

describe('fault injection', () => {
  it('fails the same API calls with 5xx for the same seed', async () => {
    const first = await apiStatuses(7, 'http5xx=30', 30);
    const second = await apiStatuses(7, 'http5xx=30', 30);
    expect(first).toEqual(second);
    expect(first.filter((status) => status === 503).length).toBeGreaterThan(3);
    expect(first.filter((status) => status === 200).length).toBeGreaterThan(10);
    const otherSeed = await apiStatuses(8, 'http5xx=30', 30);
    expect(otherSeed).not.toEqual(first);
  });

  it('holds a timed-out call and answers 504', async () => {
    const statuses = await apiStatuses(3, 'timeout=100,hang=20', 2);
    expect(statuses).toEqual([504, 504]);
  });

  it('drops and duplicates the same webhooks for the same seed', async () => {
    const outcomes: string[][] = [];
    for (let run = 0; run < 2; run += 1) {
      const receiver = await startReceiver();
      try {
        const { sandbox } = await startTestSandbox({
          seed: 11,
          faults: 'drop=30,dup=30',
          webhookUrl: receiver.url,
        });
        running.push(sandbox);
        const ids = await sandbox.generateOrders(MALL, 20);
        await sandbox.webhooksIdle();
        const received = receiver.bodies.map((body) => String(body.resource.order_id));
        expect(new Set(received).size).toBeLessThan(20); // some dropped
        expect(received.length).toBeGreaterThan(new Set(received).size); // some duplicated
        expect(received.every((id) => ids.includes(id))).toBe(true);
        outcomes.push(received.map((id) => String(ids.indexOf(id))));
        const faults = sandbox.webhookLog(MALL).map((log) => log.fault);
        expect(faults).toContain('dropped');
        expect(faults).toContain('duplicate');
      } finally {
        await receiver.close();
      }
    }
    expect(outcomes[0]).toEqual(outcomes[1]);
  });

  it('reorders deliveries when reorder is on, yet delivers all of them', async () => {
    const receiver = await startReceiver();
    try {
      const { sandbox } = await startTestSandbox({ seed: 5, faults: 'reorder=1', webhookUrl: receiver.url });
      running.push(sandbox);
      const ids = await sandbox.generateOrders(MALL, 12);
      await sandbox.webhooksIdle();
      const received = receiver.bodies.map((body) => String(body.resource.order_id));
      expect([...received].sort()).toEqual([...ids].sort());
      expect(received).not.toEqual(ids);
    } finally {
      await receiver.close();
    }
  });

  it('delays deliveries by at most the given milliseconds', async () => {
    const receiver = await startReceiver();
    try {
      const { sandbox } = await startTestSandbox({ seed: 5, faults: 'delay=30', webhookUrl: receiver.url });
      running.push(sandbox);
      const ids = await sandbox.generateOrders(MALL, 3);
      await sandbox.webhooksIdle();
      expect(receiver.bodies.map((body) => body.resource.order_id)).toEqual(ids);
      expect(sandbox.webhookLog(MALL).some((log) => log.fault === 'delayed')).toBe(true);
    } finally {
      await receiver.close();
    }
  });
});
