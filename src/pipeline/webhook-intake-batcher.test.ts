import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWebhookEvent } from '../cafe24/webhook-event.js';
import type { JobQueue, JobRequest } from '../queue/job-queue.js';
import type { Store } from '../store/open-store.js';
import { uninstallMall } from '../store/retention.js';
import { storeTargets, uniqueMallId, type OpenedStore } from '../../test/store/store-targets.js';
import { ORDER_EVENTS_QUEUE } from './order-event-job.js';
import { CATALOGUE_QUEUE } from './sync-catalogue.js';
import { IntakeClosedError, WebhookIntakeBatcher, type IntakeEvent } from './webhook-intake-batcher.js';

const NOW = Date.parse('2026-03-02T12:00:00+09:00');

/** A queue that records each enqueueMany call (one entry per call) and can be made to fail. */
function recordingQueue(): { queue: JobQueue; calls: JobRequest[][]; failWith: { error: Error | null } } {
  const calls: JobRequest[][] = [];
  const failWith: { error: Error | null } = { error: null };
  const queue = {
    async enqueueMany(jobs: JobRequest[]) {
      if (failWith.error) throw failWith.error;
      calls.push(jobs);
    },
  } as unknown as JobQueue;
  return { queue, calls, failWith };
}

let sequence = 0;
/** A parsed 90023 (order placed) webhook of the mall; `orderId` fixes the dedupe key. */
function orderPlaced(
  mallId: string,
  orderId = `20260302-${String((sequence += 1)).padStart(7, '0')}`,
): IntakeEvent {
  const body = {
    event_no: 90023,
    resource: { mall_id: mallId, order_id: orderId, event_code: 'create_order' },
  };
  const parsed = parseWebhookEvent(body);
  if (!parsed.ok) throw new Error(parsed.error);
  return { event: parsed.event, payload: body, receivedAt: NOW };
}

function stockChanged(mallId: string, productNo: number): IntakeEvent {
  const body = { event_no: 90075, resource: { mall_id: mallId, product_no: productNo, variant_code: 'V1' } };
  const parsed = parseWebhookEvent(body);
  if (!parsed.ok) throw new Error(parsed.error);
  return { event: parsed.event, payload: body, receivedAt: NOW };
}

async function inboxRows(store: Store, mallId: string) {
  const received = await store.webhookInbox.listByStatus(mallId, 'received', 1000);
  const processed = await store.webhookInbox.listByStatus(mallId, 'processed', 1000);
  return { received, processed };
}

