import type { ItemFacts, OrderFacts } from '../../src/domain/order-facts.js';
import { SeededRandom } from '../../src/sandbox/seeded-random.js';

/**
 * Generated order facts for the engine benchmark: a realistic mix (mostly mainland card orders,
 * some Jeju/remote, bank transfers, returning customers with history inside the bundling and
 * return windows, tagged and low-stock items) with amounts on template boundaries now and then.
 */

const KST_OFFSET = 9 * 3_600_000;
const START = Date.parse('2026-04-25T00:00:00+09:00');
const SPAN = 16 * 24 * 3_600_000;
const TAGS = ['NEW', 'BEST', 'SAME_DAY', 'GIFT', 'SALE'];
const CHANNELS = ['cafe24', 'cafe24', 'mobile', 'mobile', 'NCHECKOUT', 'shopn', 'coupang'];
const METHOD_SETS = [
  ['card'],
  ['card'],
  ['card'],
  ['cash'],
  ['icash'],
  ['tcash'],
  ['card', 'point'],
  ['cash', 'point'],
  ['cell'],
];
const BOUNDARY_AMOUNTS = [99_999, 100_000, 299_999, 300_000];

function item(random: SeededRandom, orderId: string, index: number): ItemFacts {
  const productNo = random.int(100, 140);
  return {
    itemCode: `${orderId}-${String(index + 1).padStart(2, '0')}`,
    productNo,
    productCode: `P0000${productNo.toString(36).toUpperCase().padStart(3, '0')}`,
    variantCode: `P0000${productNo}000A`,
    name: `테스트 상품 ${productNo}`,
    quantity: random.int(1, 3),
    price: random.int(1, 40) * 5_000,
    status: random.chance(0.05) ? 'R10' : 'N00',
    tags: TAGS.filter(() => random.chance(0.15)),
    stock: random.chance(0.4) ? random.int(0, 30) : null,
  };
}

function kstParts(placedAt: number): { hour: number; minuteOfDay: number; weekday: number; date: string } {
  const d = new Date(placedAt + KST_OFFSET);
  const hour = d.getUTCHours();
  return {
    hour,
    minuteOfDay: hour * 60 + d.getUTCMinutes(),
    weekday: d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
    date: d.toISOString().slice(0, 10),
  };
}

/** `count` orders from `seed`; the same arguments always give the same orders. */
export function generateOrders(count: number, seed = 20260501): OrderFacts[] {
  const random = new SeededRandom(seed);
  const orders: OrderFacts[] = [];
  for (let n = 0; n < count; n++) {
    const id = `20260501-${String(n).padStart(7, '0')}`;
    const placedAt = START + Math.floor((random.next() * SPAN) / 60_000) * 60_000;
    const items = Array.from({ length: random.int(1, 4) }, (_, i) => item(random, id, i));
    const member = random.chance(0.8);
    const historyLength = member ? random.pick([0, 0, 1, 2, 3, 5]) : random.pick([0, 0, 0, 1]);
    const history = Array.from({ length: historyLength }, (_, i) => ({
      orderId: `20260301-${String(n).padStart(7, '0')}-${i}`,
      placedAt:
        placedAt - random.pick([30, 60, 61, 24 * 60, 30 * 24 * 60, 90 * 24 * 60, 91 * 24 * 60]) * 60_000 - i,
      productAmount: random.int(1, 60) * 5_000,
      hasReturn: random.chance(0.3),
    })).sort((a, b) => a.placedAt - b.placedAt);
    const productAmount = random.chance(0.05)
      ? random.pick(BOUNDARY_AMOUNTS)
      : items.reduce((s, it) => s + it.price * it.quantity, 0);
    const ipCountry = random.chance(0.5)
      ? random.chance(0.9)
        ? 'KR'
        : random.pick(['US', 'CN', 'VN'])
      : null;
    const zone = random.chance(0.85) ? 'MAINLAND' : random.chance(0.65) ? 'JEJU' : 'REMOTE';
    const methods = random.pick(METHOD_SETS);
    orders.push({
      order: {
        id,
        productAmount,
        paymentAmount: productAmount + (productAmount >= 50_000 ? 0 : 3_000),
        placedAt,
        ...kstParts(placedAt),
        isHoliday: random.chance(0.1),
        channel: random.pick(CHANNELS),
        paymentMethods: methods,
        paid: methods.includes('cash') ? random.pick(['F', 'F', 'T', 'M'] as const) : 'T',
        canceled: random.chance(0.03),
        itemCount: items.length,
        quantity: items.reduce((s, it) => s + it.quantity, 0),
        clientIp: ipCountry === null ? null : '203.0.113.10',
        ipCountry,
        isOverseasIp: ipCountry !== null && ipCountry !== 'KR',
      },
      shipping: {
        zip: zone === 'JEJU' ? '63000' : zone === 'REMOTE' ? '40200' : '06236',
        address: null,
        zone,
        areaName: zone === 'MAINLAND' ? null : zone === 'JEJU' ? '제주' : '울릉',
        international: false,
      },
      customer: {
        kind: member ? 'member' : 'guest',
        memberId: member ? `member${n % 5000}` : null,
        key: member ? `m:member${n % 5000}` : `g:${n}`,
        grade: member ? random.int(1, 4) : null,
        gradeName: null,
        isFirstOrder: historyLength === 0 && random.chance(0.9),
        previousOrderCount: historyLength,
        lifetimeAmount: productAmount + history.reduce((s, h) => s + h.productAmount, 0) * random.int(1, 8),
        history,
      },
      items,
    });
  }
  return orders;
}
