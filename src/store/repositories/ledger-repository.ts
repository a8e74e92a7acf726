import { sql, type Insertable } from 'kysely';
import { z } from 'zod';
import { customerKeyOf } from '../../domain/customer-key.js';
import type { HistoryOrder } from '../../domain/order-facts.js';
import { isReturnStatus, type Order } from '../../domain/order.js';
import type { Database } from '../database-schema.js';
import { fromFlag, instantOf, toFlag, transact, type StoreContext } from '../store-context.js';

/** Aggregates of one customer over the mall's non-cancelled orders (computed on read). */
export const CustomerLedger = z.object({
  customerKey: z.string(),
  orderCount: z.number().int(),
  lifetimeAmount: z.number().int(),
  firstOrderAt: z.number(),
  lastOrderAt: z.number(),
  /** Orders with at least one returned item. */
  returnedOrderCount: z.number().int(),
});
export type CustomerLedger = z.infer<typeof CustomerLedger>;

/** "Earlier than this order", as HistoryProvider defines it. */
export interface HistoryCutoff {
  orderId: string;
  placedAt: number;
}

/** A cutoff after every order: `earlierOrders` with it answers all of the customer's orders. */
export const EVERY_ORDER: HistoryCutoff = { orderId: '\uffff', placedAt: Number.MAX_SAFE_INTEGER };

const CHUNK = 900;
const chunks = <T>(list: readonly T[], size = CHUNK): T[][] => {
  const out: T[][] = [];
  for (let start = 0; start < list.length; start += size) out.push(list.slice(start, start + size));
  return out;
};

const isEarlier = (entry: HistoryOrder, cutoff: HistoryCutoff): boolean =>
  entry.orderId !== cutoff.orderId &&
  (entry.placedAt < cutoff.placedAt ||
    (entry.placedAt === cutoff.placedAt && entry.orderId < cutoff.orderId));

const oldestFirst = (a: HistoryOrder, b: HistoryOrder): number =>
  a.placedAt - b.placedAt || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0);

type LedgerEntryRow = Insertable<Database['ledger_entries']>;

/**
 * The customer ledger: one entry per non-cancelled order (customer key, time, amount, returned?),
 * kept incrementally as orders are saved and rebuildable from orders. Aggregates are computed per
 * customer on read from a covering index (a customer has few orders), so they can never drift.
 */
