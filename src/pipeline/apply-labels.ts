import { diffLabels, type LabelChanges } from '../cafe24/label-diff.js';
import { writeLabelChanges } from '../cafe24/resources/labels.js';
import { customerKeyOf } from '../domain/customer-key.js';
import type { Decision, DecisionAction } from '../engine/decision.js';
import { EVERY_ORDER } from '../store/repositories/ledger-repository.js';
import type { LabelOwnership } from '../store/repositories/label-ownership-repository.js';
import { grantsAfter } from './bundle-grants.js';
import type { OrderEvaluation } from './order-evaluation.js';
import type { PipelineContext } from './pipeline-context.js';

/** A label write Cafe24 did not confirm: retried with the job. */
class LabelWriteIncompleteError extends Error {
  readonly kind = 'operational';
  readonly code = 'LABEL_WRITE_INCOMPLETE';
}

/**
 * Writes the label difference of every evaluated order in one coalesced pass, then records
 * ownership. Labels another order granted (bundling) are kept; labels of flows that did not run
 * for this trigger are kept as they were.
 */
export async function applyLabels(
  ctx: PipelineContext,
  mallId: string,
  evaluations: OrderEvaluation[],
): Promise<void> {
  const { store } = ctx;
  const granted = await labelsGrantedByLaterOrders(ctx, mallId, evaluations);
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
    const ownership = await store.labels.listForOrder(mallId, order.orderId);
    const keptFromSkippedFlows = labelsOfSkippedFlows(decision, evaluation.previousRuns[0]?.decision);
    for (const item of order.items) {
      current[item.itemCode] = [...item.labels];
      runOfItem.set(item.itemCode, evaluation.runId);
      orderOfItem.set(item.itemCode, order.orderId);
      desired[item.itemCode] = [...(decision.itemLabels[item.itemCode] ?? [])];
      for (const label of granted.get(order.orderId) ?? []) addDesired(item.itemCode, label);
    }
    for (const entry of ownership) {
      (owned[entry.itemCode] ??= []).push(entry.label);
      if (keptFromSkippedFlows.has(entry.label)) addDesired(entry.itemCode, entry.label);
    }
  }

  // Bundling: labels this batch grants to the customer's earlier orders. An order outside the batch
  // is read as stored: what Cafe24 had when PassWing last fetched it, less the labels PassWing has
  // removed since (taken off the stored copy before each removal), plus those its recorded runs
  // added since.
  const grants = evaluations.flatMap((evaluation) =>
    evaluation.decision.relatedOrderLabels.map((grant) => ({ ...grant, runId: evaluation.runId })),
  );
  const inBatch = new Map(evaluations.map((evaluation) => [evaluation.order.orderId, evaluation.order]));
  const grantRun = new Map<string, string>();
  for (const grant of grants) {
    const target = inBatch.get(grant.orderId) ?? (await store.orders.get(mallId, grant.orderId));
    if (!target) continue;
    if (!inBatch.has(grant.orderId) && !target.items.some((item) => current[item.itemCode] !== undefined)) {
      // An order outside the batch: add the grant, keep our labels, change nothing else. A claim of
      // a run never recorded whose label the stored copy lacks is written again: that worker may have
      // written it after the copy was fetched, and a label of ours must never pass for a person's.
      const targetOwnership = await store.labels.listForOrder(mallId, target.orderId);
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
  // Removals leave the stored copies first, so a later grant never counts them as still there.
  await store.orders.removeItemLabels(mallId, changes.remove);
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

/**
 * Labels the customer's later orders outside the batch grant each evaluated order (bundling), as
 * their latest runs decided: a grant stands while the granting order's decision makes it, whoever
 * claimed the label. Grants only go to earlier orders, so only later ones are read.
 */
async function labelsGrantedByLaterOrders(
  ctx: PipelineContext,
  mallId: string,
  evaluations: readonly OrderEvaluation[],
): Promise<Map<string, Set<string>>> {
  const granted = new Map<string, Set<string>>();
  const inBatch = new Set(evaluations.map((evaluation) => evaluation.order.orderId));
  const customersOrders = await ctx.store.ledger.earlierOrdersMany(
    mallId,
    evaluations.map(({ order }) => ({ customerKey: customerKeyOf(order), before: EVERY_ORDER })),
  );
  for (const [index, { order }] of evaluations.entries()) {
    const placedAt = Date.parse(order.placedAt);
    for (const entry of customersOrders[index] ?? []) {
      const later =
        entry.placedAt > placedAt || (entry.placedAt === placedAt && entry.orderId > order.orderId);
      if (!later || inBatch.has(entry.orderId)) continue;
      const [latest, previous] = await ctx.store.runs.listForOrder(mallId, entry.orderId);
      if (latest === undefined) continue;
      for (const grant of grantsAfter(latest, previous))
        if (grant.orderId === order.orderId)
          granted.set(order.orderId, (granted.get(order.orderId) ?? new Set<string>()).add(grant.label));
    }
  }
  return granted;
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
