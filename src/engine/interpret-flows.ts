import type { ItemFacts, OrderFacts } from '../domain/order-facts.js';
import type {
  ConditionTrace,
  Decision,
  DecisionAction,
  EvaluationContext,
  FlowTrace,
  MatchedRule,
} from './decision.js';
import type { FactDefinition } from './fact-catalogue.js';
import { findFact } from './fact-catalogue.js';
import type { FactValue } from './fact-readers.js';
import { historyWithin, readItemFact, readOrderFact } from './fact-readers.js';
import type { CompareCondition, Condition, Flow, Rule } from './flow-schema.js';
import { MS_PER_MINUTE, parseKstPeriod, parseTimeOfDay } from './kst-time.js';
import { parseTemplate, renderTemplate } from './render-template.js';
import { sortFlows } from './sort-flows.js';
import { EngineError } from './engine-error.js';

/**
 * The reference interpreter: the plain, declarative definition of what a flow set decides. It reads
 * every value as written, evaluates every condition (no short-circuit), and is the oracle the
 * compiled engine is property-tested against. It also produces the explain trace.
 *
 * Matched items of a condition: a true `items` node contributes the items that satisfied it (all
 * items for quantifier `all`, none for `none`); a true `all` contributes its children's items, a true
 * `any` those of its first true child; `not` and false nodes contribute none.
 */

interface Outcome {
  result: boolean;
  items: number[];
  trace: ConditionTrace;
}

