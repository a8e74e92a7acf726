import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Order } from '../domain/order.js';
import { compileFlows, type CompiledFlowSet } from '../engine/compile-flows.js';
import { Flow, type FlowInput } from '../engine/flow-schema.js';
import type { Job, JobResult } from '../queue/job-queue.js';
import type { BackfillJob } from '../store/repositories/backfill-jobs-repository.js';
import type { Cafe24Client } from '../cafe24/cafe24-client.js';
import { mapCafe24Order, OrderMappingError } from '../cafe24/order-mapping.js';
import { MAX_ORDER_PAGE, orderPagesInWindow, splitIntoWindows } from '../cafe24/resources/orders.js';
import { ORDER_EVENTS_QUEUE, orderEventSingletonKey, type OrderEventJob } from './order-event-job.js';
import { dryRunOrders } from './dry-run.js';
import { enrichSettingsOf, type EnrichSettings } from './gather-facts.js';
import type { PipelineContext } from './pipeline-context.js';

/** Queue of backfill and dry-run jobs: one job walks one date range, page by page. */
export const BACKFILL_QUEUE = 'backfill';

export const BackfillJobPayload = z.object({ mallId: z.string().min(1), jobId: z.string().min(1) });
export type BackfillJobPayload = z.infer<typeof BackfillJobPayload>;

const DEFAULT_PAGE_SIZE = 200;

/** What a backfill was asked to do (stored with the job so a restart does the same). */
export const BackfillOptions = z.object({
  /** Saved flows to run; empty = every enabled flow. */
  flowIds: z.array(z.string()).default([]),
  /** An unsaved flow to dry-run instead (id and version are assigned here). */
  draft: z.record(z.string(), z.unknown()).optional(),
  /** Orders per Cafe24 page: progress is saved and a pause takes effect after each page. */
  pageSize: z.number().int().min(1).max(MAX_ORDER_PAGE).default(DEFAULT_PAGE_SIZE),
});
export type BackfillOptions = z.infer<typeof BackfillOptions>;

/**
 * Where to resume: how many orders of the range (in Cafe24's order_date order, which new orders
 * only extend) are done. Resuming re-reads the pages before it (one call per 1000 orders).
 */
const BackfillCursor = z.object({ done: z.number().int().nonnegative() });
type BackfillCursor = z.infer<typeof BackfillCursor>;

const SAMPLE_SIZE = 10;

/** Per label: orders that would gain / lose it; samples are the first few order ids. */
export const DryRunReport = z.record(
  z.string(),
  z.object({
    gained: z.number().int().nonnegative(),
    lost: z.number().int().nonnegative(),
    sampleGained: z.array(z.string()),
    sampleLost: z.array(z.string()),
  }),
);
export type DryRunReport = z.infer<typeof DryRunReport>;

export interface BackfillRequest {
  mode: 'dryRun' | 'apply';
  /** KST dates, inclusive. */
  from: string;
  to: string;
  flowIds: string[];
  draft?: Omit<FlowInput, 'id' | 'version'>;
}

/** The request names flows the mall does not have, or the draft does not compile. */
export class BackfillRequestError extends Error {
  readonly kind = 'user' as const;
  constructor(
    readonly code: 'unknown_flows' | 'invalid_flows' | 'not_found' | 'invalid_state',
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BackfillRequestError';
  }
}

/** The flows a job runs: the draft, the chosen saved flows, or every enabled one. */
async function selectFlows(ctx: PipelineContext, mallId: string, options: BackfillOptions): Promise<Flow[]> {
  if (options.draft !== undefined) {
    return [Flow.parse({ ...options.draft, id: 'draft', version: 1, enabled: true })];
  }
  const stored = await ctx.store.flows.list(mallId);
  if (options.flowIds.length === 0)
    return stored.filter((entry) => entry.flow.enabled).map((entry) => entry.flow);
  const known = new Set(stored.map((entry) => entry.flowId));
  const unknown = options.flowIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new BackfillRequestError('unknown_flows', `unknown flows: ${unknown.join(', ')}`, {
      flowIds: unknown,
    });
  }
  // Chosen explicitly: run them even while disabled (that is what a preview before enabling is for).
  return stored
    .filter((entry) => options.flowIds.includes(entry.flowId))
    .map((entry) => ({ ...entry.flow, enabled: true }));
}

/**
 * Compiles the selection for evaluation with trigger `manual`. Every flow listens to it here: a
 * dry-run shows what a flow decides for each order whatever events it is set to react to.
 */
function compileSelection(ctx: PipelineContext, flows: Flow[]): CompiledFlowSet {
  const listening = flows.map((flow) => ({
    ...flow,
    triggers: [...new Set([...flow.triggers, 'manual' as const])],
  }));
  try {
    return compileFlows(listening, { maxLabelLength: ctx.config.maxLabelLength });
  } catch (cause) {
    const issues = (cause as { issues?: unknown }).issues;
    throw new BackfillRequestError('invalid_flows', 'the flows do not compile', issues, { cause });
  }
}

