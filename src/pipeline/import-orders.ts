import { z } from 'zod';
import { kstDate, ordersInRange } from './order-pages.js';
import type { PipelineContext } from './pipeline-context.js';

export const IMPORT_QUEUE = 'import-range';
export const ImportJob = z.object({
  mallId: z.string(),
  fromDate: z.string(),
  toDate: z.string(),
  /** The progress record (backfill_jobs) shown in the console. */
  progressId: z.string(),
});
export type ImportJob = z.infer<typeof ImportJob>;

/** The import started at install: the last `days` days (KST) into the customer ledger. */
export function installImportJob(mallId: string, now: number, days: number): ImportJob {
  return {
    mallId,
    fromDate: kstDate(now - days * 86_400_000),
    toDate: kstDate(now),
    progressId: `import-${kstDate(now)}`,
  };
}

/**
 * Imports past orders into the store and the customer ledger (history facts: first order, lifetime
 * amount, returns, bundling) without evaluating them, within the client's rate budget, recording
 * progress as it goes. Safe to repeat: saving an order is an upsert.
 */
export async function importOrders(ctx: PipelineContext, job: ImportJob): Promise<number> {
  const { store } = ctx;
  const existing = await store.backfillJobs.get(job.mallId, job.progressId);
  if (!existing) {
    await store.backfillJobs.create(job.mallId, {
      jobId: job.progressId,
      fromDate: job.fromDate,
      toDate: job.toDate,
      total: null,
      now: ctx.now(),
    });
  }
  let processed = 0;
  const client = ctx.cafe24.client(job.mallId);
  for await (const orders of ordersInRange(
    client,
    { from: job.fromDate, to: job.toDate, dateType: 'order_date' },
    (error) =>
      ctx.logger.warn({ mallId: job.mallId, orderId: error.orderId }, 'import: unreadable order skipped'),
  )) {
    await store.orders.saveMany(job.mallId, orders, ctx.now());
    processed += orders.length;
    await store.backfillJobs.progress(job.mallId, job.progressId, {
      cursor: null,
      processed,
      now: ctx.now(),
    });
  }
  await store.backfillJobs.finish(job.mallId, job.progressId, { status: 'done', now: ctx.now() });
  ctx.logger.info({ mallId: job.mallId, processed }, 'order import finished');
  return processed;
}
