import { z } from 'zod';
import { PaidState } from './order.js';

/**
 * The facts of one order, gathered before the engine runs (facts/enrich-order). The engine reads
 * nothing else. Times are epoch milliseconds; KST projections are precomputed.
 */
export const ShippingZone = z.enum(['MAINLAND', 'JEJU', 'REMOTE']);
export type ShippingZone = z.infer<typeof ShippingZone>;

export const ItemFacts = z.object({
  itemCode: z.string(),
  productNo: z.number().int(),
  productCode: z.string(),
  variantCode: z.string(),
  name: z.string(),
  quantity: z.number().int(),
  price: z.number().int(),
  /** Item order status code (N…, C…, R…, E…). */
  status: z.string(),
  /** Catalogue tags of the product (NEW, BEST, SAME_DAY, merchant tags). */
  tags: z.array(z.string()),
  /** Variant stock when the catalogue tracks inventory for it, else null. */
  stock: z.number().int().nullable(),
});
export type ItemFacts = z.infer<typeof ItemFacts>;

/** An earlier order of the same customer, as history providers report it (cancelled ones excluded). */
export const HistoryOrder = z.object({
  orderId: z.string(),
  placedAt: z.number(),
  productAmount: z.number().int(),
  /** Some item of that order has a return status (R…). */
  hasReturn: z.boolean(),
});
export type HistoryOrder = z.infer<typeof HistoryOrder>;

export const OrderFacts = z.object({
  order: z.object({
    id: z.string(),
    productAmount: z.number().int(),
    paymentAmount: z.number().int(),
    /** Epoch ms. */
    placedAt: z.number(),
    /** KST hour 0–23. */
    hour: z.number().int(),
    /** KST minutes since midnight 0–1439. */
    minuteOfDay: z.number().int(),
    /** KST ISO weekday 1 (Mon) … 7 (Sun). */
    weekday: z.number().int(),
    /** KST calendar date `YYYY-MM-DD`. */
    date: z.string(),
    /** Public holiday or merchant closed day; null when the year's holidays are unknown. */
    isHoliday: z.boolean().nullable(),
    channel: z.string(),
    paymentMethods: z.array(z.string()),
    paid: PaidState,
    canceled: z.boolean(),
    itemCount: z.number().int(),
    quantity: z.number().int(),
    clientIp: z.string().nullable(),
    /** ISO 3166 alpha-2, null when unknown. */
    ipCountry: z.string().nullable(),
    /** True only when the country is known and is not KR. */
    isOverseasIp: z.boolean(),
  }),
  shipping: z.object({
    zip: z.string().nullable(),
    address: z.string().nullable(),
    zone: ShippingZone,
    areaName: z.string().nullable(),
    international: z.boolean(),
  }),
  customer: z.object({
    kind: z.enum(['member', 'guest']),
    memberId: z.string().nullable(),
    /** Customer key: member id, or for guests a hash of receiver name + cellphone digits + zip. */
    key: z.string(),
    grade: z.number().int().nullable(),
    gradeName: z.string().nullable(),
    /** Cafe24 first_order when given; else (members only) no earlier non-cancelled order. */
    isFirstOrder: z.boolean(),
    /** Earlier non-cancelled orders of this customer. */
    previousOrderCount: z.number().int(),
    /** Sum of productAmount over non-cancelled orders, this one included (unless it is cancelled). */
    lifetimeAmount: z.number().int(),
    /** Earlier non-cancelled orders (any age) the engine derives windows from. */
    history: z.array(HistoryOrder),
  }),
  items: z.array(ItemFacts),
});
export type OrderFacts = z.infer<typeof OrderFacts>;