/**
 * Records a backfill or dry-run and queues it. Flows and the draft are checked now, so a bad
 * request is refused before any work. Returns the job as stored.
 */
export async function startBackfill(
  ctx: PipelineContext,
  mallId: string,
  request: BackfillRequest,
): Promise<BackfillJob> {
  const options = BackfillOptions.parse({ flowIds: request.flowIds, draft: request.draft });
  compileSelection(ctx, await selectFlows(ctx, mallId, options));
  const kind = request.mode === 'apply' ? 'backfill' : 'dryRun';
  const jobId = `${kind}-${randomUUID()}`;
  const job = await ctx.store.backfillJobs.create(mallId, {
    jobId,
    kind,
    fromDate: request.from,
    toDate: request.to,
    total: null,
    options,
    now: ctx.now(),
  });
  await ctx.queue.enqueue(BACKFILL_QUEUE, { mallId, jobId }, { singletonKey: `${mallId}:${jobId}` });
  return job;
}

/** Pauses a running job; it stops after the page in hand. `invalid_state` unless running. */
export async function pauseBackfill(
  ctx: PipelineContext,
  mallId: string,
  jobId: string,
): Promise<BackfillJob> {
  await requireJob(ctx, mallId, jobId);
  if (!(await ctx.store.backfillJobs.setPaused(mallId, jobId, true, ctx.now()))) {
    throw new BackfillRequestError('invalid_state', 'only a running job can be paused');
  }
  return requireJob(ctx, mallId, jobId);
}

/** Resumes a paused job from its cursor. `invalid_state` unless paused. */
export async function resumeBackfill(
  ctx: PipelineContext,
  mallId: string,
  jobId: string,
): Promise<BackfillJob> {
  await requireJob(ctx, mallId, jobId);
  if (!(await ctx.store.backfillJobs.setPaused(mallId, jobId, false, ctx.now()))) {
    throw new BackfillRequestError('invalid_state', 'only a paused job can be resumed');
  }
  await ctx.queue.enqueue(BACKFILL_QUEUE, { mallId, jobId }, { singletonKey: `${mallId}:${jobId}` });
  return requireJob(ctx, mallId, jobId);
}

async function requireJob(ctx: PipelineContext, mallId: string, jobId: string): Promise<BackfillJob> {
  const job = await ctx.store.backfillJobs.get(mallId, jobId);
  if (job === null || job.kind === 'import')
    throw new BackfillRequestError('not_found', `no backfill ${jobId}`);
  return job;
}

/** The range's orders page by page (as order-pages' ordersInRange, with the job's page size). */
async function* orderPages(
  ctx: PipelineContext,
  client: Cafe24Client,
  job: BackfillJob,
  pageSize: number,
): AsyncGenerator<Order[]> {
  for (const window of splitIntoWindows(job.fromDate, job.toDate)) {
    for await (const page of orderPagesInWindow(client, { ...window, dateType: 'order_date', pageSize })) {
      const orders: Order[] = [];
      for (const raw of page) {
        try {
          orders.push(mapCafe24Order(raw));
        } catch (error) {
          if (!(error instanceof OrderMappingError)) throw error;
          ctx.logger.warn(
            { mallId: client.mallId, jobId: job.jobId, orderId: error.orderId },
            'backfill: unreadable order skipped',
          );
        }
      }
      yield orders;
    }
  }
}

const OrderCount = z.object({ count: z.number().int().nonnegative() });

/**
 * How many orders the range holds (`GET /orders/count` per < 3-month window), for the progress bar.
 * Belongs with the other order resources in cafe24/resources/orders.ts; kept here until it moves.
 */
async function countOrders(client: Cafe24Client, job: BackfillJob): Promise<number> {
  let total = 0;
  for (const window of splitIntoWindows(job.fromDate, job.toDate)) {
    const { count } = await client.get(
      '/api/v2/admin/orders/count',
      { start_date: window.startDate, end_date: window.endDate, date_type: 'order_date' },
      OrderCount,
    );
    total += count;
  }
  return total;
}

/** Per-order work of one page: a dry-run evaluates and tallies, a backfill enqueues order events. */
type PageWork = (orders: Order[]) => Promise<void>;

function dryRunWork(
  ctx: PipelineContext,
  mallId: string,
  compiled: CompiledFlowSet,
  settings: EnrichSettings,
  report: DryRunReport,
): PageWork {
  const tally = (label: string, change: 'gained' | 'lost', orderId: string) => {
    const entry = (report[label] ??= { gained: 0, lost: 0, sampleGained: [], sampleLost: [] });
    entry[change] += 1;
    const sample = change === 'gained' ? entry.sampleGained : entry.sampleLost;
    if (sample.length < SAMPLE_SIZE) sample.push(orderId);
  };
  return async (orders) => {
    for (const delta of await dryRunOrders(ctx, mallId, compiled, orders, settings)) {
      for (const label of delta.gained) tally(label, 'gained', delta.orderId);
      for (const label of delta.lost) tally(label, 'lost', delta.orderId);
    }
  };
}

