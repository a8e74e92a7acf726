import { z } from 'zod';

/**
 * The PassFlow data model: flows → rules → a condition tree and actions. This file fixes the shape
 * only; semantic checks (known facts, operator/type fit, contradictions …) live in validate-flow.ts.
 */

export const Operator = z.enum([
  'eq',
  'ne',
  'lt',
  'lte',
  'gt',
  'gte',
  'between',
  'in',
  'notIn',
  'contains',
  'notContains',
  'startsWith',
  'endsWith',
  'isEmpty',
  'isNotEmpty',
]);
export type Operator = z.infer<typeof Operator>;

/** Compare one fact with a value. `arg` parameterises facts such as `customer.returnsInDays` (n days). */
export const CompareCondition = z.object({
  kind: z.literal('compare'),
  fact: z.string(),
  arg: z.number().optional(),
  op: Operator,
  value: z.unknown().optional(),
});
export type CompareCondition = z.infer<typeof CompareCondition>;

/** KST time-of-day window [from, to); `from > to` is an overnight window (22:00–05:00). */
export const TimeOfDayCondition = z.object({
  kind: z.literal('timeOfDay'),
  from: z.string(),
  to: z.string(),
});
export type TimeOfDayCondition = z.infer<typeof TimeOfDayCondition>;

/** KST date period, both ends inclusive: `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm` (KST). */
export const DateRangeCondition = z.object({
  kind: z.literal('dateRange'),
  from: z.string(),
  to: z.string(),
});
export type DateRangeCondition = z.infer<typeof DateRangeCondition>;

export type Condition =
  | { kind: 'all'; conditions: Condition[] }
  | { kind: 'any'; conditions: Condition[] }
  | { kind: 'not'; condition: Condition }
  | CompareCondition
  | TimeOfDayCondition
  | DateRangeCondition
  | { kind: 'items'; quantifier: 'any' | 'all' | 'none'; where: Condition[] };

/**
 * A condition tree. Inside `items.where` the leaves compare item facts (`item.tags`, `item.price` …)
 * and all criteria hold for the same item.
 */
export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('all'), conditions: z.array(Condition) }),
    z.object({ kind: z.literal('any'), conditions: z.array(Condition) }),
    z.object({ kind: z.literal('not'), condition: Condition }),
    CompareCondition,
    TimeOfDayCondition,
    DateRangeCondition,
    z.object({
      kind: z.literal('items'),
      quantifier: z.enum(['any', 'all', 'none']),
      where: z.array(Condition),
    }),
  ]),
);
export type ConditionKind = Condition['kind'];

export const LabelScope = z.enum(['order', 'matchedItems']);

export const Action = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('addLabel'),
    label: z.string(),
    scope: LabelScope.default('order'),
    /**
     * Also label this customer's other non-cancelled orders placed within this many minutes before
     * the order (bundling: BUNDLE_SHIP labels both orders).
     */
    alsoOrdersWithinMinutes: z.number().int().positive().optional(),
  }),
  z.object({ type: z.literal('removeLabel'), label: z.string() }),
  z.object({ type: z.literal('memo'), template: z.string() }),
  z.object({ type: z.literal('giftTarget'), gift: z.string(), label: z.string().optional() }),
  z.object({ type: z.literal('csFlag'), reason: z.string() }),
  z.object({ type: z.literal('holdShipment') }),
  z.object({ type: z.literal('notify'), channel: z.string(), template: z.string() }),
]);
export type Action = z.infer<typeof Action>;
export type ActionType = Action['type'];

export const Rule = z.object({
  id: z.string(),
  name: z.string(),
  when: Condition,
  then: z.array(Action),
  stopAfterMatch: z.boolean().optional(),
});
export type Rule = z.infer<typeof Rule>;

export const Trigger = z.enum(['order.created', 'order.paid', 'order.changed', 'manual']);
export type Trigger = z.infer<typeof Trigger>;

export const Flow = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean().default(true),
  priority: z.number().int().default(100),
  triggers: z.array(Trigger).default(['order.created', 'order.paid', 'order.changed', 'manual']),
  rules: z.array(Rule),
  version: z.number().int().positive().default(1),
  /** Set when the flow was installed from a template. */
  templateId: z.string().optional(),
});
export type Flow = z.infer<typeof Flow>;
export type FlowInput = z.input<typeof Flow>;
