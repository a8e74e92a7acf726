import { sql } from 'kysely';
import type { RunsTable } from '../database-schema.js';
import { z } from 'zod';
import { fromFlag, fromJson, toFlag, toJson, type StoreContext } from '../store-context.js';

/** One action of a run and what became of it. Other fields of the action are kept as given. */
export const RunAction = z.looseObject({
  type: z.string(),
  outcome: z.enum(['pending', 'applied', 'skipped', 'failed']),
  error: z.string().optional(),
});
export type RunAction = z.infer<typeof RunAction>;

/** The record of one evaluation of one order (실행 기록). */
export const RunRecord = z.object({
  runId: z.string().min(1),
  orderId: z.string().min(1),
  trigger: z.string(),
  startedAt: z.number(),
  finishedAt: z.number(),
  flowVersions: z.array(z.object({ flowId: z.string(), version: z.number().int() })),
  /** The engine's Decision as JSON. */
  decision: z.unknown(),
  /** Per-condition results with the fact values seen; masked by retention. */
  trace: z.unknown(),
  actions: z.array(RunAction),
  /** Phase → milliseconds (fetch, enrich, evaluate, apply …). */
  timings: z.record(z.string(), z.number()),
  /** True once retention replaced personal values in decision and trace. */
  masked: z.boolean().default(false),
});
export type RunRecord = z.infer<typeof RunRecord>;
export type RunRecordInput = z.input<typeof RunRecord>;

type RunRow = Omit<RunsTable, 'mall_id'>;

const toRun = (row: RunRow): RunRecord => ({
  runId: row.run_id,
  orderId: row.order_id,
  trigger: row.trigger,
  startedAt: Number(row.started_at),
  finishedAt: Number(row.finished_at),
  flowVersions: fromJson(row.flow_versions),
  decision: fromJson(row.decision),
  trace: fromJson(row.trace),
  actions: fromJson(row.actions),
  timings: fromJson(row.timings),
  masked: fromFlag(row.masked),
});

const runColumns = [
  'run_id',
  'order_id',
  'trigger',
  'started_at',
  'finished_at',
  'flow_versions',
  'decision',
  'trace',
  'actions',
  'timings',
  'masked',
] as const;

/** A run without its trace: what lists, searches and dashboard aggregates read. */
export type RunSummaryRecord = Omit<RunRecord, 'trace'>;

/** Filters of a run search; every one optional. Text filters match inside the stored JSON. */
export interface RunSearch {
  orderId?: string;
  /** A label the decision names (added or removed). */
  label?: string;
  flowId?: string;
  /** Started at or after / at or before (epoch ms). */
  from?: number;
  to?: number;
  /** Keyset page: runs strictly older than this (started_at, run_id). */
  before?: { startedAt: number; runId: string };
  limit: number;
}

/** `like` pattern matching a JSON string value exactly; `%`, `_` and `\` in it are escaped. */
const jsonStringPattern = (value: string): string =>
  `%${JSON.stringify(value).replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/** Runs: the audit record of every evaluation. Run ids are unique per mall (idempotent effects). */
export function createRunsRepository(ctx: StoreContext) {
  return {
    /** Stores a run; a second run with the same id is a `conflict` StoreError. */
    async insert(mallId: string, input: RunRecordInput): Promise<void> {
      const run = RunRecord.parse(input);
      await ctx.db
        .insertInto('runs')
        .values({
          mall_id: mallId,
          run_id: run.runId,
          order_id: run.orderId,
          trigger: run.trigger,
          started_at: run.startedAt,
          finished_at: run.finishedAt,
          flow_versions: toJson(run.flowVersions),
          decision: toJson(run.decision ?? null),
          trace: toJson(run.trace ?? null),
          actions: toJson(run.actions),
          timings: toJson(run.timings),
          masked: toFlag(run.masked),
        })
        .execute();
    },

    /** One run, or null. */
    async get(mallId: string, runId: string): Promise<RunRecord | null> {
      const row = await ctx.db
        .selectFrom('runs')
        .select(runColumns)
        .where('mall_id', '=', mallId)
        .where('run_id', '=', runId)
        .executeTakeFirst();
      return row === undefined ? null : toRun(row);
    },

    /** Runs of one order, newest first. */
    async listForOrder(mallId: string, orderId: string): Promise<RunRecord[]> {
      const rows = await ctx.db
        .selectFrom('runs')
        .select(runColumns)
        .where('mall_id', '=', mallId)
        .where('order_id', '=', orderId)
        .orderBy('started_at', 'desc')
        .orderBy('run_id', 'desc')
        .execute();
      return rows.map(toRun);
    },

    /** The mall's latest runs, newest first; `before` pages by start time (exclusive). */
    async listRecent(mallId: string, page: { limit: number; before?: number }): Promise<RunRecord[]> {
      let query = ctx.db.selectFrom('runs').select(runColumns).where('mall_id', '=', mallId);
      if (page.before !== undefined) query = query.where('started_at', '<', page.before);
      const rows = await query
        .orderBy('started_at', 'desc')
        .orderBy('run_id', 'desc')
        .limit(page.limit)
        .execute();
      return rows.map(toRun);
    },

    /**
     * Runs matching the filters, newest first, without traces; bounded by `limit` and served by the
     * (mall_id, started_at) and (mall_id, order_id) indexes.
     */
    async search(mallId: string, filter: RunSearch): Promise<RunSummaryRecord[]> {
      let query = ctx.db
        .selectFrom('runs')
        .select(runColumns.filter((column) => column !== 'trace'))
        .where('mall_id', '=', mallId);
      if (filter.orderId !== undefined) query = query.where('order_id', '=', filter.orderId);
      if (filter.from !== undefined) query = query.where('started_at', '>=', filter.from);
      if (filter.to !== undefined) query = query.where('started_at', '<=', filter.to);
      if (filter.label !== undefined) {
        query = query.where(sql<boolean>`decision like ${jsonStringPattern(filter.label)} escape '\\'`);
      }
      if (filter.flowId !== undefined) {
        query = query.where(sql<boolean>`flow_versions like ${jsonStringPattern(filter.flowId)} escape '\\'`);
      }
      if (filter.before !== undefined) {
        const { startedAt, runId } = filter.before;
        query = query.where((eb) =>
          eb.or([
            eb('started_at', '<', startedAt),
            eb.and([eb('started_at', '=', startedAt), eb('run_id', '<', runId)]),
          ]),
        );
      }
      const rows = await query
        .orderBy('started_at', 'desc')
        .orderBy('run_id', 'desc')
        .limit(filter.limit)
        .execute();
      return rows.map((row) => {
        const { trace: _trace, ...summary } = toRun({ ...row, trace: 'null' });
        return summary;
      });
    },

    /** Replaces a run's actions with their outcomes once applied; false when the run is unknown. */
    async setActions(mallId: string, runId: string, actions: readonly RunAction[]): Promise<boolean> {
      const parsed = z.array(RunAction).parse(actions);
      const result = await ctx.db
        .updateTable('runs')
        .set({ actions: toJson(parsed) })
        .where('mall_id', '=', mallId)
        .where('run_id', '=', runId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
export type RunsRepository = ReturnType<typeof createRunsRepository>;
