import { z } from 'zod';
import type { StoreContext } from '../store-context.js';
import { transact } from '../store-context.js';

/** OAuth tokens of one mall. Sealed with the SecretBox before they reach the database. */
export const Tokens = z.object({
  accessToken: z.string().min(1),
  accessExpiresAt: z.number(),
  refreshToken: z.string().min(1),
  refreshExpiresAt: z.number(),
});
export type Tokens = z.infer<typeof Tokens>;

/** Tokens with the row version compare-and-set works against. */
export type StoredTokens = Tokens & { version: number };

export type CompareAndSetResult =
  { ok: true; version: number } | { ok: false; error: { code: 'stale'; currentVersion: number | null } };

/** Credentials: encrypted tokens, compare-and-set rotation and a cross-process refresh lock. */
export interface CredentialsRepository {
  get(mallId: string): Promise<StoredTokens | null>;
  put(mallId: string, tokens: Tokens, now: number): Promise<number>;
  compareAndSet(
    mallId: string,
    expectedVersion: number,
    tokens: Tokens,
    now: number,
  ): Promise<CompareAndSetResult>;
  delete(mallId: string): Promise<boolean>;
  withRefreshLock<T>(
    mallId: string,
    work: (current: StoredTokens | null, locked: CredentialsRepository) => Promise<T>,
  ): Promise<T>;
}

export function createCredentialsRepository(ctx: StoreContext): CredentialsRepository {
  const read = async (db: StoreContext['db'], mallId: string): Promise<StoredTokens | null> => {
    const row = await db
      .selectFrom('credentials')
      .selectAll()
      .where('mall_id', '=', mallId)
      .executeTakeFirst();
    if (row === undefined) return null;
    return {
      accessToken: ctx.box.open(row.access_token),
      accessExpiresAt: Number(row.access_expires_at),
      refreshToken: ctx.box.open(row.refresh_token),
      refreshExpiresAt: Number(row.refresh_expires_at),
      version: Number(row.version),
    };
  };
  const sealed = (tokens: Tokens, now: number) => {
    const valid = Tokens.parse(tokens);
    return {
      access_token: ctx.box.seal(valid.accessToken),
      access_expires_at: valid.accessExpiresAt,
      refresh_token: ctx.box.seal(valid.refreshToken),
      refresh_expires_at: valid.refreshExpiresAt,
      updated_at: now,
    };
  };

  return {
    /** The mall's tokens, decrypted; null when none are stored. */
    get: (mallId: string): Promise<StoredTokens | null> => read(ctx.db, mallId),

    /** Stores tokens unconditionally (install, reconnect); returns the new version. */
    async put(mallId: string, tokens: Tokens, now: number): Promise<number> {
      const values = sealed(tokens, now);
      const row = await ctx.db
        .insertInto('credentials')
        .values({ mall_id: mallId, ...values, version: 1 })
        .onConflict((oc) =>
          oc
            .column('mall_id')
            .doUpdateSet((eb) => ({ ...values, version: eb('credentials.version', '+', 1) })),
        )
        .returning('version')
        .executeTakeFirstOrThrow();
      return Number(row.version);
    },

    /**
     * Replaces the tokens only if the stored version is still `expectedVersion`, so a rotated refresh
     * token is persisted exactly once and a slower refresher learns it lost.
     */
    async compareAndSet(
      mallId: string,
      expectedVersion: number,
      tokens: Tokens,
      now: number,
    ): Promise<CompareAndSetResult> {
      const row = await ctx.db
        .updateTable('credentials')
        .set({ ...sealed(tokens, now), version: expectedVersion + 1 })
        .where('mall_id', '=', mallId)
        .where('version', '=', expectedVersion)
        .returning('version')
        .executeTakeFirst();
      if (row !== undefined) return { ok: true, version: Number(row.version) };
      const current = await ctx.db
        .selectFrom('credentials')
        .select('version')
        .where('mall_id', '=', mallId)
        .executeTakeFirst();
      return {
        ok: false,
        error: { code: 'stale', currentVersion: current === undefined ? null : Number(current.version) },
      };
    },

    /** Deletes the mall's tokens at once (uninstall); true when there were any. */
    async delete(mallId: string): Promise<boolean> {
      const result = await ctx.db.deleteFrom('credentials').where('mall_id', '=', mallId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /**
     * Runs `work` while holding the mall's refresh lock across processes (PostgreSQL: advisory lock;
     * SQLite: an IMMEDIATE transaction, i.e. the file's write lock). `work` sees the tokens as they are
     * under the lock and stores rotated ones through `locked.compareAndSet`; they are durable when
     * this resolves (commit), so use new tokens only after that. Inside `work` use only `locked`:
     * on SQLite the store's one connection is held, so calling the store itself would wait forever.
     * Not retried (the refresh call in `work` has consumed the old refresh token).
     */
    async withRefreshLock<T>(
      mallId: string,
      work: (current: StoredTokens | null, locked: CredentialsRepository) => Promise<T>,
    ): Promise<T> {
      return transact(
        ctx,
        async (trx) => {
          await trx.caps.lockKeys(trx.db, [`refresh:${mallId}`]);
          return work(await read(trx.db, mallId), createCredentialsRepository(trx));
        },
        { retry: false },
      );
    },
  };
}
