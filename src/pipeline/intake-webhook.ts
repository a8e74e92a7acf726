import { isOwnWrite, parseWebhookEvent } from '../cafe24/webhook-event.js';
import { ORDER_EVENTS_QUEUE, orderEventSingletonKey, type OrderEventJob } from './order-event-job.js';
import type { PipelineContext } from './pipeline-context.js';
import { CATALOGUE_QUEUE } from './sync-catalogue.js';
import { uninstallMall } from './uninstall-mall.js';

export type IntakeResult =
  | { ok: true; outcome: 'queued' | 'duplicate' | 'ignored' | 'uninstalled'; jobs: number }
  | { ok: false; error: { code: 'INVALID_WEBHOOK'; message: string } };

/**
 * Accepts one Cafe24 webhook: parse, ignore our own writes and unknown malls, persist it in the
 * inbox (dedupe by mall + event + order + state) and enqueue the orders it names. The body is only
 * a hint: the worker re-fetches every order through the authenticated API. If the process dies
 * between persisting and enqueueing, reconciliation re-enqueues inbox rows left 'received'.
 */
export async function intakeWebhook(ctx: PipelineContext, body: unknown): Promise<IntakeResult> {
  const parsed = parseWebhookEvent(body);
  if (!parsed.ok) return { ok: false, error: { code: 'INVALID_WEBHOOK', message: parsed.error } };
  const event = parsed.event;
  const receivedAt = ctx.now();
  ctx.metrics.webhookReceived(event.mallId, event.eventNo);
  if (event.trigger === 'ignored' || isOwnWrite(event, ctx.cafe24.config.clientId)) {
    return { ok: true, outcome: 'ignored', jobs: 0 };
  }
  const mall = await ctx.store.malls.get(event.mallId);
  if (!mall || mall.state === 'uninstalled') return { ok: true, outcome: 'ignored', jobs: 0 };
  if (event.trigger === 'app.deleted') {
    if (event.appClientId && event.appClientId !== ctx.cafe24.config.clientId) {
      return { ok: true, outcome: 'ignored', jobs: 0 };
    }
    await uninstallMall(ctx, event.mallId);
    return { ok: true, outcome: 'uninstalled', jobs: 0 };
  }
  const received = await ctx.store.webhookInbox.receive(event.mallId, {
    dedupeKey: event.dedupeKey,
    eventNo: event.eventNo,
    payload: body,
    receivedAt,
  });
  if (!received.ok) return { ok: true, outcome: 'duplicate', jobs: 0 };
  if (event.trigger === 'stock.changed') {
    await ctx.queue.enqueue(
      CATALOGUE_QUEUE,
      { mallId: event.mallId, productNos: event.productNo === undefined ? [] : [event.productNo] },
      { singletonKey: `${event.mallId}:${event.productNo ?? 'all'}` },
    );
    await ctx.store.webhookInbox.markStatus(event.mallId, received.id, {
      status: 'processed',
      at: ctx.now(),
    });
    return { ok: true, outcome: 'queued', jobs: 1 };
  }
  const jobs = event.orderIds.map((orderId) => {
    const payload: OrderEventJob = {
      mallId: event.mallId,
      orderId,
      trigger: event.trigger as OrderEventJob['trigger'],
      source: 'webhook',
      receivedAt,
      inboxId: received.id,
    };
    return {
      name: ORDER_EVENTS_QUEUE,
      payload,
      options: { singletonKey: orderEventSingletonKey(payload, event.dedupeKey) },
    };
  });
  await ctx.queue.enqueueMany(jobs);
  return { ok: true, outcome: 'queued', jobs: jobs.length };
}
