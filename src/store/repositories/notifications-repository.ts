import { z } from 'zod';
import { fromJson, toJson, type StoreContext } from '../store-context.js';

/**
 * pending → sending (claimed just before the delivery attempt) → sent | failed (retried: sending
 * again). A notification found still `sending` by a later attempt was in flight when its worker
 * died: whether it arrived cannot be known, so it becomes `uncertain` and is not sent again.
 */
export const NotificationStatus = z.enum(['pending', 'sending', 'sent', 'failed', 'uncertain']);
export type NotificationStatus = z.infer<typeof NotificationStatus>;

export const NotificationEntry = z.object({
  id: z.number().int(),
  dedupeKey: z.string(),
  channel: z.string(),
  orderId: z.string().nullable(),
  runId: z.string().nullable(),
  payload: z.unknown(),
  status: NotificationStatus,
  createdAt: z.number(),
  sentAt: z.number().nullable(),
  error: z.string().nullable(),
});
export type NotificationEntry = z.infer<typeof NotificationEntry>;

export type ReserveResult =
  | { ok: true; id: number }
  | { ok: false; error: { code: 'duplicate'; id: number; status: NotificationStatus } };

/** The notifications log; a dedupe key is sent at most once per mall. */
export function createNotificationsRepository(ctx: StoreContext) {
  const mark = async (
    mallId: string,
    id: number,
    values: { status: NotificationStatus; sent_at?: number; error?: string },
  ) => {
    const result = await ctx.db
      .updateTable('notifications')
      .set(values)
      .where('mall_id', '=', mallId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  };

  return {
    /** Reserves a notification before sending; a known dedupe key is `duplicate` (do not send again). */
    async reserve(
      mallId: string,
      entry: {
        dedupeKey: string;
        channel: string;
        orderId: string | null;
        runId: string | null;
        payload: unknown;
        createdAt: number;
      },
    ): Promise<ReserveResult> {
      const inserted = await ctx.db
        .insertInto('notifications')
        .values({
          mall_id: mallId,
          dedupe_key: entry.dedupeKey,
          channel: entry.channel,
          order_id: entry.orderId,
          run_id: entry.runId,
          payload: toJson(entry.payload),
          status: 'pending',
          created_at: entry.createdAt,
          sent_at: null,
          error: null,
        })
        .onConflict((oc) => oc.columns(['mall_id', 'dedupe_key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted !== undefined) return { ok: true, id: Number(inserted.id) };
      const existing = await ctx.db
        .selectFrom('notifications')
        .select(['id', 'status'])
        .where('mall_id', '=', mallId)
        .where('dedupe_key', '=', entry.dedupeKey)
        .executeTakeFirstOrThrow();
      return {
        ok: false,
        error: {
          code: 'duplicate',
          id: Number(existing.id),
          status: NotificationStatus.parse(existing.status),
        },
      };
    },

    /**
     * Claims a reserved (or failed) notification for one delivery attempt; false when it is in any
     * other state (sent, uncertain, or still `sending` from an attempt whose worker died).
     */
    async claimForSending(mallId: string, id: number): Promise<boolean> {
      const result = await ctx.db
        .updateTable('notifications')
        .set({ status: 'sending' })
        .where('mall_id', '=', mallId)
        .where('id', '=', id)
        .where('status', 'in', ['pending', 'failed'])
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** The status of one notification; null when unknown. */
    async status(mallId: string, id: number): Promise<NotificationStatus | null> {
      const row = await ctx.db
        .selectFrom('notifications')
        .select('status')
        .where('mall_id', '=', mallId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row === undefined ? null : NotificationStatus.parse(row.status);
    },

    /** Marks a notification whose delivery attempt was interrupted: not sent again. */
    markUncertain: (mallId: string, id: number, reason: string): Promise<boolean> =>
      mark(mallId, id, { status: 'uncertain', error: reason }),

    /** Marks a reserved notification sent; false when unknown. */
    markSent: (mallId: string, id: number, at: number): Promise<boolean> =>
      mark(mallId, id, { status: 'sent', sent_at: at }),

    /** Marks a reserved notification failed with a reason (no secrets in it); false when unknown. */
    markFailed: (mallId: string, id: number, error: string): Promise<boolean> =>
      mark(mallId, id, { status: 'failed', error }),

    /** The latest notifications, newest first. */
    async list(mallId: string, limit: number): Promise<NotificationEntry[]> {
      const rows = await ctx.db
        .selectFrom('notifications')
        .selectAll()
        .where('mall_id', '=', mallId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: Number(row.id),
        dedupeKey: row.dedupe_key,
        channel: row.channel,
        orderId: row.order_id,
        runId: row.run_id,
        payload: fromJson(row.payload),
        status: NotificationStatus.parse(row.status),
        createdAt: Number(row.created_at),
        sentAt: row.sent_at === null ? null : Number(row.sent_at),
        error: row.error,
      }));
    },
  };
}
export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
