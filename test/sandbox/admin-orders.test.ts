import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import samples from './fixtures/reference-samples.json' with { type: 'json' };
import { adminClient, install, startTestSandbox, type Harness } from './sandbox-harness.js';

const ORDER_ID = /^\d{8}-\d{7}$/;
const ITEM_CODE = /^\d{8}-\d{7}-\d{2}$/;
const KST = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$/;
const DECIMAL = /^\d+\.\d{2}$/;

type Json = Record<string, unknown>;

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Every key of the reference sample is present, with the same JSON kind where both are non-null. */
function expectSampleShape(sample: Json, actual: Json): void {
  for (const [key, sampleValue] of Object.entries(sample)) {
    expect(actual, `missing ${key}`).toHaveProperty([key]);
    const actualValue = actual[key];
    if (sampleValue !== null && actualValue !== null) {
      expect(`${key}:${kind(actualValue)}`).toBe(`${key}:${kind(sampleValue)}`);
    }
  }
}

let harness: Harness;
let api: ReturnType<typeof adminClient>;
const HOUR = 60 * 60 * 1000;

beforeAll(async () => {
  harness = await startTestSandbox({ orders: 200 });
  api = adminClient(harness.sandbox, (await install(harness.sandbox)).access_token);
});
afterAll(async () => {
  await harness.sandbox.close();
});

async function json(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const response = await api(method, path, body);
  return { status: response.status, body: (await response.json()) as Json };
}

async function orders(query: string): Promise<Json[]> {
  const result = await json('GET', `/admin/orders?${query}`);
  expect(result.status).toBe(200);
  return result.body.orders as Json[];
}

describe('GET /admin/orders', () => {
  it('wraps the list in {"orders":[…]} with the verbatim sample shapes for orders and embeds', async () => {
    const [order] = await orders('limit=1&embed=items,receivers,buyer');
    if (order === undefined) throw new Error('no order');
    expectSampleShape(samples.order.order as Json, order);
    const items = order.items as Json[];
    expectSampleShape(samples.items.items[0] as Json, items[0] as Json);
    expectSampleShape(samples.receivers.receivers[0] as Json, (order.receivers as Json[])[0] as Json);
    expectSampleShape(samples.buyer.buyer as Json, order.buyer as Json);
  });

  it('uses Cafe24 formats: order ids, item codes, decimal strings, T/F flags, +09:00 times', async () => {
    for (const order of await orders('limit=100&embed=items')) {
      expect(order.order_id).toMatch(ORDER_ID);
      expect(order.order_date).toMatch(KST);
      expect(order.payment_amount).toMatch(DECIMAL);
      expect((order.actual_order_amount as Json).order_price_amount).toMatch(DECIMAL);
      expect(['T', 'F', 'M']).toContain(order.paid);
      expect(['T', 'F']).toContain(order.first_order);
      expect(Array.isArray(order.payment_method)).toBe(true);
      for (const item of order.items as Json[]) {
        expect(item.order_item_code).toMatch(ITEM_CODE);
        expect(String(item.order_item_code).startsWith(`${order.order_id}-`)).toBe(true);
        expect(item.product_price).toMatch(DECIMAL);
        expect(item.variant_code).toMatch(/^[A-Z0-9]{12}$/);
      }
    }
  });

  it('leaves embeds out unless asked', async () => {
    const [order] = await orders('limit=1');
    expect(order).not.toHaveProperty('items');
    expect(order).not.toHaveProperty('buyer');
  });

  it('pages with limit (default 10) and offset', async () => {
    expect(await orders('')).toHaveLength(10);
    const all = await orders('limit=200');
    expect(all).toHaveLength(200);
    const page = await orders('limit=5&offset=10');
    expect(page.map((order) => order.order_id)).toEqual(all.slice(10, 15).map((order) => order.order_id));
  });

  it.each(['limit=1001', 'limit=0', 'offset=15001', 'limit=abc'])('answers 422 to %s', async (query) => {
    const result = await json('GET', `/admin/orders?${query}`);
    expect(result.status).toBe(422);
    expect(result.body).toEqual({ error: { code: 422, message: expect.any(String) } });
  });

  it('accepts limit 1000 and offset 15000', async () => {
    expect((await json('GET', '/admin/orders?limit=1000&offset=15000')).status).toBe(200);
  });

  it('filters by a comma-separated order_id list', async () => {
    const all = await orders('limit=50');
    const wanted = [all[3]?.order_id, all[7]?.order_id].join(',');
    const found = await orders(`order_id=${wanted}`);
    expect(found.map((order) => order.order_id).join(',')).toBe(wanted);
  });

  it('filters by member_id', async () => {
    const found = await orders('member_id=member001&limit=1000');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((order) => order.member_id === 'member001')).toBe(true);
  });

  it('filters by order_status of any item and by payment_method', async () => {
    await harness.sandbox.generateOrders('test-mall', 2, { payment: 'cash' });
    const unpaid = await orders('order_status=N00&limit=1000&embed=items');
    expect(unpaid.length).toBeGreaterThan(0);
    for (const order of unpaid) {
      expect((order.items as Json[]).some((item) => item.order_status === 'N00')).toBe(true);
    }
    const cash = await orders('payment_method=cash&limit=1000');
    expect(cash.length).toBeGreaterThan(0);
    expect(cash.every((order) => (order.payment_method as string[]).includes('cash'))).toBe(true);
  });

  it('filters by start_date/end_date on order_date', async () => {
    const found = await orders('start_date=2026-02-20&end_date=2026-02-25&limit=1000');
    expect(found.length).toBeGreaterThan(0);
    for (const order of found) {
      expect(String(order.order_date) >= '2026-02-20').toBe(true);
      expect(String(order.order_date) < '2026-02-26').toBe(true);
    }
  });

  it('filters by other date types (return dates)', async () => {
    const returned = await orders(
      'date_type=return_request_date&start_date=2026-01-01&end_date=2026-03-02&embed=items&limit=1000',
    );
    expect(returned.length).toBeGreaterThan(0);
    for (const order of returned) {
      expect((order.items as Json[]).some((item) => String(item.order_status).startsWith('R'))).toBe(true);
    }
  });

  it('refuses a window over 3 months and a start without an end', async () => {
    expect((await json('GET', '/admin/orders?start_date=2025-12-01&end_date=2026-03-01')).status).toBe(200);
    const tooLong = await json('GET', '/admin/orders?start_date=2025-12-01&end_date=2026-03-02');
    expect(tooLong.status).toBe(422);
    expect((await json('GET', '/admin/orders?start_date=2026-01-01')).status).toBe(422);
    expect(
      (await json('GET', '/admin/orders?start_date=2026-01-01&end_date=2026-01-02&date_type=nonsense'))
        .status,
    ).toBe(422);
  });

  it('counts with the same filters', async () => {
    const count = await json('GET', '/admin/orders/count?member_id=member001');
    expect(count.body).toEqual({ count: (await orders('member_id=member001&limit=1000')).length });
  });
});