function isEmptyValue(v: FactValue): boolean {
  return v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

function toComparable(def: FactDefinition, raw: unknown, side: 'start' | 'end'): unknown {
  if (def.type === 'time') return typeof raw === 'string' ? parseTimeOfDay(raw) : raw;
  if (def.type === 'datetime') return typeof raw === 'string' ? parseKstPeriod(raw)?.[side] : raw;
  return raw;
}

/** Whether `fact op value` holds; a null (unknown) fact value satisfies only isEmpty. */
function compareValue(
  def: FactDefinition,
  op: CompareCondition['op'],
  value: unknown,
  seen: FactValue,
): boolean {
  if (op === 'isEmpty') return isEmptyValue(seen);
  if (op === 'isNotEmpty') return !isEmptyValue(seen);
  if (seen === null) return false;
  if (Array.isArray(seen)) {
    const set = seen as readonly string[];
    const list = Array.isArray(value) ? (value as string[]) : [];
    switch (op) {
      case 'contains':
        return set.includes(value as string);
      case 'notContains':
        return !set.includes(value as string);
      case 'in':
        return list.some((v) => set.includes(v));
      case 'notIn':
        return !list.some((v) => set.includes(v));
      default:
        throw new EngineError('ENGINE_OPERATOR', `operator ${op} on a set fact`, 'unexpected');
    }
  }
  const x = seen as string | number | boolean;
  // Ordering compares numbers, or `YYYY-MM-DD` strings, whose text order is date order.
  const n = seen as number;
  const one = (side: 'start' | 'end'): unknown => toComparable(def, value, side);
  const list = (Array.isArray(value) ? value : []).map((v: unknown) => toComparable(def, v, 'start'));
  switch (op) {
    case 'eq':
      return x === one('start');
    case 'ne':
      return x !== one('start');
    case 'lt':
      return n < (one('start') as number);
    case 'lte':
      return n <= (one('end') as number);
    case 'gt':
      return n > (one('end') as number);
    case 'gte':
      return n >= (one('start') as number);
    case 'between': {
      const pair = value as unknown[];
      return (
        n >= (toComparable(def, pair[0], 'start') as number) &&
        n <= (toComparable(def, pair[1], 'end') as number)
      );
    }
    case 'in':
      return list.includes(x);
    case 'notIn':
      return !list.includes(x);
    case 'contains':
      return typeof x === 'string' && x.includes(value as string);
    case 'notContains':
      return typeof x === 'string' && !x.includes(value as string);
    case 'startsWith':
      return typeof x === 'string' && x.startsWith(value as string);
    case 'endsWith':
      return typeof x === 'string' && x.endsWith(value as string);
  }
}

function factOf(id: string): FactDefinition {
  const def = findFact(id);
  if (!def)
    throw new EngineError('ENGINE_UNKNOWN_FACT', `unknown fact ${id} (flows must be validated)`, 'user');
  return def;
}

function evaluateCondition(node: Condition, facts: OrderFacts, item: ItemFacts | null): Outcome {
  switch (node.kind) {
    case 'all': {
      const children = node.conditions.map((c) => evaluateCondition(c, facts, item));
      const result = children.every((c) => c.result);
      const items = result ? children.flatMap((c) => c.items) : [];
      return { result, items, trace: { kind: 'all', result, children: children.map((c) => c.trace) } };
    }
    case 'any': {
      const children = node.conditions.map((c) => evaluateCondition(c, facts, item));
      const first = children.find((c) => c.result);
      const result = first !== undefined;
      return {
        result,
        items: first ? first.items : [],
        trace: { kind: 'any', result, children: children.map((c) => c.trace) },
      };
    }
    case 'not': {
      const child = evaluateCondition(node.condition, facts, item);
      return {
        result: !child.result,
        items: [],
        trace: { kind: 'not', result: !child.result, children: [child.trace] },
      };
    }
    case 'compare': {
      const def = factOf(node.fact);
      const seen = item ? readItemFact(def, item) : readOrderFact(def, facts, node.arg);
      const result = compareValue(def, node.op, node.value, seen);
      const trace: ConditionTrace = {
        kind: 'compare',
        result,
        fact: node.fact,
        op: node.op,
        seen: Array.isArray(seen)
          ? [...(seen as readonly string[])]
          : (seen as string | number | boolean | null),
      };
      if (node.arg !== undefined) trace.arg = node.arg;
      if (node.value !== undefined) trace.value = node.value;
      return { result, items: [], trace };
    }
    case 'timeOfDay': {
      const from = parseTimeOfDay(node.from) ?? 0;
      const to = parseTimeOfDay(node.to) ?? 0;
      const m = facts.order.minuteOfDay;
      // [from, to); from > to wraps past midnight (22:00–05:00).
      const result = from < to ? m >= from && m < to : m >= from || m < to;
      return {
        result,
        items: [],
        trace: { kind: 'timeOfDay', result, from: node.from, to: node.to, seen: m },
      };
    }
    case 'dateRange': {
      const from = parseKstPeriod(node.from);
      const to = parseKstPeriod(node.to);
      const t = facts.order.placedAt;
      const result = from !== null && to !== null && t >= from.start && t <= to.end;
      return {
        result,
        items: [],
        trace: { kind: 'dateRange', result, from: node.from, to: node.to, seen: t },
      };
    }
    case 'items': {
      const perItem = facts.items.map((it) => {
        const criteria = node.where.map((c) => evaluateCondition(c, facts, it));
        return {
          itemCode: it.itemCode,
          result: criteria.every((c) => c.result),
          conditions: criteria.map((c) => c.trace),
        };
      });
      const satisfied = perItem.flatMap((p, index) => (p.result ? [index] : []));
      let result: boolean;
      let items: number[];
      if (node.quantifier === 'any') [result, items] = [satisfied.length > 0, satisfied];
      else if (node.quantifier === 'all') {
        result = satisfied.length === facts.items.length;
        items = result ? satisfied : [];
      } else [result, items] = [satisfied.length === 0, []];
      return { result, items, trace: { kind: 'items', result, quantifier: node.quantifier, items: perItem } };
    }
  }
}

interface Match {
  flow: Flow;
  rule: Rule;
  items: number[];
}

function pushUnique<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}

