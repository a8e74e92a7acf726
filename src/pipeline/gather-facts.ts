import { customerKeyOf } from '../domain/customer-key.js';
import type { Order } from '../domain/order.js';
import type { OrderFacts } from '../domain/order-facts.js';
import type { Product } from '../domain/product.js';
import { enrichOrder } from '../facts/enrich-order.js';
import type { RegionOverride } from '../facts/region/region-override.js';
import { customerGroupNames } from './customer-group-names.js';
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
 * The facts of each order (ledger history before the order, catalogue, region, closed days, grade
 * names), in input order — the one place facts are gathered, for live processing, dry-runs,
 * simulations and previews alike. Reads only; writes nothing.
 */
export async function factsOfOrders(
  ctx: PipelineContext,
  mallId: string,
  orders: readonly Order[],
  settings?: EnrichSettings,
): Promise<OrderFacts[]> {
  const enrich = settings ?? (await enrichSettingsOf(ctx, mallId));
  const gradeNames = await customerGroupNames(ctx, mallId);
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
      enrichOrder(order, {
        history,
        catalogue: (productNo) => catalogue.get(productNo),
        settings: enrich,
        groupName: (groupNo) => gradeNames.get(groupNo) ?? null,
      }),
    );
  }
  return facts;
}
