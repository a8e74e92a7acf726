import { customerKeyOf } from '../domain/customer-key.js';
import type { HistoryOrder, ItemFacts, OrderFacts } from '../domain/order-facts.js';
import type { Order, OrderItem } from '../domain/order.js';
import type { Product } from '../domain/product.js';
import { isHoliday } from './holidays.js';
import { lookupIpCountry } from './ip-country.js';
import { kstParts, parseInstant } from './kst-clock.js';
import { normalizePaymentMethods } from './payment-methods.js';
import type { RegionOverride } from './region/region-override.js';
import { resolveShippingRegion, type ShippingRegion } from './region/resolve-shipping-region.js';

/** Everything enrichment reads besides the order; gathered (IO) by the caller beforehand. */
export interface EnrichContext {
  /** Earlier non-cancelled orders of this customer (HistoryProvider.earlierOrders), oldest first. */
  history: readonly HistoryOrder[];
  catalogue: (productNo: number) => Product | undefined;
  settings: { regionOverrides: readonly RegionOverride[]; closedDays: readonly string[] };
  /** Name of a customer group (grade); absent or null when unknown. */
  groupName?: (groupNo: number) => string | null;
}

function itemFacts(item: OrderItem, product: Product | undefined): ItemFacts {
  const variant = product?.variants.find((candidate) => candidate.variantCode === item.variantCode);
  return {
    itemCode: item.itemCode,
    productNo: item.productNo,
    productCode: item.productCode,
    variantCode: item.variantCode,
    name: item.name,
    quantity: item.quantity,
    price: item.price,
    status: item.status,
    tags: product ? [...product.tags] : [],
    stock: variant?.useInventory ? variant.quantity : null,
  };
}

/** International orders carry foreign zips that could collide with Korean ranges; they are not zoned. */
const INTERNATIONAL_REGION: ShippingRegion = { zone: 'MAINLAND', areaName: null, source: 'default' };

/**
 * The facts the engine evaluates for one order. Pure and synchronous: history, catalogue and
 * settings come in through `ctx` (the IP database is bundled data, read locally).
 * - isFirstOrder: Cafe24 `first_order` when given; else true only for a member with no history.
 *   A guest is therefore never a first order unless Cafe24 says so.
 * - lifetimeAmount: history productAmounts plus this order's, unless this order is cancelled.
 * - isOverseasIp: true only when the IP's country is known and is not KR.
 * @throws FactsError when `order.placedAt` is not a timestamp (mapped orders always are).
 */
export function enrichOrder(order: Order, ctx: EnrichContext): OrderFacts {
  const placedAt = parseInstant(order.placedAt);
  const kst = kstParts(placedAt);
  const region = order.international
    ? INTERNATIONAL_REGION
    : resolveShippingRegion(
        { zip: order.zip, address: order.personal.address },
        ctx.settings.regionOverrides,
      );
  const clientIp = order.personal.clientIp;
  const ipCountry = clientIp ? lookupIpCountry(clientIp) : null;
  const isMember = order.memberId !== null;
  const historyAmount = ctx.history.reduce((sum, earlier) => sum + earlier.productAmount, 0);

  return {
    order: {
      id: order.orderId,
      productAmount: order.productAmount,
      paymentAmount: order.paymentAmount,
      placedAt,
      hour: kst.hour,
      minuteOfDay: kst.minuteOfDay,
      weekday: kst.weekday,
      date: kst.date,
      isHoliday: isHoliday(kst.date, ctx.settings.closedDays),
      channel: order.channel,
      paymentMethods: normalizePaymentMethods(order.paymentMethods),
      paid: order.paid,
      canceled: order.canceled,
      itemCount: order.items.length,
      quantity: order.items.reduce((sum, item) => sum + item.quantity, 0),
      clientIp,
      ipCountry,
      isOverseasIp: ipCountry !== null && ipCountry !== 'KR',
    },
    shipping: {
      zip: order.zip,
      address: order.personal.address,
      zone: region.zone,
      areaName: region.areaName,
      international: order.international,
    },
    customer: {
      kind: isMember ? 'member' : 'guest',
      memberId: order.memberId,
      key: customerKeyOf(order),
      grade: order.groupNo,
      gradeName: order.groupNo !== null && ctx.groupName ? ctx.groupName(order.groupNo) : null,
      isFirstOrder: order.firstOrder ?? (isMember && ctx.history.length === 0),
      previousOrderCount: ctx.history.length,
      lifetimeAmount: historyAmount + (order.canceled ? 0 : order.productAmount),
      history: [...ctx.history],
    },
    items: order.items.map((item) => itemFacts(item, ctx.catalogue(item.productNo))),
  };
}
