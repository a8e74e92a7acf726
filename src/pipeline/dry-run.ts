import type { Order } from '../domain/order.js';
import type { CompiledFlowSet } from '../engine/compile-flows.js';
import type { Flow } from '../engine/flow-schema.js';
import { factsOfOrders, type EnrichSettings } from './gather-facts.js';
import type { PipelineContext } from './pipeline-context.js';

/** Labels a set of flows can add or remove: the only ones a dry-run may report as gained or lost. */
export function labelsOfFlows(flows: readonly Flow[]): Set<string> {
  const labels = new Set<string>();
  for (const flow of flows) {
    for (const rule of flow.rules) {
      for (const action of rule.then) {
        if (action.type === 'addLabel' || action.type === 'removeLabel') labels.add(action.label);
        if (action.type === 'giftTarget') labels.add(action.label ?? action.gift);
      }
    }
  }
  return labels;
}

/** One order's would-be change: labels it would gain and lose against what PassWing owns now. */
export interface LabelDelta {
  orderId: string;
  gained: string[];
  lost: string[];
}

/**
 * Dry-run of one page of orders: evaluates the compiled flows (trigger `manual`) and compares the
 * would-be labels with the labels PassWing owns on each order now. Writes nothing anywhere.
 */
export async function dryRunOrders(
  ctx: PipelineContext,
  mallId: string,
  compiled: CompiledFlowSet,
  orders: readonly Order[],
  settings: EnrichSettings,
): Promise<LabelDelta[]> {
  const candidates = labelsOfFlows(compiled.flows);
  const facts = await factsOfOrders(ctx, mallId, orders, settings);
  const deltas: LabelDelta[] = [];
  for (const [index, order] of orders.entries()) {
    const orderFacts = facts[index];
    if (orderFacts === undefined) continue;
    const decision = compiled.evaluate(orderFacts, { now: ctx.now(), trigger: 'manual' });
    const would = new Set([...decision.labels, ...Object.values(decision.itemLabels).flat()]);
    const owned = new Set(
      (await ctx.store.labels.listForOrder(mallId, order.orderId)).map((entry) => entry.label),
    );
    const delta: LabelDelta = { orderId: order.orderId, gained: [], lost: [] };
    for (const label of candidates) {
      if (would.has(label) && !owned.has(label)) delta.gained.push(label);
      if (owned.has(label) && !would.has(label)) delta.lost.push(label);
    }
    deltas.push(delta);
  }
  return deltas;
}