describe.each(storeTargets())('webhook intake batcher on $name', (target) => {
  let opened: OpenedStore;
  let store: Store;

  beforeAll(async () => {
    opened = await target.open();
    store = opened.store;
  });
  afterAll(async () => opened.cleanup());

  const installedMall = async () => {
    const mallId = uniqueMallId('intake');
    await store.malls.install(mallId, { shopNo: 1, plan: 'free', now: NOW });
    return mallId;
  };

  it('persists concurrent webhooks with one enqueue for all their jobs, answering each once stored', async () => {
    const mallId = await installedMall();
    const { queue, calls } = recordingQueue();
    const batcher = new WebhookIntakeBatcher({ store, queue, now: () => NOW });
    const events = Array.from({ length: 5 }, () => orderPlaced(mallId));
    const outcomes = await Promise.all(events.map((event) => batcher.submit(event)));
    expect(outcomes).toEqual(events.map(() => ({ outcome: 'queued', jobs: 1 })));
    expect(calls).toHaveLength(1);
    const { received } = await inboxRows(store, mallId);
    expect(received.map((row) => row.dedupeKey).sort()).toEqual(events.map((e) => e.event.dedupeKey).sort());
    // Each job names its own inbox row, so the worker can mark exactly that row processed.
    const inboxIdByOrder = new Map(
      received.map((row) => [(row.payload as { resource: { order_id: string } }).resource.order_id, row.id]),
    );
    expect(calls[0]?.map((job) => [job.name, job.payload.orderId, job.payload.inboxId])).toEqual(
      events.map((e) => [
        ORDER_EVENTS_QUEUE,
        e.event.orderIds[0],
        inboxIdByOrder.get(e.event.orderIds[0] ?? ''),
      ]),
    );
  });

  it('answers a repeat within the same batch and in a later batch as duplicate, storing and queueing it once', async () => {
    const mallId = await installedMall();
    const { queue, calls } = recordingQueue();
    const batcher = new WebhookIntakeBatcher({ store, queue, now: () => NOW });
    const first = orderPlaced(mallId, '20260302-0000001');
    const resend = orderPlaced(mallId, '20260302-0000001');
    const other = orderPlaced(mallId, '20260302-0000002');
    expect(await Promise.all([first, resend, other].map((event) => batcher.submit(event)))).toEqual([
      { outcome: 'queued', jobs: 1 },
      { outcome: 'duplicate', jobs: 0 },
      { outcome: 'queued', jobs: 1 },
    ]);
    expect(await batcher.submit(orderPlaced(mallId, '20260302-0000002'))).toEqual({
      outcome: 'duplicate',
      jobs: 0,
    });
    expect((await inboxRows(store, mallId)).received).toHaveLength(2);
    expect(calls.flat().map((job) => job.payload.orderId)).toEqual(['20260302-0000001', '20260302-0000002']);
  });

  it('ignores events of unknown and uninstalled malls without storing them, the uninstall counting at once', async () => {
    const mallId = await installedMall();
    const { queue, calls } = recordingQueue();
    const batcher = new WebhookIntakeBatcher({ store, queue, now: () => NOW });
    const unknownMall = uniqueMallId('never-installed');
    const [unknown, installed] = await Promise.all([
      batcher.submit(orderPlaced(unknownMall)),
      batcher.submit(orderPlaced(mallId)),
    ]);
    expect(unknown).toEqual({ outcome: 'ignored', jobs: 0 });
    expect(installed).toEqual({ outcome: 'queued', jobs: 1 });
    await uninstallMall(store, mallId, { now: NOW + 1, graceDays: 30 });
    expect(await batcher.submit(orderPlaced(mallId))).toEqual({ outcome: 'ignored', jobs: 0 });
    expect((await inboxRows(store, mallId)).received).toHaveLength(1);
    expect(calls.flat()).toHaveLength(1);
  });

  it('fails every webhook of a batch whose enqueue fails, leaving the stored rows for reconciliation', async () => {
    const mallId = await installedMall();
    const { queue, calls, failWith } = recordingQueue();
    const batcher = new WebhookIntakeBatcher({ store, queue, now: () => NOW });
    const failure = new Error('queue file is gone');
    failWith.error = failure;
    const results = await Promise.allSettled([
      batcher.submit(orderPlaced(mallId)),
      batcher.submit(orderPlaced(mallId)),
    ]);
    expect(results).toEqual([
      { status: 'rejected', reason: failure },
      { status: 'rejected', reason: failure },
    ]);
    expect(calls).toEqual([]);
    // Committed before the enqueue failed: still 'received', which reconcile-mall re-enqueues.
    expect((await inboxRows(store, mallId)).received).toHaveLength(2);
    failWith.error = null;
    expect(await batcher.submit(orderPlaced(mallId))).toEqual({ outcome: 'queued', jobs: 1 });
  });

  it('fails every webhook of a batch whose inbox transaction fails, and queues nothing', async () => {
    const mallId = await installedMall();
    const { queue, calls } = recordingQueue();
    const failure = new Error('database is locked');
    const failingStore: Store = { ...store, transaction: () => Promise.reject(failure) };
    const batcher = new WebhookIntakeBatcher({ store: failingStore, queue, now: () => NOW });
    const results = await Promise.allSettled([
      batcher.submit(orderPlaced(mallId)),
      batcher.submit(orderPlaced(mallId)),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(results.map((result) => (result.status === 'rejected' ? result.reason : null))).toEqual([
      failure,
      failure,
    ]);
    expect(calls).toEqual([]);
  });

  it('writes at most maxBatch events together', async () => {
    const mallId = await installedMall();
    const { queue, calls } = recordingQueue();
    const batcher = new WebhookIntakeBatcher({ store, queue, now: () => NOW }, { maxBatch: 2 });
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => orderPlaced(mallId)).map((event) => batcher.submit(event)),
    );
    expect(outcomes.every((outcome) => outcome.outcome === 'queued')).toBe(true);
    expect(calls.map((jobs) => jobs.length)).toEqual([2, 2, 1]);
  });

  it('queues a catalogue job for a stock event and marks its inbox row processed', async () => {
    const mallId = await installedMall();
    const { queue, calls } = recordingQueue();
    const batcher = new WebhookIntakeBatcher({ store, queue, now: () => NOW + 5 });
    const [stock, order] = await Promise.all([
      batcher.submit(stockChanged(mallId, 42)),
      batcher.submit(orderPlaced(mallId)),
    ]);
    expect(stock).toEqual({ outcome: 'queued', jobs: 1 });
    expect(order).toEqual({ outcome: 'queued', jobs: 1 });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.map((job) => job.name)).toEqual([CATALOGUE_QUEUE, ORDER_EVENTS_QUEUE]);
    expect(calls[0]?.[0]).toMatchObject({
      payload: { mallId, productNos: [42] },
      options: { singletonKey: `${mallId}:42` },
    });
    const { received, processed } = await inboxRows(store, mallId);
    expect(received.map((row) => row.eventNo)).toEqual([90023]);
    expect(processed.map((row) => [row.eventNo, row.processedAt])).toEqual([[90075, NOW + 5]]);
  });

  it('writes what is waiting before close resolves, then refuses new webhooks as an operational error', async () => {
    const mallId = await installedMall();
    const { queue, calls } = recordingQueue();
    const batcher = new WebhookIntakeBatcher({ store, queue, now: () => NOW }, { windowMs: 60_000 });
    const waiting = [batcher.submit(orderPlaced(mallId)), batcher.submit(orderPlaced(mallId))];
    await batcher.close();
    expect(calls.flat()).toHaveLength(2);
    expect(await Promise.all(waiting)).toEqual([
      { outcome: 'queued', jobs: 1 },
      { outcome: 'queued', jobs: 1 },
    ]);
    const refused = await batcher.submit(orderPlaced(mallId)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(IntakeClosedError);
    expect(refused).toMatchObject({ code: 'INTAKE_CLOSED', kind: 'operational' });
  });
});
