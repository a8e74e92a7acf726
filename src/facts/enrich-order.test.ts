import { describe, expect, it } from 'vitest';
import { customerKeyOf } from '../domain/customer-key.js';
import { OrderFacts, type HistoryOrder } from '../domain/order-facts.js';
import type { Product } from '../domain/product.js';
import { makeItem, makeOrder } from '../../test/facts/fixtures/make-order.js';
import { enrichOrder, type EnrichContext } from './enrich-order.js';
import { parseInstant } from './kst-clock.js';

const product: Product = {
  productNo: 14,
  productCode: 'P000000N',
  name: '예시 상품',
  tags: ['SAME_DAY', 'BEST'],
  variants: [
    { variantCode: 'P000000N000A', quantity: 3, useInventory: true },
    { variantCode: 'P000000N000B', quantity: 40, useInventory: false },
  ],
};

function context(fields: Partial<EnrichContext> = {}): EnrichContext {
  return {
    history: [],
    catalogue: (productNo) => (productNo === product.productNo ? product : undefined),
    settings: { regionOverrides: [], closedDays: [] },
    ...fields,
  };
}

const earlier = (orderId: string, productAmount: number): HistoryOrder => ({
  orderId,
  placedAt: parseInstant('2026-01-01T10:00:00+09:00'),
  productAmount,
  hasReturn: false,
});

