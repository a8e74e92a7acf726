import type { WebhookEvent } from '../cafe24/webhook-event.js';
import type { JobRequest } from '../queue/job-queue.js';
import type { ReceiveResult } from '../store/repositories/webhook-inbox-repository.js';
import { ORDER_EVENTS_QUEUE, orderEventSingletonKey, type OrderEventJob } from './order-event-job.js';
import type { PipelineContext } from './pipeline-context.js';
import { CATALOGUE_QUEUE } from './sync-catalogue.js';

/** A parsed webhook the intake accepted, to be persisted (not 'ignored', not 'app.deleted'). */
export interface IntakeEvent {
  event: WebhookEvent;
  /** The body as received, kept in the inbox. */
  payload: unknown;
  receivedAt: number;
}

/** What became of one event: stored and its jobs queued, already stored, or for no installed mall. */
export type IntakeOutcome =
  { outcome: 'queued'; jobs: number } | { outcome: 'duplicate' | 'ignored'; jobs: 0 };

export interface WebhookIntakeBatcherOptions {
  /** Most events persisted together; a full batch is written at once. */
  maxBatch?: number;
  /**
   * How long the first event of a batch waits for others, ms. 0 (default): until the requests that
   * arrived in the same turn of the event loop have been read (setImmediate), so a lone webhook
   * waits for nothing and a burst of concurrent ones shares one commit.
   */
  windowMs?: number;
}

/** The intake was closed (shutdown): an operational error, so the route answers 503 and Cafe24 retries. */
export class IntakeClosedError extends Error {
  readonly code = 'INTAKE_CLOSED';
  readonly kind = 'operational';
  constructor() {
    super('The webhook intake is shutting down');
    this.name = 'IntakeClosedError';
  }
}