export function createLedgerRepository(ctx: StoreContext) {
  const earlierOrdersMany = async (
    mallId: string,
    requests: readonly { customerKey: string; before: HistoryCutoff }[],
  ): Promise<HistoryOrder[][]> => {
    if (requests.length === 0) return [];
    const keys = [...new Set(requests.map((request) => request.customerKey))];
    const latest = requests.reduce((max, request) => Math.max(max, request.before.placedAt), -Infinity);
    const byKey = new Map<string, HistoryOrder[]>();
    for (const part of chunks(keys)) {
      const rows = await ctx.db
        .selectFrom('ledger_entries')
        .select(['customer_key', 'order_id', 'placed_at', 'product_amount', 'has_return'])
        .where('mall_id', '=', mallId)
        .where('customer_key', 'in', part)
        .where('placed_at', '<=', latest)
        .execute();
      for (const row of rows) {
        const list = byKey.get(row.customer_key) ?? [];
        list.push({
          orderId: row.order_id,
          placedAt: Number(row.placed_at),
          productAmount: Number(row.product_amount),
          hasReturn: fromFlag(row.has_return),
        });
        byKey.set(row.customer_key, list);
      }
    }
    for (const list of byKey.values()) list.sort(oldestFirst);
    return requests.map((request) =>
      (byKey.get(request.customerKey) ?? []).filter((entry) => isEarlier(entry, request.before)),
    );
  };

  return {
    /**
     * Brings the ledger up to date with these orders (new or changed): cancelled ones leave it, the
     * others enter or move, and the aggregates of every customer involved are recomputed.
     */
    async record(mallId: string, orders: readonly Order[]): Promise<void> {
      if (orders.length === 0) return;
      // The last state of each order wins; every statement is keyed by (mall, order), so concurrent
      // writers need no lock: an upsert or delete of one order is atomic on both backends.
      const latest = new Map(orders.map((order) => [order.orderId, order]));
      const cancelled: string[] = [];
      const kept: LedgerEntryRow[] = [];
      for (const order of latest.values()) {
        if (order.canceled) cancelled.push(order.orderId);
        else
          kept.push({
            mall_id: mallId,
            order_id: order.orderId,
            customer_key: customerKeyOf(order),
            placed_at: instantOf(order.placedAt, order.orderId),
            product_amount: order.productAmount,
            has_return: toFlag(order.items.some((item) => isReturnStatus(item.status))),
          });
      }
      await transact(ctx, async ({ db }) => {
        for (const part of chunks(cancelled)) {
          await db
            .deleteFrom('ledger_entries')
            .where('mall_id', '=', mallId)
            .where('order_id', 'in', part)
            .execute();
        }
        for (const part of chunks(kept, 500)) {
          await db
            .insertInto('ledger_entries')
            .values(part)
            .onConflict((oc) =>
              oc.columns(['mall_id', 'order_id']).doUpdateSet((eb) => ({
                customer_key: eb.ref('excluded.customer_key'),
                placed_at: eb.ref('excluded.placed_at'),
                product_amount: eb.ref('excluded.product_amount'),
                has_return: eb.ref('excluded.has_return'),
              })),
            )
            .execute();
        }
      });
    },

    /** The customer's aggregates, or null when the customer has no non-cancelled order. */
    async get(mallId: string, customerKey: string): Promise<CustomerLedger | null> {
      const row = await ctx.db
        .selectFrom('ledger_entries')
        .select((eb) => [
          eb.fn.countAll<number>().as('order_count'),
          eb.fn.sum<number>('product_amount').as('lifetime_amount'),
          eb.fn.min('placed_at').as('first_order_at'),
          eb.fn.max('placed_at').as('last_order_at'),
          eb.fn.sum<number>('has_return').as('returned_order_count'),
        ])
        .where('mall_id', '=', mallId)
        .where('customer_key', '=', customerKey)
        .executeTakeFirstOrThrow();
      if (Number(row.order_count) === 0) return null;
      return {
        customerKey,
        orderCount: Number(row.order_count),
        lifetimeAmount: Number(row.lifetime_amount),
        firstOrderAt: Number(row.first_order_at),
        lastOrderAt: Number(row.last_order_at),
        returnedOrderCount: Number(row.returned_order_count),
      };
    },

    /** HistoryProvider semantics: earlier non-cancelled orders of the customer, oldest first. */
    async earlierOrders(mallId: string, customerKey: string, before: HistoryCutoff): Promise<HistoryOrder[]> {
      const [result] = await earlierOrdersMany(mallId, [{ customerKey, before }]);
      return result ?? [];
    },

    /** `earlierOrders` for many orders in one read (a batch of the worker); results in request order. */
    earlierOrdersMany,

    /** Recomputes the mall's whole ledger from its stored orders; returns the number of customers. */
    async rebuild(mallId: string): Promise<number> {
      return transact(ctx, async ({ db }) => {
        await db.deleteFrom('ledger_entries').where('mall_id', '=', mallId).execute();
        await db
          .insertInto('ledger_entries')
          .columns(['mall_id', 'order_id', 'customer_key', 'placed_at', 'product_amount', 'has_return'])
          .expression((eb) =>
            eb
              .selectFrom('orders as o')
              .select((s) => [
                'o.mall_id',
                'o.order_id',
                'o.customer_key',
                'o.placed_at',
                'o.product_amount',
                s
                  .case()
                  .when(
                    s.exists(
                      s
                        .selectFrom('order_items as i')
                        .select(sql.lit(1).as('one'))
                        .whereRef('i.mall_id', '=', 'o.mall_id')
                        .whereRef('i.order_id', '=', 'o.order_id')
                        .where('i.status', 'like', 'R%'),
                    ),
                  )
                  .then(1)
                  .else(0)
                  .end()
                  .as('has_return'),
              ])
              .where('o.mall_id', '=', mallId)
              .where('o.canceled', '=', 0),
          )
          .execute();
        const customers = await db
          .selectFrom('ledger_entries')
          .select((eb) => eb.fn.count<number>('customer_key').distinct().as('n'))
          .where('mall_id', '=', mallId)
          .executeTakeFirstOrThrow();
        return Number(customers.n);
      });
    },
  };
}
export type LedgerRepository = ReturnType<typeof createLedgerRepository>;
