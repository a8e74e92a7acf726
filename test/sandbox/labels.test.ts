import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import samples from './fixtures/reference-samples.json' with { type: 'json' };
import { adminClient, install, MALL, startTestSandbox, type Harness } from './sandbox-harness.js';

type Json = Record<string, unknown>;

let harness: Harness;
let api: ReturnType<typeof adminClient>;
let orderIds: string[];

beforeAll(async () => {
  harness = await startTestSandbox();
  api = adminClient(harness.sandbox, (await install(harness.sandbox)).access_token);
  orderIds = await harness.sandbox.generateOrders(MALL, 12, { productCodes: ['P000000A', 'P000000B'] });
});
afterAll(async () => {
  await harness.sandbox.close();
});

async function json(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const response = await api(method, path, body);
  return { status: response.status, body: (await response.json()) as Json };
}

const itemOf = (orderId: string | undefined, n = 1) => `${String(orderId)}-${String(n).padStart(2, '0')}`;

describe('bulk labels (POST /admin/labels)', () => {
  it('labels items in up to 10 requests and echoes them like the reference sample', async () => {
    const requests = Array.from({ length: 10 }, (_, index) => ({
      name: `bulk_${index}`,
      order_item_code: [itemOf(orderIds[index])],
    }));
    const result = await json('POST', '/admin/labels', { shop_no: 1, requests });
    expect(result.status).toBe(201);
    expect(Object.keys(result.body)).toEqual(Object.keys(samples.bulkLabels));
    expect(result.body.labels).toEqual(requests.map((request) => ({ shop_no: 1, ...request })));
    expect(harness.sandbox.orderLabels(MALL, String(orderIds[0]))).toEqual({
      [itemOf(orderIds[0], 1)]: ['bulk_0'],
      [itemOf(orderIds[0], 2)]: [],
    });
  });

  it('answers 422 to 11 requests and changes nothing', async () => {
    const requests = Array.from({ length: 11 }, (_, index) => ({
      name: `eleven_${index}`,
      order_item_code: [itemOf(orderIds[0])],
    }));
    const result = await json('POST', '/admin/labels', { shop_no: 1, requests });
    expect(result.status).toBe(422);
    expect(result.body).toEqual({ error: { code: 422, message: expect.stringContaining('10') } });
    expect(harness.sandbox.orderLabels(MALL, String(orderIds[0]))[itemOf(orderIds[0])]).toEqual(['bulk_0']);
  });

  it('answers 422 to an unknown item code without applying the other requests', async () => {
    const result = await json('POST', '/admin/labels', {
      shop_no: 1,
      requests: [
        { name: 'partial', order_item_code: [itemOf(orderIds[1])] },
        { name: 'partial', order_item_code: ['20200101-0000001-01'] },
      ],
    });
    expect(result.status).toBe(422);
    expect(harness.sandbox.orderLabels(MALL, String(orderIds[1]))[itemOf(orderIds[1])]).not.toContain(
      'partial',
    );
  });

  it('lists the label names of the mall in the sample envelope, with a next link when there are more', async () => {
    const result = await json('GET', '/admin/labels?limit=3');
    expect(result.status).toBe(200);
    expect(result.body.labels).toEqual({ shop_no: 1, names: ['bulk_0', 'bulk_1', 'bulk_2'] });
    expect(result.body.links).toEqual([
      { rel: 'next', href: `${harness.sandbox.apiBase(MALL)}/admin/labels?limit=3&offset=3` },
    ]);
  });

  it('filters orders by labels', async () => {
    const result = await json('GET', '/admin/orders?labels=bulk_3,bulk_4&limit=100');
    expect((result.body.orders as Json[]).map((order) => order.order_id)).toEqual([orderIds[3], orderIds[4]]);
    expect((await json('GET', '/admin/orders/count?labels=bulk_3')).body).toEqual({ count: 1 });
  });
});

