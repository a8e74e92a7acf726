import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/start-sandbox.js';
import { adminClient, install, MALL, startTestSandbox } from './sandbox-harness.js';

type Json = Record<string, unknown>;
const running: Sandbox[] = [];
afterEach(async () => {
  for (const sandbox of running.splice(0)) await sandbox.close();
});

async function allOrders(seed: number, history: number, live = 0): Promise<Json[]> {
  const { sandbox } = await startTestSandbox({ seed, orders: history });
  running.push(sandbox);
  if (live > 0) await sandbox.generateOrders(MALL, live);
  const api = adminClient(sandbox, (await install(sandbox)).access_token);
  const response = await api('GET', '/admin/orders?limit=1000&embed=items,receivers,buyer');
  return ((await response.json()) as { orders: Json[] }).orders;
}

const zipOf = (order: Json) => String(((order.receivers as Json[])[0] as Json).zipcode);

describe('order generator', () => {
  it('reproduces the same mall for the same seed', async () => {
    const first = await allOrders(9, 150, 20);
    const second = await allOrders(9, 150, 20);
    expect(second).toEqual(first);
    const other = await allOrders(10, 150, 20);
    expect(other.map((order) => order.payment_amount)).not.toEqual(
      first.map((order) => order.payment_amount),
    );
  });

  it('produces a realistic mix of customers, places, payments and statuses', async () => {
    const orders = await allOrders(1, 400, 50);
    const members = orders.filter((order) => order.member_id !== '');
    const guests = orders.filter((order) => order.member_id === '');
    expect(guests.length).toBeGreaterThan(40);
    const perMember = new Map<string, number>();
    for (const order of members)
      perMember.set(String(order.member_id), (perMember.get(String(order.member_id)) ?? 0) + 1);
    expect(Math.max(...perMember.values())).toBeGreaterThanOrEqual(10); // regulars buy again and again
    expect(members.some((order) => order.first_order === 'T')).toBe(true);
    expect(members.some((order) => order.first_order === 'F')).toBe(true);

    const methods = new Set(orders.flatMap((order) => order.payment_method as string[]));
    expect([...methods].sort()).toEqual(['card', 'cash', 'icash']);
    expect(orders.some((order) => order.order_place_id === 'NCHECKOUT')).toBe(true);
    expect(
      orders.some((order) => order.paid === 'F' && (order.payment_method as string[]).includes('cash')),
    ).toBe(true);

    const zips = orders.map(zipOf);
    expect(zips.some((zip) => zip.startsWith('63'))).toBe(true); // Jeju
    expect(zips.some((zip) => Number(zip) >= 40200 && Number(zip) <= 40240)).toBe(true); // 울릉
    expect(zips).toContain('58826'); // 신안
    expect(zips.some((zip) => zip.startsWith('06'))).toBe(true); // Seoul 강남

    const amounts = orders.map((order) => Number((order.actual_order_amount as Json).order_price_amount));
    expect(amounts.some((amount) => amount >= 90_000 && amount < 100_000)).toBe(true);
    expect(amounts.some((amount) => amount >= 100_000 && amount <= 130_000)).toBe(true);

    const hours = orders.map((order) => Number(String(order.order_date).slice(11, 13)));
    expect(hours.some((hour) => hour < 5)).toBe(true);

    const statuses = new Set(
      orders.flatMap((order) => (order.items as Json[]).map((item) => String(item.order_status))),
    );
    expect(statuses.has('R40')).toBe(true);
    expect([...statuses].some((status) => status.startsWith('C4'))).toBe(true);
    expect(statuses.has('N40')).toBe(true);
  });

  it('sells limited stock down and stops offering sold-out variants', async () => {
    const { sandbox } = await startTestSandbox({ seed: 2 });
    running.push(sandbox);
    const api = adminClient(sandbox, (await install(sandbox)).access_token);
    const inventory = async () =>
      (
        (await (await api('GET', '/admin/products/22/variants/P000000L000A/inventories')).json()) as {
          inventory: Json;
        }
      ).inventory.quantity;
    expect(await inventory()).toBe(3);
    await sandbox.generateOrders(MALL, 1, { productCodes: ['P000000L'] });
    expect(await inventory()).toBe(2);
    const later = await sandbox.generateOrders(MALL, 300);
    expect(await inventory()).toBe(0);
    // Once sold out, later random orders no longer contain the variant.
    const lastOrders = (await (
      await api('GET', `/admin/orders?order_id=${later.slice(-50).join(',')}&limit=50&embed=items`)
    ).json()) as {
      orders: { items: Json[] }[];
    };
    expect(lastOrders.orders).toHaveLength(50);
    expect(
      lastOrders.orders.flatMap((order) => order.items).some((item) => item.variant_code === 'P000000L000A'),
    ).toBe(false);
  });

  it('generates live orders at a steady rate', async () => {
    const { sandbox } = await startTestSandbox({ seed: 4, ratePerMinute: 6000, clock: Date.now });
    running.push(sandbox);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const list = (await (
      await fetch(`${sandbox.baseUrl}/${MALL}/admin/order/list`, { headers: { accept: 'application/json' } })
    ).json()) as { orders: unknown[] };
    expect(list.orders.length).toBeGreaterThan(0);
  });
});
