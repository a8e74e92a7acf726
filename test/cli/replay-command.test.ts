import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReplayLine } from '../../src/pipeline/replay-orders.js';
import { cafe24OrderJson } from './cafe24-order-json.js';
import { FIXTURES, parseNdjson, runCli, STACK_FRAME, tempFile } from './run-cli.js';

const ORDERS = join(FIXTURES, 'orders.json');
const CATALOG = join(FIXTURES, 'catalog.json');

/** Labels per order ID, sorted (flow order is the engine's concern, not replay's). */
const labelSets = (lines: ReplayLine[]): Record<string, string[]> =>
  Object.fromEntries(lines.map((line) => [line.order_id, [...line.labels].sort()]));

async function replay(args: string[]): Promise<ReplayLine[]> {
  const result = await runCli(['replay', ...args]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return parseNdjson<ReplayLine>(result.stdout);
}

/** Runs a replay that must fail with exit code 2 and a message without a stack trace. */
async function replayFails(args: string[]): Promise<string> {
  const result = await runCli(['replay', ...args]);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).not.toMatch(STACK_FRAME);
  return result.stderr;
}

// Each test spawns real processes; a loaded 2-core machine needs more than the default timeout.
describe('passwing replay', { timeout: 90_000 }, () => {
  it('labels a day of Cafe24 orders with all templates, one line per order in input order', async () => {
    const lines = await replay(['--orders', ORDERS, '--catalog', CATALOG, '--templates', 'all']);
    expect(lines.map((line) => line.order_id)).toEqual([
      '20261102-0000002',
      '20261102-0000001',
      '20261102-0000003',
      '20261102-0000004',
      '20261102-0000005',
      '20261102-0000006',
    ]);
    expect(labelSets(lines)).toEqual({
      // Jeju, 50 minutes after the same member's first order, unpaid bank transfer.
      '20261102-0000002': ['BANK_ALERT', 'BUNDLE_SHIP', 'ISLAND_SHIP'],
      // first_order T, 120,000 won, 00:30 KST with a SAME_DAY product, bundled by the later order.
      '20261102-0000001': ['BUNDLE_SHIP', 'FIRST_ORDER', 'HIGH_VALUE', 'SAME_DAY'],
      // A guest with empty first_order and 99,999 won.
      '20261102-0000003': [],
      // Cancelled: no history, no bundling, but its own amount still counts for HIGH_VALUE.
      '20261102-0000004': ['HIGH_VALUE'],
      // 30 minutes after the same member's cancelled order: no bundle; tracked stock 3.
      '20261102-0000005': ['STOCK_ALERT'],
      // First order of 150,000 won from 8.8.8.8; stock 6 is not low.
      '20261102-0000006': ['FIRST_ORDER', 'FRAUD_CHECK', 'HIGH_VALUE'],
    });
    const bankAlert = lines[0]!;
    expect(bankAlert.rules.sort()).toEqual(['BANK_ALERT', 'BUNDLE_SHIP', 'ISLAND_SHIP']);
    expect(bankAlert.actions.map((action) => action.type).sort()).toEqual([
      'addLabel',
      'addLabel',
      'addLabel',
      'notify',
    ]);
    expect(lines[1]!.rules).toContain('BUNDLE_SHIP');
  });

  it('reads NDJSON, a JSON array and {"order":{…}} the same way', async () => {
    const expected = await replay(['--orders', ORDERS, '--catalog', CATALOG]);
    expect(await replay(['--orders', join(FIXTURES, 'orders.ndjson'), '--catalog', CATALOG])).toEqual(
      expected,
    );
    expect(await replay(['--orders', join(FIXTURES, 'orders-array.json'), '--catalog', CATALOG])).toEqual(
      expected,
    );
    const single = await replay(['--orders', join(FIXTURES, 'single-order.json'), '--catalog', CATALOG]);
    expect(single).toEqual([expected[5]]);
  });

  it('applies --param values and runs only the chosen templates', async () => {
    const lines = await replay([
      '--orders',
      ORDERS,
      '--templates',
      'HIGH_VALUE,BIG_ORDER',
      '--param',
      'HIGH_VALUE.minAmount=150000',
      '--param',
      'HIGH_VALUE.label=고가',
    ]);
    expect(labelSets(lines)).toMatchObject({
      '20261102-0000001': [],
      '20261102-0000004': ['고가', '고액주문'],
      '20261102-0000006': ['고가'],
    });
  });

  it('builds EVENT_ORDER from its parameters', async () => {
    const lines = await replay([
      '--orders',
      ORDERS,
      '--templates',
      'EVENT_ORDER',
      '--param',
      'EVENT_ORDER.from=2026-11-02T09:00',
      '--param',
      'EVENT_ORDER.to=2026-11-02',
      '--param',
      'EVENT_ORDER.productNos=16,17',
    ]);
    const labelled = lines.filter((line) => line.labels.includes('이벤트주문')).map((line) => line.order_id);
    expect(labelled).toEqual([
      '20261102-0000003',
      '20261102-0000004',
      '20261102-0000005',
      '20261102-0000006',
    ]);
  });

  it('evaluates merchant flows from --flows alongside templates', async () => {
    const flows = await tempFile(
      'flows.json',
      JSON.stringify({
        flows: [
          {
            id: 'NAVER',
            name: '사은품 대상',
            rules: [
              {
                id: 'MUG_BUYERS',
                name: '머그컵 구매',
                when: {
                  kind: 'items',
                  quantifier: 'any',
                  where: [{ kind: 'compare', fact: 'item.productNo', op: 'eq', value: 15 }],
                },
                then: [{ type: 'addLabel', label: '머그컵' }, { type: 'holdShipment' }],
              },
            ],
          },
        ],
      }),
    );
    const lines = await replay(['--orders', ORDERS, '--flows', flows, '--templates', 'ISLAND_SHIP']);
    expect(lines[0]).toMatchObject({
      order_id: '20261102-0000002',
      rules: expect.arrayContaining(['MUG_BUYERS']),
    });
    expect([...lines[0]!.labels].sort()).toEqual(['ISLAND_SHIP', '머그컵']);
    expect(lines[0]!.actions.map((action) => action.type)).toContain('holdShipment');
    expect(lines.slice(1).every((line) => line.labels.length === 0)).toBe(true);
  });

  describe('bad input exits with code 2 and names the file, the order and the field', () => {
    it('a malformed amount in one order', async () => {
      const raw = JSON.parse(await readFile(ORDERS, 'utf8')) as { orders: Record<string, unknown>[] };
      raw.orders[2]!.payment_amount = 'lots';
      const file = await tempFile('orders.json', JSON.stringify(raw));
      const message = await replayFails(['--orders', file]);
      expect(message).toContain(file);
      expect(message).toContain('order 20261102-0000003');
      expect(message).toContain('payment_amount');
    });

    it('a broken NDJSON line', async () => {
      const good = JSON.stringify(
        cafe24OrderJson({ orderId: '20261102-0000001', orderDate: '2026-11-02T10:00:00+09:00', items: [] }),
      );
      const file = await tempFile('orders.ndjson', `${good}\n{"order_id":\n`);
      const message = await replayFails(['--orders', file]);
      expect(message).toContain(`${file}: line 2`);
    });

    it('an item without product_no, named by position when the order has no ID', async () => {
      const order = cafe24OrderJson({
        orderId: 'X',
        orderDate: '2026-11-02T10:00:00+09:00',
        items: [{ productNo: 1, productCode: 'P0000001', variantCode: 'P0000001000A', price: 1000 }],
      });
      delete order.order_id;
      delete (order.items as Record<string, unknown>[])[0]!.product_no;
      const file = await tempFile('orders.json', JSON.stringify([order]));
      const message = await replayFails(['--orders', file]);
      expect(message).toContain('order #1');
      expect(message).toMatch(/order_id|items\[0\]\.product_no/);
    });

    it('a missing orders file', async () => {
      expect(await replayFails(['--orders', '/nonexistent/orders.json'])).toContain(
        '/nonexistent/orders.json',
      );
    });

    it('a bad catalogue entry', async () => {
      const catalog = await tempFile('catalog.json', JSON.stringify({ products: [{ product_no: 14 }] }));
      const message = await replayFails(['--orders', ORDERS, '--catalog', catalog]);
      expect(message).toContain(`${catalog}: product 14: field product_code`);
    });

    it('an invalid flow', async () => {
      const flows = await tempFile(
        'flows.json',
        JSON.stringify([
          {
            id: 'F',
            name: 'f',
            rules: [
              {
                id: 'R',
                name: 'r',
                when: { kind: 'compare', fact: 'order.productAmount', op: 'gte', value: 'many' },
                then: [],
              },
            ],
          },
        ]),
      );
      const message = await replayFails(['--orders', ORDERS, '--flows', flows]);
      expect(message).toContain(`${flows}: flow F: field rules[0].when.value`);
    });

    it('a --param that is not a number, unknown, malformed or for an unselected template', async () => {
      expect(
        await replayFails([
          '--orders',
          ORDERS,
          '--templates',
          'HIGH_VALUE',
          '--param',
          'HIGH_VALUE.minAmount=abc',
        ]),
      ).toContain('HIGH_VALUE.minAmount');
      expect(
        await replayFails([
          '--orders',
          ORDERS,
          '--templates',
          'HIGH_VALUE',
          '--param',
          'HIGH_VALUE.minAmout=1',
        ]),
      ).toContain('minAmount');
      expect(await replayFails(['--orders', ORDERS, '--param', 'HIGH_VALUE'])).toContain('ID.key=value');
      expect(
        await replayFails(['--orders', ORDERS, '--templates', 'HIGH_VALUE', '--param', 'SAME_DAY.to=06:00']),
      ).toContain('SAME_DAY');
      expect(
        await replayFails([
          '--orders',
          ORDERS,
          '--templates',
          'HIGH_VALUE',
          '--param',
          'HIGH_VALUE.minAmount=-5',
        ]),
      ).toContain('minAmount');
    });

    it('an unknown template, and EVENT_ORDER without its period and products', async () => {
      expect(await replayFails(['--orders', ORDERS, '--templates', 'NOPE'])).toContain('NOPE');
      const message = await replayFails(['--orders', ORDERS, '--templates', 'EVENT_ORDER']);
      expect(message).toContain('EVENT_ORDER');
      expect(message).toContain('from');
      expect(message).toContain('to');
    });

    it('a missing --orders option', async () => {
      const result = await runCli(['replay']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--orders');
    });
  });
});
