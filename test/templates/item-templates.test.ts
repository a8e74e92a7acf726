import { describe, expect, it } from 'vitest';
import { domainOrder, itemOf, kst, product } from './domain-order.js';
import { labelsByTemplate } from './replay-template.js';

const catalogue = [
  product(14, { tags: ['SAME_DAY'], stock: 5 }),
  product(15, { tags: ['NEW'], stock: 6 }),
  product(16, { tags: ['BEST'], stock: 0, useInventory: false }),
  product(17, { tags: [], stock: 100 }),
];

describe('SAME_DAY', () => {
  it('labels an order placed at 04:59 KST with an item tagged SAME_DAY', async () => {
    const labels = await labelsByTemplate(
      'SAME_DAY',
      [domainOrder({ orderId: 'A', placedAt: kst('2026-11-02 04:59'), items: [itemOf(17), itemOf(14)] })],
      { catalogue },
    );
    expect(labels).toEqual({ A: ['SAME_DAY'] });
  });

  it('does not label at 05:00 KST, nor without the tag', async () => {
    const labels = await labelsByTemplate(
      'SAME_DAY',
      [
        domainOrder({ orderId: 'FIVE', placedAt: kst('2026-11-02 05:00'), items: [itemOf(14)] }),
        domainOrder({
          orderId: 'UNTAGGED',
          placedAt: kst('2026-11-02 01:00'),
          items: [itemOf(17)],
          memberId: 'b',
        }),
      ],
      { catalogue },
    );
    expect(labels).toEqual({ FIVE: [], UNTAGGED: [] });
  });

  it('reads 04:59 KST from a UTC timestamp (19:59 the day before)', async () => {
    const labels = await labelsByTemplate(
      'SAME_DAY',
      [domainOrder({ orderId: 'UTC', placedAt: '2026-11-01T19:59:00Z', items: [itemOf(14)] })],
      { catalogue },
    );
    expect(labels).toEqual({ UTC: ['SAME_DAY'] });
  });

  it('DAWN_SAME_DAY (example) labels 당일배송', async () => {
    const labels = await labelsByTemplate(
      'DAWN_SAME_DAY',
      [domainOrder({ orderId: 'A', placedAt: kst('2026-11-02 00:00'), items: [itemOf(14)] })],
      { catalogue },
    );
    expect(labels).toEqual({ A: ['당일배송'] });
  });
});

describe('STOCK_ALERT', () => {
  it('labels an order with an item whose tracked stock is 5, not 6', async () => {
    const labels = await labelsByTemplate(
      'STOCK_ALERT',
      [
        domainOrder({ orderId: 'FIVE', items: [itemOf(17), itemOf(14)] }),
        domainOrder({ orderId: 'SIX', items: [itemOf(15)], memberId: 'b' }),
      ],
      { catalogue },
    );
    expect(labels).toEqual({ FIVE: ['STOCK_ALERT'], SIX: [] });
  });

  it('ignores variants without inventory tracking and products missing from the catalogue', async () => {
    const labels = await labelsByTemplate(
      'STOCK_ALERT',
      [
        domainOrder({ orderId: 'UNTRACKED', items: [itemOf(16)] }),
        domainOrder({ orderId: 'UNKNOWN', items: [itemOf(99)], memberId: 'b' }),
      ],
      { catalogue },
    );
    expect(labels).toEqual({ UNTRACKED: [], UNKNOWN: [] });
  });
});

describe('MARKETING (example)', () => {
  it('labels 마케팅분석대상 when an item is tagged NEW or BEST', async () => {
    const labels = await labelsByTemplate(
      'MARKETING',
      [
        domainOrder({ orderId: 'NEW', items: [itemOf(15)] }),
        domainOrder({ orderId: 'BEST', items: [itemOf(16)], memberId: 'b' }),
        domainOrder({ orderId: 'PLAIN', items: [itemOf(17)], memberId: 'c' }),
      ],
      { catalogue },
    );
    expect(labels).toEqual({ NEW: ['마케팅분석대상'], BEST: ['마케팅분석대상'], PLAIN: [] });
  });
});

describe('EVENT_ORDER (example)', () => {
  const params = { from: '2026-11-01', to: '2026-11-03', productNos: [15] };

  it('labels 이벤트주문 inside the period with an event product, both ends inclusive', async () => {
    const labels = await labelsByTemplate(
      'EVENT_ORDER',
      [
        domainOrder({ orderId: 'START', placedAt: kst('2026-11-01 00:00'), items: [itemOf(15)] }),
        domainOrder({
          orderId: 'END',
          placedAt: kst('2026-11-03 23:59'),
          items: [itemOf(17), itemOf(15)],
          memberId: 'b',
        }),
      ],
      { params },
    );
    expect(labels).toEqual({ START: ['이벤트주문'], END: ['이벤트주문'] });
  });

  it('does not label outside the period or without an event product', async () => {
    const labels = await labelsByTemplate(
      'EVENT_ORDER',
      [
        domainOrder({ orderId: 'BEFORE', placedAt: kst('2026-10-31 23:59'), items: [itemOf(15)] }),
        domainOrder({
          orderId: 'AFTER',
          placedAt: kst('2026-11-04 00:00'),
          items: [itemOf(15)],
          memberId: 'b',
        }),
        domainOrder({
          orderId: 'OTHER',
          placedAt: kst('2026-11-02 12:00'),
          items: [itemOf(17)],
          memberId: 'c',
        }),
      ],
      { params },
    );
    expect(labels).toEqual({ BEFORE: [], AFTER: [], OTHER: [] });
  });
});
