import { z } from 'zod';
import { fromJson, toJson, type StoreContext } from '../store-context.js';

export const InboxStatus = z.enum(['received', 'processed', 'failed', 'ignored']);
export type InboxStatus = z.infer<typeof InboxStatus>;

/** A webhook event as received, before and after processing. */
export const InboxEvent = z.object({
  id: z.number().int(),
  dedupeKey: z.string(),
  eventNo: z.number().int(),
  payload: z.unknown(),
  receivedAt: z.number(),
  status: InboxStatus,
  processedAt: z.number().nullable(),
  error: z.string().nullable(),
});
export type InboxEvent = z.infer<typeof InboxEvent>;

export type ReceiveResult =
  { ok: true; id: number } | { ok: false; error: { code: 'duplicate'; id: number } };

type InboxRow = {
  id: number;
  dedupe_key: string;
  event_no: number;
  payload: string;
  received_at: number;
  status: string;
  processed_at: number | null;
  error: string | null;
};

const toEvent = (row: InboxRow): InboxEvent => ({
  id: Number(row.id),
  dedupeKey: row.dedupe_key,
  eventNo: Number(row.event_no),
  payload: fromJson(row.payload),
  receivedAt: Number(row.received_at),
  status: InboxStatus.parse(row.status),
  processedAt: row.processed_at === null ? null : Number(row.processed_at),
  error: row.error,
});

/** The webhook inbox: raw events, deduplicated per mall by key. */
export function createWebhookInboxRepository(ctx: StoreContext) {
  return {
    /** Persists an event; a repeated dedupe key is an expected outcome (`duplicate`) with the first event's id. */
    async receive(
      mallId: string,
      event: { dedupeKey: string; eventNo: number; payload: unknown; receivedAt: number },
    ): Promise<ReceiveResult> {
      const inserted = await ctx.db
        .insertInto('webhook_inbox')
        .values({
          mall_id: mallId,
          dedupe_key: event.dedupeKey,
          event_no: event.eventNo,
          payload: toJson(event.payload),
          received_at: event.receivedAt,
          status: 'received',
          processed_at: null,
          error: null,
        })
        .onConflict((oc) => oc.columns(['mall_id', 'dedupe_key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted !== undefined) return { ok: true, id: Number(inserted.id) };
      const existing = await ctx.db
        .selectFrom('webhook_inbox')
        .select('id')
        .where('mall_id', '=', mallId)
        .where('dedupe_key', '=', event.dedupeKey)
        .executeTakeFirstOrThrow();
      return { ok: false, error: { code: 'duplicate', id: Number(existing.id) } };
    },

    /** One event, or null. */
    async get(mallId: string, id: number): Promise<InboxEvent | null> {
      const row = await ctx.db
        .selectFrom('webhook_inbox')
        .selectAll()
        .where('mall_id', '=', mallId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row === undefined ? null : toEvent(row);
    },

    /** Records the processing outcome; false when the event is unknown. */
    async markStatus(
      mallId: string,
      id: number,
      outcome: { status: Exclude<InboxStatus, 'received'>; at: number; error?: string },
    ): Promise<boolean> {
      const result = await ctx.db
        .updateTable('webhook_inbox')
        .set({
          status: InboxStatus.parse(outcome.status),
          processed_at: outcome.at,
          error: outcome.error ?? null,
        })
        .where('mall_id', '=', mallId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Events in a status, oldest first. */
    async listByStatus(mallId: string, status: InboxStatus, limit: number): Promise<InboxEvent[]> {
      const rows = await ctx.db
        .selectFrom('webhook_inbox')
        .selectAll()
        .where('mall_id', '=', mallId)
        .where('status', '=', status)
        .orderBy('received_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toEvent);
    },

    /** When the latest event arrived and how many arrived since `since` (epoch ms); dashboard health. */
    async activity(
      mallId: string,
      since: number,
    ): Promise<{ lastReceivedAt: number | null; receivedSince: number }> {
      const row = await ctx.db
        .selectFrom('webhook_inbox')
        .select((eb) => [
          eb.fn.max('received_at').as('last'),
          eb.fn.countAll<number>().filterWhere('received_at', '>=', since).as('recent'),
        ])
        .where('mall_id', '=', mallId)
        .executeTakeFirstOrThrow();
      return {
        lastReceivedAt: row.last === null || row.last === undefined ? null : Number(row.last),
        receivedSince: Number(row.recent),
      };
    },
  };
}
export type WebhookInboxRepository = ReturnType<typeof createWebhookInboxRepository>;
