import { createHash, randomUUID } from 'node:crypto';
import { fetchOrdersByIds } from '../cafe24/resources/orders.js';
import { writeLabelChanges } from '../cafe24/resources/labels.js';
import { addOrderMemo } from '../cafe24/resources/memos.js';
import { setOrderHold } from '../cafe24/resources/order-hold.js';
import { diffLabels, type LabelChanges } from '../cafe24/label-diff.js';
import { mapCafe24Order, OrderMappingError } from '../cafe24/order-mapping.js';
import { customerKeyOf } from '../domain/customer-key.js';
import type { Order } from '../domain/order.js';
import type { Product } from '../domain/product.js';
import type { Decision, DecisionAction } from '../engine/decision.js';
import { Trigger } from '../engine/flow-schema.js';
import { enrichOrder } from '../facts/enrich-order.js';
import type { JobResult } from '../queue/job-queue.js';
import type { LabelOwnership } from '../store/repositories/label-ownership-repository.js';
import type { RunAction } from '../store/repositories/runs-repository.js';
import type { PipelineContext } from './pipeline-context.js';
import { ORDER_EVENTS_QUEUE, orderEventSingletonKey, type OrderEventJob } from './order-event-job.js';
import { NOTIFICATION_QUEUE, type NotificationJob } from './notification-job.js';

/** A job whose order could not be read is a user error: retrying would not help. */
class UnreadableOrderError extends Error {
  readonly kind = 'user';
  readonly code = 'ORDER_UNREADABLE';
}

/** A label write Cafe24 did not confirm: retried with the job. */
class LabelWriteIncompleteError extends Error {
  readonly kind = 'operational';
  readonly code = 'LABEL_WRITE_INCOMPLETE';
}

interface Evaluation {
  order: Order;
  trigger: Trigger;
  source: OrderEventJob['source'];
  runId: string;
  receivedAt: number;
  decision: Decision;
  startedAt: number;
  evaluatedAt: number;
  actions: RunAction[];
}

const hashText = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
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
      const failures = await processMallBatch(ctx, mallId, mallJobs);
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

  const [flows, settings, products] = await Promise.all([
    ctx.flows.get(mallId),
    store.settings.get(mallId),
    store.products.getMany(mallId, [
      ...new Set(orders.flatMap((order) => order.items.map((item) => item.productNo))),
    ]),
  ]);
  const catalogue = new Map<number, Product>(products.map((product) => [product.productNo, product]));
  const regionOverrides = (settings?.regionOverrides ?? []).map((range) => ({
    from: range.fromZip,
    to: range.toZip,
    zone: range.zone,
    areaName: range.areaName,
  }));
  const closedDays = settings?.closedDays ?? [];

  const evaluations: Evaluation[] = [];
  for (const order of orders) {
    const job = latest.get(order.orderId);
    if (!job) continue;
    const startedAt = ctx.now();
    const history = await store.ledger.earlierOrders(mallId, customerKeyOf(order), {
      orderId: order.orderId,
      placedAt: Date.parse(order.placedAt),
    });
    const facts = enrichOrder(order, {
      history,
      catalogue: (productNo) => catalogue.get(productNo),
      settings: { regionOverrides, closedDays },
    });
    const decision = flows.compiled.evaluate(facts, { now: startedAt, trigger: job.trigger, explain: true });
    evaluations.push({
      order,
      trigger: job.trigger,
      source: job.source,
      runId: randomUUID(),
      receivedAt: firstReceived.get(order.orderId) ?? job.receivedAt,
      decision,
      startedAt,
      evaluatedAt: ctx.now(),
      actions: [],
    });
  }

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
      // The source (webhook, reconcile, backfill …) is kept with the decision for the dashboard.
      decision: { ...evaluation.decision, trace: undefined, source: evaluation.source },
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
  await reevaluateLaterOrders(
    ctx,
    mallId,
    orders.flatMap((order, index) => {
      const result = saved[index];
      return result?.changed ? [{ order, stateHash: result.stateHash }] : [];
    }),
  );
  for (const job of jobs) {
    if (job.inboxId !== undefined && !failures.has(job.orderId)) {
      await store.webhookInbox.markStatus(mallId, job.inboxId, { status: 'processed', at: ctx.now() });
    }
  }
  return failures;
}

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
 * final labels are the ones an in-order evaluation (`passwing replay`) decides. Unchanged re-saves
 * enqueue nothing, so this never cascades.
 */
