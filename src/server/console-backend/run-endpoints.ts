import { z } from 'zod';
import { Action } from '../../engine/flow-schema.js';
import { DecisionTrace, type DecisionAction } from '../../engine/decision.js';
import { factsOfOrders } from '../../pipeline/gather-facts.js';
import type { RunSummaryRecord } from '../../store/repositories/runs-repository.js';
import type {
  ActionOutcome,
  DashboardPoint,
  DashboardResponse,
  FailedJob,
  RunOutcome,
  RunSummary,
  TimelineStep,
} from '../api-contract.js';
import type { ConsoleBackend } from '../console-backend.js';
import {
  DAY_MS,
  isoKst,
  kstDateStart,
  kstDayStart,
  notFound,
  percentile,
  type BackendDeps,
} from './shared.js';

type RunEndpoints = Pick<
  ConsoleBackend,
  'getDashboard' | 'listRuns' | 'getRun' | 'listFailedJobs' | 'retryJob'
>;

/** Runs a dashboard aggregates at most (the period's newest). */
const DASHBOARD_RUNS = 5000;
/** Dead-lettered jobs scanned for the mall's own. */
const FAILED_JOBS_SCANNED = 500;
const BUCKET_SIZE = 40;
const STALE_AFTER_MS = 6 * 3_600_000;

/** The parts of a stored run the console reads; anything else is ignored. */
const StoredLabels = z.object({ type: z.literal('labels'), added: z.array(z.string()).default([]) });
const StoredDecision = z
  .object({
    labels: z.array(z.string()).default([]),
    actions: z.array(z.record(z.string(), z.unknown())).default([]),
    source: z.string().optional(),
  })
  .catch({ labels: [], actions: [] });

const labelsAdded = (run: RunSummaryRecord): string[] =>
  run.actions.flatMap((action) => {
    const parsed = StoredLabels.safeParse(action);
    return parsed.success ? parsed.data.added : [];
  });

export function runOutcome(run: RunSummaryRecord): RunOutcome {
  const failed = run.actions.filter((action) => action.outcome === 'failed').length;
  if (failed > 0) return failed === run.actions.length ? 'failed' : 'partial';
  return StoredDecision.parse(run.decision).labels.length > 0 ? 'labelled' : 'noMatch';
}

const durationOf = (run: RunSummaryRecord): number =>
  Math.max(0, run.timings.total ?? run.finishedAt - run.startedAt);

/** Keyset cursor of the run list: `startedAt:runId`, base64url. */
const encodeCursor = (run: RunSummaryRecord): string =>
  Buffer.from(`${run.startedAt}:${run.runId}`).toString('base64url');
function decodeCursor(cursor: string): { startedAt: number; runId: string } | undefined {
  const text = Buffer.from(cursor, 'base64url').toString();
  const split = text.indexOf(':');
  const startedAt = Number(text.slice(0, split));
  return split > 0 && Number.isFinite(startedAt) ? { startedAt, runId: text.slice(split + 1) } : undefined;
}

