import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../src/domain/order.js';
import type { Flow } from '../../src/engine/flow-schema.js';
import { kstDate, ordersInRange } from '../../src/pipeline/order-pages.js';
import { replayOrders } from '../../src/pipeline/replay-orders.js';
import { installTemplates, startPassWing, waitFor, type Harness } from './passwing-harness.js';

const MALL = 'loop-mall';
const TEMPLATES = [
  'FIRST_ORDER',
  'ISLAND_SHIP',
  'HIGH_VALUE',
  'BUNDLE_SHIP',
  'BANK_ALERT',
  'VIP_GIFT',
  'SAME_DAY',
  'STOCK_ALERT',
];

describe('the order loop: webhook → fetch → evaluate → labels in Cafe24', () => {
  let harness: Harness;
  let flows: Flow[];

  beforeAll(async () => {
    harness = await startPassWing({ malls: [MALL], historyOrders: 40 });
    flows = await installTemplates(
      harness.passwing,
      MALL,
      TEMPLATES.map((id) => ({ id })),
    );
  });
  afterAll(async () => harness?.cleanup());

  async function allOrders(): Promise<Order[]> {
    const client = harness.passwing.runtime.ctx.cafe24.client(MALL);
    const orders: Order[] = [];
    const now = Date.now();
    for await (const page of ordersInRange(
      client,
      { from: kstDate(now - 89 * 86_400_000), to: kstDate(now), dateType: 'order_date' },
      (error) => {
        throw error;
      },
    )) {
      orders.push(...page);
    }
    return orders;
  }

  it('labels every new order exactly as `passwing replay` decides for the same orders', async () => {
    const { store } = harness.passwing.runtime.ctx;
    const sandbox = harness.passwing.sandbox!;
    // Wait for the install import, so history facts are complete before live orders arrive.
    await waitFor(
      async () => (await store.backfillJobs.list(MALL, 5)).some((job) => job.status === 'done'),
      30_000,
      'import',
    );
    await waitFor(async () => (await store.products.list(MALL)).length > 0, 30_000, 'catalogue');
    const orderIds = await sandbox.generateOrders(MALL, 25);
    await waitFor(
      async () => {
        for (const orderId of orderIds)
          if ((await store.runs.listForOrder(MALL, orderId)).length === 0) return false;
        return true;
      },
      60_000,
      'a run for every order',
    );

    const replayed = await replayOrders(await allOrders(), {
      flows,
      catalogue: await store.products.list(MALL),
    });
    const expected = new Map(replayed.map((line) => [line.order_id, [...line.labels].sort()]));
    let labelled = 0;
    for (const orderId of orderIds) {
      const onItems = Object.values(sandbox.orderLabels(MALL, orderId));
      const union = [...new Set(onItems.flat())].sort();
      expect({ orderId, labels: union }).toEqual({ orderId, labels: expected.get(orderId) });
      // Order-scope labels sit on every item of the order.
      if (union.length > 0) labelled += 1;
    }
    expect(labelled).toBeGreaterThan(0);
  });

  it('never removes a label typed by a person, and re-processing the same state writes nothing', async () => {
    const { store, queue } = harness.passwing.runtime.ctx;
    const sandbox = harness.passwing.sandbox!;
    const [orderId] = await sandbox.generateOrders(MALL, 1);
    await waitFor(
      async () => (await store.runs.listForOrder(MALL, orderId!)).length > 0,
      30_000,
      'first run',
    );
    const itemCode = Object.keys(sandbox.orderLabels(MALL, orderId!))[0]!;
    sandbox.addManualLabel(MALL, itemCode, '포장주의');
    const labelCallsBefore = sandbox.stats(MALL).callsByEndpoint;
    await queue.enqueue('order-events', {
      mallId: MALL,
      orderId: orderId!,
      trigger: 'order.changed',
      source: 'manual',
      receivedAt: Date.now(),
    });
    await waitFor(
      async () => (await store.runs.listForOrder(MALL, orderId!)).length > 1,
      30_000,
      'second run',
    );
    expect(sandbox.orderLabels(MALL, orderId!)[itemCode]).toContain('포장주의');
    const labelCallsAfter = sandbox.stats(MALL).callsByEndpoint;
    const labelWrites = (calls: Record<string, number>) =>
      Object.entries(calls)
        .filter(([endpoint]) => endpoint.includes('labels') && !endpoint.startsWith('GET'))
        .reduce((sum, [, count]) => sum + count, 0);
    expect(labelWrites(labelCallsAfter)).toBe(labelWrites(labelCallsBefore));
  });
});

describe('customer grade names from Cafe24', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startPassWing({ malls: ['grade-mall'], historyOrders: 10 });
  });
  afterAll(async () => harness?.cleanup());

  it('labels a member order by its grade name (customergroups), never a guest order', async () => {
    const { store } = harness.passwing.runtime.ctx;
    const names = ['일반회원', '실버', '골드', 'VIP'];
    await store.flows.save(
      'grade-mall',
      {
        id: 'grade-check',
        name: '등급 확인',
        enabled: true,
        priority: 1,
        triggers: ['order.created', 'order.paid', 'order.changed', 'manual'],
        version: 1,
        rules: [
          {
            id: 'named-grade',
            name: '등급 이름이 있는 회원',
            when: { kind: 'compare', fact: 'customer.gradeName', op: 'in', value: names },
            then: [{ type: 'addLabel', label: '등급확인', scope: 'order' }],
          },
        ],
      },
      { author: 'test', note: 'grade names', now: Date.now() },
    );
    const sandbox = harness.passwing.sandbox!;
    const [member] = await sandbox.generateOrders('grade-mall', 1, { memberId: 'member001' });
    const [guest] = await sandbox.generateOrders('grade-mall', 1, { memberId: null });
    await waitFor(
      async () =>
        (await store.runs.listForOrder('grade-mall', member!)).length > 0 &&
        (await store.runs.listForOrder('grade-mall', guest!)).length > 0,
      30_000,
      'runs',
    );
    const labelsOf = (orderId: string) => [
      ...new Set(Object.values(sandbox.orderLabels('grade-mall', orderId)).flat()),
    ];
    expect(labelsOf(member!)).toContain('등급확인');
    expect(labelsOf(guest!)).not.toContain('등급확인');
  });
});
