import { describe, expect, it } from 'vitest';
import { OrderGenerator, populateMall } from './order-generator.js';
import { SeededRandom } from './seeded-random.js';
import { SimulatedMall } from './simulated-mall.js';

const NOW = Date.parse('2026-03-02T10:00:00+09:00');

function mallWithOrder(payment: 'card' | 'cash', productCodes = ['P000000A', 'P000000B']) {
  const mall = new SimulatedMall('m');
  const random = new SeededRandom(1);
  populateMall(mall, random, NOW);
  const order = new OrderGenerator(mall, random).generate(NOW, { payment, productCodes });
  return { mall, order };
}

describe('SimulatedMall', () => {
  it('numbers orders per KST day and items per order', () => {
    const mall = new SimulatedMall('m');
    expect(mall.nextOrderId(NOW)).toBe('20260302-0000001');
    expect(mall.nextOrderId(NOW)).toBe('20260302-0000002');
    expect(mall.nextOrderId(NOW + 24 * 60 * 60 * 1000)).toBe('20260303-0000001');
    const { order } = mallWithOrder('card');
    expect(order.items.map((item) => item.itemCode)).toEqual([`${order.orderId}-01`, `${order.orderId}-02`]);
  });

  it('keeps a cash order unpaid (N00) until the deposit, then moves it to N10', () => {
    const { mall, order } = mallWithOrder('cash');
    expect(order.paid).toBe('F');
    expect(order.items.every((item) => item.orderStatus === 'N00')).toBe(true);
    expect(mall.pay(order.orderId, NOW + 1000)).toBe(true);
    expect(order.paymentDate).toBe(NOW + 1000);
    expect(order.items.every((item) => item.orderStatus === 'N10')).toBe(true);
    expect(mall.pay(order.orderId, NOW + 2000)).toBe(false);
  });

  it('cancels an unpaid order as 입금전취소 (C47) and a paid one as C40', () => {
    const unpaid = mallWithOrder('cash');
    unpaid.mall.cancel(unpaid.order.orderId, NOW);
    expect(unpaid.order.items.map((item) => item.orderStatus)).toEqual(['C47', 'C47']);
    expect(unpaid.order.canceled).toBe('T');
    const paid = mallWithOrder('card');
    paid.mall.cancel(paid.order.orderId, NOW);
    expect(paid.order.items.map((item) => item.orderStatus)).toEqual(['C40', 'C40']);
  });

  it('returns a single item and leaves the order not cancelled', () => {
    const { mall, order } = mallWithOrder('card');
    const returned = mall.returnItems(order.orderId, NOW, `${order.orderId}-02`);
    expect(returned.map((item) => item.itemCode)).toEqual([`${order.orderId}-02`]);
    expect(order.items.map((item) => item.orderStatus)).toEqual(['N10', 'R40']);
    expect(order.canceled).toBe('F');
    expect(() => mall.returnItems(order.orderId, NOW, `${order.orderId}-09`)).toThrow(
      expect.objectContaining({ code: 'SANDBOX_UNKNOWN_ITEM' }),
    );
  });

  it('holds only open items and restores their status on unhold', () => {
    const { mall, order } = mallWithOrder('card');
    mall.ship(order.orderId, false);
    expect(mall.setHold(order.orderId, true)).toEqual([]); // in transit: too late to hold
    const fresh = mallWithOrder('card');
    expect(fresh.mall.setHold(fresh.order.orderId, true, [`${fresh.order.orderId}-01`])).toHaveLength(1);
    expect(fresh.order.items.map((item) => item.orderStatus)).toEqual(['N22', 'N10']);
    fresh.mall.setHold(fresh.order.orderId, false);
    expect(fresh.order.items.map((item) => item.orderStatus)).toEqual(['N10', 'N10']);
  });

  it('keeps label names unique per item and records them in the mall dictionary', () => {
    const { mall, order } = mallWithOrder('card');
    const [first] = order.items;
    if (first === undefined) throw new Error('no item');
    mall.addLabels(first, ['A', 'B', 'A']);
    mall.replaceLabels(first, ['C', 'C']);
    expect(first.labels).toEqual(['C']);
    expect(mall.labelNames).toEqual(['A', 'B', 'C']);
  });
});
