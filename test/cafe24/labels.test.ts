import { afterEach, describe, expect, it } from 'vitest';
import { diffLabels, type ItemLabels } from '../../src/cafe24/label-diff.js';
import { fetchItemLabels, listLabelNames, writeLabelChanges } from '../../src/cafe24/resources/labels.js';
import { fetchOrdersByIds } from '../../src/cafe24/resources/orders.js';
import { InMemoryTokenStore } from './in-memory-token-store.js';
import { install, passwingProcess, ShiftedClock, startTestSandbox, type Sandbox } from './sandbox-harness.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

interface RawOrder {
  order_id: string;
  items: { order_item_code: string; labels: string[] | null }[];
}

async function setUp(orderCount: number) {
  const clock = new ShiftedClock();
  sandbox = await startTestSandbox({ clock });
  const store = new InMemoryTokenStore();
  await install(sandbox, store, 'm1', clock);
  const ids = await sandbox.generateOrders('m1', orderCount);
  const { client } = passwingProcess(sandbox, store, clock);
  const orders = (await fetchOrdersByIds(client, ids)) as RawOrder[];
  return { sandbox, client, ids, orders };
}

const currentOf = (orders: RawOrder[]): ItemLabels =>
  Object.fromEntries(orders.flatMap((o) => o.items.map((item) => [item.order_item_code, item.labels ?? []])));

describe('label write-back against the sandbox over HTTP', () => {
  it('adds and removes PassWing labels and leaves labels typed by people alone', async () => {
    const { sandbox, client, ids, orders } = await setUp(3);
    const [first, second] = orders;
    const itemA = first!.items[0]!.order_item_code;
    const itemB = second!.items[0]!.order_item_code;
    // Earlier run: PassWing put BANK_ALERT on item A; an operator typed labels on both items.
    await writeLabelChanges(client, { add: [{ itemCode: itemA, label: 'BANK_ALERT' }], remove: [] });
    sandbox.addManualLabel('m1', itemA, '고객요청 확인');
    sandbox.addManualLabel('m1', itemB, 'BANK_ALERT'); // the same name, typed by a person

    const current = currentOf((await fetchOrdersByIds(client, ids)) as RawOrder[]);
    const owned = { [itemA]: ['BANK_ALERT'] };
    const desired = { [itemA]: ['HIGH_VALUE'], [itemB]: ['HIGH_VALUE'] };
    const diff = diffLabels({ desired, owned, current });
    const report = await writeLabelChanges(client, diff);

    expect(report).toMatchObject({ calls: 2, added: 2, removed: 1, unconfirmed: [] });
    expect(sandbox.orderLabels('m1', first!.order_id)[itemA]).toEqual(['고객요청 확인', 'HIGH_VALUE']);
    expect(sandbox.orderLabels('m1', second!.order_id)[itemB]).toEqual(['BANK_ALERT', 'HIGH_VALUE']);
    expect(await fetchItemLabels(client, first!.order_id, itemA)).toEqual(['고객요청 확인', 'HIGH_VALUE']);
    expect(diff.nextOwned).toEqual({ [itemA]: ['HIGH_VALUE'], [itemB]: ['HIGH_VALUE'] });
  });

  it('coalesces adds across many orders into bulk calls of at most ten requests', async () => {
    const { sandbox, client, ids, orders } = await setUp(40);
    const add = orders.flatMap((o, index) =>
      o.items.map((item) => ({ itemCode: item.order_item_code, label: `LABEL_${index % 12}` })),
    );
    const before = sandbox.stats('m1').callsByEndpoint['POST /admin/labels'] ?? 0;
    const report = await writeLabelChanges(client, { add, remove: [] });
    const bulkCalls = (sandbox.stats('m1').callsByEndpoint['POST /admin/labels'] ?? 0) - before;
    expect(bulkCalls).toBe(2); // 12 label names → 12 requests → 10 + 2
    expect(report.added).toBe(add.length);
    ids.forEach((id, index) => {
      for (const labels of Object.values(sandbox.orderLabels('m1', id)))
        expect(labels).toContain(`LABEL_${index % 12}`);
    });
  });

  it('removes a Korean label through a percent-encoded DELETE and treats an absent one as done', async () => {
    const { sandbox, client, orders } = await setUp(1);
    const order = orders[0]!;
    const itemCode = order.items[0]!.order_item_code;
    await writeLabelChanges(client, { add: [{ itemCode, label: '제주배송' }], remove: [] });
    const removal = { orderId: order.order_id, itemCode, label: '제주배송' };
    expect(await writeLabelChanges(client, { add: [], remove: [removal, removal] })).toMatchObject({
      removed: 2,
    });
    expect(sandbox.orderLabels('m1', order.order_id)[itemCode]).toEqual([]);
    expect(await listLabelNames(client)).toContain('제주배송');
  });

  it('isolates an add Cafe24 refuses and still lands every other label', async () => {
    const { sandbox, client, ids, orders } = await setUp(6);
    const ghost = '20000101-0000001-01';
    const add = [
      ...orders.flatMap((o) => o.items.map((item) => ({ itemCode: item.order_item_code, label: 'CHECKED' }))),
      { itemCode: ghost, label: 'CHECKED' },
    ];
    const report = await writeLabelChanges(client, { add, remove: [] });
    expect(report.rejected).toEqual([{ itemCode: ghost, label: 'CHECKED', message: expect.any(String) }]);
    expect(report.added).toBe(add.length - 1);
    for (const id of ids) {
      for (const labels of Object.values(sandbox.orderLabels('m1', id))) expect(labels).toContain('CHECKED');
    }
  });
});
