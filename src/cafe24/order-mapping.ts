import type { z } from 'zod';
import type { Order } from '../domain/order.js';
import { Cafe24Order } from './cafe24-order-schema.js';
import { Cafe24Error } from './errors.js';

/** One problem found in a raw order: the JSON path inside the order and what was expected. */
export interface OrderMappingIssue {
  path: string;
  message: string;
}

/**
 * A raw Cafe24 order that cannot be read. A user error (the input is wrong; retrying will not help).
 * The message names the order id when readable and the first problem's field path, e.g.
 * `order 20170710-0000013: items[0].product_price: expected a decimal string`; `issues` has all.
 */
export class OrderMappingError extends Cafe24Error {
  readonly code = 'INVALID_ORDER';
  readonly kind = 'user';

  constructor(
    readonly orderId: string | null,
    readonly issues: OrderMappingIssue[],
    options?: { cause?: unknown },
  ) {
    const first = issues[0];
    super(
      `order ${orderId ?? '(unknown id)'}: ${first ? `${first.path || '(order)'}: ${first.message}` : 'invalid order'}`,
      options,
    );
  }
}

/** `['items', 0, 'product_price']` → `items[0].product_price`. */
function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function readableOrderId(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const id = (raw as { order_id?: unknown }).order_id;
  return typeof id === 'string' && id !== '' ? id : null;
}

function toIssues(error: z.ZodError): OrderMappingIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/**
 * Maps one raw Cafe24 REST order (with `embed=items,receivers,buyer`) to the domain Order.
 * Amounts become integer won; productAmount comes from `actual_order_amount.order_price_amount`,
 * falling back to `initial_order_amount` when the actual amounts are absent.
 * @throws OrderMappingError when a field we use is missing or malformed.
 */
export function mapCafe24Order(raw: unknown): Order {
  const orderId = readableOrderId(raw);
  const parsed = Cafe24Order.safeParse(raw);
  if (!parsed.success) throw new OrderMappingError(orderId, toIssues(parsed.error), { cause: parsed.error });
  const order = parsed.data;

  const amounts = order.actual_order_amount ?? order.initial_order_amount;
  if (!amounts) {
    throw new OrderMappingError(order.order_id, [
      { path: 'actual_order_amount.order_price_amount', message: 'expected a decimal string' },
    ]);
  }
  const receiver = order.receivers[0];
  const address = [receiver?.address1, receiver?.address2].filter((part) => part).join(' ');

  return {
    orderId: order.order_id,
    placedAt: order.order_date,
    memberId: order.member_id,
    groupNo: order.group_no_when_ordering ?? order.customer_group_no_when_ordering,
    firstOrder: order.first_order === null ? null : order.first_order === 'T',
    productAmount: amounts.order_price_amount,
    paymentAmount: order.payment_amount,
    channel: order.order_place_id ?? '',
    paymentMethods: order.payment_method,
    paid: order.paid,
    canceled: order.canceled === 'T',
    international: order.shipping_type === 'B',
    zip: receiver?.zipcode?.trim() || null,
    items: order.items.map((item) => ({
      itemCode: item.order_item_code,
      productNo: item.product_no,
      productCode: item.product_code,
      variantCode: item.variant_code,
      name: item.product_name,
      quantity: item.quantity,
      price: item.product_price + item.option_price,
      status: item.order_status,
      labels: item.labels,
    })),
    personal: {
      buyerName: order.buyer?.name ?? null,
      buyerEmail: order.buyer?.email ?? null,
      buyerCellphone: order.buyer?.cellphone ?? null,
      receiverName: receiver?.name ?? null,
      receiverCellphone: receiver?.cellphone ?? null,
      address: address === '' ? null : address,
      clientIp: order.client_ip?.trim() || null,
    },
  };
}

/**
 * Maps the order envelopes the Cafe24 API returns — `{"orders":[…]}`, `{"order":{…}}` — as well as
 * a bare array of orders or a single bare order. Order of the input is kept.
 * @throws OrderMappingError on the first order that cannot be read, or on an unknown envelope.
 */
export function mapCafe24Orders(raw: unknown): Order[] {
  if (Array.isArray(raw)) return raw.map(mapCafe24Order);
  if (typeof raw === 'object' && raw !== null) {
    if ('orders' in raw) {
      const orders = (raw as { orders: unknown }).orders;
      if (!Array.isArray(orders)) {
        throw new OrderMappingError(null, [{ path: 'orders', message: 'expected an array of orders' }]);
      }
      return orders.map(mapCafe24Order);
    }
    if ('order' in raw) return [mapCafe24Order((raw as { order: unknown }).order)];
  }
  return [mapCafe24Order(raw)];
}
