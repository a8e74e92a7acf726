import { z } from 'zod';
import type { StoreContext } from '../store-context.js';

/** A label PassWing put on an item: when, and by which run. */
export const LabelOwnership = z.object({
  itemCode: z.string(),
  label: z.string(),
  orderId: z.string(),
  runId: z.string().nullable(),
  addedAt: z.number(),
});
export type LabelOwnership = z.infer<typeof LabelOwnership>;

/** Which labels on which items are PassWing's (the only ones it may remove). */
export function createLabelOwnershipRepository(ctx: StoreContext) {
  return {
    /** Records labels PassWing added; re-adding a label updates its run and time. */
    async claim(mallId: string, entries: readonly LabelOwnership[]): Promise<void> {
      if (entries.length === 0) return;
      await ctx.db
        .insertInto('label_ownership')
        .values(
          entries.map((entry) => ({
            mall_id: mallId,
            item_code: entry.itemCode,
            label: entry.label,
            order_id: entry.orderId,
            run_id: entry.runId,
            added_at: entry.addedAt,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['mall_id', 'item_code', 'label']).doUpdateSet((eb) => ({
            order_id: eb.ref('excluded.order_id'),
            run_id: eb.ref('excluded.run_id'),
            added_at: eb.ref('excluded.added_at'),
          })),
        )
        .execute();
    },

    /** Drops ownership of these labels on the item (after removing them, or when people did); returns how many. */
    async release(mallId: string, itemCode: string, labels: readonly string[]): Promise<number> {
      if (labels.length === 0) return 0;
      const result = await ctx.db
        .deleteFrom('label_ownership')
        .where('mall_id', '=', mallId)
        .where('item_code', '=', itemCode)
        .where('label', 'in', [...labels])
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** Every label PassWing owns on the order's items. */
    async listForOrder(mallId: string, orderId: string): Promise<LabelOwnership[]> {
      const rows = await ctx.db
        .selectFrom('label_ownership')
        .selectAll()
        .where('mall_id', '=', mallId)
        .where('order_id', '=', orderId)
        .orderBy('item_code')
        .orderBy('label')
        .execute();
      return rows.map((row) => ({
        itemCode: row.item_code,
        label: row.label,
        orderId: row.order_id,
        runId: row.run_id,
        addedAt: Number(row.added_at),
      }));
    },
  };
}
export type LabelOwnershipRepository = ReturnType<typeof createLabelOwnershipRepository>;
