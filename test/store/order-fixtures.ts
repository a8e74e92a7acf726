import type { Order, OrderItem } from '../../src/domain/order.js';

/** An item with obviously fake values. */
export function makeItem(orderId: string, index: number, overrides: Partial<OrderItem> = {}): OrderItem {
  return {
    itemCode: `${orderId}-${String(index + 1).padStart(2, '0')}`,
    productNo: 10 + index,
    productCode: `P0000${index}`,
    variantCode: `P0000${index}000A`,
    name: `테스트 상품 ${index + 1}`,
    quantity: 1,
    price: 10_000,
    status: 'N00',
    labels: [],
    ...overrides,
  };
}

/** An order with fake personal data; `placedAt` defaults to a fixed KST instant. */
export function makeOrder(orderId: string, overrides: Partial<Order> = {}): Order {
  return {
    orderId,
    placedAt: '2026-03-02T10:00:00+09:00',
    memberId: 'member-a',
    groupNo: 1,
    firstOrder: null,
    productAmount: 10_000,
    paymentAmount: 12_500,
    channel: 'cafe24',
    paymentMethods: ['card'],
    paid: 'T',
    canceled: false,
    international: false,
    zip: '06236',
    items: [makeItem(orderId, 0)],
    personal: {
      buyerName: '홍길동',
      buyerEmail: 'buyer@example.invalid',
      buyerCellphone: '010-0000-0000',
      receiverName: '홍길동',
      receiverCellphone: '010-0000-0000',
      address: '서울특별시 테스트구 예시로 1',
      clientIp: '192.0.2.10',
    },
    ...overrides,
  };
}