function assemble(matches: Match[], facts: OrderFacts): Decision {
  const labels: string[] = [];
  const removed: string[] = [];
  const itemLabels: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const it of facts.items) itemLabels[it.itemCode] = [];
  const actions: DecisionAction[] = [];
  const related: { orderId: string; label: string }[] = [];
  const addLabel = (label: string, itemIndexes: number[]): void => {
    pushUnique(labels, label);
    for (const i of [...new Set(itemIndexes)].sort((a, b) => a - b)) {
      const code = facts.items[i]?.itemCode;
      if (code !== undefined) pushUnique(itemLabels[code] ?? [], label);
    }
  };
  const everyItem = facts.items.map((_, i) => i);
  for (const { flow, rule, items } of matches) {
    const context = { flow: { id: flow.id, name: flow.name }, rule: { id: rule.id, name: rule.name } };
    for (const action of rule.then) {
      const base = { ...action, flowId: flow.id, ruleId: rule.id };
      switch (action.type) {
        case 'addLabel':
          addLabel(action.label, action.scope === 'order' ? everyItem : items);
          if (action.alsoOrdersWithinMinutes !== undefined) {
            for (const h of historyWithin(facts, action.alsoOrdersWithinMinutes * MS_PER_MINUTE)) {
              if (!related.some((r) => r.orderId === h.orderId && r.label === action.label)) {
                related.push({ orderId: h.orderId, label: action.label });
              }
            }
          }
          actions.push(base);
          break;
        case 'giftTarget':
          addLabel(action.label ?? action.gift, everyItem);
          actions.push(base);
          break;
        case 'removeLabel':
          pushUnique(removed, action.label);
          actions.push(base);
          break;
        case 'memo':
        case 'notify':
          actions.push({
            ...base,
            text: renderTemplate(parseTemplate(action.template).parts, facts, context),
          });
          break;
        case 'csFlag':
        case 'holdShipment':
          actions.push(base);
          break;
      }
    }
  }
  const keep = (label: string): boolean => !removed.includes(label);
  for (const code of Object.keys(itemLabels)) itemLabels[code] = (itemLabels[code] ?? []).filter(keep);
  return {
    matched: matches.map(({ flow, rule }): MatchedRule => ({
      flowId: flow.id,
      flowVersion: flow.version,
      ruleId: rule.id,
      ruleName: rule.name,
    })),
    labels: labels.filter(keep),
    itemLabels,
    removedLabels: removed,
    actions,
    relatedOrderLabels: related,
  };
}

/** Evaluates validated flows on one order's facts (reference semantics; see the module comment). */
export function interpretFlows(flows: readonly Flow[], facts: OrderFacts, ctx: EvaluationContext): Decision {
  const matches: Match[] = [];
  const flowTraces: FlowTrace[] = [];
  const skippedFlows: { flowId: string; reason: 'disabled' | 'trigger' }[] = [];
  for (const flow of sortFlows(flows)) {
    if (!flow.enabled) {
      skippedFlows.push({ flowId: flow.id, reason: 'disabled' });
      continue;
    }
    if (!flow.triggers.includes(ctx.trigger)) {
      skippedFlows.push({ flowId: flow.id, reason: 'trigger' });
      continue;
    }
    const flowTrace: FlowTrace = {
      flowId: flow.id,
      flowName: flow.name,
      flowVersion: flow.version,
      rules: [],
    };
    let stopped = false;
    for (const rule of flow.rules) {
      if (stopped) {
        flowTrace.rules.push({ ruleId: rule.id, ruleName: rule.name, matched: false, skipped: true });
        continue;
      }
      const outcome = evaluateCondition(rule.when, facts, null);
      flowTrace.rules.push({
        ruleId: rule.id,
        ruleName: rule.name,
        matched: outcome.result,
        skipped: false,
        condition: outcome.trace,
      });
      if (outcome.result) {
        matches.push({ flow, rule, items: outcome.items });
        if (rule.stopAfterMatch) stopped = true;
      }
    }
    flowTraces.push(flowTrace);
  }
  const decision = assemble(matches, facts);
  if (ctx.explain) decision.trace = { trigger: ctx.trigger, flows: flowTraces, skippedFlows };
  return decision;
}
