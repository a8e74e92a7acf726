import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerKeyOf } from '../../src/domain/customer-key.js';
import type { Order } from '../../src/domain/order.js';
import { InMemoryHistory } from '../../src/facts/in-memory-history.js';
import { parseInstant } from '../../src/facts/kst-clock.js';
import { LedgerHistoryProvider } from '../../src/store/ledger-history-provider.js';
import type { Store } from '../../src/store/open-store.js';
import { makeItem, makeOrder } from './order-fixtures.js';
import { storeTargets, uniqueMallId, type OpenedStore } from './store-targets.js';

const NOW = Date.parse('2026-03-02T12:00:00+09:00');
const BASE = Date.parse('2026-03-01T00:00:00Z');

/** One step of a sequence: an order as fetched at that moment (a later step may repeat an id: an update). */
const orderStep = fc
  .record({
    id: fc.integer({ min: 1, max: 12 }),
    member: fc.option(fc.constantFrom('kim', 'lee', 'park'), { nil: null }),
    guest: fc.constantFrom('게스트A', '게스트B'),
    minute: fc.integer({ min: 0, max: 6 }),
    amount: fc.integer({ min: 0, max: 500_000 }),
    canceled: fc.boolean(),
    returned: fc.boolean(),
    offset: fc.constantFrom('+09:00', 'Z'),
  })
  .map(({ id, member, guest, minute, amount, canceled, returned, offset }): Order => {
    const orderId = `2026030${Math.ceil(id / 5)}-${String(id).padStart(7, '0')}`;
    const instant = new Date(BASE + minute * 60_000 * 30);
    const placedAt =
      offset === 'Z'
        ? instant.toISOString().replace('.000', '')
        : new Date(instant.getTime() + 9 * 3_600_000).toISOString().replace('.000Z', '+09:00');
    const base = makeOrder(orderId);
    return {
      ...base,
      placedAt,
      memberId: member,
      productAmount: amount,
      canceled,
      items: [makeItem(orderId, 0, { status: returned ? 'R40' : 'N40' })],
      personal: { ...base.personal, receiverName: guest },
    };
  });

const cutoffOf = (order: Order) => ({ orderId: order.orderId, placedAt: parseInstant(order.placedAt) });

describe.each(storeTargets())('LedgerHistoryProvider on $name', (target) => {
  let opened: OpenedStore;
  let store: Store;
  beforeAll(async () => {
    opened = await target.open();
    store = opened.store;
  });
  afterAll(async () => opened.cleanup());

  it('reports the same earlier orders as InMemoryHistory after every step of any order sequence', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(orderStep, { minLength: 1, maxLength: 16 }), async (steps) => {
        const mallId = uniqueMallId('ledger');
        await store.malls.install(mallId, { shopNo: 1, plan: 'free', now: NOW });
        const memory = new InMemoryHistory();
        const ledger = new LedgerHistoryProvider(store.ledger, mallId);
        const latest = new Map<string, Order>();
        for (const order of steps) {
          memory.record(order);
          await store.orders.save(mallId, order, NOW);
          latest.set(order.orderId, order);
          const key = customerKeyOf(order);
          expect(await ledger.earlierOrders(key, cutoffOf(order))).toEqual(
            await memory.earlierOrders(key, cutoffOf(order)),
          );
        }
        for (const order of latest.values()) {
          const key = customerKeyOf(order);
          expect(await ledger.earlierOrders(key, cutoffOf(order))).toEqual(
            await memory.earlierOrders(key, cutoffOf(order)),
          );
        }
      }),
      { numRuns: target.name === 'postgres' ? 15 : 40 },
    );
  });

  it('moves a guest order to its new customer key when the receiver changes', async () => {
    const mallId = uniqueMallId('ledger');
    await store.malls.install(mallId, { shopNo: 1, plan: 'free', now: NOW });
    const guest = (orderId: string, receiverName: string, placedAt: string) => {
      const base = makeOrder(orderId, { memberId: null, placedAt });
      return { ...base, personal: { ...base.personal, receiverName } };
    };
    const first = guest('g-1', '게스트A', '2026-03-02T09:00:00+09:00');
    const second = guest('g-2', '게스트A', '2026-03-02T09:30:00+09:00');
    await store.orders.saveMany(mallId, [first, second], NOW);
    const ledger = new LedgerHistoryProvider(store.ledger, mallId);
    expect(
      (await ledger.earlierOrders(customerKeyOf(second), cutoffOf(second))).map((o) => o.orderId),
    ).toEqual(['g-1']);
    await store.orders.save(mallId, guest('g-1', '게스트B', first.placedAt), NOW);
    expect(await ledger.earlierOrders(customerKeyOf(second), cutoffOf(second))).toEqual([]);
    expect(await store.ledger.get(mallId, customerKeyOf(second))).toMatchObject({ orderCount: 1 });
  });
});
