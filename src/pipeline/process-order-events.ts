import { randomUUID } from 'node:crypto';
import { fetchOrdersByIds } from '../cafe24/resources/orders.js';
import { mapCafe24Order, OrderMappingError } from '../cafe24/order-mapping.js';
import { customerKeyOf } from '../domain/customer-key.js';
import type { Order } from '../domain/order.js';
import { Trigger } from '../engine/flow-schema.js';
import type { JobRequest, JobResult } from '../queue/job-queue.js';
import { EVERY_ORDER } from '../store/repositories/ledger-repository.js';
import type { RunRecord } from '../store/repositories/runs-repository.js';
import type { PipelineContext } from './pipeline-context.js';
import { ORDER_EVENTS_QUEUE, orderEventSingletonKey, type OrderEventJob } from './order-event-job.js';
import { applyOtherActions } from './apply-actions.js';
import { applyLabels } from './apply-labels.js';
import { grantsAfter, withdrawnGrants } from './bundle-grants.js';
import { factsOfOrders } from './gather-facts.js';
import { withMallLease, type MallLease } from './mall-lease.js';
import type { OrderEvaluation } from './order-evaluation.js';

/** A job whose order could not be read is a user error: retrying would not help. */
class UnreadableOrderError extends Error {
  readonly kind = 'user';
  readonly code = 'ORDER_UNREADABLE';
}

const sortByPlacement = (a: Order, b: Order) =>
  a.placedAt === b.placedAt
    ? a.orderId.localeCompare(b.orderId)
    : Date.parse(a.placedAt) - Date.parse(b.placedAt);

/**
 * Processes order-event jobs, batched per mall: one batched order fetch, one enrichment and one
 * evaluation per order, label writes coalesced across the batch, then memos, holds, gifts and
 * notifications, a Run per order and the inbox rows marked. Idempotent: label writes are diffs
 * against ownership, side effects carry dedupe keys, so a repeated job changes nothing.
 */
export async function processOrderEvents(
  ctx: PipelineContext,
  jobs: OrderEventJob[],
): Promise<Map<OrderEventJob, JobResult['ok'] | Error>> {
  const outcome = new Map<OrderEventJob, true | Error>();
  const byMall = new Map<string, OrderEventJob[]>();
  for (const job of jobs) byMall.set(job.mallId, [...(byMall.get(job.mallId) ?? []), job]);
  for (const [mallId, mallJobs] of byMall) {
    try {
      const failures = await withMallLease(ctx, mallId, (lease) =>
        processMallBatch(ctx, mallId, mallJobs, lease),
      );
      for (const job of mallJobs) outcome.set(job, failures.get(job.orderId) ?? true);
    } catch (error) {
      ctx.logger.warn({ mallId, err: error }, 'order batch failed');
      for (const job of mallJobs) outcome.set(job, error instanceof Error ? error : new Error(String(error)));
    }
  }
  return outcome;
}