describe('item labels', () => {
  const korean = '제주배송';
  const path = () => `/admin/orders/${String(orderIds[11])}/items/${itemOf(orderIds[11])}/labels`;

  it('adds, reads, replaces and deletes labels with URL-encoded Korean names', async () => {
    const created = await json('POST', path(), { shop_no: 1, request: { names: [korean, '고액주문'] } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      label: {
        shop_no: 1,
        order_id: orderIds[11],
        order_item_code: itemOf(orderIds[11]),
        names: [korean, '고액주문'],
      },
    });
    expect((await json('GET', path())).body).toEqual({ labels: { shop_no: 1, names: [korean, '고액주문'] } });

    const replaced = await json('PUT', path(), { shop_no: 1, request: { names: ['VIP'] } });
    expect(replaced).toEqual({ status: 200, body: { label: { shop_no: 1, names: ['VIP'] } } });

    await json('POST', path(), { shop_no: 1, request: { names: [korean] } });
    const deleted = await json('DELETE', `${path()}/${encodeURIComponent(korean)}`);
    expect(deleted).toEqual({
      status: 200,
      body: {
        label: { shop_no: 1, order_id: orderIds[11], order_item_code: itemOf(orderIds[11]), name: korean },
      },
    });
    expect(harness.sandbox.orderLabels(MALL, String(orderIds[11]))[itemOf(orderIds[11])]).toEqual(['VIP']);
    // The change log tells every add and removal, a replace being removals then adds.
    const item = itemOf(orderIds[11]);
    expect(harness.sandbox.labelChanges(MALL, String(orderIds[11]))).toEqual([
      { itemCode: item, label: korean, change: 'added' },
      { itemCode: item, label: '고액주문', change: 'added' },
      { itemCode: item, label: korean, change: 'removed' },
      { itemCode: item, label: '고액주문', change: 'removed' },
      { itemCode: item, label: 'VIP', change: 'added' },
      { itemCode: item, label: korean, change: 'added' },
      { itemCode: item, label: korean, change: 'removed' },
    ]);
  });

  it('answers 400 to a raw (un-encoded) Korean name in the URL', async () => {
    // fetch and node:http always percent-encode, so write the raw UTF-8 bytes to a socket.
    const { connect } = await import('node:net');
    const target = new URL(harness.sandbox.baseUrl);
    const status = await new Promise<number>((resolve, reject) => {
      const socket = connect(Number(target.port), target.hostname, () => {
        socket.write(
          Buffer.from(
            `DELETE /${MALL}/api/v2${path()}/${korean} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
          ),
        );
      });
      let reply = '';
      socket.on('data', (chunk: Buffer) => (reply += chunk.toString('utf8')));
      socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0)));
      socket.on('error', reject);
    });
    expect(status).toBe(400);
  });

  it('answers 400 to a malformed percent-encoding in the label name', async () => {
    const result = await json('DELETE', `${path()}/%E0%A4%A`);
    expect(result).toEqual({ status: 400, body: { error: { code: 400, message: expect.any(String) } } });
  });

  it('answers 404 when deleting a label the item does not carry, or for an unknown item', async () => {
    expect((await json('DELETE', `${path()}/${encodeURIComponent('없는라벨')}`)).status).toBe(404);
    expect(
      (await json('GET', `/admin/orders/${String(orderIds[11])}/items/${itemOf(orderIds[11], 9)}/labels`))
        .status,
    ).toBe(404);
  });

  it('answers 422 to a body without names', async () => {
    expect((await json('POST', path(), { shop_no: 1, request: { names: [] } })).status).toBe(422);
  });
});

describe('order list page', () => {
  it('lists orders newest first with masked buyers and the union of item labels (JSON)', async () => {
    harness.sandbox.addManualLabel(MALL, itemOf(orderIds[10], 2), '수기라벨');
    await json('POST', '/admin/labels', {
      shop_no: 1,
      requests: [{ name: 'API라벨', order_item_code: [itemOf(orderIds[10], 1), itemOf(orderIds[10], 2)] }],
    });
    const response = await fetch(`${harness.sandbox.baseUrl}/${MALL}/admin/order/list`, {
      headers: { accept: 'application/json' },
    });
    const body = (await response.json()) as { orders: Json[] };
    expect(body.orders[0]?.order_id).toBe(orderIds[11]);
    const row = body.orders.find((order) => order.order_id === orderIds[10]);
    expect(row).toEqual({
      order_id: orderIds[10],
      order_date: '2026-03-02T10:00:00+09:00',
      buyer: expect.stringMatching(/^\S○+$/),
      amount: expect.any(Number),
      labels: ['API라벨', '수기라벨'],
    });
  });

  it('renders the Cafe24-like HTML screen with label chips and a signed 앱 열기 link', async () => {
    harness.sandbox.setAppUrl('http://127.0.0.1:3000/cafe24/launch');
    const html = await (await fetch(`${harness.sandbox.baseUrl}/${MALL}/admin/order/list`)).text();
    for (const heading of ['주문일', '주문번호', '주문자', '주문금액', '주문 라벨'])
      expect(html).toContain(heading);
    expect(html).toContain('<span class="chip">수기라벨</span>');
    expect(html).toMatch(
      /href="http:\/\/127\.0\.0\.1:3000\/cafe24\/launch\?is_multi_shop=F&amp;lang=ko_KR&amp;mall_id=test-mall/,
    );
    expect(html).toContain('hmac=');
  });
});
