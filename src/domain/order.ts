import { z } from 'zod';

/** Integer Korean won. */
export const Won = z.number().int();

/** Cafe24 T/F/M flag for `paid`: T paid, F unpaid, M partially paid. */
export const PaidState = z.enum(['T', 'F', 'M']);
export type PaidState = z.infer<typeof PaidState>;

/** One order item (품주). Labels live on items in Cafe24. */
export const OrderItem = z.object({
  /** Cafe24 `order_item_code`, `{order_id}-NN`. */
  itemCode: z.string().min(1),
  productNo: z.number().int(),
  productCode: z.string(),
  variantCode: z.string(),
  name: z.string(),
  quantity: z.number().int().nonnegative(),
  /** Unit price in won (product_price + option_price). */
  price: Won,
  /** Cafe24 item `order_status` (N00…, C…, R…, E…). */
  status: z.string(),
  /** Labels currently on the item in Cafe24 (people's and ours). */
  labels: z.array(z.string()),
});
export type OrderItem = z.infer<typeof OrderItem>;

/** Personal fields are kept apart so retention can purge them without touching what rules need. */
export const PersonalData = z.object({
  buyerName: z.string().nullable(),
  buyerEmail: z.string().nullable(),
  buyerCellphone: z.string().nullable(),
  receiverName: z.string().nullable(),
  receiverCellphone: z.string().nullable(),
  /** address1 + address2 of the first receiver. */
  address: z.string().nullable(),
  /** Captured storefront IP (Cafe24 orders carry none; see the beacon). */
  clientIp: z.string().nullable(),
});
export type PersonalData = z.infer<typeof PersonalData>;

/** The platform-neutral order every layer shares (normalised from Cafe24 JSON by cafe24/order-mapping). */
export const Order = z.object({
  orderId: z.string().min(1),
  /** Instant, ISO 8601 with offset as Cafe24 sends it (`2018-07-04T11:21:35+09:00`). */
  placedAt: z.string(),
  /** Cafe24 `member_id`; null for guests. */
  memberId: z.string().nullable(),
  /** `group_no_when_ordering` (customer grade at order time); null when unknown. */
  groupNo: z.number().int().nullable(),
  /** Cafe24 `first_order`: true/false when Cafe24 says so, null when the field is empty. */
  firstOrder: z.boolean().nullable(),
  /** 상품구매금액: actual_order_amount.order_price_amount, falling back to initial_order_amount. */
  productAmount: Won,
  /** 최종 결제금액: `payment_amount`. */
  paymentAmount: Won,
  /** `order_place_id` (cafe24, mobile, NCHECKOUT, shopn, coupang …). */
  channel: z.string(),
  /** Cafe24 payment method codes (cash, card, icash, tcash, cell, point, credit, cod …). */
  paymentMethods: z.array(z.string()),
  paid: PaidState,
  /** `canceled = T`. Cancelled orders never count in history and never bundle. */
  canceled: z.boolean(),
  /** `shipping_type = B`. */
  international: z.boolean(),
  /** Receiver zip (5 digits when well formed), null when missing. */
  zip: z.string().nullable(),
  items: z.array(OrderItem),
  personal: PersonalData,
});
export type Order = z.infer<typeof Order>;

/** Whether an item status is a return (R…). */
export const isReturnStatus = (status: string): boolean => status.startsWith('R');
