import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  adminClient,
  CLIENT_ID,
  install,
  MALL,
  startReceiver,
  startTestSandbox,
  type Harness,
} from './sandbox-harness.js';

type Payload = { event_no: number; resource: Record<string, unknown> };

function sample(eventNo: number): Payload {
  return JSON.parse(
    readFileSync(new URL(`./fixtures/webhooks/${eventNo}.json`, import.meta.url), 'utf8'),
  ) as Payload;
}

/** Same keys as the documented sample, and values of the same JSON kind where the sample is non-null. */
function expectSampleShape(actual: Payload): void {
  const reference = sample(actual.event_no);
  expect(Object.keys(actual.resource).sort()).toEqual(Object.keys(reference.resource).sort());
  for (const [key, value] of Object.entries(reference.resource)) {
    if (value !== null && actual.resource[key] !== null) {
      expect(`${key}:${typeof actual.resource[key]}`).toBe(`${key}:${typeof value}`);
    }
  }
  expect(actual.resource.event_code).toBe(reference.resource.event_code);
}

let harness: Harness;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver();
  harness = await startTestSandbox({ webhookUrl: receiver.url });
});
afterAll(async () => {
  await harness.sandbox.close();
  await receiver.close();
});
beforeEach(() => {
  receiver.bodies.length = 0;
});

async function delivered(): Promise<Payload[]> {
  await harness.sandbox.webhooksIdle();
  return receiver.bodies;
}

