import { fetchCustomerGroups } from '../cafe24/resources/customer-groups.js';
import type { PipelineContext } from './pipeline-context.js';

/** Grade names change rarely: one Cafe24 call per mall every 10 minutes at most. */
const TTL_MS = 10 * 60_000;
const cache = new WeakMap<PipelineContext, Map<string, { at: number; names: Map<number, string> }>>();

/**
 * The mall's customer grade names (customergroups) by group number, for the `customer.gradeName`
 * fact. When Cafe24 cannot be asked, the facts go on without names (grade numbers still work).
 */
export async function customerGroupNames(ctx: PipelineContext, mallId: string): Promise<Map<number, string>> {
  let perMall = cache.get(ctx);
  if (!perMall) cache.set(ctx, (perMall = new Map()));
  const cached = perMall.get(mallId);
  if (cached && ctx.now() - cached.at < TTL_MS) return cached.names;
  try {
    const groups = await fetchCustomerGroups(ctx.cafe24.client(mallId));
    const names = new Map(groups.map((group) => [group.groupNo, group.groupName]));
    perMall.set(mallId, { at: ctx.now(), names });
    return names;
  } catch (error) {
    ctx.logger.warn({ mallId, err: error }, 'customer group names unavailable');
    return cached?.names ?? new Map();
  }
}
