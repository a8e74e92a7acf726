import type { ItemFacts, OrderFacts } from '../../src/domain/order-facts.js';

/** Epoch ms of a KST wall-clock time (`2026-03-02T10:00`). */
export function kst(text: string): number {
  return Date.parse(`${text}:00+09:00`);
}

/** A KST date-time's projections (hour, minute of day, ISO weekday, date). */
export function kstProjections(
  placedAt: number,
): Pick<OrderFacts['order'], 'hour' | 'minuteOfDay' | 'weekday' | 'date'> {
  const d = new Date(placedAt + 9 * 3_600_000);
  const hour = d.getUTCHours();
  return {
    hour,
    minuteOfDay: hour * 60 + d.getUTCMinutes(),
    weekday: d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
    date: d.toISOString().slice(0, 10),
  };
}

export function makeItem(overrides: Partial<ItemFacts> = {}): ItemFacts {
  return {
    itemCode: '20260302-0000001-01',
    productNo: 11,
    productCode: 'P000000L',
    variantCode: 'P000000L000A',
    name: '테스트 상품',
    quantity: 1,
    price: 30000,
    status: 'N00',
    tags: [],
    stock: null,
    ...overrides,
  };
}

type FactsOverrides = {
  order?: Partial<OrderFacts['order']>;
  shipping?: Partial<OrderFacts['shipping']>;
  customer?: Partial<OrderFacts['customer']>;
  items?: ItemFacts[];
};

/** Order facts of an ordinary mainland member order (fake data); `order.placedAt` drives the projections. */
export function makeFacts(overrides: FactsOverrides = {}): OrderFacts {
  const placedAt = overrides.order?.placedAt ?? kst('2026-03-02T10:00');
  return {
    order: {
      id: '20260302-0000001',
      productAmount: 30000,
      paymentAmount: 33000,
      placedAt,
      ...kstProjections(placedAt),
      isHoliday: false,
      channel: 'cafe24',
      paymentMethods: ['card'],
      paid: 'T',
      canceled: false,
      itemCount: 1,
      quantity: 1,
      clientIp: null,
      ipCountry: null,
      isOverseasIp: false,
      ...overrides.order,
    },
    shipping: {
      zip: '06236',
      address: '서울특별시 강남구 테스트로 1',
      zone: 'MAINLAND',
      areaName: null,
      international: false,
      ...overrides.shipping,
    },
    customer: {
      kind: 'member',
      memberId: 'test-member',
      key: 'm:test-member',
      grade: 1,
      gradeName: '일반',
      isFirstOrder: false,
      previousOrderCount: 0,
      lifetimeAmount: 30000,
      history: [],
      ...overrides.customer,
    },
    items: overrides.items ?? [makeItem()],
  };
}
