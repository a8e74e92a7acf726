import { fromJson, toFlag, toJson, transact, type StoreContext } from './store-context.js';
import { maskPersonalValues } from './mask-personal-values.js';
import type { Store } from './open-store.js';
import { MallSettings, type Mall } from './repositories/malls-repository.js';

const DAY_MS = 86_400_000;
const RUN_BATCH = 200;
const PURGED_PAYLOAD = toJson({ purged: true });

export interface PurgeCounts {
  orders: number;
  runs: number;
  webhookEvents: number;
  notifications: number;
}

type DbContext = Pick<StoreContext, 'db' | 'caps'>;

/**
 * 개인정보 파기: for every mall (or `mallId` only), nulls the personal fields of orders placed more
 * than N days before `now` (names, phones, e-mails, addresses, IPs; zip, zone and amounts stay),
 * masks the personal values in their runs and blanks old webhook and notification payloads.
 * N is `olderThanDays` when given, else each mall's `retentionDays` setting (default 90).
 * Idempotent: purged rows are skipped next time.
 */
export async function purgePersonalData(
  store: Store,
  options: { now: number; olderThanDays?: number; mallId?: string },
): Promise<PurgeCounts> {
  const totals: PurgeCounts = { orders: 0, runs: 0, webhookEvents: 0, notifications: 0 };
  let malls = store.db.selectFrom('malls').select(['mall_id', 'settings']);
  if (options.mallId !== undefined) malls = malls.where('mall_id', '=', options.mallId);
  for (const mall of await malls.execute()) {
    const days = options.olderThanDays ?? MallSettings.parse(fromJson(mall.settings)).retentionDays;
    const counts = await purgeMall(store, mall.mall_id, options.now - days * DAY_MS, options.now);
    totals.orders += counts.orders;
    totals.runs += counts.runs;
    totals.webhookEvents += counts.webhookEvents;
    totals.notifications += counts.notifications;
  }
  return totals;
}

async function purgeMall(ctx: DbContext, mallId: string, cutoff: number, now: number): Promise<PurgeCounts> {
  const orders = await transact(ctx, async ({ db }) => {
    const due = (eb: typeof db) =>
      eb
        .selectFrom('orders')
        .select('order_id')
        .where('mall_id', '=', mallId)
        .where('placed_at', '<', cutoff)
        .where('personal_purged_at', 'is', null);
    await db
      .updateTable('order_personal')
      .set({
        buyer_name: null,
        buyer_email: null,
        buyer_cellphone: null,
        receiver_name: null,
        receiver_cellphone: null,
        address: null,
        client_ip: null,
      })
      .where('mall_id', '=', mallId)
      .where('order_id', 'in', due(db))
      .execute();
    const result = await db
      .updateTable('orders')
      .set({ personal_purged_at: now })
      .where('mall_id', '=', mallId)
      .where('placed_at', '<', cutoff)
      .where('personal_purged_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  });

  let runs = 0;
  for (;;) {
    const batch = await ctx.db
      .selectFrom('runs')
      .select(['run_id', 'decision', 'trace'])
      .where('mall_id', '=', mallId)
      .where('started_at', '<', cutoff)
      .where('masked', '=', 0)
      .limit(RUN_BATCH)
      .execute();
    if (batch.length === 0) break;
    await transact(ctx, async ({ db }) => {
      for (const run of batch) {
        await db
          .updateTable('runs')
          .set({
            decision: toJson(maskPersonalValues(fromJson(run.decision))),
            trace: toJson(maskPersonalValues(fromJson(run.trace))),
            masked: toFlag(true),
          })
          .where('mall_id', '=', mallId)
          .where('run_id', '=', run.run_id)
          .execute();
      }
    });
    runs += batch.length;
  }

  const webhookEvents = await ctx.db
    .updateTable('webhook_inbox')
    .set({ payload: PURGED_PAYLOAD })
    .where('mall_id', '=', mallId)
    .where('received_at', '<', cutoff)
    .where('payload', '<>', PURGED_PAYLOAD)
    .executeTakeFirst();
  const notifications = await ctx.db
    .updateTable('notifications')
    .set({ payload: PURGED_PAYLOAD })
    .where('mall_id', '=', mallId)
    .where('created_at', '<', cutoff)
    .where('payload', '<>', PURGED_PAYLOAD)
    .executeTakeFirst();
  return {
    orders,
    runs,
    webhookEvents: Number(webhookEvents.numUpdatedRows),
    notifications: Number(notifications.numUpdatedRows),
  };
}

/**
 * Uninstall (Cafe24 event 90077): deletes the mall's tokens at once and schedules deletion of its
 * data `graceDays` later. Returns the mall as it now is, or null when it is unknown.
 */
export async function uninstallMall(
  store: Store,
  mallId: string,
  options: { now: number; graceDays: number },
): Promise<Mall | null> {
  const found = await transact(store, async ({ db }) => {
    await db.deleteFrom('credentials').where('mall_id', '=', mallId).execute();
    const result = await db
      .updateTable('malls')
      .set({
        state: 'uninstalled',
        uninstalled_at: options.now,
        delete_after: options.now + options.graceDays * DAY_MS,
        updated_at: options.now,
      })
      .where('mall_id', '=', mallId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  });
  return found ? store.malls.get(mallId) : null;
}

/**
 * Deletes everything of an uninstalled mall whose grace period has elapsed (all tables cascade from
 * the mall). False when the mall is unknown, was re-installed, or is not due yet.
 */
export async function deleteMallData(
  store: Store,
  mallId: string,
  options: { now: number },
): Promise<boolean> {
  const result = await store.db
    .deleteFrom('malls')
    .where('mall_id', '=', mallId)
    .where('state', '=', 'uninstalled')
    .where('delete_after', '<=', options.now)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