async function reevaluateLaterOrders(
  ctx: PipelineContext,
  mallId: string,
  changed: { order: Order; stateHash: string }[],
): Promise<void> {
  if (changed.length === 0) return;
  const inBatch = new Set(changed.map(({ order }) => order.orderId));
  const customers = [...new Set(changed.map(({ order }) => customerKeyOf(order)))];
  const everything = { orderId: '\uffff', placedAt: Number.MAX_SAFE_INTEGER };
  const histories = await ctx.store.ledger.earlierOrdersMany(
    mallId,
    customers.map((customerKey) => ({ customerKey, before: everything })),
  );
  const jobs: { name: string; payload: OrderEventJob; options: { singletonKey: string } }[] = [];
  for (const [index, customerKey] of customers.entries()) {
    const cause = changed
      .filter(({ order }) => customerKeyOf(order) === customerKey)
      .reduce((first, next) => (sortByPlacement(next.order, first.order) < 0 ? next : first));
    const placedAt = Date.parse(cause.order.placedAt);
    for (const entry of histories[index] ?? []) {
      const later =
        entry.placedAt > placedAt || (entry.placedAt === placedAt && entry.orderId > cause.order.orderId);
      if (!later || inBatch.has(entry.orderId)) continue;
      const [lastRun] = await ctx.store.runs.listForOrder(mallId, entry.orderId);
      if (!lastRun) continue; // not evaluated yet: its own job will see the earlier order
      const payload: OrderEventJob = {
        mallId,
        orderId: entry.orderId,
        trigger: Trigger.catch('order.changed').parse(lastRun.trigger),
        source: 'reconcile',
        receivedAt: ctx.now(),
      };
      jobs.push({
        name: ORDER_EVENTS_QUEUE,
        payload,
        options: {
          singletonKey: orderEventSingletonKey(payload, `after:${cause.order.orderId}:${cause.stateHash}`),
        },
      });
    }
  }
  if (jobs.length > 0) {
    ctx.logger.info(
      { mallId, orders: jobs.length },
      're-evaluating later orders of customers with an earlier change',
    );
    await ctx.queue.enqueueMany(jobs);
  }
}

/**
 * Writes the label difference of every evaluated order in one coalesced pass, then records
 * ownership. Labels another order granted (bundling) are kept; labels of flows that did not run
 * for this trigger are kept as they were.
 */
