import { z } from 'zod';
import type { StoreContext } from '../store-context.js';

/** An order that should receive a gift, and whether someone packed it. */
export const GiftEntry = z.object({
  orderId: z.string(),
  gift: z.string(),
  runId: z.string().nullable(),
  createdAt: z.number(),
  checkedAt: z.number().nullable(),
  checkedBy: z.string().nullable(),
});
export type GiftEntry = z.infer<typeof GiftEntry>;

/** The gift checklist (giftTarget action); one entry per order and gift. */
export function createGiftChecklistRepository(ctx: StoreContext) {
  return {
    /** Adds an entry; false when the order already has this gift (re-evaluation is idempotent). */
    async add(
      mallId: string,
      entry: { orderId: string; gift: string; runId: string | null; createdAt: number },
    ): Promise<boolean> {
      const row = await ctx.db
        .insertInto('gift_checklist')
        .values({
          mall_id: mallId,
          order_id: entry.orderId,
          gift: entry.gift,
          run_id: entry.runId,
          created_at: entry.createdAt,
          checked_at: null,
          checked_by: null,
        })
        .onConflict((oc) => oc.columns(['mall_id', 'order_id', 'gift']).doNothing())
        .returning('order_id')
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Entries oldest first; `pendingOnly` leaves out checked ones. */
    async list(mallId: string, filter: { pendingOnly: boolean; limit: number }): Promise<GiftEntry[]> {
      let query = ctx.db.selectFrom('gift_checklist').selectAll().where('mall_id', '=', mallId);
      if (filter.pendingOnly) query = query.where('checked_at', 'is', null);
      const rows = await query.orderBy('created_at').orderBy('order_id').limit(filter.limit).execute();
      return rows.map((row) => ({
        orderId: row.order_id,
        gift: row.gift,
        runId: row.run_id,
        createdAt: Number(row.created_at),
        checkedAt: row.checked_at === null ? null : Number(row.checked_at),
        checkedBy: row.checked_by,
      }));
    },

    /** Ticks an entry off; false when it does not exist. */
    async check(
      mallId: string,
      orderId: string,
      gift: string,
      by: { actor: string; at: number },
    ): Promise<boolean> {
      const result = await ctx.db
        .updateTable('gift_checklist')
        .set({ checked_at: by.at, checked_by: by.actor })
        .where('mall_id', '=', mallId)
        .where('order_id', '=', orderId)
        .where('gift', '=', gift)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Undoes a tick (ticked by mistake); false when the entry does not exist. */
    async uncheck(mallId: string, orderId: string, gift: string): Promise<boolean> {
      const result = await ctx.db
        .updateTable('gift_checklist')
        .set({ checked_at: null, checked_by: null })
        .where('mall_id', '=', mallId)
        .where('order_id', '=', orderId)
        .where('gift', '=', gift)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
export type GiftChecklistRepository = ReturnType<typeof createGiftChecklistRepository>;
