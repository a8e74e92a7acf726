import { z } from 'zod';
import { customerKeyOf } from '../domain/customer-key.js';
import type { OrderFacts } from '../domain/order-facts.js';
import type { Order } from '../domain/order.js';
import type { Product } from '../domain/product.js';
import { compileFlows } from '../engine/compile-flows.js';
import { DecisionAction, type Decision } from '../engine/decision.js';
import type { Flow, Trigger } from '../engine/flow-schema.js';
import { enrichOrder, type EnrichContext } from '../facts/enrich-order.js';
import { InMemoryHistory } from '../facts/in-memory-history.js';
import { parseInstant } from '../facts/kst-clock.js';

/** One line of `passwing replay` output (DESIGN.md "The `passwing` command"). */
export const ReplayLine = z.object({
  order_id: z.string(),
  /** Final labels of the order after the whole input: its own and those later orders gave it. */
  labels: z.array(z.string()),
  /** IDs of the rules (for templates: the template IDs) that labelled or acted on the order. */
  rules: z.array(z.string()),
  actions: z.array(DecisionAction),
});
export type ReplayLine = z.infer<typeof ReplayLine>;

export interface ReplayOptions {
  flows: Flow[];
  catalogue: readonly Product[];
  /** Trigger every order is evaluated under; replay simulates arrival, so `order.created`. */
  trigger?: Trigger;
  /** Merchant zone overrides and closed days; none by default. */
  settings?: EnrichContext['settings'];
  /** Keep the engine's per-condition trace in each decision (for explanations). */
  explain?: boolean;
}

/** A label an order received from a later order's rule (bundling labels both orders). */
export interface ReceivedLabel {
  label: string;
  fromOrderId: string;
  action: DecisionAction;
}

/** One order as replay evaluated it. */
export interface ReplayedOrder {
  order: Order;
  facts: OrderFacts;
  decision: Decision;
  received: ReceivedLabel[];
}

const NO_SETTINGS: EnrichContext['settings'] = { regionOverrides: [], closedDays: [] };

/**
 * Evaluates `orders` as if they arrived one by one in `order_date` order (ties by order ID), each
 * with history built from the other orders of the same input placed before it, at `now` = its own
 * order date. Results come back in input order; related labels (BUNDLE_SHIP's "label both orders")
 * are attached to the earlier order they name.
 */
export async function replayDecisions(
  orders: readonly Order[],
  options: ReplayOptions,
): Promise<ReplayedOrder[]> {
  const compiled = compileFlows(options.flows);
  // HistoryProvider answers only orders placed before the one asked about, so recording the whole
  // input up front gives each order exactly its earlier orders. One history per customer keeps each
  // lookup proportional to that customer's orders rather than to the whole input.
  const keys = orders.map((order) => customerKeyOf(order));
  const histories = new Map<string, InMemoryHistory>();
  orders.forEach((order, index) => {
    const key = keys[index] ?? customerKeyOf(order);
    const history = histories.get(key) ?? new InMemoryHistory();
    history.record(order);
    histories.set(key, history);
  });
  const products = new Map(options.catalogue.map((product) => [product.productNo, product]));
  const catalogue = (productNo: number): Product | undefined => products.get(productNo);
  const placedAt = orders.map((order) => parseInstant(order.placedAt));
  const sequence = orders
    .map((order, index) => ({ order, index, at: placedAt[index] ?? 0 }))
    .sort(
      (a, b) =>
        a.at - b.at ||
        (a.order.orderId < b.order.orderId ? -1 : a.order.orderId > b.order.orderId ? 1 : 0) ||
        a.index - b.index,
    );

  const results: (ReplayedOrder | undefined)[] = new Array(orders.length);
  const indexesById = new Map<string, number[]>();
  orders.forEach((order, index) =>
    indexesById.set(order.orderId, [...(indexesById.get(order.orderId) ?? []), index]),
  );

  for (const { order, index, at } of sequence) {
    const key = keys[index] ?? customerKeyOf(order);
    const earlier =
      (await histories.get(key)?.earlierOrders(key, { orderId: order.orderId, placedAt: at })) ?? [];
    const facts = enrichOrder(order, {
      history: earlier,
      catalogue,
      settings: options.settings ?? NO_SETTINGS,
    });
    const decision = compiled.evaluate(facts, {
      now: at,
      trigger: options.trigger ?? 'order.created',
      explain: options.explain ?? false,
    });
    results[index] = { order, facts, decision, received: [] };
    for (const related of decision.relatedOrderLabels) {
      const action = decision.actions.find(
        (candidate) =>
          candidate.type === 'addLabel' &&
          candidate.label === related.label &&
          candidate.alsoOrdersWithinMinutes,
      );
      if (!action) continue;
      for (const target of indexesById.get(related.orderId) ?? []) {
        results[target]?.received.push({ label: related.label, fromOrderId: order.orderId, action });
      }
    }
  }
  return results.filter((result): result is ReplayedOrder => result !== undefined);
}

/** Appends the values not yet present, keeping first-seen order. */
function union(into: string[], values: readonly string[]): string[] {
  for (const value of values) if (!into.includes(value)) into.push(value);
  return into;
}

/** The replay output line of one evaluated order: its final labels, rules and actions. */
export function toReplayLine(replayed: ReplayedOrder): ReplayLine {
  const { decision, received } = replayed;
  // On the earlier order the action is a plain label: the window belonged to the later order's rule.
  const receivedActions: DecisionAction[] = received.map(({ action }) =>
    action.type === 'addLabel' ? { ...action, alsoOrdersWithinMinutes: undefined } : action,
  );
  return {
    order_id: replayed.order.orderId,
    labels: union(
      [...decision.labels],
      received.map((entry) => entry.label),
    ),
    rules: union(
      decision.matched.map((match) => match.ruleId),
      received.map((entry) => entry.action.ruleId),
    ),
    actions: [...decision.actions, ...receivedActions],
  };
}

/**
 * `passwing replay` as a function: every order of the input evaluated in `order_date` order with
 * history from the earlier orders of the same input; one line per order, in input order, with the
 * label state after the whole input.
 */
export async function replayOrders(orders: readonly Order[], options: ReplayOptions): Promise<ReplayLine[]> {
  return (await replayDecisions(orders, options)).map(toReplayLine);
}
