import { z } from 'zod';
import type { StoreContext } from '../store-context.js';

export const ConsoleLang = z.enum(['ko', 'en']);
export type ConsoleLang = z.infer<typeof ConsoleLang>;

/** Console preferences per mall and user (the language switch). */
export function createUserPreferencesRepository(ctx: StoreContext) {
  return {
    /** The user's language, or null when never chosen. */
    async getLang(mallId: string, userId: string): Promise<ConsoleLang | null> {
      const row = await ctx.db
        .selectFrom('user_preferences')
        .select('lang')
        .where('mall_id', '=', mallId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row === undefined ? null : ConsoleLang.parse(row.lang);
    },

    /** Remembers the user's language. */
    async setLang(mallId: string, userId: string, lang: ConsoleLang, now: number): Promise<void> {
      const value = ConsoleLang.parse(lang);
      await ctx.db
        .insertInto('user_preferences')
        .values({ mall_id: mallId, user_id: userId, lang: value, updated_at: now })
        .onConflict((oc) => oc.columns(['mall_id', 'user_id']).doUpdateSet({ lang: value, updated_at: now }))
        .execute();
    },
  };
}
export type UserPreferencesRepository = ReturnType<typeof createUserPreferencesRepository>;
