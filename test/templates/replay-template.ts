import type { Order } from '../../src/domain/order.js';
import type { Product } from '../../src/domain/product.js';
import { replayOrders, type ReplayLine } from '../../src/pipeline/replay-orders.js';
import { findTemplate } from '../../src/templates/index.js';

/**
 * Replays `orders` through one template (with `params`) and returns each order's final labels by
 * order ID — the whole path a merchant's replay takes: template → flow → facts → engine.
 */
export async function labelsByTemplate(
  templateId: string,
  orders: Order[],
  options: { params?: Record<string, unknown>; catalogue?: Product[] } = {},
): Promise<Record<string, string[]>> {
  const lines = await replayTemplate(templateId, orders, options);
  return Object.fromEntries(lines.map((line) => [line.order_id, line.labels]));
}

/** The replay lines of `orders` through one template. */
export function replayTemplate(
  templateId: string,
  orders: Order[],
  options: { params?: Record<string, unknown>; catalogue?: Product[] } = {},
): Promise<ReplayLine[]> {
  const template = findTemplate(templateId);
  if (!template) throw new Error(`no template ${templateId}`);
  return replayOrders(orders, {
    flows: [template.build(options.params)],
    catalogue: options.catalogue ?? [],
  });
}
