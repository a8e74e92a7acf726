import { z } from 'zod';
import type { BackfillJobsTable } from '../database-schema.js';
import { fromJson, toJson, type StoreContext } from '../store-context.js';

/** `paused`: stopped by a person between pages; resuming sets it `running` again. */
export const BackfillStatus = z.enum(['running', 'paused', 'done', 'failed', 'cancelled']);
export type BackfillStatus = z.infer<typeof BackfillStatus>;

/** import: past orders into the ledger; backfill: re-evaluate and apply; dryRun: evaluate and report only. */
export const BackfillKind = z.enum(['import', 'backfill', 'dryRun']);
export type BackfillKind = z.infer<typeof BackfillKind>;

/** Progress of one backfill (re-evaluating past orders of a date range). */
export const BackfillJob = z.object({
  jobId: z.string(),
  kind: BackfillKind,
  fromDate: z.string(),
  toDate: z.string(),
  status: BackfillStatus,
  /** Where to resume (opaque to the store). */
  cursor: z.string().nullable(),
  processed: z.number().int(),
  total: z.number().int().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  finishedAt: z.number().nullable(),
  error: z.string().nullable(),
  /** What the job was asked to do (opaque to the store). */
  options: z.unknown(),
  /** The report accumulated so far (opaque to the store). */
  report: z.unknown(),
});
export type BackfillJob = z.infer<typeof BackfillJob>;

type JobRow = Omit<BackfillJobsTable, 'mall_id'>;

const toJob = (row: JobRow): BackfillJob => ({
  jobId: row.job_id,
  kind: BackfillKind.parse(row.kind),
  fromDate: row.from_date,
  toDate: row.to_date,
  status: BackfillStatus.parse(row.status),
  cursor: row.cursor,
  processed: Number(row.processed),
  total: row.total === null ? null : Number(row.total),
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
  finishedAt: row.finished_at === null ? null : Number(row.finished_at),
  error: row.error,
  options: fromJson(row.options),
  report: fromJson(row.report),
});

/** Backfill jobs and their resumable progress. */
export function createBackfillJobsRepository(ctx: StoreContext) {
  return {
    /** Starts a job (kind `import` unless given); a second job with the same id is a `conflict` StoreError. */
    async create(
      mallId: string,
      job: {
        jobId: string;
        fromDate: string;
        toDate: string;
        total: number | null;
        now: number;
        kind?: BackfillKind;
        options?: unknown;
      },
    ): Promise<BackfillJob> {
      const row: JobRow = {
        job_id: job.jobId,
        from_date: job.fromDate,
        to_date: job.toDate,
        status: 'running',
        cursor: null,
        processed: 0,
        total: job.total,
        created_at: job.now,
        updated_at: job.now,
        finished_at: null,
        error: null,
        kind: BackfillKind.parse(job.kind ?? 'import'),
        options: toJson(job.options ?? {}),
        report: toJson({}),
      };
      await ctx.db
        .insertInto('backfill_jobs')
        .values({ mall_id: mallId, ...row })
        .execute();
      return toJob(row);
    },

    /** One job, or null. */
    async get(mallId: string, jobId: string): Promise<BackfillJob | null> {
      const row = await ctx.db
        .selectFrom('backfill_jobs')
        .selectAll()
        .where('mall_id', '=', mallId)
        .where('job_id', '=', jobId)
        .executeTakeFirst();
      return row === undefined ? null : toJob(row);
    },

    /**
     * Records progress of a running job (with the report so far, when given); false when it is
     * unknown or no longer running (paused or ended meanwhile).
     */
    async progress(
      mallId: string,
      jobId: string,
      step: {
        cursor: string | null;
        processed: number;
        total?: number | null;
        report?: unknown;
        now: number;
      },
    ): Promise<boolean> {
      const result = await ctx.db
        .updateTable('backfill_jobs')
        .set({
          cursor: step.cursor,
          processed: step.processed,
          updated_at: step.now,
          ...(step.total === undefined ? {} : { total: step.total }),
          ...(step.report === undefined ? {} : { report: toJson(step.report) }),
        })
        .where('mall_id', '=', mallId)
        .where('job_id', '=', jobId)
        .where('status', '=', 'running')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /**
     * Pauses a running job or resumes a paused one; false when the job is unknown or not in the
     * state the move starts from.
     */
    async setPaused(mallId: string, jobId: string, paused: boolean, now: number): Promise<boolean> {
      const result = await ctx.db
        .updateTable('backfill_jobs')
        .set({ status: paused ? 'paused' : 'running', updated_at: now })
        .where('mall_id', '=', mallId)
        .where('job_id', '=', jobId)
        .where('status', '=', paused ? 'running' : 'paused')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Ends a running job; false when it is unknown or already ended. */
    async finish(
      mallId: string,
      jobId: string,
      end: { status: Exclude<BackfillStatus, 'running'>; error?: string; now: number },
    ): Promise<boolean> {
      const result = await ctx.db
        .updateTable('backfill_jobs')
        .set({
          status: BackfillStatus.parse(end.status),
          error: end.error ?? null,
          finished_at: end.now,
          updated_at: end.now,
        })
        .where('mall_id', '=', mallId)
        .where('job_id', '=', jobId)
        .where('status', '=', 'running')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** The mall's jobs, newest first; `kinds` narrows to those kinds. */
    async list(mallId: string, limit: number, kinds?: readonly BackfillKind[]): Promise<BackfillJob[]> {
      let query = ctx.db.selectFrom('backfill_jobs').selectAll().where('mall_id', '=', mallId);
      if (kinds !== undefined) {
        if (kinds.length === 0) return [];
        query = query.where('kind', 'in', [...kinds]);
      }
      const rows = await query.orderBy('created_at', 'desc').orderBy('job_id').limit(limit).execute();
      return rows.map(toJob);
    },
  };
}
export type BackfillJobsRepository = ReturnType<typeof createBackfillJobsRepository>;
