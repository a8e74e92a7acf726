import { describe, expect, it } from 'vitest';
import { Order } from '../domain/order.js';
import { sampleCafe24Order } from '../../test/facts/fixtures/cafe24-sample-order.js';
import { mapCafe24Order, mapCafe24Orders, OrderMappingError } from './order-mapping.js';

type Raw = Record<string, unknown>;
const items = (raw: Raw): Raw[] => raw.items as Raw[];
const firstItem = (raw: Raw): Raw => items(raw)[0]!;

function mappingError(raw: unknown): OrderMappingError {
  try {
    mapCafe24Order(raw);
  } catch (error) {
    if (error instanceof OrderMappingError) return error;
    throw error;
  }
  throw new Error('expected an OrderMappingError');
}

describe('mapCafe24Order on the verbatim official samples', () => {
  const order = mapCafe24Order(sampleCafe24Order());

  it('produces a valid domain Order', () => {
    expect(Order.safeParse(order).success).toBe(true);
  });

  it('reads order identity, time, member and channel', () => {
    expect(order.orderId).toBe('20170710-0000013');
    expect(order.placedAt).toBe('2018-07-04T11:21:35+09:00');
    expect(order.memberId).toBe('sampleid');
    expect(order.channel).toBe('NCHECKOUT');
  });

  it('takes the grade from customer_group_no_when_ordering when group_no_when_ordering is absent', () => {
    expect(order.groupNo).toBe(1);
  });

  it('parses amounts as integer won: productAmount from actual_order_amount, paymentAmount from payment_amount', () => {
    expect(order.productAmount).toBe(5000);
    expect(order.paymentAmount).toBe(30000);
  });

  it('reads flags: paid T, canceled F, first_order T, domestic shipping', () => {
    expect(order.paid).toBe('T');
    expect(order.canceled).toBe(false);
    expect(order.firstOrder).toBe(true);
    expect(order.international).toBe(false);
  });

  it('keeps the payment method codes', () => {
    expect(order.paymentMethods).toEqual(['card', 'cash']);
  });

  it('maps items with unit price = product_price + option_price and null labels as []', () => {
    expect(order.items).toEqual([
      {
        itemCode: '20170710-0000013-01',
        productNo: 14,
        productCode: 'P000000N',
        variantCode: 'P000000N000A',
        name: 'iPhone X',
        quantity: 1,
        price: 30000,
        status: 'N40',
        labels: [],
      },
    ]);
  });

  it('takes zip and address from the first receiver and keeps personal fields apart', () => {
    expect(order.zip).toBe('06258');
    expect(order.personal).toEqual({
      buyerName: 'Floyd Mayweather',
      buyerEmail: 'sample@gmail.com',
      buyerCellphone: '010-0000-0000',
      receiverName: 'John Doe',
      receiverCellphone: '010-0000-0000',
      address: 'Sindaebang dong Dongjak-gu, Seoul, Republic of Korea Professional Construction Hall',
      clientIp: null,
    });
  });
});

