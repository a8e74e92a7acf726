import type { OrderFacts } from '../../../src/domain/order-facts.js';

/**
 * A made-up order to start a simulation from when the mall has none yet (fake buyer, no personal
 * data): 120,000원, Jeju, first order of a member, paid by card at 23:10 KST.
 */
export function sampleFacts(now: number): OrderFacts {
  const kst = new Date(now + 9 * 3600_000);
  const date = kst.toISOString().slice(0, 10);
  const placedAt = Date.parse(`${date}T23:10:00+09:00`);
  return {
    order: {
      id: '20260101-0000001',
      productAmount: 120000,
      paymentAmount: 123000,
      placedAt,
      hour: 23,
      minuteOfDay: 23 * 60 + 10,
      weekday: ((kst.getUTCDay() + 6) % 7) + 1,
      date,
      isHoliday: false,
      channel: 'cafe24',
      paymentMethods: ['card'],
      paid: 'T',
      canceled: false,
      itemCount: 2,
      quantity: 3,
      clientIp: null,
      ipCountry: null,
      isOverseasIp: false,
    },
    shipping: { zip: '63309', address: null, zone: 'JEJU', areaName: '제주', international: false },
    customer: {
      kind: 'member',
      memberId: 'sample-member',
      key: 'm:sample-member',
      grade: 1,
      gradeName: null,
      isFirstOrder: true,
      previousOrderCount: 0,
      lifetimeAmount: 120000,
      history: [],
    },
    items: [
      {
        itemCode: '20260101-0000001-01',
        productNo: 11,
        productCode: 'P000000L',
        variantCode: 'P000000L000A',
        name: '샘플 상품 A',
        quantity: 2,
        price: 40000,
        status: 'N00',
        tags: ['BEST'],
        stock: 12,
      },
      {
        itemCode: '20260101-0000001-02',
        productNo: 12,
        productCode: 'P000000M',
        variantCode: 'P000000M000A',
        name: '샘플 상품 B',
        quantity: 1,
        price: 40000,
        status: 'N00',
        tags: ['SAME_DAY'],
        stock: 3,
      },
    ],
  };
}

/** Sets the KST time of day of the facts, keeping the date; derived fields follow. */
export function withTimeOfDay(facts: OrderFacts, time: string): OrderFacts {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  const placedAt = Date.parse(
    `${facts.order.date}T${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:00+09:00`,
  );
  return { ...facts, order: { ...facts.order, placedAt, hour: hours, minuteOfDay: hours * 60 + minutes } };
}
