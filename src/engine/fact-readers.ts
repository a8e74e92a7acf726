import type { HistoryOrder, ItemFacts, OrderFacts } from '../domain/order-facts.js';
import type { DerivedFact, FactDefinition } from './fact-catalogue.js';
import { MS_PER_DAY, MS_PER_MINUTE } from './kst-time.js';

/** A fact value as the engine sees it; null means unknown. */
export type FactValue = number | string | boolean | readonly string[] | null;

/**
 * History orders placed in the inclusive window [placedAt − windowMs, placedAt]: an order exactly
 * windowMs earlier is inside.
 */
export function historyWithin(facts: OrderFacts, windowMs: number): HistoryOrder[] {
  const to = facts.order.placedAt;
  const from = to - windowMs;
  return facts.customer.history.filter((h) => h.placedAt >= from && h.placedAt <= to);
}

/** The parameterised facts, computed from `customer.history` and `order.placedAt`. */
export const DERIVED_FACTS: Record<DerivedFact, (facts: OrderFacts, arg: number) => number> = {
  returnsInDays(facts, days) {
    const to = facts.order.placedAt;
    const from = to - days * MS_PER_DAY;
    let count = 0;
    for (const h of facts.customer.history)
      if (h.hasReturn && h.placedAt >= from && h.placedAt <= to) count++;
    return count;
  },
  ordersWithin(facts, minutes) {
    const to = facts.order.placedAt;
    const from = to - minutes * MS_PER_MINUTE;
    let count = 0;
    for (const h of facts.customer.history) if (h.placedAt >= from && h.placedAt <= to) count++;
    return count;
  },
};

function readPath(root: unknown, path: readonly string[]): FactValue {
  let value: unknown = root;
  for (const key of path) value = (value as Record<string, unknown>)[key];
  return value as FactValue;
}

/** The value of an order-scope fact; `arg` is required by derived facts (validated beforehand). */
export function readOrderFact(def: FactDefinition, facts: OrderFacts, arg: number | undefined): FactValue {
  if (def.derived) return DERIVED_FACTS[def.derived](facts, arg ?? 0);
  return readPath(facts, def.path ?? []);
}

/** The value of an item-scope fact for one item. */
export function readItemFact(def: FactDefinition, item: ItemFacts): FactValue {
  return readPath(item, def.path ?? []);
}
