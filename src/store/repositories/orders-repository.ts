import { createHash } from 'node:crypto';
import { customerKeyOf } from '../../domain/customer-key.js';
import { Order, PaidState } from '../../domain/order.js';
import {
  fromFlag,
  fromJson,
  instantOf,
  toFlag,
  toJson,
  transact,
  type StoreContext,
} from '../store-context.js';
import { createLedgerRepository } from './ledger-repository.js';

/**
 * A digest of everything in an order that rules can see. Item labels are left out: they are what
 * PassWing writes, so our own label changes do not count as a new order state.
 */
export function orderStateHash(order: Order): string {
  const parsed = Order.parse(order);
  const inputs = { ...parsed, items: parsed.items.map(({ labels: _labels, ...item }) => item) };
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}

export interface SaveOrderResult {
  stateHash: string;
  /** False when the stored state hash was already this one: the pipeline may skip re-evaluation. */
  changed: boolean;
}

/** Orders: the normalised snapshot, its items and, apart, its personal fields. Saving keeps the ledger in step. */
export function createOrdersRepository(ctx: StoreContext) {
  const saveOne = async (
    trx: StoreContext,
    mallId: string,
    input: Order,
    now: number,
  ): Promise<SaveOrderResult> => {
    const order = Order.parse(input);
    const stateHash = orderStateHash(order);
    const { db } = trx;
    const previous = await db
      .selectFrom('orders')
      .select(['state_hash', 'personal_purged_at'])
      .where('mall_id', '=', mallId)
      .where('order_id', '=', order.orderId)
      .executeTakeFirst();
    const row = {
      placed_at: instantOf(order.placedAt, order.orderId),
      placed_at_text: order.placedAt,
      member_id: order.memberId,
      customer_key: customerKeyOf(order),
      group_no: order.groupNo,
      first_order: order.firstOrder === null ? null : toFlag(order.firstOrder),
      product_amount: order.productAmount,
      payment_amount: order.paymentAmount,
      channel: order.channel,
      payment_methods: toJson(order.paymentMethods),
      paid: order.paid,
      canceled: toFlag(order.canceled),
      international: toFlag(order.international),
      zip: order.zip,
      state_hash: stateHash,
      updated_at: now,
    };
    if (previous === undefined) {
      await db
        .insertInto('orders')
        .values({ mall_id: mallId, order_id: order.orderId, ...row, personal_purged_at: null })
        .execute();
    } else {
      await db
        .updateTable('orders')
        .set(row)
        .where('mall_id', '=', mallId)
        .where('order_id', '=', order.orderId)
        .execute();
    }
    // Once purged, personal fields stay purged even when the order is fetched again.
    if (previous?.personal_purged_at == null) {
      const personal = {
        buyer_name: order.personal.buyerName,
        buyer_email: order.personal.buyerEmail,
        buyer_cellphone: order.personal.buyerCellphone,
        receiver_name: order.personal.receiverName,
        receiver_cellphone: order.personal.receiverCellphone,
        address: order.personal.address,
        client_ip: order.personal.clientIp,
      };
      // Cafe24 orders carry no IP: a captured one (storefront beacon) is kept when a refetch has none.
      const { client_ip: _clientIp, ...withoutIp } = personal;
      await db
        .insertInto('order_personal')
        .values({ mall_id: mallId, order_id: order.orderId, ...personal })
        .onConflict((oc) =>
          oc
            .columns(['mall_id', 'order_id'])
            .doUpdateSet(order.personal.clientIp === null ? withoutIp : personal),
        )
        .execute();
    }
    await db
      .deleteFrom('order_items')
      .where('mall_id', '=', mallId)
      .where('order_id', '=', order.orderId)
      .execute();
    if (order.items.length > 0) {
      await db
        .insertInto('order_items')
        .values(
          order.items.map((item, position) => ({
            mall_id: mallId,
            item_code: item.itemCode,
            order_id: order.orderId,
            position,
            product_no: item.productNo,
            product_code: item.productCode,
            variant_code: item.variantCode,
            name: item.name,
            quantity: item.quantity,
            price: item.price,
            status: item.status,
            labels: toJson(item.labels),
          })),
        )
        .execute();
    }
    const changed = previous?.state_hash !== stateHash;
    if (changed) await createLedgerRepository(trx).record(mallId, [order]);
    return { stateHash, changed };
  };

  return {
    /** Stores the order (insert or replace) with its items and personal fields, and updates the ledger. */
    save(mallId: string, order: Order, now: number): Promise<SaveOrderResult> {
      return transact(ctx, (trx) => saveOne(trx, mallId, order, now));
    },

    /** `save` for a batch, in one transaction; results in input order. */
    saveMany(mallId: string, orders: readonly Order[], now: number): Promise<SaveOrderResult[]> {
      return transact(ctx, async (trx) => {
        const results: SaveOrderResult[] = [];
        for (const order of orders) results.push(await saveOne(trx, mallId, order, now));
        return results;
      });
    },

    /** The stored state hash, or null when the order is unknown. */
    async getStateHash(mallId: string, orderId: string): Promise<string | null> {
      const row = await ctx.db
        .selectFrom('orders')
        .select('state_hash')
        .where('mall_id', '=', mallId)
        .where('order_id', '=', orderId)
        .executeTakeFirst();
      return row?.state_hash ?? null;
    },

    /** The order as last saved (personal fields null once purged), or null. */
    async get(mallId: string, orderId: string): Promise<Order | null> {
      const row = await ctx.db
        .selectFrom('orders')
        .leftJoin('order_personal as p', (join) =>
          join.onRef('p.mall_id', '=', 'orders.mall_id').onRef('p.order_id', '=', 'orders.order_id'),
        )
        .selectAll('orders')
        .select([
          'p.buyer_name',
          'p.buyer_email',
          'p.buyer_cellphone',
          'p.receiver_name',
          'p.receiver_cellphone',
          'p.address',
          'p.client_ip',
        ])
        .where('orders.mall_id', '=', mallId)
        .where('orders.order_id', '=', orderId)
        .executeTakeFirst();
      if (row === undefined) return null;
      const items = await ctx.db
        .selectFrom('order_items')
        .selectAll()
        .where('mall_id', '=', mallId)
        .where('order_id', '=', orderId)
        .orderBy('position')
        .execute();
      return {
        orderId: row.order_id,
        placedAt: row.placed_at_text,
        memberId: row.member_id,
        groupNo: row.group_no === null ? null : Number(row.group_no),
        firstOrder: row.first_order === null ? null : fromFlag(row.first_order),
        productAmount: Number(row.product_amount),
        paymentAmount: Number(row.payment_amount),
        channel: row.channel,
        paymentMethods: fromJson<string[]>(row.payment_methods),
        paid: PaidState.parse(row.paid),
        canceled: fromFlag(row.canceled),
        international: fromFlag(row.international),
        zip: row.zip,
        items: items.map((item) => ({
          itemCode: item.item_code,
          productNo: Number(item.product_no),
          productCode: item.product_code,
          variantCode: item.variant_code,
          name: item.name,
          quantity: Number(item.quantity),
          price: Number(item.price),
          status: item.status,
          labels: fromJson<string[]>(item.labels),
        })),
        personal: {
          buyerName: row.buyer_name ?? null,
          buyerEmail: row.buyer_email ?? null,
          buyerCellphone: row.buyer_cellphone ?? null,
          receiverName: row.receiver_name ?? null,
          receiverCellphone: row.receiver_cellphone ?? null,
          address: row.address ?? null,
          clientIp: row.client_ip ?? null,
        },
      };
    },

    /**
     * Takes labels off the stored items, before PassWing removes them in Cafe24: the stored copy may
     * then show a label missing that is still there (a removal that never happened is added again,
     * harmlessly), never one present that is gone. Unknown items are ignored.
     */
    async removeItemLabels(mallId: string, removals: readonly { itemCode: string; label: string }[]) {
      const byItem = new Map<string, Set<string>>();
      for (const { itemCode, label } of removals)
        byItem.set(itemCode, (byItem.get(itemCode) ?? new Set()).add(label));
      if (byItem.size === 0) return;
      await transact(ctx, async ({ db }) => {
        const rows = await db
          .selectFrom('order_items')
          .select(['item_code', 'labels'])
          .where('mall_id', '=', mallId)
          .where('item_code', 'in', [...byItem.keys()])
          .execute();
        for (const row of rows) {
          const gone = byItem.get(row.item_code)!;
          await db
            .updateTable('order_items')
            .set({ labels: toJson(fromJson<string[]>(row.labels).filter((label) => !gone.has(label))) })
            .where('mall_id', '=', mallId)
            .where('item_code', '=', row.item_code)
            .execute();
        }
      });
    },

    /** Ids of the mall's orders placed in [from, to] (epoch ms), oldest first, at most `limit`. */
    async listIds(mallId: string, range: { from: number; to: number; limit: number }): Promise<string[]> {
      const rows = await ctx.db
        .selectFrom('orders')
        .select('order_id')
        .where('mall_id', '=', mallId)
        .where('placed_at', '>=', range.from)
        .where('placed_at', '<=', range.to)
        .orderBy('placed_at')
        .orderBy('order_id')
        .limit(range.limit)
        .execute();
      return rows.map((row) => row.order_id);
    },

    /**
     * Ids of the mall's latest orders, newest first, at most `limit`; `orderIdPrefix` narrows to ids
     * starting with it (the console's order search).
     */
    async listRecentIds(
      mallId: string,
      filter: { limit: number; orderIdPrefix?: string },
    ): Promise<string[]> {
      let query = ctx.db.selectFrom('orders').select('order_id').where('mall_id', '=', mallId);
      if (filter.orderIdPrefix !== undefined) {
        const prefix = filter.orderIdPrefix;
        query = query.where('order_id', '>=', prefix).where('order_id', '<', `${prefix}\uffff`);
      }
      const rows = await query
        .orderBy('placed_at', 'desc')
        .orderBy('order_id', 'desc')
        .limit(filter.limit)
        .execute();
      return rows.map((row) => row.order_id);
    },
  };
}
export type OrdersRepository = ReturnType<typeof createOrdersRepository>;
