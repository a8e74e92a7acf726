import { z } from 'zod';
import { fromJson, toJson, transact, type StoreContext } from '../store-context.js';
import { ShippingZone } from '../../domain/order-facts.js';

export const MallState = z.enum(['installed', 'reconnect_needed', 'uninstalled']);
export type MallState = z.infer<typeof MallState>;

/** Per-mall settings kept as one JSON document; every field has a default so old rows stay readable. */
export const MallSettings = z.object({
  /** Zip ranges the merchant maps to a zone, overriding the shipped table. */
  regionOverrides: z
    .array(
      z.object({
        fromZip: z.string().regex(/^\d{5}$/),
        toZip: z.string().regex(/^\d{5}$/),
        zone: ShippingZone,
        areaName: z.string().nullable().default(null),
      }),
    )
    .default([]),
  /** Merchant closed days (`YYYY-MM-DD`, KST), on top of public holidays. */
  closedDays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
  /** The merchant's name of each closed day (`YYYY-MM-DD` → 근로자의 날 …), shown in the console. */
  closedDayNames: z.record(z.string(), z.string()).default({}),
  /** Template/label id → the label name the merchant uses. */
  labelNames: z.record(z.string(), z.string()).default({}),
  /** Personal fields older than this are purged (개인정보 파기). */
  retentionDays: z.number().int().positive().default(90),
  /**
   * Named notification channels (webhook, Slack, e-mail). The channel config is validated by the
   * pipeline with notify's schema; the store keeps it as given.
   */
  notificationChannels: z
    .array(z.object({ name: z.string().min(1), config: z.record(z.string(), z.unknown()) }))
    .default([]),
});
export type MallSettings = z.infer<typeof MallSettings>;

export const Mall = z.object({
  mallId: z.string(),
  shopNo: z.number().int(),
  state: MallState,
  plan: z.string(),
  installedAt: z.number(),
  uninstalledAt: z.number().nullable(),
  /** When the mall's data is to be deleted after an uninstall; null while installed. */
  deleteAfter: z.number().nullable(),
  updatedAt: z.number(),
});
export type Mall = z.infer<typeof Mall>;

const columns = [
  'mall_id',
  'shop_no',
  'state',
  'plan',
  'installed_at',
  'uninstalled_at',
  'delete_after',
  'updated_at',
] as const;

type MallRow = {
  mall_id: string;
  shop_no: number;
  state: string;
  plan: string;
  installed_at: number;
  uninstalled_at: number | null;
  delete_after: number | null;
  updated_at: number;
};

const toMall = (row: MallRow): Mall => ({
  mallId: row.mall_id,
  shopNo: Number(row.shop_no),
  state: MallState.parse(row.state),
  plan: row.plan,
  installedAt: Number(row.installed_at),
  uninstalledAt: row.uninstalled_at === null ? null : Number(row.uninstalled_at),
  deleteAfter: row.delete_after === null ? null : Number(row.delete_after),
  updatedAt: Number(row.updated_at),
});

/** Malls: install state and plan. Settings have their own repository over the same row. */
export function createMallsRepository(ctx: StoreContext) {
  return {
    /** Records an install (or re-install): state `installed`, pending deletion cancelled, settings kept. */
    async install(mallId: string, input: { shopNo: number; plan: string; now: number }): Promise<Mall> {
      const row = await ctx.db
        .insertInto('malls')
        .values({
          mall_id: mallId,
          shop_no: input.shopNo,
          state: 'installed',
          plan: input.plan,
          settings: toJson(MallSettings.parse({})),
          installed_at: input.now,
          uninstalled_at: null,
          delete_after: null,
          updated_at: input.now,
        })
        .onConflict((oc) =>
          oc.column('mall_id').doUpdateSet({
            shop_no: input.shopNo,
            state: 'installed',
            plan: input.plan,
            installed_at: input.now,
            uninstalled_at: null,
            delete_after: null,
            updated_at: input.now,
          }),
        )
        .returning(columns)
        .executeTakeFirstOrThrow();
      return toMall(row);
    },

    /** The mall, or null when it never installed (or its data was deleted). */
    async get(mallId: string): Promise<Mall | null> {
      const row = await ctx.db
        .selectFrom('malls')
        .select(columns)
        .where('mall_id', '=', mallId)
        .executeTakeFirst();
      return row === undefined ? null : toMall(row);
    },

    /** Sets the install state (`reconnect_needed` when refresh fails for good); false when the mall is unknown. */
    async setState(mallId: string, state: Exclude<MallState, 'uninstalled'>, now: number): Promise<boolean> {
      const result = await ctx.db
        .updateTable('malls')
        .set({ state: MallState.parse(state), updated_at: now })
        .where('mall_id', '=', mallId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Sets the plan; false when the mall is unknown. */
    async setPlan(mallId: string, plan: string, now: number): Promise<boolean> {
      const result = await ctx.db
        .updateTable('malls')
        .set({ plan, updated_at: now })
        .where('mall_id', '=', mallId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
export type MallsRepository = ReturnType<typeof createMallsRepository>;

/** Settings of one mall (region overrides, closed days, label names, retention). */
export function createSettingsRepository(ctx: StoreContext) {
  return {
    /** The mall's settings with defaults filled in; null when the mall is unknown. */
    async get(mallId: string): Promise<MallSettings | null> {
      const row = await ctx.db
        .selectFrom('malls')
        .select('settings')
        .where('mall_id', '=', mallId)
        .executeTakeFirst();
      return row === undefined ? null : MallSettings.parse(fromJson(row.settings));
    },

    /**
     * Replaces the given top-level settings fields, validated; returns the new settings, or null when
     * the mall is unknown. Read-modify-write in one transaction so concurrent edits of different
     * fields both survive.
     */
    async update(mallId: string, patch: Partial<MallSettings>, now: number): Promise<MallSettings | null> {
      return transact(ctx, async ({ db }) => {
        const row = await db
          .selectFrom('malls')
          .select('settings')
          .where('mall_id', '=', mallId)
          .executeTakeFirst();
        if (row === undefined) return null;
        const next = MallSettings.parse({ ...MallSettings.parse(fromJson(row.settings)), ...patch });
        await db
          .updateTable('malls')
          .set({ settings: toJson(next), updated_at: now })
          .where('mall_id', '=', mallId)
          .execute();
        return next;
      });
    },
  };
}
export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
