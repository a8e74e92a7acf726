import type { StoreContext } from '../store-context.js';

/**
 * Single-use keys shared by every process (OAuth `state`, app-launch signatures): implements
 * cafe24's `NonceStore` through `claim`. Not tenant-scoped on purpose: a state nonce is issued
 * before anyone knows which mall will come back with it.
 */
export function createNoncesRepository(ctx: StoreContext) {
  return {
    /**
     * True for the first claim of `key`, false while an earlier claim has not expired. Atomic across
     * processes: an expired row is replaced by a conditional upsert, never read-then-written.
     */
    async claim(key: string, expiresAt: number, now: number = Date.now()): Promise<boolean> {
      const row = await ctx.db
        .insertInto('nonces')
        .values({ nonce_key: key, expires_at: expiresAt })
        .onConflict((oc) =>
          oc.column('nonce_key').doUpdateSet({ expires_at: expiresAt }).where('nonces.expires_at', '<=', now),
        )
        .returning('nonce_key')
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Deletes expired keys (maintenance); returns how many. */
    async deleteExpired(now: number): Promise<number> {
      const result = await ctx.db.deleteFrom('nonces').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
export type NoncesRepository = ReturnType<typeof createNoncesRepository>;
