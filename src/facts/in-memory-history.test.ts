import { describe, expect, it } from 'vitest';
import { customerKeyOf } from '../domain/customer-key.js';
import { makeItem, makeOrder } from '../../test/facts/fixtures/make-order.js';
import { InMemoryHistory } from './in-memory-history.js';
import { parseInstant } from './kst-clock.js';

const at = (iso: string) => parseInstant(iso);
const member = (orderId: string, placedAt: string, fields = {}) =>
  makeOrder({ orderId, placedAt, memberId: 'member-a', ...fields });

describe('InMemoryHistory', () => {
  it('reports earlier orders of the same customer, oldest first', async () => {
    const history = new InMemoryHistory();
    history.record(member('o-2', '2026-03-02T10:00:00+09:00', { productAmount: 2000 }));
    history.record(member('o-1', '2026-03-01T10:00:00+09:00', { productAmount: 1000 }));
    history.record(
      makeOrder({ orderId: 'x-1', placedAt: '2026-03-01T09:00:00+09:00', memberId: 'member-b' }),
    );
    const earlier = await history.earlierOrders('m:member-a', {
      orderId: 'o-3',
      placedAt: at('2026-03-03T10:00:00+09:00'),
    });
    expect(earlier).toEqual([
      { orderId: 'o-1', placedAt: at('2026-03-01T10:00:00+09:00'), productAmount: 1000, hasReturn: false },
      { orderId: 'o-2', placedAt: at('2026-03-02T10:00:00+09:00'), productAmount: 2000, hasReturn: false },
    ]);
  });

  it('excludes later orders and the order itself', async () => {
    const history = new InMemoryHistory();
    history.record(member('o-1', '2026-03-01T10:00:00+09:00'));
    history.record(member('o-2', '2026-03-02T10:00:00+09:00'));
    history.record(member('o-3', '2026-03-03T10:00:00+09:00'));
    const earlier = await history.earlierOrders('m:member-a', {
      orderId: 'o-2',
      placedAt: at('2026-03-02T10:00:00+09:00'),
    });
    expect(earlier.map((order) => order.orderId)).toEqual(['o-1']);
  });

  it('orders ties at the same instant by order id', async () => {
    const history = new InMemoryHistory();
    const sameTime = '2026-03-01T10:00:00+09:00';
    history.record(member('o-1', sameTime));
    history.record(member('o-2', sameTime));
    expect(
      (await history.earlierOrders('m:member-a', { orderId: 'o-2', placedAt: at(sameTime) })).map(
        (o) => o.orderId,
      ),
    ).toEqual(['o-1']);
    expect(await history.earlierOrders('m:member-a', { orderId: 'o-1', placedAt: at(sameTime) })).toEqual([]);
  });

  it('excludes cancelled orders', async () => {
    const history = new InMemoryHistory();
    history.record(member('o-1', '2026-03-01T10:00:00+09:00', { canceled: true }));
    expect(
      await history.earlierOrders('m:member-a', {
        orderId: 'o-2',
        placedAt: at('2026-03-02T10:00:00+09:00'),
      }),
    ).toEqual([]);
  });

  it('lets the later state of an order win (a later cancellation removes it)', async () => {
    const history = new InMemoryHistory();
    history.record(member('o-1', '2026-03-01T10:00:00+09:00', { productAmount: 1000 }));
    history.record(member('o-1', '2026-03-01T10:00:00+09:00', { productAmount: 800 }));
    const before = { orderId: 'o-2', placedAt: at('2026-03-02T10:00:00+09:00') };
    expect((await history.earlierOrders('m:member-a', before)).map((o) => o.productAmount)).toEqual([800]);
    history.record(member('o-1', '2026-03-01T10:00:00+09:00', { canceled: true }));
    expect(await history.earlierOrders('m:member-a', before)).toEqual([]);
  });

  it('marks orders with a returned item', async () => {
    const history = new InMemoryHistory();
    history.record(
      member('o-1', '2026-03-01T10:00:00+09:00', { items: [makeItem(), makeItem({ status: 'R40' })] }),
    );
    const [earlier] = await history.earlierOrders('m:member-a', {
      orderId: 'o-2',
      placedAt: at('2026-03-02T10:00:00+09:00'),
    });
    expect(earlier?.hasReturn).toBe(true);
  });

  it('keeps guest orders under the guest key, for bundling', async () => {
    const history = new InMemoryHistory();
    const guest = makeOrder({ orderId: 'g-1', memberId: null, placedAt: '2026-03-01T10:00:00+09:00' });
    history.record(guest);
    const key = customerKeyOf(guest);
    expect(key.startsWith('g:')).toBe(true);
    const earlier = await history.earlierOrders(key, {
      orderId: 'g-2',
      placedAt: at('2026-03-01T10:30:00+09:00'),
    });
    expect(earlier.map((order) => order.orderId)).toEqual(['g-1']);
  });

  it('moves a guest order to its new key when the receiver changes', async () => {
    const history = new InMemoryHistory();
    const original = makeOrder({ orderId: 'g-1', memberId: null });
    history.record(original);
    const moved = makeOrder({ orderId: 'g-1', memberId: null, zip: '63309' });
    history.record(moved);
    const before = { orderId: 'g-2', placedAt: at('2026-03-11T10:00:00+09:00') };
    expect(await history.earlierOrders(customerKeyOf(original), before)).toEqual([]);
    expect((await history.earlierOrders(customerKeyOf(moved), before)).map((o) => o.orderId)).toEqual([
      'g-1',
    ]);
  });

  it('answers an unknown customer with no orders', async () => {
    expect(await new InMemoryHistory().earlierOrders('m:nobody', { orderId: 'o', placedAt: 0 })).toEqual([]);
  });
});
