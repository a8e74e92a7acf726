import { fetchCustomerGroups } from '../cafe24/resources/customer-groups.js';
import type { PipelineContext } from './pipeline-context.js';

/** Grade names change rarely: one Cafe24 call per mall every 10 minutes at most. */
const TTL_MS = 10 * 60_000;
/**
 * Malls whose names are kept per process, least recently used dropped first: a dropped mall costs
 * one Cafe24 call on its next order, and loses only the stale fallback for when Cafe24 fails.
 */
export const MAX_CACHED_MALLS = 1000;
const cache = new WeakMap<PipelineContext, Map<string, { at: number; names: Map<number, string> }>>();

/**
 * The mall's customer grade names (customergroups) by group number, for the `customer.gradeName`
 * fact. When Cafe24 cannot be asked, the facts go on without names (grade numbers still work).
 */
export async function customerGroupNames(ctx: PipelineContext, mallId: string): Promise<Map<number, string>> {
  let perMall = cache.get(ctx);
  if (!perMall) cache.set(ctx, (perMall = new Map()));
  const cached = perMall.get(mallId);
  if (cached && ctx.now() - cached.at < TTL_MS) {
    remember(perMall, mallId, cached);
    return cached.names;
  }
  try {
    const groups = await fetchCustomerGroups(ctx.cafe24.client(mallId));
    const names = new Map(groups.map((group) => [group.groupNo, group.groupName]));
    remember(perMall, mallId, { at: ctx.now(), names });
    return names;
  } catch (error) {
    ctx.logger.warn({ mallId, err: error }, 'customer group names unavailable');
    return cached?.names ?? new Map();
  }
}

/** Stores the entry as the most recently used (a Map iterates in insertion order). */
function remember<V>(perMall: Map<string, V>, mallId: string, entry: V): void {
  perMall.delete(mallId);
  perMall.set(mallId, entry);
  if (perMall.size > MAX_CACHED_MALLS) perMall.delete(perMall.keys().next().value!);
}
