import { z } from 'zod';
import { Action, Operator, Trigger } from './flow-schema.js';

/**
 * What one evaluation returns (DESIGN.md "PassFlow semantics"). Pure data, JSON-serialisable, so a
 * Run can store it and the console can render it. The trace exists only when `explain` was asked.
 * Read-only: the compiled engine shares arrays and frozen action objects between fields and between
 * decisions, and `itemLabels` is a null-prototype record (use `Object.hasOwn`, not `.hasOwnProperty`).
 */

export const MatchedRule = z.object({
  flowId: z.string(),
  flowVersion: z.number().int(),
  ruleId: z.string(),
  ruleName: z.string(),
});
export type MatchedRule = z.infer<typeof MatchedRule>;

/** An action of a matched rule; memo/notify carry `text`, their template rendered over the facts. */
export const DecisionAction = z.intersection(
  Action,
  z.object({ flowId: z.string(), ruleId: z.string(), text: z.string().optional() }),
);
export type DecisionAction = z.infer<typeof DecisionAction>;

const FactValueSchema = z.union([z.number(), z.string(), z.boolean(), z.array(z.string()), z.null()]);

export interface ConditionTrace {
  kind: 'all' | 'any' | 'not' | 'compare' | 'timeOfDay' | 'dateRange' | 'items';
  result: boolean;
  /** compare: the fact, its arg, the operator, the rule's value and the fact value seen. */
  fact?: string;
  arg?: number;
  op?: Operator;
  value?: unknown;
  seen?: number | string | boolean | string[] | null;
  /** timeOfDay / dateRange bounds as written; `seen` is the minute of day / the instant. */
  from?: string;
  to?: string;
  quantifier?: 'any' | 'all' | 'none';
  children?: ConditionTrace[];
  /** items: every item with its result and its criteria. */
  items?: { itemCode: string; result: boolean; conditions: ConditionTrace[] }[];
}
export const ConditionTrace: z.ZodType<ConditionTrace> = z.lazy(() =>
  z.object({
    kind: z.enum(['all', 'any', 'not', 'compare', 'timeOfDay', 'dateRange', 'items']),
    result: z.boolean(),
    fact: z.string().optional(),
    arg: z.number().optional(),
    op: Operator.optional(),
    value: z.unknown().optional(),
    seen: FactValueSchema.optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    quantifier: z.enum(['any', 'all', 'none']).optional(),
    children: z.array(ConditionTrace).optional(),
    items: z
      .array(z.object({ itemCode: z.string(), result: z.boolean(), conditions: z.array(ConditionTrace) }))
      .optional(),
  }),
);

export const RuleTrace = z.object({
  ruleId: z.string(),
  ruleName: z.string(),
  matched: z.boolean(),
  /** Not evaluated because an earlier rule of the flow matched with stopAfterMatch. */
  skipped: z.boolean(),
  condition: ConditionTrace.optional(),
});
export type RuleTrace = z.infer<typeof RuleTrace>;

export const FlowTrace = z.object({
  flowId: z.string(),
  flowName: z.string(),
  flowVersion: z.number().int(),
  rules: z.array(RuleTrace),
});
export type FlowTrace = z.infer<typeof FlowTrace>;

export const DecisionTrace = z.object({
  trigger: Trigger,
  /** Flows evaluated, in evaluation order. */
  flows: z.array(FlowTrace),
  /** Flows not evaluated: disabled, or not listening to this trigger. */
  skippedFlows: z.array(z.object({ flowId: z.string(), reason: z.enum(['disabled', 'trigger']) })),
});
export type DecisionTrace = z.infer<typeof DecisionTrace>;

export const Decision = z.object({
  matched: z.array(MatchedRule),
  /** Ordered, de-duplicated union of labels added by matched rules, minus removed labels. */
  labels: z.array(z.string()),
  /** Per order item code: the labels for that item (scope order → every item). */
  itemLabels: z.record(z.string(), z.array(z.string())),
  removedLabels: z.array(z.string()),
  actions: z.array(DecisionAction),
  /** Labels for the customer's earlier orders (addLabel.alsoOrdersWithinMinutes). */
  relatedOrderLabels: z.array(z.object({ orderId: z.string(), label: z.string() })),
  trace: DecisionTrace.optional(),
});
export type Decision = z.infer<typeof Decision>;

/** Evaluation inputs besides the facts. `now` is the evaluation instant (epoch ms). */
export interface EvaluationContext {
  now: number;
  trigger: Trigger;
  explain?: boolean;
}