describe('webhooks', () => {
  it('announces a new order with 90023 in the documented shape', async () => {
    const [orderId] = await harness.sandbox.generateOrders(MALL, 1, { payment: 'cash' });
    const [payload] = await delivered();
    expect(payload?.event_no).toBe(90023);
    expectSampleShape(payload as Payload);
    expect(payload?.resource).toMatchObject({
      mall_id: MALL,
      event_shop_no: '1',
      order_id: orderId,
      paid: 'F',
      payment_method: 'cash',
      order_date: '2026-03-02T10:00:00+09:00',
    });
    expect(payload?.resource.order_price_amount).toMatch(/^\d+\.00$/);
  });

  it('sends 90025 when a deposit arrives, 90026 on cancel, 90027 on return, 90028/90029 on exchange/refund', async () => {
    const [cashOrder, cardOrder, returnedOrder] = await harness.sandbox.generateOrders(MALL, 3, {
      payment: 'cash',
    });
    harness.sandbox.payOrder(MALL, String(cashOrder));
    harness.sandbox.payOrder(MALL, String(cashOrder)); // already paid: no second event
    harness.sandbox.cancelOrder(MALL, String(cardOrder));
    harness.sandbox.payOrder(MALL, String(returnedOrder));
    harness.sandbox.returnOrder(MALL, String(returnedOrder));
    harness.sandbox.refundOrder(MALL, String(returnedOrder));
    const [exchanged] = await harness.sandbox.generateOrders(MALL, 1, { payment: 'card' });
    harness.sandbox.exchangeOrder(MALL, String(exchanged));
    const events = (await delivered()).filter((payload) => payload.event_no !== 90023);
    expect(events.map((payload) => [payload.event_no, payload.resource.order_id])).toEqual([
      [90025, cashOrder],
      [90026, cardOrder],
      [90025, returnedOrder],
      [90027, returnedOrder],
      [90029, returnedOrder],
      [90028, exchanged],
    ]);
    for (const payload of events) expectSampleShape(payload);
    expect(events[0]?.resource.paid).toBe('T');
  });

  it('sends 90064 on an address change and 90075 on a stock change', async () => {
    const [orderId] = await harness.sandbox.generateOrders(MALL, 1);
    harness.sandbox.changeAddress(MALL, String(orderId), {
      zipcode: '63122',
      address1: '제주특별자치도 제주시 문연로 6',
    });
    harness.sandbox.setStock(MALL, 'P000000A000A', 2);
    const events = (await delivered()).filter((payload) => payload.event_no !== 90023);
    expect(events.map((payload) => payload.event_no)).toEqual([90064, 90075]);
    events.forEach(expectSampleShape);
    expect(events[1]?.resource).toMatchObject({ variant_code: 'P000000A000A', product_code: 'P000000A' });
    const receivers = harness.sandbox.orderLabels(MALL, String(orderId));
    expect(Object.keys(receivers)).not.toHaveLength(0);
  });

  it('joins order ids with commas in the bulk events 90071–90074', async () => {
    const ids = await harness.sandbox.generateOrders(MALL, 3, { payment: 'card' });
    harness.sandbox.bulkStatusChange(MALL, 'ship', ids);
    harness.sandbox.bulkStatusChange(MALL, 'return', ids.slice(0, 2));
    harness.sandbox.bulkStatusChange(MALL, 'refund', ids.slice(0, 2));
    harness.sandbox.bulkStatusChange(MALL, 'cancel', ids.slice(2));
    const events = (await delivered()).filter((payload) => payload.event_no !== 90023);
    expect(events.map((payload) => [payload.event_no, payload.resource.order_id])).toEqual([
      [90071, ids.join(',')],
      [90074, ids.slice(0, 2).join(',')],
      [90073, ids.slice(0, 2).join(',')],
      [90072, String(ids[2])],
    ]);
    events.forEach(expectSampleShape);
  });

  it('echoes a memo written by the app as 90066 with executor_id = client id', async () => {
    const api = adminClient(harness.sandbox, (await install(harness.sandbox)).access_token);
    const [orderId] = await harness.sandbox.generateOrders(MALL, 1);
    const response = await api('POST', `/admin/orders/${String(orderId)}/memos`, {
      shop_no: 1,
      request: { content: 'PassWing: 제주배송 라벨 적용' },
    });
    expect(response.status).toBe(201);
    const memo = (await delivered()).find((payload) => payload.event_no === 90066);
    expectSampleShape(memo as Payload);
    expect(memo?.resource).toMatchObject({
      order_id: orderId,
      executor_id: CLIENT_ID,
      execute_method: 'V2X',
    });
  });

  it('records deliveries in GET /admin/webhooks/logs like the reference sample', async () => {
    const api = adminClient(harness.sandbox, (await install(harness.sandbox)).access_token);
    await harness.sandbox.generateOrders(MALL, 1);
    await delivered();
    const body = (await (await api('GET', '/admin/webhooks/logs?limit=10000')).json()) as {
      logs: Record<string, unknown>[];
    };
    const last = body.logs[body.logs.length - 1];
    expect(Object.keys(last ?? {}).sort()).toEqual(
      [
        'log_id',
        'log_type',
        'event_no',
        'mall_id',
        'trace_id',
        'requested_time',
        'request_endpoint',
        'request_body',
        'success',
        'response_http_code',
        'response_body',
      ].sort(),
    );
    expect(last).toMatchObject({
      event_no: 90023,
      success: 'T',
      response_http_code: 200,
      request_endpoint: receiver.url,
    });
    expect(JSON.parse(String(last?.request_body))).toMatchObject({ event_no: 90023 });
    const since = (await (
      await api('GET', `/admin/webhooks/logs?since_log_id=${String(last?.log_id)}`)
    ).json()) as {
      logs: unknown[];
    };
    expect(since.logs).toEqual([]);
  });

  it('resends a failed delivery once with log type R', async () => {
    const failing = await startReceiver(500);
    try {
      harness.sandbox.setWebhookUrl(failing.url);
      await harness.sandbox.generateOrders(MALL, 1);
      await harness.sandbox.webhooksIdle();
      expect(failing.bodies).toHaveLength(2);
      const logs = harness.sandbox.webhookLog(MALL).slice(-2);
      expect(logs.map((log) => [log.logType, log.success, log.responseHttpCode])).toEqual([
        ['G', 'F', 500],
        ['R', 'F', 500],
      ]);
    } finally {
      harness.sandbox.setWebhookUrl(receiver.url);
      await failing.close();
    }
  });

  it('sends nothing without a webhook URL', async () => {
    harness.sandbox.setWebhookUrl(null);
    const before = harness.sandbox.webhookLog(MALL).length;
    await harness.sandbox.generateOrders(MALL, 2);
    expect(await delivered()).toEqual([]);
    expect(harness.sandbox.webhookLog(MALL)).toHaveLength(before);
    harness.sandbox.setWebhookUrl(receiver.url);
  });
});