describe('mapCafe24Order field rules', () => {
  it('falls back to initial_order_amount when actual_order_amount is absent', () => {
    const raw = sampleCafe24Order();
    delete raw.actual_order_amount;
    (raw.initial_order_amount as Raw).order_price_amount = '7000.00';
    expect(mapCafe24Order(raw).productAmount).toBe(7000);
  });

  it('prefers actual_order_amount over initial_order_amount (amounts after later claims)', () => {
    const raw = sampleCafe24Order();
    (raw.initial_order_amount as Raw).order_price_amount = '9000.00';
    (raw.actual_order_amount as Raw).order_price_amount = '4000.00';
    expect(mapCafe24Order(raw).productAmount).toBe(4000);
  });

  it.each([
    ['120.5', 121],
    ['120.49', 120],
    ['120.0', 120],
    ['0.5', 1],
    ['99999', 99999],
  ])('rounds the decimal %s half up to %i won', (text, won) => {
    const raw = sampleCafe24Order();
    raw.payment_amount = text;
    expect(mapCafe24Order(raw).paymentAmount).toBe(won);
  });

  it('adds option_price to product_price per unit', () => {
    const raw = sampleCafe24Order();
    firstItem(raw).product_price = '10000.00';
    firstItem(raw).option_price = '2500.00';
    firstItem(raw).quantity = 3;
    const [item] = mapCafe24Order(raw).items;
    expect(item?.price).toBe(12500);
    expect(item?.quantity).toBe(3);
  });

  it('reads a missing option_price as 0', () => {
    const raw = sampleCafe24Order();
    delete firstItem(raw).option_price;
    expect(mapCafe24Order(raw).items[0]?.price).toBe(30000);
  });

  it('keeps label names when the item has labels', () => {
    const raw = sampleCafe24Order();
    firstItem(raw).labels = ['VIP', '합포장가능'];
    expect(mapCafe24Order(raw).items[0]?.labels).toEqual(['VIP', '합포장가능']);
  });

  it('accepts payment_method as a single string, as webhooks send it', () => {
    const raw = sampleCafe24Order();
    raw.payment_method = 'cash';
    expect(mapCafe24Order(raw).paymentMethods).toEqual(['cash']);
  });

  it.each([
    ['T', true],
    ['M', false],
    ['F', false],
  ])('reads canceled %s as cancelled = %s (M, partly cancelled, is not cancelled)', (flag, canceled) => {
    const raw = sampleCafe24Order();
    raw.canceled = flag;
    expect(mapCafe24Order(raw).canceled).toBe(canceled);
  });

  it.each([
    ['T', true],
    ['F', false],
    [null, null],
    ['', null],
  ])('reads first_order %j as %j', (flag, firstOrder) => {
    const raw = sampleCafe24Order();
    raw.first_order = flag;
    expect(mapCafe24Order(raw).firstOrder).toBe(firstOrder);
  });

  it('reads paid M (partially paid)', () => {
    const raw = sampleCafe24Order();
    raw.paid = 'M';
    expect(mapCafe24Order(raw).paid).toBe('M');
  });

  it('reads shipping_type B as international', () => {
    const raw = sampleCafe24Order();
    raw.shipping_type = 'B';
    expect(mapCafe24Order(raw).international).toBe(true);
  });

  it('reads an empty member_id as a guest', () => {
    const raw = sampleCafe24Order();
    raw.member_id = '';
    expect(mapCafe24Order(raw).memberId).toBeNull();
  });

  it('prefers group_no_when_ordering, given as a string by some payloads', () => {
    const raw = sampleCafe24Order();
    raw.group_no_when_ordering = '3';
    expect(mapCafe24Order(raw).groupNo).toBe(3);
  });

  it('carries client_ip (our extension) into personal data', () => {
    const raw = sampleCafe24Order();
    raw.client_ip = '211.234.10.1';
    expect(mapCafe24Order(raw).personal.clientIp).toBe('211.234.10.1');
  });

  it('reads a missing receiver as no zip and no address', () => {
    const raw = sampleCafe24Order();
    raw.receivers = [];
    const order = mapCafe24Order(raw);
    expect(order.zip).toBeNull();
    expect(order.personal.address).toBeNull();
    expect(order.personal.receiverName).toBeNull();
  });

  it('appends +09:00 to an offset-less order_date (Cafe24 local time)', () => {
    const raw = sampleCafe24Order();
    raw.order_date = '2018-07-04 11:21:35';
    expect(mapCafe24Order(raw).placedAt).toBe('2018-07-04T11:21:35+09:00');
  });
});

describe('mapCafe24Order errors', () => {
  it('names the order and the field path of a non-numeric item price', () => {
    const raw = sampleCafe24Order();
    firstItem(raw).product_price = 'abc';
    const error = mappingError(raw);
    expect(error.message).toBe('order 20170710-0000013: items[0].product_price: expected a decimal string');
    expect(error.code).toBe('INVALID_ORDER');
    expect(error.kind).toBe('user');
    expect(error.orderId).toBe('20170710-0000013');
  });

  it('reports every problem in issues', () => {
    const raw = sampleCafe24Order();
    raw.paid = 'X';
    raw.payment_amount = '1,000';
    const paths = mappingError(raw).issues.map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['paid', 'payment_amount']));
  });

  it('rejects an order without any order amounts', () => {
    const raw = sampleCafe24Order();
    delete raw.actual_order_amount;
    delete raw.initial_order_amount;
    expect(mappingError(raw).message).toBe(
      'order 20170710-0000013: actual_order_amount.order_price_amount: expected a decimal string',
    );
  });

  it('rejects an unparseable order_date', () => {
    const raw = sampleCafe24Order();
    raw.order_date = 'yesterday';
    expect(mappingError(raw).message).toBe(
      'order 20170710-0000013: order_date: expected an ISO 8601 date-time',
    );
  });

  it('says so when the order id itself is unreadable', () => {
    const raw = sampleCafe24Order();
    delete raw.order_id;
    expect(mappingError(raw).message).toMatch(/^order \(unknown id\): order_id: /);
  });

  it('rejects a negative quantity', () => {
    const raw = sampleCafe24Order();
    firstItem(raw).quantity = -1;
    expect(mappingError(raw).issues[0]?.path).toBe('items[0].quantity');
  });

  it('rejects something that is not an object', () => {
    expect(mappingError('nope').orderId).toBeNull();
  });
});

describe('mapCafe24Orders envelopes', () => {
  it('reads {"orders": […]}, {"order": {…}}, a bare array and a bare order alike', () => {
    const raw = sampleCafe24Order();
    const ids = (value: unknown): string[] => mapCafe24Orders(value).map((order) => order.orderId);
    expect(ids({ orders: [raw, { ...raw, order_id: '20170710-0000014' }] })).toEqual([
      '20170710-0000013',
      '20170710-0000014',
    ]);
    expect(ids({ order: raw })).toEqual(['20170710-0000013']);
    expect(ids([raw])).toEqual(['20170710-0000013']);
    expect(ids(raw)).toEqual(['20170710-0000013']);
  });

  it('rejects an orders field that is not an array', () => {
    expect(() => mapCafe24Orders({ orders: {} })).toThrow(OrderMappingError);
  });
});
