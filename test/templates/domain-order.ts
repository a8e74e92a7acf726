import type { Order, OrderItem } from '../../src/domain/order.js';
import type { Product } from '../../src/domain/product.js';

/** `2026-11-02 04:59` (KST wall clock) → `2026-11-02T04:59:00+09:00`. */
export const kst = (wallClock: string): string => `${wallClock.replace(' ', 'T')}:00+09:00`;

/** The KST timestamp `minutes` after a `kst()` timestamp. */
export function kstPlusMinutes(base: string, minutes: number): string {
  const shifted = new Date(Date.parse(base) + minutes * 60_000 + 9 * 3_600_000);
  return `${shifted.toISOString().slice(0, 19)}+09:00`;
}

export type ItemSpec = Partial<OrderItem>;

/** Product codes of the test catalogue: product 14 → `P0000014`. */
export const productCodeOf = (productNo: number): string => `P${String(productNo).padStart(7, '0')}`;

/** An order item of product `productNo`'s only variant. */
export const itemOf = (productNo: number, spec: ItemSpec = {}): ItemSpec => ({
  productNo,
  productCode: productCodeOf(productNo),
  variantCode: `${productCodeOf(productNo)}000A`,
  ...spec,
});

/**
 * A platform-neutral order with fake personal data: by default a member order of one 50,000-won
 * item (product 14), placed 2026-11-02 10:00 KST to a Seoul zip, paid by card.
 */
export function domainOrder(
  overrides: Omit<Partial<Order>, 'items'> & { orderId: string; items?: ItemSpec[] },
): Order {
  const { items: itemSpecs, ...rest } = overrides;
  const items: OrderItem[] = (itemSpecs ?? [{}]).map((spec, index) => ({
    itemCode: `${overrides.orderId}-${String(index + 1).padStart(2, '0')}`,
    productNo: 14,
    productCode: productCodeOf(14),
    variantCode: `${productCodeOf(14)}000A`,
    name: '테스트 상품',
    quantity: 1,
    price: overrides.productAmount ?? 50_000,
    status: 'N10',
    labels: [],
    ...spec,
  }));
  return {
    placedAt: kst('2026-11-02 10:00'),
    memberId: 'fake_member',
    groupNo: 1,
    firstOrder: null,
    productAmount: 50_000,
    paymentAmount: 53_000,
    channel: 'cafe24',
    paymentMethods: ['card'],
    paid: 'T',
    canceled: false,
    international: false,
    zip: '06258',
    personal: {
      buyerName: '테스트구매자',
      buyerEmail: null,
      buyerCellphone: '010-0000-0000',
      receiverName: '테스트수령인',
      receiverCellphone: '010-0000-0000',
      address: '서울특별시 강남구 테스트로 1',
      clientIp: null,
    },
    ...rest,
    items,
  };
}

/** A catalogue product with one variant. */
export function product(
  productNo: number,
  options: { tags?: string[]; stock?: number; useInventory?: boolean } = {},
): Product {
  const code = productCodeOf(productNo);
  return {
    productNo,
    productCode: code,
    name: `테스트 상품 ${productNo}`,
    tags: options.tags ?? [],
    variants: [
      {
        variantCode: `${code}000A`,
        quantity: options.stock ?? 100,
        useInventory: options.useInventory ?? true,
      },
    ],
  };
}
