import { z } from 'zod';
import { parseWebhookEvent } from '../cafe24/webhook-event.js';
import { orderStateHash } from '../store/repositories/orders-repository.js';
import { kstDate, ordersInRange } from './order-pages.js';
import { ORDER_EVENTS_QUEUE, orderEventSingletonKey, type OrderEventJob } from './order-event-job.js';
import type { PipelineContext } from './pipeline-context.js';

export const RECONCILE_QUEUE = 'reconcile-mall';
export const ReconcileJob = z.object({ mallId: z.string() });

/** Date types polled: new orders, payments, cancellations and returns of yesterday and today (KST). */
const POLLED_DATE_TYPES = ['order_date', 'pay_date', 'cancel_date', 'return_request_date'] as const;
/** Inbox rows still 'received' after this long lost their job (process died before enqueueing). */
const STUCK_INBOX_MS = 60_000;

export interface ReconcileReport {
  checked: number;
  enqueued: number;
  requeuedInbox: number;
}

/**
 * The safety net for lost webhooks: polls the mall's recently placed, paid, cancelled and returned
 * orders and enqueues every order whose current state differs from the last one PassWing saved
 * (so a lost webhook delays a label by one poll interval, never forever); also re-enqueues inbox
 * events whose job was never created.
 */
export async function reconcileMall(ctx: PipelineContext, mallId: string): Promise<ReconcileReport> {
  const report: ReconcileReport = { checked: 0, enqueued: 0, requeuedInbox: 0 };
  const mall = await ctx.store.malls.get(mallId);
  if (!mall || mall.state !== 'installed') return report;
  const now = ctx.now();
  const client = ctx.cafe24.client(mallId);
  const seen = new Set<string>();
  const jobs: { name: string; payload: OrderEventJob; options: { singletonKey: string } }[] = [];
  for (const dateType of POLLED_DATE_TYPES) {
    const range = { from: kstDate(now - 86_400_000), to: kstDate(now), dateType };
    for await (const orders of ordersInRange(client, range, (error) =>
      ctx.logger.warn({ mallId, orderId: error.orderId }, 'reconcile: unreadable order skipped'),
    )) {
      for (const order of orders) {
        if (seen.has(order.orderId)) continue;
        seen.add(order.orderId);
        report.checked += 1;
        const hash = orderStateHash(order);
        const stored = await ctx.store.orders.getStateHash(mallId, order.orderId);
        if (stored === hash) continue;
        const payload: OrderEventJob = {
          mallId,
          orderId: order.orderId,
          trigger: stored === null ? 'order.created' : 'order.changed',
          source: 'reconcile',
          receivedAt: now,
        };
        jobs.push({
          name: ORDER_EVENTS_QUEUE,
          payload,
          options: { singletonKey: orderEventSingletonKey(payload, hash) },
        });
      }
    }
  }
  for (const event of await ctx.store.webhookInbox.listByStatus(mallId, 'received', 500)) {
    if (event.receivedAt > now - STUCK_INBOX_MS) continue;
    const parsed = parseWebhookEvent(event.payload);
    if (!parsed.ok || parsed.event.trigger === 'ignored') continue;
    for (const orderId of parsed.event.orderIds) {
      const payload: OrderEventJob = {
        mallId,
        orderId,
        trigger: parsed.event.trigger as OrderEventJob['trigger'],
        source: 'webhook',
        receivedAt: event.receivedAt,
        inboxId: event.id,
      };
      jobs.push({
        name: ORDER_EVENTS_QUEUE,
        payload,
        options: { singletonKey: orderEventSingletonKey(payload, event.dedupeKey) },
      });
      report.requeuedInbox += 1;
    }
  }
  await ctx.queue.enqueueMany(jobs);
  report.enqueued = jobs.length;
  if (jobs.length > 0) ctx.logger.info({ mallId, ...report }, 'reconciliation enqueued orders');
  return report;
}
