import { describe, expect, it } from 'vitest';
import { domainOrder, kst } from '../../test/templates/domain-order.js';
import type { Flow } from '../engine/flow-schema.js';
import { findTemplate } from '../templates/index.js';
import { replayDecisions, replayOrders } from './replay-orders.js';

const flow = (id: string): Flow => findTemplate(id)!.build();

/** A merchant flow labelling members' second and later orders (needs history). */
const REPEAT: Flow = {
  id: 'REPEAT',
  name: '재구매',
  enabled: true,
  priority: 100,
  triggers: ['order.created'],
  version: 3,
  rules: [
    {
      id: 'REPEAT_BUYER',
      name: '재구매 고객',
      when: { kind: 'compare', fact: 'customer.orderCount', op: 'gte', value: 1 },
      then: [{ type: 'addLabel', label: '재구매', scope: 'order' }],
    },
  ],
};

describe('replayOrders', () => {
  it('evaluates in order_date order but answers in input order', async () => {
    const lines = await replayOrders(
      [
        domainOrder({ orderId: 'C', placedAt: kst('2026-11-03 10:00') }),
        domainOrder({ orderId: 'A', placedAt: kst('2026-11-01 10:00') }),
        domainOrder({ orderId: 'B', placedAt: kst('2026-11-02 10:00') }),
      ],
      { flows: [REPEAT], catalogue: [] },
    );
    expect(lines.map((line) => [line.order_id, line.labels])).toEqual([
      ['C', ['재구매']],
      ['A', []],
      ['B', ['재구매']],
    ]);
  });

  it('orders simultaneous orders by order ID', async () => {
    const at = kst('2026-11-01 10:00');
    const lines = await replayOrders(
      [domainOrder({ orderId: '2', placedAt: at }), domainOrder({ orderId: '1', placedAt: at })],
      { flows: [REPEAT], catalogue: [] },
    );
    expect(lines).toMatchObject([
      { order_id: '2', labels: ['재구매'] },
      { order_id: '1', labels: [] },
    ]);
  });

  it('gives the earlier order the bundling label, its rule and a plain addLabel action', async () => {
    const lines = await replayOrders(
      [
        domainOrder({ orderId: 'FIRST', placedAt: kst('2026-11-01 10:00') }),
        domainOrder({ orderId: 'SECOND', placedAt: kst('2026-11-01 10:30') }),
      ],
      { flows: [flow('BUNDLE_SHIP'), flow('HIGH_VALUE')], catalogue: [] },
    );
    expect(lines[0]).toEqual({
      order_id: 'FIRST',
      labels: ['BUNDLE_SHIP'],
      rules: ['BUNDLE_SHIP'],
      actions: [
        {
          type: 'addLabel',
          label: 'BUNDLE_SHIP',
          scope: 'order',
          flowId: 'BUNDLE_SHIP',
          ruleId: 'BUNDLE_SHIP',
        },
      ],
    });
    expect(lines[1]?.actions).toEqual([
      expect.objectContaining({ type: 'addLabel', label: 'BUNDLE_SHIP', alsoOrdersWithinMinutes: 60 }),
    ]);
  });

  it('keeps the earlier order’s own labels before the ones it received', async () => {
    const lines = await replayOrders(
      [
        domainOrder({ orderId: 'FIRST', placedAt: kst('2026-11-01 10:00'), productAmount: 200_000 }),
        domainOrder({ orderId: 'SECOND', placedAt: kst('2026-11-01 10:30') }),
      ],
      { flows: [flow('BUNDLE_SHIP'), flow('HIGH_VALUE')], catalogue: [] },
    );
    expect(lines[0]?.labels).toEqual(['HIGH_VALUE', 'BUNDLE_SHIP']);
    expect(lines[0]?.rules).toEqual(['HIGH_VALUE', 'BUNDLE_SHIP']);
  });

  it('skips flows that do not listen to the replay trigger', async () => {
    const orders = [
      domainOrder({ orderId: 'A', placedAt: kst('2026-11-01 10:00') }),
      domainOrder({ orderId: 'B', placedAt: kst('2026-11-02 10:00') }),
    ];
    const created = await replayOrders(orders, { flows: [REPEAT], catalogue: [] });
    const paid = await replayOrders(orders, { flows: [REPEAT], catalogue: [], trigger: 'order.paid' });
    expect(created[1]?.labels).toEqual(['재구매']);
    expect(paid[1]?.labels).toEqual([]);
  });

  it('returns an empty list for no orders', async () => {
    expect(await replayOrders([], { flows: [REPEAT], catalogue: [] })).toEqual([]);
  });
});

describe('replayDecisions', () => {
  it('keeps the trace and the facts when asked to explain', async () => {
    const [replayed] = await replayDecisions([domainOrder({ orderId: 'A' })], {
      flows: [REPEAT],
      catalogue: [],
      explain: true,
    });
    expect(replayed?.facts.customer.previousOrderCount).toBe(0);
    expect(replayed?.decision.trace?.flows[0]?.rules[0]).toMatchObject({
      ruleId: 'REPEAT_BUYER',
      matched: false,
    });
  });
});
