import { customerKeyOf } from '../domain/customer-key.js';
import type { Order } from '../domain/order.js';
import type { OrderFacts } from '../domain/order-facts.js';
import type { Product } from '../domain/product.js';
import type { CompiledFlowSet } from '../engine/compile-flows.js';
import type { Flow } from '../engine/flow-schema.js';
import { enrichOrder } from '../facts/enrich-order.js';
import type { RegionOverride } from '../facts/region/region-override.js';
import type { PipelineContext } from './pipeline-context.js';

export interface EnrichSettings {
  regionOverrides: RegionOverride[];
  closedDays: string[];
}

/** The mall's enrichment settings (region overrides, closed days) as enrichOrder takes them. */
export async function enrichSettingsOf(ctx: PipelineContext, mallId: string): Promise<EnrichSettings> {
  const settings = await ctx.store.settings.get(mallId);
  return {
    regionOverrides: (settings?.regionOverrides ?? []).map((range) => ({
      from: range.fromZip,
      to: range.toZip,
      zone: range.zone,
      areaName: range.areaName,
    })),
    closedDays: settings?.closedDays ?? [],
  };
}

/**
 * The facts of each order exactly as live processing gathers them (ledger history before the order,
 * catalogue, region and closed days), in input order. Reads only; writes nothing.
 */
export async function factsOfOrders(
  ctx: PipelineContext,
  mallId: string,
  orders: readonly Order[],
  settings?: EnrichSettings,
): Promise<OrderFacts[]> {
  const enrich = settings ?? (await enrichSettingsOf(ctx, mallId));
  const products = await ctx.store.products.getMany(mallId, [
    ...new Set(orders.flatMap((order) => order.items.map((item) => item.productNo))),
  ]);
  const catalogue = new Map<number, Product>(products.map((product) => [product.productNo, product]));
  const facts: OrderFacts[] = [];
  for (const order of orders) {
    const history = await ctx.store.ledger.earlierOrders(mallId, customerKeyOf(order), {
      orderId: order.orderId,
      placedAt: Date.parse(order.placedAt),
    });
    facts.push(
      enrichOrder(order, { history, catalogue: (productNo) => catalogue.get(productNo), settings: enrich }),
    );
  }
  return facts;
}

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