describe('enrichOrder', () => {
  it('produces facts that satisfy the OrderFacts schema', () => {
    expect(OrderFacts.safeParse(enrichOrder(makeOrder(), context())).success).toBe(true);
  });

  it('copies amounts, channel, paid and cancellation', () => {
    const facts = enrichOrder(
      makeOrder({ productAmount: 99999, paymentAmount: 102999, paid: 'M' }),
      context(),
    );
    expect(facts.order).toMatchObject({
      id: '20260310-0000001',
      productAmount: 99999,
      paymentAmount: 102999,
      channel: 'cafe24',
      paid: 'M',
      canceled: false,
    });
  });

  it('projects the order time onto KST', () => {
    const facts = enrichOrder(makeOrder({ placedAt: '2026-03-08T04:59:00+09:00' }), context());
    expect(facts.order).toMatchObject({
      placedAt: parseInstant('2026-03-08T04:59:00+09:00'),
      date: '2026-03-08',
      hour: 4,
      minuteOfDay: 299,
      weekday: 7,
    });
  });

  it('marks public holidays, merchant closed days, and unknown years', () => {
    expect(enrichOrder(makeOrder({ placedAt: '2026-01-01T10:00:00+09:00' }), context()).order.isHoliday).toBe(
      true,
    );
    expect(enrichOrder(makeOrder(), context()).order.isHoliday).toBe(false);
    const closed = context({ settings: { regionOverrides: [], closedDays: ['2026-03-10'] } });
    expect(enrichOrder(makeOrder(), closed).order.isHoliday).toBe(true);
    expect(
      enrichOrder(makeOrder({ placedAt: '2099-03-10T10:00:00+09:00' }), context()).order.isHoliday,
    ).toBeNull();
  });

  it('normalises payment methods', () => {
    expect(
      enrichOrder(makeOrder({ paymentMethods: ['mileage', 'cash'] }), context()).order.paymentMethods,
    ).toEqual(['point', 'cash']);
  });

  it('counts items and sums quantities', () => {
    const order = makeOrder({
      items: [makeItem({ quantity: 2 }), makeItem({ itemCode: '20260310-0000001-02', quantity: 3 })],
    });
    expect(enrichOrder(order, context()).order).toMatchObject({ itemCount: 2, quantity: 5 });
  });

  describe('IP country', () => {
    const withIp = (clientIp: string | null) =>
      enrichOrder(makeOrder({ personal: { ...makeOrder().personal, clientIp } }), context()).order;

    it('flags a known foreign country as overseas', () => {
      expect(withIp('8.8.8.8')).toMatchObject({ clientIp: '8.8.8.8', ipCountry: 'US', isOverseasIp: true });
    });

    it('does not flag a Korean IP', () => {
      expect(withIp('211.234.10.1')).toMatchObject({ ipCountry: 'KR', isOverseasIp: false });
    });

    it('does not flag an unknown or missing IP', () => {
      expect(withIp('10.0.0.1')).toMatchObject({ ipCountry: null, isOverseasIp: false });
      expect(withIp(null)).toMatchObject({ clientIp: null, ipCountry: null, isOverseasIp: false });
    });
  });

  describe('shipping region', () => {
    it('resolves the zone from the zip', () => {
      expect(enrichOrder(makeOrder({ zip: '63365' }), context()).shipping).toEqual({
        zip: '63365',
        address: '서울특별시 동작구 예시로 1',
        zone: 'JEJU',
        areaName: '제주 우도면',
        international: false,
      });
    });

    it('falls back to the address when the zip is missing', () => {
      const order = makeOrder({
        zip: null,
        personal: { ...makeOrder().personal, address: '경북 울릉군 울릉읍 1' },
      });
      expect(enrichOrder(order, context()).shipping.zone).toBe('REMOTE');
    });

    it('applies merchant overrides', () => {
      const overrides = [{ from: '06000', to: '06999', zone: 'REMOTE' as const, areaName: '테스트' }];
      const facts = enrichOrder(
        makeOrder(),
        context({ settings: { regionOverrides: overrides, closedDays: [] } }),
      );
      expect(facts.shipping).toMatchObject({ zone: 'REMOTE', areaName: '테스트' });
    });

    it('does not zone international orders by their foreign zip', () => {
      const facts = enrichOrder(makeOrder({ international: true, zip: '63001' }), context());
      expect(facts.shipping).toMatchObject({ zone: 'MAINLAND', areaName: null, international: true });
    });
  });

  describe('customer', () => {
    it('describes a member with grade and grade name', () => {
      const facts = enrichOrder(
        makeOrder({ groupNo: 3 }),
        context({ groupName: (no) => (no === 3 ? 'VIP' : null) }),
      );
      expect(facts.customer).toMatchObject({
        kind: 'member',
        memberId: 'member-a',
        key: 'm:member-a',
        grade: 3,
        gradeName: 'VIP',
      });
    });

    it('has no grade name without a lookup', () => {
      expect(enrichOrder(makeOrder({ groupNo: 3 }), context()).customer.gradeName).toBeNull();
    });

    it('describes a guest under the guest key', () => {
      const order = makeOrder({ memberId: null });
      expect(enrichOrder(order, context()).customer).toMatchObject({
        kind: 'guest',
        memberId: null,
        key: customerKeyOf(order),
      });
    });

    it('takes isFirstOrder from Cafe24 first_order when given, whatever the history', () => {
      expect(
        enrichOrder(makeOrder({ firstOrder: true }), context({ history: [earlier('o-1', 1)] })).customer
          .isFirstOrder,
      ).toBe(true);
      expect(enrichOrder(makeOrder({ firstOrder: false }), context()).customer.isFirstOrder).toBe(false);
    });

    it('derives isFirstOrder for a member from history when first_order is empty', () => {
      expect(enrichOrder(makeOrder(), context()).customer.isFirstOrder).toBe(true);
      expect(enrichOrder(makeOrder(), context({ history: [earlier('o-1', 1)] })).customer.isFirstOrder).toBe(
        false,
      );
    });

    it('never makes a guest a first order unless Cafe24 says T', () => {
      expect(enrichOrder(makeOrder({ memberId: null }), context()).customer.isFirstOrder).toBe(false);
      expect(
        enrichOrder(makeOrder({ memberId: null, firstOrder: true }), context()).customer.isFirstOrder,
      ).toBe(true);
    });

    it('counts earlier orders and sums the lifetime amount including this order', () => {
      const history = [earlier('o-1', 400000), earlier('o-2', 500000)];
      const facts = enrichOrder(makeOrder({ productAmount: 100000 }), context({ history }));
      expect(facts.customer).toMatchObject({ previousOrderCount: 2, lifetimeAmount: 1000000, history });
    });

    it('leaves a cancelled order out of its own lifetime amount', () => {
      const facts = enrichOrder(
        makeOrder({ productAmount: 100000, canceled: true }),
        context({ history: [earlier('o-1', 400000)] }),
      );
      expect(facts.customer.lifetimeAmount).toBe(400000);
    });
  });

  describe('items', () => {
    it('adds catalogue tags and the stock of an inventory-tracked variant', () => {
      const [item] = enrichOrder(makeOrder(), context()).items;
      expect(item).toMatchObject({
        productNo: 14,
        variantCode: 'P000000N000A',
        tags: ['SAME_DAY', 'BEST'],
        stock: 3,
      });
    });

    it('reports null stock when the variant does not track inventory', () => {
      const order = makeOrder({ items: [makeItem({ variantCode: 'P000000N000B' })] });
      expect(enrichOrder(order, context()).items[0]?.stock).toBeNull();
    });

    it('reports null stock for a variant missing from the catalogue', () => {
      const order = makeOrder({ items: [makeItem({ variantCode: 'P000000N000Z' })] });
      expect(enrichOrder(order, context()).items[0]?.stock).toBeNull();
    });

    it('gives no tags and no stock for a product missing from the catalogue', () => {
      const order = makeOrder({ items: [makeItem({ productNo: 999 })] });
      expect(enrichOrder(order, context()).items[0]).toMatchObject({ tags: [], stock: null });
    });

    it('keeps the item fields', () => {
      const [item] = enrichOrder(makeOrder(), context()).items;
      expect(item).toMatchObject({
        itemCode: '20260310-0000001-01',
        productCode: 'P000000N',
        name: '예시 상품',
        quantity: 1,
        price: 50000,
        status: 'N10',
      });
    });
  });
});