async function processMallBatch(
  ctx: PipelineContext,
  mallId: string,
  jobs: OrderEventJob[],
  lease: MallLease,
): Promise<Map<string, Error>> {
  const { store } = ctx;
  const failures = new Map<string, Error>();
  const mall = await store.malls.get(mallId);
  if (!mall || mall.state !== 'installed') {
    ctx.logger.info({ mallId, jobs: jobs.length }, 'skipping events of a mall that is not installed');
    return failures;
  }
  const fetchStarted = ctx.now();
  const client = ctx.cafe24.client(mallId);
  // The latest event per order decides the trigger; its first arrival starts the latency clock.
  const latest = new Map<string, OrderEventJob>();
  const firstReceived = new Map<string, number>();
  for (const job of jobs) {
    const previous = latest.get(job.orderId);
    if (!previous || job.receivedAt >= previous.receivedAt) latest.set(job.orderId, job);
    firstReceived.set(job.orderId, Math.min(firstReceived.get(job.orderId) ?? Infinity, job.receivedAt));
  }
  const raw = await fetchOrdersByIds(client, [...latest.keys()]);
  const orders: Order[] = [];
  for (const entry of raw) {
    try {
      orders.push(mapCafe24Order(entry));
    } catch (error) {
      if (!(error instanceof OrderMappingError)) throw error;
      const orderId = error.orderId ?? 'unknown';
      failures.set(orderId, new UnreadableOrderError(error.message, { cause: error }));
    }
  }
  const fetchedIds = new Set(orders.map((order) => order.orderId));
  for (const orderId of latest.keys()) {
    if (!fetchedIds.has(orderId) && !failures.has(orderId)) {
      failures.set(orderId, new UnreadableOrderError(`order ${orderId} is unknown to Cafe24`));
    }
  }
  await attachClientIps(ctx, mallId, orders, latest);
  const fetchMs = ctx.now() - fetchStarted;
  orders.sort(sortByPlacement);
  const now = ctx.now();
  const saved = await store.orders.saveMany(mallId, orders, now);
  const stateHashes = new Map(orders.map((order, index) => [order.orderId, saved[index]!.stateHash]));
  // A webhook or poll for a state already evaluated (a duplicate job, a reconciliation racing the
  // webhook, a job repeated after its worker died past the run) is done: one run per state.
  // A new state reaches the customer's later orders: a state saved now, or one an attempt that died
  // saved before any run of it was recorded (its retry finds the order unchanged).
  const evaluatedBefore = new Set<string>();
  const newStates: { order: Order; stateHash: string }[] = [];
  const previousRuns = new Map<string, RunRecord[]>();
  for (const [index, order] of orders.entries()) {
    const job = latest.get(order.orderId);
    const { changed, stateHash } = saved[index]!;
    if (changed) newStates.push({ order, stateHash });
    if (!job) continue;
    const runs = await store.runs.listForOrder(mallId, order.orderId);
    previousRuns.set(order.orderId, runs);
    if (changed || job.source === 'backfill' || job.source === 'import') continue;
    const runsOfState = runs.filter(
      (run) => (run.decision as { stateHash?: unknown } | null)?.stateHash === stateHash,
    );
    if (runsOfState.length === 0) newStates.push({ order, stateHash });
    // With the same trigger (a flow may act on `order.paid` only, so a state first seen by a
    // re-evaluation still gets its webhook's trigger), or with any trigger for a poll (it only knows
    // that something changed).
    if (
      onePerState(job) &&
      runsOfState.some((run) => job.source === 'reconcile' || run.trigger === job.trigger)
    )
      evaluatedBefore.add(order.orderId);
  }

  const [flows, facts] = await Promise.all([ctx.flows.get(mallId), factsOfOrders(ctx, mallId, orders)]);

  const evaluations: OrderEvaluation[] = [];
  for (const [index, order] of orders.entries()) {
    const job = latest.get(order.orderId);
    if (!job || evaluatedBefore.has(order.orderId)) continue;
    const startedAt = ctx.now();
    const decision = flows.compiled.evaluate(facts[index]!, {
      now: startedAt,
      trigger: job.trigger,
      explain: true,
    });
    evaluations.push({
      order,
      trigger: job.trigger,
      source: job.source,
      reevaluation: job.reevaluation === true,
      previousRuns: previousRuns.get(order.orderId) ?? [],
      runId: randomUUID(),
      receivedAt: firstReceived.get(order.orderId) ?? job.receivedAt,
      decision,
      startedAt,
      evaluatedAt: ctx.now(),
      actions: [],
    });
  }

  // Enqueued before any write or run: an attempt that dies from here on leaves its re-evaluations
  // queued, and its retry, comparing with the same previous runs, enqueues them again.
  const reevaluations = [
    ...(await laterOrderReevaluations(
      ctx,
      mallId,
      newStates,
      new Set(evaluations.map((evaluation) => evaluation.order.orderId)),
    )),
    ...(await withdrawnGrantReevaluations(ctx, mallId, evaluations, stateHashes)),
  ];
  if (reevaluations.length > 0) {
    ctx.logger.info(
      { mallId, orders: reevaluations.length },
      're-evaluating orders whose facts or grants changed',
    );
    await ctx.queue.enqueueMany(reevaluations);
  }
  await lease.confirm();
  const labelStarted = ctx.now();
  await applyLabels(ctx, mallId, evaluations);
  const labelMs = ctx.now() - labelStarted;
  for (const evaluation of evaluations) {
    await applyOtherActions(ctx, mallId, evaluation);
    const finishedAt = ctx.now();
    await store.runs.insert(mallId, {
      runId: evaluation.runId,
      orderId: evaluation.order.orderId,
      trigger: evaluation.trigger,
      startedAt: evaluation.receivedAt,
      finishedAt,
      flowVersions: flows.versions,
      // The source (webhook, reconcile, backfill …) is kept with the decision for the dashboard, the
      // state hash so that the same state is not evaluated twice.
      decision: {
        ...evaluation.decision,
        trace: undefined,
        source: evaluation.source,
        stateHash: stateHashes.get(evaluation.order.orderId),
        ...(evaluation.reevaluation ? { reevaluation: true } : {}),
      },
      trace: evaluation.decision.trace ?? null,
      actions: evaluation.actions,
      timings: {
        fetch: fetchMs,
        evaluate: evaluation.evaluatedAt - evaluation.startedAt,
        labels: labelMs,
        evaluatedAt: evaluation.evaluatedAt,
        labelledAt: labelStarted + labelMs,
        total: finishedAt - evaluation.receivedAt,
      },
    });
    ctx.metrics.observeLatency(mallId, finishedAt - evaluation.receivedAt);
  }
  for (const job of jobs) {
    if (job.inboxId !== undefined && !failures.has(job.orderId)) {
      await store.webhookInbox.markStatus(mallId, job.inboxId, { status: 'processed', at: ctx.now() });
    }
  }
  return failures;
}

/** Webhooks and polls report a state; a backfill, a manual run, a beacon or a re-evaluation always evaluates. */
const onePerState = (job: OrderEventJob) =>
  (job.source === 'webhook' || job.source === 'reconcile') && job.reevaluation !== true;