async function applyLabels(ctx: PipelineContext, mallId: string, evaluations: Evaluation[]): Promise<void> {
  const { store } = ctx;
  const desired: Record<string, string[]> = {};
  const owned: Record<string, string[]> = {};
  const current: Record<string, string[]> = {};
  const runOfItem = new Map<string, string>();
  const orderOfItem = new Map<string, string>();
  const addDesired = (itemCode: string, label: string) => {
    const labels = (desired[itemCode] ??= []);
    if (!labels.includes(label)) labels.push(label);
  };

  for (const evaluation of evaluations) {
    const { order, decision } = evaluation;
    const [ownership, runs] = await Promise.all([
      store.labels.listForOrder(mallId, order.orderId),
      store.runs.listForOrder(mallId, order.orderId),
    ]);
    const ownRuns = new Set(runs.map((run) => run.runId));
    const keptFromSkippedFlows = labelsOfSkippedFlows(decision, runs[0]?.decision);
    for (const item of order.items) {
      current[item.itemCode] = [...item.labels];
      runOfItem.set(item.itemCode, evaluation.runId);
      orderOfItem.set(item.itemCode, order.orderId);
      desired[item.itemCode] = [...(decision.itemLabels[item.itemCode] ?? [])];
    }
    for (const entry of ownership) {
      (owned[entry.itemCode] ??= []).push(entry.label);
      const grantedByAnotherOrder = entry.runId !== null && !ownRuns.has(entry.runId);
      if (grantedByAnotherOrder || keptFromSkippedFlows.has(entry.label))
        addDesired(entry.itemCode, entry.label);
    }
  }

  // Bundling: labels this batch grants to the customer's earlier orders.
  const grants = evaluations.flatMap((evaluation) =>
    evaluation.decision.relatedOrderLabels.map((grant) => ({ ...grant, runId: evaluation.runId })),
  );
  const grantRun = new Map<string, string>();
  for (const grant of grants) {
    const inBatch = evaluations.find((evaluation) => evaluation.order.orderId === grant.orderId);
    const target = inBatch?.order ?? (await store.orders.get(mallId, grant.orderId));
    if (!target) continue;
    if (!inBatch && !target.items.some((item) => current[item.itemCode] !== undefined)) {
      // An order outside the batch: add the grant, keep what we own there, change nothing else.
      const targetOwnership = await store.labels.listForOrder(mallId, target.orderId);
      // The stored snapshot predates our own writes, so our labels count as present — except those
      // claimed by a run that was never recorded: claims precede writes, and that worker died.
      const written: LabelOwnership[] = [];
      for (const entry of targetOwnership)
        if (entry.runId === null || (await store.runs.get(mallId, entry.runId)) !== null) written.push(entry);
      for (const item of target.items) {
        const ours = targetOwnership
          .filter((entry) => entry.itemCode === item.itemCode)
          .map((entry) => entry.label);
        const oursWritten = written
          .filter((entry) => entry.itemCode === item.itemCode)
          .map((entry) => entry.label);
        owned[item.itemCode] = ours;
        current[item.itemCode] = [...new Set([...item.labels, ...oursWritten])];
        desired[item.itemCode] = [...ours];
        orderOfItem.set(item.itemCode, target.orderId);
      }
    }
    for (const item of target.items) {
      addDesired(item.itemCode, grant.label);
      grantRun.set(`${item.itemCode}\u0000${grant.label}`, grant.runId);
    }
  }

  const diff = diffLabels({ desired, owned, current });
  const changes: LabelChanges = { add: diff.add, remove: diff.remove };
  const byRun = new Map<string, { added: string[]; removed: string[] }>();
  const note = (itemCode: string, kind: 'added' | 'removed', label: string) => {
    const runId = grantRun.get(`${itemCode}\u0000${label}`) ?? runOfItem.get(itemCode);
    if (!runId) return;
    const entry = byRun.get(runId) ?? { added: [], removed: [] };
    if (!entry[kind].includes(label)) entry[kind].push(label);
    byRun.set(runId, entry);
  };
  // Ownership is claimed before the write: a worker killed between the two leaves a claim for a
  // label that is absent (added again or released on the retry), never a label of ours that looks
  // typed by a person and could then never be removed. Labels this batch's runs want and already
  // own are claimed again, so a claim left by a run that was never recorded passes to the one
  // recorded now.
  const now = ctx.now();
  const claims = new Map<string, LabelOwnership>();
  const claimFor = (itemCode: string, label: string, runId: string | null) =>
    claims.set(`${itemCode}\u0000${label}`, {
      itemCode,
      label,
      orderId: orderOfItem.get(itemCode) ?? itemCode,
      runId,
      addedAt: now,
    });
  for (const { itemCode, label } of diff.add)
    claimFor(itemCode, label, grantRun.get(`${itemCode}\u0000${label}`) ?? runOfItem.get(itemCode) ?? null);
  for (const { order, decision, runId } of evaluations)
    for (const item of order.items)
      for (const label of decision.itemLabels[item.itemCode] ?? [])
        if (diff.nextOwned[item.itemCode]?.includes(label)) claimFor(item.itemCode, label, runId);
  for (const [key, runId] of grantRun) {
    const [itemCode = '', label = ''] = key.split('\u0000');
    if (diff.nextOwned[itemCode]?.includes(label)) claimFor(itemCode, label, runId);
  }
  await store.labels.claim(mallId, [...claims.values()]);
  if (changes.add.length > 0 || changes.remove.length > 0) {
    const report = await writeLabelChanges(ctx.cafe24.client(mallId), changes);
    ctx.metrics.labelsWritten(mallId, report.added, report.removed);
    if (report.unconfirmed.length > 0) {
      throw new LabelWriteIncompleteError(
        `${report.unconfirmed.length} label(s) were not confirmed by Cafe24`,
      );
    }
  }
  for (const { itemCode, label } of diff.add) note(itemCode, 'added', label);
  for (const [itemCode, labels] of Object.entries(owned)) {
    const stillOurs = new Set(diff.nextOwned[itemCode] ?? []);
    const released = labels.filter((label) => !stillOurs.has(label));
    await store.labels.release(mallId, itemCode, released);
  }
  for (const { itemCode, label } of diff.remove) note(itemCode, 'removed', label);
  for (const evaluation of evaluations) {
    const written = byRun.get(evaluation.runId) ?? { added: [], removed: [] };
    evaluation.actions.push({
      type: 'labels',
      outcome: written.added.length + written.removed.length > 0 ? 'applied' : 'skipped',
      added: written.added,
      removed: written.removed,
      labels: evaluation.decision.labels,
    });
  }
}

