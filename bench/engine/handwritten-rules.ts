import type { OrderFacts } from '../../src/domain/order-facts.js';
import type { MerchantRuleParams } from './merchant-rules.js';

/**
 * The hand-written contender: the 19 built-in templates (default parameters; EVENT_ORDER with the
 * bench's event) and a loop over the merchant parameter table, coded directly in TypeScript.
 * Labels come out in flow order: templates in TEMPLATES order, then the merchant rules.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
export const BENCH_EVENT = { from: '2026-05-01', to: '2026-05-05', productNos: [101, 102, 103] };
const EVENT_START = Date.parse(`${BENCH_EVENT.from}T00:00:00+09:00`);
const EVENT_END = Date.parse(`${BENCH_EVENT.to}T23:59:00+09:00`) + MINUTE - 1;

function countWithin(f: OrderFacts, windowMs: number, returnsOnly: boolean): number {
  const to = f.order.placedAt;
  const from = to - windowMs;
  let n = 0;
  for (const h of f.customer.history)
    if (h.placedAt >= from && h.placedAt <= to && (!returnsOnly || h.hasReturn)) n++;
  return n;
}

/** The labels the 19 templates and the merchant rules give one order. */
export function handwrittenLabels(f: OrderFacts, merchant: readonly MerchantRuleParams[]): string[] {
  const labels: string[] = [];
  const o = f.order;
  const c = f.customer;
  const island = f.shipping.zone === 'JEJU' || f.shipping.zone === 'REMOTE';
  const member = c.kind === 'member';
  const bundles = !o.canceled && countWithin(f, 60 * MINUTE, false) >= 1;
  const returnRisk = member && countWithin(f, 90 * DAY, true) >= 2;
  const vip = member && c.lifetimeAmount >= 1_000_000;
  const fraud = o.productAmount >= 100_000 && c.isFirstOrder && o.isOverseasIp;
  let sameDayItem = false;
  let lowStock = false;
  let eventItem = false;
  let marketingItem = false;
  for (const it of f.items) {
    if (it.tags.includes('SAME_DAY')) sameDayItem = true;
    if (it.stock !== null && it.stock <= 5) lowStock = true;
    if (BENCH_EVENT.productNos.includes(it.productNo)) eventItem = true;
    if (it.tags.includes('NEW') || it.tags.includes('BEST')) marketingItem = true;
  }
  const dawn = o.minuteOfDay < 300 && sameDayItem;

  if (c.isFirstOrder) labels.push('FIRST_ORDER');
  if (island) labels.push('ISLAND_SHIP');
  if (o.productAmount >= 100_000) labels.push('HIGH_VALUE');
  if (bundles) labels.push('BUNDLE_SHIP');
  if (o.paymentMethods.includes('cash') && o.paid !== 'T') labels.push('BANK_ALERT');
  if (vip) labels.push('VIP_GIFT');
  if (fraud) labels.push('FRAUD_CHECK');
  if (returnRisk) labels.push('RETURN_RISK');
  if (dawn) labels.push('SAME_DAY');
  if (lowStock) labels.push('STOCK_ALERT');
  if (vip) labels.push('VIP');
  if (island) labels.push('제주배송');
  if (fraud) labels.push('고위험주문');
  if (o.placedAt >= EVENT_START && o.placedAt <= EVENT_END && eventItem) labels.push('이벤트주문');
  if (returnRisk) labels.push('CS주의');
  if (dawn) labels.push('당일배송');
  if (bundles) labels.push('합포장가능');
  if (marketingItem) labels.push('마케팅분석대상');
  if (o.productAmount >= 300_000) labels.push('고액주문');

  for (const p of merchant) {
    switch (p.kind) {
      case 'amountZone':
        if (o.productAmount >= p.min && o.productAmount <= p.max && p.zones.includes(f.shipping.zone))
          labels.push(p.label);
        break;
      case 'itemTagPrice':
        for (const it of f.items) {
          if (it.tags.includes(p.tag) && it.price >= p.minPrice) {
            labels.push(p.label);
            break;
          }
        }
        break;
      case 'channelPayment':
        if (p.channels.includes(o.channel) && o.paymentMethods.includes(p.method) && o.paid !== 'T')
          labels.push(p.label);
        break;
      case 'timeWeekday': {
        const m = o.minuteOfDay;
        const inWindow =
          p.fromMinute < p.toMinute
            ? m >= p.fromMinute && m < p.toMinute
            : m >= p.fromMinute || m < p.toMinute;
        if (inWindow && p.weekdays.includes(o.weekday)) labels.push(p.label);
        break;
      }
      case 'loyal':
        if (
          member &&
          c.previousOrderCount >= p.minOrders &&
          (c.lifetimeAmount >= p.minLifetime || countWithin(f, 30 * DAY, true) === 0) &&
          f.shipping.zone !== p.excludedZone
        ) {
          labels.push(p.label);
        }
        break;
    }
  }
  return labels;
}