/** A beacon IP counts only for an order placed shortly before the beacon (the order-complete page). */
const BEACON_WINDOW_MS = 30 * 60_000;

/**
 * Cafe24 orders carry no buyer IP: use the one the storefront beacon captured (in the job), else the
 * one stored earlier, so overseas-IP facts hold on every re-evaluation.
 */
async function attachClientIps(
  ctx: PipelineContext,
  mallId: string,
  orders: Order[],
  jobs: Map<string, OrderEventJob>,
): Promise<void> {
  for (const order of orders) {
    const job = jobs.get(order.orderId);
    const placedAt = Date.parse(order.placedAt);
    const fromBeacon =
      job?.clientIp !== undefined &&
      job.receivedAt >= placedAt &&
      job.receivedAt - placedAt <= BEACON_WINDOW_MS
        ? job.clientIp
        : null;
    const stored = fromBeacon
      ? null
      : ((await ctx.store.orders.get(mallId, order.orderId))?.personal.clientIp ?? null);
    order.personal.clientIp = fromBeacon ?? stored;
  }
}

/**
 * An order that reaches PassWing after later orders of the same customer were evaluated (its webhook
 * was lost and reconciliation found it, deliveries were reordered, or a concurrent batch ran first),
 * or whose state changed (cancelled, returned), changes those later orders' history facts: bundling,
 * first order, cumulative amount, returns. They are evaluated again with their last trigger, so the
 * final labels are the ones an in-order evaluation (`passwing replay`) decides. Orders evaluated in
 * this batch are skipped (their facts were read after the save); a re-evaluation is not a new state,
 * so this never cascades.
 */
async function laterOrderReevaluations(
  ctx: PipelineContext,
  mallId: string,
  changed: { order: Order; stateHash: string }[],
  evaluatedNow: ReadonlySet<string>,
): Promise<JobRequest[]> {
  if (changed.length === 0) return [];
  const customers = [...new Set(changed.map(({ order }) => customerKeyOf(order)))];
  const histories = await ctx.store.ledger.earlierOrdersMany(
    mallId,
    customers.map((customerKey) => ({ customerKey, before: EVERY_ORDER })),
  );
  const jobs: JobRequest[] = [];
  for (const [index, customerKey] of customers.entries()) {
    const cause = changed
      .filter(({ order }) => customerKeyOf(order) === customerKey)
      .reduce((first, next) => (sortByPlacement(next.order, first.order) < 0 ? next : first));
    const placedAt = Date.parse(cause.order.placedAt);
    for (const entry of histories[index] ?? []) {
      const later =
        entry.placedAt > placedAt || (entry.placedAt === placedAt && entry.orderId > cause.order.orderId);
      if (!later || evaluatedNow.has(entry.orderId)) continue;
      // An order not evaluated yet gets no job: its own job will see the earlier order.
      const job = await reevaluationJob(
        ctx,
        mallId,
        entry.orderId,
        `after:${cause.order.orderId}:${cause.stateHash}`,
      );
      if (job) jobs.push(job);
    }
  }
  return jobs;
}

/**
 * An order whose new decision no longer grants a label it granted an earlier order (cancelled,
 * changed, no longer bundled) takes the grant back: that earlier order is evaluated again, and
 * keeps only the grants that still stand (see apply-labels).
 */
async function withdrawnGrantReevaluations(
  ctx: PipelineContext,
  mallId: string,
  evaluations: readonly OrderEvaluation[],
  stateHashes: ReadonlyMap<string, string>,
): Promise<JobRequest[]> {
  const evaluatedNow = new Set(evaluations.map((evaluation) => evaluation.order.orderId));
  const jobs: JobRequest[] = [];
  for (const { order, decision, previousRuns } of evaluations) {
    const [previous, beforeThat] = previousRuns;
    if (previous === undefined) continue;
    const withdrawn = withdrawnGrants(
      grantsAfter(previous, beforeThat),
      grantsAfter({ decision, trace: decision.trace }, previous),
    );
    for (const orderId of new Set(withdrawn.map((grant) => grant.orderId))) {
      if (evaluatedNow.has(orderId)) continue;
      const key = `withdrawn:${order.orderId}:${stateHashes.get(order.orderId) ?? ''}`;
      const job = await reevaluationJob(ctx, mallId, orderId, key);
      if (job) jobs.push(job);
    }
  }
  return jobs;
}

/** A re-evaluation of an order with its last trigger, or null when it was never evaluated. */
async function reevaluationJob(
  ctx: PipelineContext,
  mallId: string,
  orderId: string,
  cause: string,
): Promise<JobRequest | null> {
  const [lastRun] = await ctx.store.runs.listForOrder(mallId, orderId);
  if (lastRun === undefined) return null;
  const payload: OrderEventJob = {
    mallId,
    orderId,
    trigger: Trigger.catch('order.changed').parse(lastRun.trigger),
    source: 'reconcile',
    reevaluation: true,
    receivedAt: ctx.now(),
  };
  return {
    name: ORDER_EVENTS_QUEUE,
    payload,
    options: { singletonKey: orderEventSingletonKey(payload, cause) },
  };
}