/**
 * A backfill re-evaluates each order through the live pipeline (order-event jobs, trigger `manual`),
 * so labels, ownership, runs and the ledger are written exactly as for a live event. That pipeline
 * evaluates all of the mall's enabled flows: `flowIds` narrow dry-runs only.
 */
function applyWork(ctx: PipelineContext, mallId: string, jobId: string): PageWork {
  return async (orders) => {
    const receivedAt = ctx.now();
    await ctx.queue.enqueueMany(
      orders.map((order) => {
        const payload: OrderEventJob = {
          mallId,
          orderId: order.orderId,
          trigger: 'manual',
          source: 'backfill',
          receivedAt,
        };
        return {
          name: ORDER_EVENTS_QUEUE,
          payload,
          options: { singletonKey: orderEventSingletonKey(payload, `backfill:${jobId}`) },
        };
      }),
    );
  };
}

/**
 * Walks the job's date range (Cafe24 paging through the rate-limited client), doing each page's work
 * and saving the cursor, the count and the report after it. Stops quietly when the job was paused
 * (or is no longer running) — the page in hand is then not counted and is done again on resume,
 * which skips the orders before the cursor. A dry-run writes only its own progress row.
 */
export async function runBackfill(
  ctx: PipelineContext,
  payload: BackfillJobPayload,
): Promise<'done' | 'stopped'> {
  const { store } = ctx;
  const { mallId, jobId } = payload;
  const job = await store.backfillJobs.get(mallId, jobId);
  if (job === null || job.status !== 'running' || job.kind === 'import') return 'stopped';
  try {
    const options = BackfillOptions.parse(job.options);
    const report = DryRunReport.parse(job.report ?? {});
    let work: PageWork;
    if (job.kind === 'dryRun') {
      const compiled = compileSelection(ctx, await selectFlows(ctx, mallId, options));
      work = dryRunWork(ctx, mallId, compiled, await enrichSettingsOf(ctx, mallId), report);
    } else {
      work = applyWork(ctx, mallId, jobId);
    }
    const client = ctx.cafe24.client(mallId);
    if (job.total === null) {
      const total = await countOrders(client, job);
      const still = await store.backfillJobs.progress(mallId, jobId, {
        cursor: job.cursor,
        processed: job.processed,
        total,
        now: ctx.now(),
      });
      if (!still) return 'stopped';
    }
    const skip = job.cursor === null ? 0 : BackfillCursor.parse(JSON.parse(job.cursor)).done;
    let processed = job.processed;
    let seen = 0;
    const pages = orderPages(ctx, client, job, options.pageSize);
    for await (const page of pages) {
      const fresh = page.slice(Math.max(0, Math.min(page.length, skip - seen)));
      seen += page.length;
      if (fresh.length === 0) continue;
      await work(fresh);
      processed += fresh.length;
      const cursor = JSON.stringify({ done: seen } satisfies BackfillCursor);
      const still = await store.backfillJobs.progress(mallId, jobId, {
        cursor,
        processed,
        report,
        now: ctx.now(),
      });
      if (!still) return 'stopped';
    }
    await store.backfillJobs.progress(mallId, jobId, {
      cursor: null,
      processed,
      total: processed,
      report,
      now: ctx.now(),
    });
    await store.backfillJobs.finish(mallId, jobId, { status: 'done', now: ctx.now() });
    ctx.logger.info({ mallId, jobId, processed }, 'backfill finished');
    return 'done';
  } catch (error) {
    const operational = (error as { kind?: unknown }).kind === 'operational';
    if (!operational) {
      const message = error instanceof Error ? error.message : String(error);
      await store.backfillJobs.finish(mallId, jobId, { status: 'failed', error: message, now: ctx.now() });
    }
    throw error;
  }
}

/**
 * Registers the worker of the backfill queue (one job at a time, long lease: a job walks a whole
 * range). The lead calls `await registerBackfillWorker(ctx)` in startWorker.
 */
export async function registerBackfillWorker(ctx: PipelineContext): Promise<void> {
  await ctx.queue.work(BACKFILL_QUEUE, { batchSize: 1, leaseMs: 300_000 }, async (jobs: Job[]) => {
    const results: JobResult[] = [];
    for (const job of jobs) {
      const parsed = BackfillJobPayload.safeParse(job.payload);
      if (!parsed.success) {
        results.push({
          jobId: job.id,
          ok: false,
          error: new BackfillRequestError('invalid_state', parsed.error.message),
        });
        continue;
      }
      try {
        await runBackfill(ctx, parsed.data);
        results.push({ jobId: job.id, ok: true });
      } catch (error) {
        results.push({ jobId: job.id, ok: false, error });
      }
    }
    return results;
  });
}
