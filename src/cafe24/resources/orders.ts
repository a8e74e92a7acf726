import { z } from 'zod';
import type { Cafe24Client } from '../cafe24-client.js';
import { Cafe24UsageError } from '../errors.js';
import { mapConcurrent } from '../map-concurrent.js';

/** Sub-resources PassWing needs with every order (labels are item-level, so items are essential). */
export const ORDER_EMBED = ['items', 'receivers', 'buyer'] as const;

/** Ids per `GET /orders?order_id=…` call: keeps the URL short (Cafe24 allows limit ≤ 1000). */
export const ORDER_IDS_PER_CALL = 100;
/** Cafe24 caps: `limit` ≤ 1000, `offset` ≤ 15000 (reference §2). */
export const MAX_ORDER_PAGE = 1000;
export const MAX_ORDER_OFFSET = 15_000;

/** Raw order JSON stays `unknown` here: cafe24/order-mapping turns it into the domain Order. */
const OrdersResponse = z.object({ orders: z.array(z.unknown()) });
const OrderResponse = z.object({ order: z.unknown() });

const ORDERS_PATH = '/api/v2/admin/orders';

/**
 * Fetches orders by id in batches of `batchSize` with `embed`, a few batches at a time; unknown
 * ids are simply absent from the result. Duplicate ids are fetched once. Batches keep input order.
 */
export async function fetchOrdersByIds(
  client: Cafe24Client,
  orderIds: readonly string[],
  options: { batchSize?: number; embed?: readonly string[]; concurrency?: number } = {},
): Promise<unknown[]> {
  const ids = [...new Set(orderIds)];
  const batchSize = Math.min(options.batchSize ?? ORDER_IDS_PER_CALL, MAX_ORDER_PAGE);
  const batches: string[][] = [];
  for (let start = 0; start < ids.length; start += batchSize)
    batches.push(ids.slice(start, start + batchSize));
  // A few batches in flight hide Cafe24's latency; the client's rate limiter still paces them.
  const pages = await mapConcurrent(batches, options.concurrency ?? 3, (batch) =>
    client.get(
      ORDERS_PATH,
      { order_id: batch, embed: options.embed ?? ORDER_EMBED, limit: batch.length },
      OrdersResponse,
    ),
  );
  return pages.flatMap((page) => page.orders);
}

/** One order with `embed`, or null when Cafe24 does not know it. */
export async function fetchOrder(
  client: Cafe24Client,
  orderId: string,
  embed: readonly string[] = ORDER_EMBED,
): Promise<unknown> {
  const result = await client.request({
    method: 'GET',
    path: `${ORDERS_PATH}/${encodeURIComponent(orderId)}`,
    query: { shop_no: client.shopNo, embed },
    schema: OrderResponse,
    acceptStatuses: [404],
  });
  return result === null ? null : result.order;
}

/** Cafe24 `date_type` values usable with a date window. */
export const OrderDateType = z.enum([
  'order_date',
  'pay_date',
  'shipbegin_date',
  'shipend_date',
  'cancel_date',
  'place_date',
  'cancel_request_date',
  'cancel_accept_date',
  'cancel_complete_date',
  'exchange_request_date',
  'exchange_accept_date',
  'exchange_complete_date',
  'return_request_date',
  'return_accept_date',
  'return_complete_date',
  'purchaseconfirmation_date',
]);
export type OrderDateType = z.infer<typeof OrderDateType>;

export interface OrderWindow {
  /** KST calendar dates `YYYY-MM-DD`, both inclusive. */
  startDate: string;
  endDate: string;
}

const DAY_MS = 86_400_000;
const dateMs = (date: string): number => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    throw new Cafe24UsageError(`not a YYYY-MM-DD date: ${date}`);
  }
  return Date.parse(`${date}T00:00:00Z`);
};
const dateOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** The last day a window starting on `startDate` may end on: three calendar months, exclusive. */
const lastAllowedEnd = (startDate: string): number => {
  const start = new Date(dateMs(startDate));
  const end = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3, start.getUTCDate());
  return end - DAY_MS;
};

/** Splits an inclusive date range into consecutive windows Cafe24 accepts (< 3 months each). */
export function splitIntoWindows(startDate: string, endDate: string): OrderWindow[] {
  const windows: OrderWindow[] = [];
  let start = dateMs(startDate);
  const end = dateMs(endDate);
  while (start <= end) {
    const windowEnd = Math.min(end, lastAllowedEnd(dateOf(start)));
    windows.push({ startDate: dateOf(start), endDate: dateOf(windowEnd) });
    start = windowEnd + DAY_MS;
  }
  return windows;
}

/**
 * Pages through the orders of one date window (< 3 months, Cafe24's rule) with limit/offset,
 * yielding each page. Throws Cafe24UsageError for a longer window or when the window holds more
 * orders than Cafe24's offset cap can reach (split it further).
 */
export async function* orderPagesInWindow(
  client: Cafe24Client,
  window: OrderWindow & {
    dateType?: OrderDateType;
    pageSize?: number;
    embed?: readonly string[];
    /** Extra Cafe24 filters (order_status, member_id …); never logged. */
    filters?: Record<string, string | number | readonly (string | number)[]>;
  },
): AsyncGenerator<unknown[]> {
  if (
    dateMs(window.endDate) < dateMs(window.startDate) ||
    dateMs(window.endDate) > lastAllowedEnd(window.startDate)
  ) {
    throw new Cafe24UsageError(
      `order window ${window.startDate}..${window.endDate} must be 3 months at most`,
    );
  }
  const pageSize = Math.min(window.pageSize ?? MAX_ORDER_PAGE, MAX_ORDER_PAGE);
  for (let offset = 0; ; offset += pageSize) {
    if (offset > MAX_ORDER_OFFSET) {
      throw new Cafe24UsageError(
        `order window ${window.startDate}..${window.endDate} holds more than ${MAX_ORDER_OFFSET} orders; split it`,
      );
    }
    const page = await client.get(
      ORDERS_PATH,
      {
        ...window.filters,
        start_date: window.startDate,
        end_date: window.endDate,
        date_type: window.dateType ?? 'order_date',
        embed: window.embed ?? ORDER_EMBED,
        limit: pageSize,
        offset,
      },
      OrdersResponse,
    );
    if (page.orders.length > 0) yield page.orders;
    if (page.orders.length < pageSize) return;
  }
}
