import { describe, expect, it } from 'vitest';
import { mapCafe24Orders } from '../../src/cafe24/order-mapping.js';
import { customerKeyOf } from '../../src/domain/customer-key.js';
import { OrderFacts } from '../../src/domain/order-facts.js';
import type { Order } from '../../src/domain/order.js';
import { enrichOrder } from '../../src/facts/enrich-order.js';
import { InMemoryHistory } from '../../src/facts/in-memory-history.js';
import { parseInstant } from '../../src/facts/kst-clock.js';
import { sampleCafe24Order } from './fixtures/cafe24-sample-order.js';

/** Raw Cafe24 orders of one member, built from the official sample with a few fields changed. */
function rawOrder(
  orderId: string,
  orderDate: string,
  fields: Record<string, unknown> = {},
): Record<string, unknown> {
  const raw = sampleCafe24Order();
  return { ...raw, order_id: orderId, order_date: orderDate, first_order: '', ...fields };
}

/** Replays orders the way `passwing replay` does: in order_date order, history from earlier ones. */
async function replay(orders: Order[]): Promise<Map<string, OrderFacts>> {
  const history = new InMemoryHistory();
  for (const order of orders) history.record(order);
  const sorted = [...orders].sort((a, b) => parseInstant(a.placedAt) - parseInstant(b.placedAt));
  const facts = new Map<string, OrderFacts>();
  for (const order of sorted) {
    const earlier = await history.earlierOrders(customerKeyOf(order), {
      orderId: order.orderId,
      placedAt: parseInstant(order.placedAt),
    });
    facts.set(
      order.orderId,
      enrichOrder(order, {
        history: earlier,
        catalogue: () => undefined,
        settings: { regionOverrides: [], closedDays: [] },
      }),
    );
  }
  return facts;
}

describe('Cafe24 orders → order facts', () => {
  it('turns the official sample into valid facts', async () => {
    const [order] = mapCafe24Orders({ order: sampleCafe24Order() });
    const facts = (await replay([order!])).get('20170710-0000013');
    expect(OrderFacts.safeParse(facts).success).toBe(true);
    expect(facts).toMatchObject({
      order: { productAmount: 5000, paymentAmount: 30000, hour: 11, date: '2018-07-04', isHoliday: false },
      shipping: { zip: '06258', zone: 'MAINLAND' },
      customer: { kind: 'member', isFirstOrder: true, previousOrderCount: 0, lifetimeAmount: 5000 },
    });
  });

  it('builds history from the earlier orders of the same file, whatever their position in it', async () => {
    const orders = mapCafe24Orders({
      orders: [
        rawOrder('20260310-0000003', '2026-03-10T12:00:00+09:00'),
        rawOrder('20260310-0000001', '2026-03-10T10:00:00+09:00'),
        rawOrder('20260310-0000002', '2026-03-10T11:00:00+09:00', { canceled: 'T' }),
      ],
    });
    const facts = await replay(orders);
    expect(facts.get('20260310-0000001')?.customer).toMatchObject({
      isFirstOrder: true,
      previousOrderCount: 0,
    });
    // The cancelled order is in nobody's history and adds nothing to its own lifetime amount.
    expect(facts.get('20260310-0000002')?.customer).toMatchObject({
      isFirstOrder: false,
      previousOrderCount: 1,
      lifetimeAmount: 5000,
    });
    expect(facts.get('20260310-0000003')?.customer).toMatchObject({
      isFirstOrder: false,
      previousOrderCount: 1,
      lifetimeAmount: 10000,
    });
  });

  it('keeps guests apart from members and never makes them first orders on history alone', async () => {
    const orders = mapCafe24Orders([
      rawOrder('20260310-0000001', '2026-03-10T10:00:00+09:00', { member_id: '' }),
      rawOrder('20260310-0000002', '2026-03-10T10:30:00+09:00', { member_id: '' }),
    ]);
    const facts = await replay(orders);
    expect(facts.get('20260310-0000001')?.customer).toMatchObject({ kind: 'guest', isFirstOrder: false });
    expect(facts.get('20260310-0000002')?.customer.history.map((order) => order.orderId)).toEqual([
      '20260310-0000001',
    ]);
  });

  it('carries client_ip through to the overseas flag', async () => {
    const orders = mapCafe24Orders([
      rawOrder('20260310-0000001', '2026-03-10T10:00:00+09:00', { client_ip: '8.8.8.8' }),
    ]);
    expect((await replay(orders)).get('20260310-0000001')?.order).toMatchObject({
      ipCountry: 'US',
      isOverseasIp: true,
    });
  });
});
