import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Product } from '../../src/domain/product.js';
import { fetchBuyer } from '../../src/cafe24/resources/buyer.js';
import { fetchCustomerGroups } from '../../src/cafe24/resources/customer-groups.js';
import { fetchCustomersByMemberIds } from '../../src/cafe24/resources/customers.js';
import { addOrderMemo, listOrderMemos } from '../../src/cafe24/resources/memos.js';
import { fetchOrderItems } from '../../src/cafe24/resources/order-items.js';
import { setOrderHold } from '../../src/cafe24/resources/order-hold.js';
import { fetchOrder, fetchOrdersByIds, orderPagesInWindow } from '../../src/cafe24/resources/orders.js';
import { fetchProducts, fetchVariantInventory } from '../../src/cafe24/resources/products.js';
import { fetchReceivers } from '../../src/cafe24/resources/receivers.js';
import { fetchWebhookLogs } from '../../src/cafe24/resources/webhook-logs.js';
import { parseWebhookEvent } from '../../src/cafe24/webhook-event.js';
import { InMemoryTokenStore } from './in-memory-token-store.js';
import { install, passwingProcess, ShiftedClock, startTestSandbox, type Sandbox } from './sandbox-harness.js';

let sandbox: Sandbox | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
  for (const close of closers.splice(0)) await close();
});

interface RawOrder {
  order_id: string;
  member_id: string | null;
  order_date: string;
  items: { order_item_code: string; product_no: number; variant_code: string; order_status: string }[];
}

async function setUp(orderCount: number) {
  const clock = new ShiftedClock();
  sandbox = await startTestSandbox({ clock });
  const store = new InMemoryTokenStore();
  await install(sandbox, store, 'm1', clock);
  const ids = await sandbox.generateOrders('m1', orderCount);
  const { client } = passwingProcess(sandbox, store, clock);
  return { sandbox, client, ids, clock };
}

const kstDate = (ms: number): string => new Date(ms + 9 * 3600_000).toISOString().slice(0, 10);

describe('Cafe24 resources against the sandbox over HTTP', () => {
  it('pages through a date window with limit/offset', async () => {
    const { client, ids, clock } = await setUp(23);
    const pages: unknown[][] = [];
    const today = kstDate(clock.now());
    for await (const page of orderPagesInWindow(client, { startDate: today, endDate: today, pageSize: 10 })) {
      pages.push(page);
    }
    expect(pages.map((p) => p.length)).toEqual([10, 10, 3]);
    expect((pages.flat() as RawOrder[]).map((o) => o.order_id).sort()).toEqual([...ids].sort());
  });

  it('refuses a window longer than three months before calling Cafe24', async () => {
    const { client, sandbox } = await setUp(0);
    const before = sandbox.stats('m1').calls;
    const pages = orderPagesInWindow(client, { startDate: '2026-01-01', endDate: '2026-04-01' });
    await expect(pages.next()).rejects.toMatchObject({ code: 'CAFE24_USAGE_ERROR' });
    expect(sandbox.stats('m1').calls).toBe(before);
  });

  it('reads one order, its items, receivers and buyer; an unknown order is null', async () => {
    const { client, ids } = await setUp(1);
    const id = ids[0]!;
    expect(((await fetchOrder(client, id)) as RawOrder).order_id).toBe(id);
    expect(await fetchOrder(client, '20000101-0000001')).toBeNull();
    const items = await fetchOrderItems(client, id);
    expect(items[0]?.order_item_code.startsWith(id)).toBe(true);
    expect(await fetchReceivers(client, id)).not.toHaveLength(0);
    expect(await fetchBuyer(client, id)).toBeTypeOf('object');
  });

  it('maps products with variants and stock to the domain Product', async () => {
    const { client, ids } = await setUp(5);
    const orders = (await fetchOrdersByIds(client, ids)) as RawOrder[];
    const productNos = orders.flatMap((o) => o.items.map((i) => i.product_no));
    const products = await fetchProducts(client, productNos);
    expect(products.map((p) => p.productNo).sort()).toEqual([...new Set(productNos)].sort());
    for (const product of products) expect(Product.parse(product)).toEqual(product);
    const item = orders[0]!.items[0]!;
    const variant = await fetchVariantInventory(client, item.product_no, item.variant_code);
    const fromCatalogue = products
      .find((p) => p.productNo === item.product_no)
      ?.variants.find((v) => v.variantCode === item.variant_code);
    expect(variant).toEqual(fromCatalogue);
  });

  it('reads members and customer groups without personal fields', async () => {
    const { client, ids } = await setUp(20);
    const orders = (await fetchOrdersByIds(client, ids)) as RawOrder[];
    const memberIds = [...new Set(orders.map((o) => o.member_id).filter((m): m is string => !!m))];
    const customers = await fetchCustomersByMemberIds(client, memberIds);
    expect(customers.map((c) => c.memberId).sort()).toEqual(memberIds.sort());
    expect(Object.keys(customers[0] ?? {}).sort()).toEqual([
      'blacklisted',
      'createdDate',
      'groupNo',
      'memberId',
    ]);
    const groups = await fetchCustomerGroups(client);
    expect(groups.length).toBeGreaterThan(0);
  });

  it('adds and lists admin memos, and holds and releases shipping', async () => {
    const { client, ids } = await setUp(1);
    const id = ids[0]!;
    const memo = await addOrderMemo(client, id, { content: 'PassWing: 고액주문 확인 필요' });
    expect((await listOrderMemos(client, id)).map((m) => m.memoNo)).toContain(memo.memoNo);
    const isHoldable = (status: string) => /^N[0-2]/.test(status) && status !== 'N22';
    const statuses = async () =>
      (await fetchOrderItems(client, id)).map((item) => ({
        code: item.order_item_code,
        status: String(item.order_status),
      }));
    const before = await statuses();
    const holdable = before.filter((item) => isHoldable(item.status)).map((item) => item.code);
    expect(holdable.length).toBeGreaterThan(0);
    await setOrderHold(client, id, true);
    const held = await statuses();
    expect(held.filter((item) => item.status === 'N22').map((item) => item.code)).toEqual(holdable);
    await setOrderHold(client, id, false);
    expect(await statuses()).toEqual(before);
  });

  it('recovers a webhook from the delivery log as a parsable event', async () => {
    const receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(500).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => receiver.close(() => resolve())));
    const { client, sandbox, clock } = await setUp(0);
    sandbox.setWebhookUrl(
      `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/cafe24/secret`,
    );
    const [id] = await sandbox.generateOrders('m1', 1);
    await sandbox.webhooksIdle();
    const today = kstDate(clock.now());
    const logs = await fetchWebhookLogs(client, {
      requestedStartDate: today,
      requestedEndDate: today,
      success: false,
    });
    const recovered = logs.map((log) => parseWebhookEvent(JSON.parse(log.requestBody ?? 'null')));
    expect(
      recovered.some((r) => r.ok && r.event.trigger === 'order.created' && r.event.orderIds[0] === id),
    ).toBe(true);
  });
});