describe('single order resources', () => {
  it('wraps one order in {"order":…} and answers 404 for an unknown id', async () => {
    const [first] = await orders('limit=1');
    const result = await json('GET', `/admin/orders/${String(first?.order_id)}?embed=items`);
    expect(result.status).toBe(200);
    expect((result.body.order as Json).order_id).toBe(first?.order_id);
    expect((result.body.order as Json).items).toBeInstanceOf(Array);
    const missing = await json('GET', '/admin/orders/20200101-0000001');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: 404, message: expect.any(String) } });
  });

  it('serves items, receivers and buyer in their envelopes', async () => {
    const [first] = await orders('limit=1');
    const id = String(first?.order_id);
    expect(((await json('GET', `/admin/orders/${id}/items`)).body.items as Json[]).length).toBeGreaterThan(0);
    expect((await json('GET', `/admin/orders/${id}/receivers`)).body.receivers).toHaveLength(1);
    expect((await json('GET', `/admin/orders/${id}/buyer`)).body.buyer).toHaveProperty('cellphone');
  });

  it('puts an order on hold and releases it with process_status', async () => {
    const [orderId] = await harness.sandbox.generateOrders('test-mall', 1, { payment: 'card' });
    const hold = await json('PUT', `/admin/orders/${String(orderId)}`, {
      shop_no: 1,
      request: { process_status: 'hold' },
    });
    expect(hold.status).toBe(200);
    expect(hold.body.order).toMatchObject({ order_id: orderId, process_status: 'hold' });
    const held = (await json('GET', `/admin/orders/${String(orderId)}?embed=items`)).body.order as Json;
    expect(held.shipping_status).toBe('W');
    expect((held.items as Json[]).every((item) => item.order_status === 'N22')).toBe(true);

    await json('PUT', `/admin/orders/${String(orderId)}`, {
      shop_no: 1,
      request: { process_status: 'unhold' },
    });
    const released = (await json('GET', `/admin/orders/${String(orderId)}?embed=items`)).body.order as Json;
    expect((released.items as Json[]).every((item) => item.order_status === 'N10')).toBe(true);
    const bad = await json('PUT', `/admin/orders/${String(orderId)}`, {
      shop_no: 1,
      request: { process_status: 'x' },
    });
    expect(bad.status).toBe(422);
  });

  it('refuses a write without a JSON content type', async () => {
    const [orderId] = await harness.sandbox.generateOrders('test-mall', 1);
    const response = await fetch(`${harness.sandbox.apiBase('test-mall')}/admin/orders/${String(orderId)}`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${(await install(harness.sandbox)).access_token}`,
        'content-type': 'text/plain',
      },
      body: 'x',
    });
    expect(response.status).toBe(400);
  });

  it('shows later claims in the actual amount but not in the initial one', async () => {
    const [orderId] = await harness.sandbox.generateOrders('test-mall', 1, { payment: 'card' });
    harness.clock.advance(HOUR); // stays inside the access token's 2 hours
    harness.sandbox.cancelOrder('test-mall', String(orderId));
    const order = (await json('GET', `/admin/orders/${String(orderId)}`)).body.order as Json;
    expect(order.canceled).toBe('T');
    expect((order.actual_order_amount as Json).order_price_amount).toBe('0.00');
    expect((order.initial_order_amount as Json).order_price_amount).not.toBe('0.00');
    expect(order.cancel_date).toMatch(KST);
  });
});
