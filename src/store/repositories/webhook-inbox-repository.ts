import { z } from 'zod';
import { fromJson, toJson, transact, type StoreContext } from '../store-context.js';

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

/** An event as the intake persists it. */
export interface InboxEntry {
  dedupeKey: string;
  eventNo: number;
  payload: unknown;
  receivedAt: number;
}

/**
 * Rows per INSERT statement: 8 parameters a row keeps a chunk far below SQLite's (32,766) and
 * PostgreSQL's (65,535) limits on bound parameters.
 */
const ROWS_PER_STATEMENT = 500;

const chunksOf = <T>(items: readonly T[], size: number): T[][] => {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
};

/** The webhook inbox: raw events, deduplicated per mall by key. */
export function createWebhookInboxRepository(ctx: StoreContext) {
  const receiveMany = (mallId: string, events: readonly InboxEntry[]): Promise<ReceiveResult[]> =>
    transact(ctx, async ({ db }) => {
      // The first event of each key is the one stored; later ones in the list are its duplicates.
      const firstByKey = new Map<string, number>();
      events.forEach((event, index) => {
        if (!firstByKey.has(event.dedupeKey)) firstByKey.set(event.dedupeKey, index);
      });
      const idByKey = new Map<string, number>();
      const insertedKeys = new Set<string>();
      const firstEvents = [...firstByKey.values()].map((index) => events[index] as InboxEntry);
      for (const chunk of chunksOf(firstEvents, ROWS_PER_STATEMENT)) {
        const inserted = await db
          .insertInto('webhook_inbox')
          .values(
            chunk.map((event) => ({
              mall_id: mallId,
              dedupe_key: event.dedupeKey,
              event_no: event.eventNo,
              payload: toJson(event.payload),
              received_at: event.receivedAt,
              status: 'received',
              processed_at: null,
              error: null,
            })),
          )
          .onConflict((oc) => oc.columns(['mall_id', 'dedupe_key']).doNothing())
          // RETURNING order is unspecified (SQLite says so): rows are matched back by key.
          .returning(['id', 'dedupe_key'])
          .execute();
        for (const row of inserted) {
          idByKey.set(row.dedupe_key, Number(row.id));
          insertedKeys.add(row.dedupe_key);
        }
      }
      const storedBefore = [...firstByKey.keys()].filter((key) => !insertedKeys.has(key));
      for (const chunk of chunksOf(storedBefore, ROWS_PER_STATEMENT)) {
        const existing = await db
          .selectFrom('webhook_inbox')
          .select(['id', 'dedupe_key'])
          .where('mall_id', '=', mallId)
          .where('dedupe_key', 'in', chunk)
          .execute();
        for (const row of existing) idByKey.set(row.dedupe_key, Number(row.id));
      }
      return events.map((event, index): ReceiveResult => {
        const id = idByKey.get(event.dedupeKey);
        if (id === undefined) throw new Error(`webhook inbox row of ${event.dedupeKey} vanished`);
        return firstByKey.get(event.dedupeKey) === index && insertedKeys.has(event.dedupeKey)
          ? { ok: true, id }
          : { ok: false, error: { code: 'duplicate', id } };
      });
    });

  return {
    /** Persists an event; a repeated dedupe key is an expected outcome (`duplicate`) with the first event's id. */
    async receive(mallId: string, event: InboxEntry): Promise<ReceiveResult> {
      const [result] = await receiveMany(mallId, [event]);
      if (result === undefined) throw new Error('receiveMany answered no result for one event');
      return result;
    },

    /**
     * Persists several events of the mall atomically (one transaction, or the caller's) and answers one
     * result per event, in order. Dedupe is exact: a key already stored, or repeated earlier in the
     * list, is `duplicate` with the id of the first event stored under it.
     */
    receiveMany,
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