export function runEndpoints(deps: BackendDeps): RunEndpoints {
  const { store } = deps.ctx;
  const ownFailedJobs = async (mallId: string) =>
    (await deps.ctx.queue.failed(FAILED_JOBS_SCANNED)).filter((job) => job.payload.mallId === mallId);

  const summary = (run: RunSummaryRecord, names: Map<string, string>): RunSummary => ({
    id: run.runId,
    orderId: run.orderId,
    at: isoKst(run.startedAt),
    trigger: run.trigger,
    outcome: runOutcome(run),
    labels: StoredDecision.parse(run.decision).labels,
    flows: run.flowVersions.map((entry) => ({
      id: entry.flowId,
      name: names.get(entry.flowId) ?? entry.flowId,
      version: entry.version,
    })),
    durationMs: durationOf(run),
  });
  const flowNames = async (mallId: string) =>
    new Map((await store.flows.list(mallId)).map((entry) => [entry.flowId, entry.flow.name]));

  return {
    async getDashboard(actor, query): Promise<DashboardResponse> {
      const now = deps.ctx.now();
      const today = kstDayStart(now);
      const hourly = query.days === 1;
      const since = today - (query.days - 1) * DAY_MS;
      const [runs, failedJobs, inbox] = await Promise.all([
        store.runs.search(actor.mallId, { from: since, limit: DASHBOARD_RUNS }),
        ownFailedJobs(actor.mallId),
        store.webhookInbox.activity(actor.mallId, today),
      ]);
      const labelCounts = new Map<string, number>();
      const todayOrders = new Set<string>();
      const todayLabelled = new Set<string>();
      let labelsToday = 0;
      let caught = 0;
      const bucketMs = hourly ? 3_600_000 : DAY_MS;
      const buckets = hourly ? 24 : query.days;
      const points = Array.from({ length: buckets }, (_, index) => ({
        at: since + index * bucketMs,
        processed: 0,
        labelled: 0,
        failed: 0,
        latencies: [] as number[],
      }));
      for (const run of runs) {
        const added = labelsAdded(run);
        for (const label of added) labelCounts.set(label, (labelCounts.get(label) ?? 0) + 1);
        if (StoredDecision.parse(run.decision).source === 'reconcile') caught += 1;
        if (run.startedAt >= today) {
          todayOrders.add(run.orderId);
          if (added.length > 0) todayLabelled.add(run.orderId);
          labelsToday += added.length;
        }
        const point = points[Math.floor((run.startedAt - since) / bucketMs)];
        if (point === undefined) continue;
        point.processed += 1;
        if (added.length > 0) point.labelled += 1;
        if (runOutcome(run) === 'failed' || runOutcome(run) === 'partial') point.failed += 1;
        point.latencies.push(durationOf(run));
      }
      const latencies = runs.map(durationOf).sort((a, b) => a - b);
      const cafe24 = deps.ctx.cafe24.metrics.snapshotOf(actor.mallId);
      const series: DashboardPoint[] = points.map((point) => ({
        at: isoKst(point.at),
        processed: point.processed,
        labelled: point.labelled,
        failed: point.failed,
        p95Ms: percentile(
          point.latencies.sort((a, b) => a - b),
          0.95,
        ),
      }));
      const lastEventAt = inbox.lastReceivedAt;
      return {
        days: query.days,
        today: {
          ordersProcessed: todayOrders.size,
          ordersLabelled: todayLabelled.size,
          labelsApplied: labelsToday,
        },
        labels: [...labelCounts]
          .map(([label, count]) => ({ label, count }))
          .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
        latency: { p50Ms: percentile(latencies, 0.5), p95Ms: percentile(latencies, 0.95) },
        failures: {
          failedRuns: runs.filter((run) => runOutcome(run) === 'failed' || runOutcome(run) === 'partial')
            .length,
          deadLetterJobs: failedJobs.length,
        },
        // The mall's shared bucket (every process); call counters are per process since its start.
        apiBudget: {
          bucketUsed: Math.min(BUCKET_SIZE, await deps.ctx.cafe24.bucketLevel(actor.mallId)),
          bucketSize: BUCKET_SIZE,
          callsToday: cafe24.calls,
          throttledToday: cafe24.throttled,
        },
        webhooks: {
          status: lastEventAt === null ? 'never' : now - lastEventAt > STALE_AFTER_MS ? 'stale' : 'healthy',
          lastEventAt: lastEventAt === null ? null : isoKst(lastEventAt),
          eventsToday: inbox.receivedSince,
          caughtByReconciliation: caught,
        },
        series: { granularity: hourly ? 'hour' : 'day', points: series },
      };
    },

    async listRuns(actor, query) {
      const before = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      const found = await store.runs.search(actor.mallId, {
        ...(query.orderId === undefined ? {} : { orderId: query.orderId }),
        ...(query.label === undefined ? {} : { label: query.label }),
        ...(query.flowId === undefined ? {} : { flowId: query.flowId }),
        ...(query.from === undefined ? {} : { from: kstDateStart(query.from) }),
        ...(query.to === undefined ? {} : { to: kstDateStart(query.to) + DAY_MS - 1 }),
        ...(before === undefined ? {} : { before }),
        limit: query.limit + 1,
      });
      const page = found.slice(0, query.limit);
      const last = page[page.length - 1];
      const names = await flowNames(actor.mallId);
      // The outcome is derived, so it filters the page (a page may hold fewer than `limit`).
      const runs = page
        .map((run) => summary(run, names))
        .filter((run) => query.outcome === undefined || run.outcome === query.outcome);
      return {
        runs,
        nextCursor: found.length > query.limit && last !== undefined ? encodeCursor(last) : null,
      };
    },

    async getRun(actor, runId) {
      const run = await store.runs.get(actor.mallId, runId);
      if (run === null) throw notFound(`Run ${runId}`);
      // Runs keep the trace, not the facts: they are gathered again from the stored order.
      const order = await store.orders.get(actor.mallId, run.orderId);
      if (order === null) throw notFound(`Order ${run.orderId}`);
      const [facts] = await factsOfOrders(deps.ctx, actor.mallId, [order]);
      if (facts === undefined) throw notFound(`Order ${run.orderId}`);
      const trace = DecisionTrace.safeParse(run.trace);
      const decision = StoredDecision.parse(run.decision);
      const added = new Set(labelsAdded(run));
      const at = isoKst(run.timings.labelledAt ?? run.finishedAt);
      const actions: ActionOutcome[] = [];
      for (const raw of decision.actions) {
        const { flowId, ruleId, text: _text, ...rest } = raw as DecisionAction & Record<string, unknown>;
        const action = Action.safeParse(rest);
        if (!action.success) continue;
        const base = { action: action.data, flowId: String(flowId), ruleId: String(ruleId) };
        if (action.data.type === 'addLabel' || action.data.type === 'removeLabel') {
          const labelsAction = run.actions.find((entry) => entry.type === 'labels');
          const outcome =
            labelsAction?.outcome === 'failed'
              ? 'failed'
              : added.has(action.data.label)
                ? 'applied'
                : 'unchanged';
          actions.push({ ...base, outcome, detail: null, at });
          continue;
        }
        const recorded = run.actions.find(
          (entry) => entry.type === action.data.type && entry.flowId === flowId && entry.ruleId === ruleId,
        );
        actions.push({
          ...base,
          outcome: recorded?.outcome ?? 'pending',
          detail: recorded?.error ?? null,
          at: recorded === undefined ? null : isoKst(run.finishedAt),
        });
      }
      const timeline: TimelineStep[] = [{ step: 'received', at: isoKst(run.startedAt), detail: run.trigger }];
      if (run.timings.evaluatedAt !== undefined) {
        timeline.push({ step: 'evaluated', at: isoKst(run.timings.evaluatedAt), detail: null });
      }
      if (run.timings.labelledAt !== undefined) {
        timeline.push({
          step: 'labelled',
          at: isoKst(run.timings.labelledAt),
          detail: [...added].join(', ') || null,
        });
      }
      const failure = run.actions.find((entry) => entry.outcome === 'failed');
      if (failure !== undefined) {
        timeline.push({ step: 'failed', at: isoKst(run.finishedAt), detail: failure.error ?? failure.type });
      }
      return {
        run: summary(run, await flowNames(actor.mallId)),
        facts,
        trace: trace.success ? trace.data.flows : [],
        actions,
        timeline,
      };
    },

    async listFailedJobs(actor) {
      const jobs: FailedJob[] = (await ownFailedJobs(actor.mallId)).map((job) => ({
        id: job.id,
        kind: job.name,
        orderId: typeof job.payload.orderId === 'string' ? job.payload.orderId : null,
        attempts: job.attempts,
        errorCode: job.error?.code ?? 'unknown',
        errorMessage: job.error?.message ?? '',
        failedAt: isoKst(job.failedAt.getTime()),
        deadLetter: true,
      }));
      return { jobs };
    },

    async retryJob(actor, jobId) {
      // The queue is shared by all malls: only the mall's own dead-lettered jobs may be retried.
      if (!(await ownFailedJobs(actor.mallId)).some((job) => job.id === jobId))
        throw notFound(`Job ${jobId}`);
      const outcome = await deps.ctx.queue.retry(jobId);
      if (!outcome.ok) throw notFound(`Job ${jobId}`);
      return { ok: true };
    },
  };
}
