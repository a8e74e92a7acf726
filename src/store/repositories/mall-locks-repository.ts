import type { StoreContext } from '../store-context.js';

/**
 * One holder at a time per mall across every process (the order pipeline's per-mall lease): a row
 * holds the owner's token until `locked_until`; an expired lease (its process died) is taken over.
 */
export function createMallLocksRepository(ctx: StoreContext) {
  return {
    /**
     * True when `owner` now holds the mall's lease until `now + leaseMs` (newly, or renewed);
     * false while another owner's lease runs. Atomic: a conditional upsert, never read-then-write.
     */
    async acquire(mallId: string, owner: string, now: number, leaseMs: number): Promise<boolean> {
      const row = await ctx.db
        .insertInto('mall_locks')
        .values({ mall_id: mallId, owner, locked_until: now + leaseMs })
        .onConflict((oc) =>
          oc
            .column('mall_id')
            .doUpdateSet({ owner, locked_until: now + leaseMs })
            .where((eb) =>
              eb.or([eb('mall_locks.locked_until', '<', now), eb('mall_locks.owner', '=', owner)]),
            ),
        )
        .returning('mall_id')
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Ends `owner`'s lease (no-op when it is not the holder any more). */
    async release(mallId: string, owner: string): Promise<void> {
      await ctx.db
        .deleteFrom('mall_locks')
        .where('mall_id', '=', mallId)
        .where('owner', '=', owner)
        .execute();
    },
  };
}
export type MallLocksRepository = ReturnType<typeof createMallLocksRepository>;
