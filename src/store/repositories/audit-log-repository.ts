import { z } from 'zod';
import { fromJson, toJson, type StoreContext } from '../store-context.js';

/** One configuration change: who did what to which target. */
export const AuditEntry = z.object({
  id: z.number().int(),
  actor: z.string(),
  /** e.g. `flow.save`, `flow.rollback`, `settings.update`. */
  action: z.string(),
  /** e.g. `flow:VIP_GIFT`. */
  target: z.string(),
  details: z.unknown(),
  at: z.number(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** The audit log of configuration changes; append-only. */
export function createAuditLogRepository(ctx: StoreContext) {
  return {
    /** Appends an entry; returns its id. */
    async append(mallId: string, entry: Omit<AuditEntry, 'id'>): Promise<number> {
      const row = await ctx.db
        .insertInto('audit_log')
        .values({
          mall_id: mallId,
          actor: entry.actor,
          action: entry.action,
          target: entry.target,
          details: toJson(entry.details ?? null),
          at: entry.at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    /**
     * The latest entries, newest first, optionally for one target; `beforeId` pages on (entries
     * with a smaller id).
     */
    async list(
      mallId: string,
      filter: { limit: number; target?: string; beforeId?: number },
    ): Promise<AuditEntry[]> {
      let query = ctx.db.selectFrom('audit_log').selectAll().where('mall_id', '=', mallId);
      if (filter.target !== undefined) query = query.where('target', '=', filter.target);
      if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
      // Ids grow with every append, so id order is append order and pages never skip an entry.
      const rows = await query.orderBy('id', 'desc').limit(filter.limit).execute();
      return rows.map((row) => ({
        id: Number(row.id),
        actor: row.actor,
        action: row.action,
        target: row.target,
        details: fromJson(row.details),
        at: Number(row.at),
      }));
    },
  };
}
export type AuditLogRepository = ReturnType<typeof createAuditLogRepository>;