/** Labels the previous run added through flows that this trigger did not run: they stay. */
function labelsOfSkippedFlows(decision: Decision, previousDecision: unknown): Set<string> {
  const skipped = new Set(
    (decision.trace?.skippedFlows ?? [])
      .filter((flow) => flow.reason === 'trigger')
      .map((flow) => flow.flowId),
  );
  const kept = new Set<string>();
  if (skipped.size === 0 || typeof previousDecision !== 'object' || previousDecision === null) return kept;
  const actions = (previousDecision as { actions?: DecisionAction[] }).actions ?? [];
  for (const action of actions) {
    if (!skipped.has(action.flowId)) continue;
    if (action.type === 'addLabel') kept.add(action.label);
    if (action.type === 'giftTarget') kept.add(action.label ?? action.gift);
  }
  return kept;
}

/** Memo, hold, gift, CS flag and notify actions: each at most once per order (dedupe keys). */
async function applyOtherActions(
  ctx: PipelineContext,
  mallId: string,
  evaluation: Evaluation,
): Promise<void> {
  const { store } = ctx;
  const { order, runId } = evaluation;
  const client = ctx.cafe24.client(mallId);
  const once = async (
    key: string,
    channel: string,
    payload: unknown,
    effect: () => Promise<void>,
  ): Promise<RunAction['outcome']> => {
    const reserved = await store.notifications.reserve(mallId, {
      dedupeKey: key,
      channel,
      orderId: order.orderId,
      runId,
      payload,
      createdAt: ctx.now(),
    });
    if (!reserved.ok) return 'skipped';
    try {
      await effect();
      await store.notifications.markSent(mallId, reserved.id, ctx.now());
      return 'applied';
    } catch (error) {
      await store.notifications.markFailed(
        mallId,
        reserved.id,
        error instanceof Error ? error.message : String(error),
      );
      throw error;
    }
  };
  for (const action of evaluation.decision.actions) {
    const base = { type: action.type, flowId: action.flowId, ruleId: action.ruleId };
    try {
      switch (action.type) {
        case 'addLabel':
        case 'removeLabel':
          break; // written by applyLabels
        case 'memo': {
          const text = action.text ?? action.template;
          const outcome = await once(
            `memo:${order.orderId}:${hashText(text)}`,
            'cafe24.memo',
            { text },
            async () => {
              await addOrderMemo(client, order.orderId, { content: text });
            },
          );
          evaluation.actions.push({ ...base, outcome, text });
          break;
        }
        case 'holdShipment': {
          const outcome = await once(`hold:${order.orderId}`, 'cafe24.hold', {}, () =>
            setOrderHold(client, order.orderId, true),
          );
          evaluation.actions.push({ ...base, outcome });
          break;
        }
        case 'giftTarget': {
          const added = await store.giftChecklist.add(mallId, {
            orderId: order.orderId,
            gift: action.gift,
            runId,
            createdAt: ctx.now(),
          });
          evaluation.actions.push({ ...base, outcome: added ? 'applied' : 'skipped', gift: action.gift });
          break;
        }
        case 'csFlag':
          evaluation.actions.push({ ...base, outcome: 'applied', reason: action.reason });
          break;
        case 'notify': {
          const text = action.text ?? action.template;
          const job: NotificationJob = {
            mallId,
            channel: action.channel,
            orderId: order.orderId,
            text,
            dedupeKey: '',
          };
          job.dedupeKey = `notify:${order.orderId}:${action.flowId}:${action.ruleId}:${action.channel}`;
          const reserved = await store.notifications.reserve(mallId, {
            dedupeKey: job.dedupeKey,
            channel: action.channel,
            orderId: order.orderId,
            runId,
            payload: { text },
            createdAt: ctx.now(),
          });
          // A reservation still pending may have lost its job (the worker died between reserving and
          // enqueueing): enqueue it again; the singleton key and the sender's sent-check stop doubles.
          const pendingId = reserved.ok
            ? reserved.id
            : reserved.error.status === 'pending'
              ? reserved.error.id
              : null;
          if (pendingId !== null) {
            await ctx.queue.enqueue(
              NOTIFICATION_QUEUE,
              { ...job, notificationId: pendingId },
              { singletonKey: job.dedupeKey },
            );
          }
          evaluation.actions.push({
            ...base,
            outcome: reserved.ok ? 'pending' : 'skipped',
            channel: action.channel,
          });
          break;
        }
      }
    } catch (error) {
      ctx.logger.warn(
        { mallId, orderId: order.orderId, runId, action: action.type, err: error },
        'action failed',
      );
      evaluation.actions.push({
        ...base,
        outcome: 'failed',
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
