import type { z } from 'zod';
import type { Job, JobResult } from '../queue/job-queue.js';
import { deleteMallData, purgePersonalData } from '../store/retention.js';
import {
  listInstalledMalls,
  listMallsDueForDeletion,
  listMallsWithRefreshExpiringBefore,
} from '../store/maintenance-queries.js';
import { registerBackfillWorker } from './backfill.js';
import { destroyPreregistrationsIfDue } from './destroy-preregistrations.js';
import { IMPORT_QUEUE, ImportJob, importOrders } from './import-orders.js';
import { NOTIFICATION_QUEUE, NotificationJob } from './notification-job.js';
import { ORDER_EVENTS_QUEUE, OrderEventJob } from './order-event-job.js';
import type { PipelineContext } from './pipeline-context.js';
import { processOrderEvents } from './process-order-events.js';
import { RECONCILE_QUEUE, ReconcileJob, reconcileMall } from './reconcile-mall.js';
import { sendNotificationJob } from './send-notification.js';
import { CATALOGUE_QUEUE, CatalogueJob, syncCatalogue } from './sync-catalogue.js';

const DAY_MS = 86_400_000;
const MAINTENANCE_QUEUE = 'maintenance';

/** A payload that does not fit its schema is a user error: dead-lettered, never retried. */
class InvalidPayloadError extends Error {
  readonly kind = 'user';
  readonly code = 'INVALID_JOB_PAYLOAD';
}

function parsePayload<T>(schema: z.ZodType<T>, job: Job): T {
  const parsed = schema.safeParse(job.payload);
  if (!parsed.success) throw new InvalidPayloadError(`job ${job.id} (${job.name}): ${parsed.error.message}`);
  return parsed.data;
}

/** One job at a time through `run`; its failure fails only that job. */
const eachJob =
  <T>(schema: z.ZodType<T>, run: (payload: T) => Promise<unknown>) =>
  async (jobs: Job[]): Promise<JobResult[]> => {
    const results: JobResult[] = [];
    for (const job of jobs) {
      try {
        await run(parsePayload(schema, job));
        results.push({ jobId: job.id, ok: true });
      } catch (error) {
        results.push({ jobId: job.id, ok: false, error });
      }
    }
    return results;
  };

export interface Worker {
  stop(): Promise<void>;
}

/**
 * The worker role: handlers for every pipeline queue, and the schedules (reconciliation per mall,
 * token refresh for quiet malls, personal-data purge, deletion of uninstalled malls). Several
 * workers may run against one PostgreSQL database: the queue hands each job to one of them and the
 * schedules enqueue singleton jobs, so they never double up.
 */
export async function startWorker(ctx: PipelineContext): Promise<Worker> {
  const { queue, config } = ctx;
  const leaseMs = config.jobLeaseSeconds * 1000;
  await queue.work(
    ORDER_EVENTS_QUEUE,
    {
      batchSize: config.batchMaxOrders,
      pollIntervalMs: Math.max(10, config.batchWindowMs),
      concurrency: 2,
      leaseMs,
    },
    async (jobs) => {
      const parsed: { job: Job; payload: OrderEventJob }[] = [];
      const results: JobResult[] = [];
      for (const job of jobs) {
        try {
          parsed.push({ job, payload: parsePayload(OrderEventJob, job) });
        } catch (error) {
          results.push({ jobId: job.id, ok: false, error });
        }
      }
      const outcome = await processOrderEvents(
        ctx,
        parsed.map((entry) => entry.payload),
      );
      for (const { job, payload } of parsed) {
        const result = outcome.get(payload) ?? true;
        results.push(
          result === true ? { jobId: job.id, ok: true } : { jobId: job.id, ok: false, error: result },
        );
      }
      return results;
    },
  );
  await queue.work(
    CATALOGUE_QUEUE,
    { batchSize: 5, leaseMs },
    eachJob(CatalogueJob, (job) => syncCatalogue(ctx, job)),
  );
  await queue.work(
    IMPORT_QUEUE,
    { batchSize: 1, leaseMs: 300_000 },
    eachJob(ImportJob, (job) => importOrders(ctx, job)),
  );
  await queue.work(
    RECONCILE_QUEUE,
    { batchSize: 5, leaseMs },
    eachJob(ReconcileJob, (job) => reconcileMall(ctx, job.mallId)),
  );
  await queue.work(
    NOTIFICATION_QUEUE,
    { batchSize: 10, leaseMs },
    eachJob(NotificationJob, (job) => sendNotificationJob(ctx, job)),
  );
  await registerBackfillWorker(ctx);
  await queue.work(MAINTENANCE_QUEUE, { batchSize: 1, leaseMs: 300_000 }, async () => {
    await runMaintenance(ctx);
  });

  const schedule = async () => {
    try {
      const slot = Math.floor(ctx.now() / (config.reconcileMinutes * 60_000));
      const malls = await listInstalledMalls(ctx.store);
      await queue.enqueueMany(
        malls.map((mallId) => ({
          name: RECONCILE_QUEUE,
          payload: { mallId },
          options: { singletonKey: `${mallId}:${slot}` },
        })),
      );
      const hour = Math.floor(ctx.now() / 3600_000);
      await queue.enqueue(MAINTENANCE_QUEUE, {}, { singletonKey: `maintenance:${hour}` });
    } catch (error) {
      ctx.logger.error({ err: error }, 'scheduling failed');
    }
  };
  await schedule();
  const timer = setInterval(() => void schedule(), Math.min(60_000, config.reconcileMinutes * 60_000));
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
    },
  };
}

/**
 * Hourly: refresh tokens of quiet malls (well before the 14-day refresh-token expiry), purge
 * personal data past retention (개인정보 파기), delete the data of malls uninstalled past the grace
 * period, and drop old completed jobs.
 */
export async function runMaintenance(ctx: PipelineContext): Promise<void> {
  const now = ctx.now();
  const expiring = await listMallsWithRefreshExpiringBefore(ctx.store, now + 7 * DAY_MS);
  if (expiring.length > 0) {
    const report = await ctx.cafe24.tokens.refreshQuietMalls(expiring, 0);
    ctx.logger.info(
      { refreshed: report.refreshed.length, reconnect: report.reconnectNeeded.length },
      'token refresh',
    );
  }
  await purgePersonalData(ctx.store, { now });
  for (const mallId of await listMallsDueForDeletion(ctx.store, now)) {
    await deleteMallData(ctx.store, mallId, { now });
  }
  if (ctx.config.preregistrationEnds) {
    await destroyPreregistrationsIfDue(ctx.store, {
      purposeEndsAt: Date.parse(`${ctx.config.preregistrationEnds}T00:00:00+09:00`),
      now,
    });
  }
  await ctx.store.nonces.deleteExpired(now);
  await ctx.queue.purgeCompleted(new Date(now - DAY_MS));
}