interface Waiting {
  item: IntakeEvent;
  resolve: (outcome: IntakeOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for webhook intake: events submitted together are persisted together — one inbox
 * transaction (which also reads the malls' state, so an uninstalled mall is refused exactly) and
 * one enqueue for all their jobs. Each submission resolves only after its event is stored and its
 * jobs are queued; if any step fails, every submission of that batch rejects with that error.
 * One batch is written at a time; what arrives meanwhile forms the next batch. Should the process
 * die between the inbox commit and the enqueue, reconciliation re-enqueues the rows left 'received'.
 */
export class WebhookIntakeBatcher {
  private readonly maxBatch: number;
  private readonly windowMs: number;
  private waiting: Waiting[] = [];
  private timer: { cancel(): void } | null = null;
  private writing: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly ctx: Pick<PipelineContext, 'store' | 'queue' | 'now'>,
    options: WebhookIntakeBatcherOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 256;
    this.windowMs = options.windowMs ?? 0;
    if (!Number.isInteger(this.maxBatch) || this.maxBatch < 1) throw new RangeError('maxBatch must be ≥ 1');
    if (!(this.windowMs >= 0)) throw new RangeError('windowMs must be ≥ 0');
  }

  /** Resolves once the event is durably stored (and its jobs queued), or rejects with the batch's error. */
  submit(item: IntakeEvent): Promise<IntakeOutcome> {
    if (this.closed) return Promise.reject(new IntakeClosedError());
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Stops taking events and resolves when everything submitted so far is written (or has failed). */
  async close(): Promise<void> {
    this.closed = true;
    while (this.writing !== null || this.waiting.length > 0) {
      if (this.writing === null) this.writeNext();
      await this.writing;
    }
  }

  private schedule(): void {
    if (this.writing !== null) return; // the batch being written starts the next one when it ends
    if (this.waiting.length >= this.maxBatch) {
      this.writeNext();
      return;
    }
    if (this.timer !== null) return;
    if (this.windowMs === 0) {
      const handle = setImmediate(() => this.writeNext());
      this.timer = { cancel: () => clearImmediate(handle) };
    } else {
      const handle = setTimeout(() => this.writeNext(), this.windowMs);
      this.timer = { cancel: () => clearTimeout(handle) };
    }
  }

  private writeNext(): void {
    this.timer?.cancel();
    this.timer = null;
    const batch = this.waiting.splice(0, this.maxBatch);
    if (batch.length === 0) return;
    this.writing = this.write(batch).then(
      (outcomes) => batch.forEach((waiting, index) => waiting.resolve(outcomes[index] as IntakeOutcome)),
      (error: unknown) => batch.forEach((waiting) => waiting.reject(error)),
    );
    void this.writing.then(() => {
      this.writing = null;
      // Events that arrived while this batch was written have waited long enough: write them now.
      if (this.waiting.length > 0) this.writeNext();
    });
  }

  /** Persists one batch; the outcomes are in the batch's order. */
  private async write(batch: readonly Waiting[]): Promise<IntakeOutcome[]> {
    const items = batch.map((waiting) => waiting.item);
    const received = await this.receive(items);
    const jobs: JobRequest[] = [];
    const stockEvents: { mallId: string; inboxId: number }[] = [];
    const outcomes = items.map((item, index): IntakeOutcome => {
      const result = received[index];
      if (result === null || result === undefined) return { outcome: 'ignored', jobs: 0 };
      if (!result.ok) return { outcome: 'duplicate', jobs: 0 };
      const { event } = item;
      if (event.trigger === 'stock.changed') {
        jobs.push({
          name: CATALOGUE_QUEUE,
          payload: {
            mallId: event.mallId,
            productNos: event.productNo === undefined ? [] : [event.productNo],
          },
          options: { singletonKey: `${event.mallId}:${event.productNo ?? 'all'}` },
        });
        stockEvents.push({ mallId: event.mallId, inboxId: result.id });
        return { outcome: 'queued', jobs: 1 };
      }
      for (const orderId of event.orderIds) {
        const payload: OrderEventJob = {
          mallId: event.mallId,
          orderId,
          trigger: event.trigger as OrderEventJob['trigger'],
          source: 'webhook',
          receivedAt: item.receivedAt,
          inboxId: result.id,
        };
        jobs.push({
          name: ORDER_EVENTS_QUEUE,
          payload,
          options: { singletonKey: orderEventSingletonKey(payload, event.dedupeKey) },
        });
      }
      return { outcome: 'queued', jobs: event.orderIds.length };
    });
    if (jobs.length > 0) await this.ctx.queue.enqueueMany(jobs);
    if (stockEvents.length > 0) {
      // A stock event's job is its whole processing (reconciliation has no order to re-enqueue for it).
      const at = this.ctx.now();
      await this.ctx.store.transaction(async ({ webhookInbox }) => {
        for (const { mallId, inboxId } of stockEvents)
          await webhookInbox.markStatus(mallId, inboxId, { status: 'processed', at });
      });
    }
    return outcomes;
  }

  /**
   * One transaction: per mall of the batch, its state and then its events. null: no installed mall
   * (unknown or uninstalled), nothing stored — read in the same transaction as the insert, so an
   * uninstall committed before the batch is never answered 'queued'.
   */
  private receive(items: readonly IntakeEvent[]): Promise<(ReceiveResult | null)[]> {
    const indexesByMall = new Map<string, number[]>();
    items.forEach((item, index) => {
      const indexes = indexesByMall.get(item.event.mallId);
      if (indexes === undefined) indexesByMall.set(item.event.mallId, [index]);
      else indexes.push(index);
    });
    return this.ctx.store.transaction(async ({ malls, webhookInbox }) => {
      const results: (ReceiveResult | null)[] = items.map(() => null);
      for (const [mallId, indexes] of indexesByMall) {
        const mall = await malls.get(mallId);
        if (mall === null || mall.state === 'uninstalled') continue;
        const stored = await webhookInbox.receiveMany(
          mallId,
          indexes.map((index) => {
            const { event, payload, receivedAt } = items[index] as IntakeEvent;
            return { dedupeKey: event.dedupeKey, eventNo: event.eventNo, payload, receivedAt };
          }),
        );
        stored.forEach((result, position) => {
          results[indexes[position] as number] = result;
        });
      }
      return results;
    });
  }
}
