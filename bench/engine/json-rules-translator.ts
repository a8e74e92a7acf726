import type { NestedCondition, RuleProperties, TopLevelCondition } from 'json-rules-engine';
import { Engine } from 'json-rules-engine';
import type { ItemFacts, OrderFacts } from '../../src/domain/order-facts.js';
import { FACTS, findFact } from '../../src/engine/fact-catalogue.js';
import { DERIVED_FACTS } from '../../src/engine/fact-readers.js';
import type { Condition, Flow, Trigger } from '../../src/engine/flow-schema.js';
import { parseKstPeriod, parseTimeOfDay } from '../../src/engine/kst-time.js';
import { parseOperand } from '../../src/engine/operand.js';
import { sortFlows } from '../../src/engine/sort-flows.js';

/**
 * Translates PassFlow flows into json-rules-engine rules automatically, so the benchmark compares
 * engines on the same rules. Facts are handed to json-rules-engine flat (`order.productAmount` …);
 * parameterised facts are dynamic facts with `params.arg`; an `items` quantifier is a dynamic fact
 * that runs a json-rules-engine sub-engine over each item's facts. Operators are registered to
 * follow PassFlow's semantics (a null fact value satisfies only isEmpty). Operands are coerced with
 * the engine's own parser (times → minutes, dates → instants) so both sides compare the same values.
 */

type Value = unknown;
const present = (a: Value): boolean => a !== null && a !== undefined;
const isEmpty = (a: Value): boolean =>
  a === null || a === undefined || a === '' || (Array.isArray(a) && a.length === 0);

const OPERATORS: Record<string, (fact: Value, value: Value) => boolean> = {
  pw_eq: (a, b) => present(a) && a === b,
  pw_ne: (a, b) => present(a) && a !== b,
  pw_lt: (a, b) => present(a) && (a as number) < (b as number),
  pw_lte: (a, b) => present(a) && (a as number) <= (b as number),
  pw_gt: (a, b) => present(a) && (a as number) > (b as number),
  pw_gte: (a, b) => present(a) && (a as number) >= (b as number),
  pw_between: (a, b) =>
    present(a) && (a as number) >= (b as number[])[0]! && (a as number) <= (b as number[])[1]!,
  pw_in: (a, b) =>
    present(a) && (Array.isArray(a) ? (b as Value[]).some((v) => a.includes(v)) : (b as Value[]).includes(a)),
  pw_notIn: (a, b) =>
    present(a) &&
    (Array.isArray(a) ? !(b as Value[]).some((v) => a.includes(v)) : !(b as Value[]).includes(a)),
  pw_contains: (a, b) => present(a) && (a as string | Value[]).includes(b as string),
  pw_notContains: (a, b) => present(a) && !(a as string | Value[]).includes(b as string),
  pw_startsWith: (a, b) => typeof a === 'string' && a.startsWith(b as string),
  pw_endsWith: (a, b) => typeof a === 'string' && a.endsWith(b as string),
  pw_isEmpty: (a) => isEmpty(a),
  pw_isNotEmpty: (a) => !isEmpty(a),
  pw_window: (a, b) => {
    const [from, to] = b as [number, number];
    const m = a as number;
    return from < to ? m >= from && m < to : m >= from || m < to;
  },
};

function addOperators(engine: Engine): void {
  for (const [name, fn] of Object.entries(OPERATORS)) engine.addOperator(name, fn);
}

const ORDER_FACTS = FACTS.filter((f) => f.scope === 'order' && !f.derived);
const ITEM_FACTS = FACTS.filter((f) => f.scope === 'item');

function read(root: unknown, path: readonly string[] = []): unknown {
  let value = root;
  for (const key of path) value = (value as Record<string, unknown>)[key];
  return value;
}

/** The flat fact map json-rules-engine receives for one order (computed before timing). */
export function flatOrderFacts(facts: OrderFacts): Record<string, unknown> {
  const flat: Record<string, unknown> = { __facts: facts };
  for (const def of ORDER_FACTS) flat[def.id] = read(facts, def.path);
  return flat;
}

function flatItemFacts(item: ItemFacts): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const def of ITEM_FACTS) flat[def.id] = read(item, def.path);
  return flat;
}

class Translator {
  private quantifiers = 0;
  constructor(private readonly engine: Engine) {}

  condition(node: Condition): NestedCondition {
    switch (node.kind) {
      case 'all':
        return { all: node.conditions.map((c) => this.condition(c)) };
      case 'any':
        return { any: node.conditions.map((c) => this.condition(c)) };
      case 'not':
        return { not: this.condition(node.condition) };
      case 'compare': {
        const def = findFact(node.fact);
        if (!def) throw new Error(`unknown fact ${node.fact}`);
        const parsed = parseOperand(def, node.op, node.value);
        if (!parsed.ok) throw new Error(`bad operand for ${node.fact}`);
        const o = parsed.operand;
        const value = 'value' in o ? o.value : 'values' in o ? o.values : 'low' in o ? [o.low, o.high] : true;
        const leaf = { fact: node.fact, operator: `pw_${node.op}`, value: value as never };
        return node.arg === undefined ? leaf : { ...leaf, params: { arg: node.arg } };
      }
      case 'timeOfDay':
        return {
          fact: 'order.minuteOfDay',
          operator: 'pw_window',
          value: [parseTimeOfDay(node.from), parseTimeOfDay(node.to)] as never,
        };
      case 'dateRange':
        return {
          fact: 'order.placedAt',
          operator: 'pw_between',
          value: [parseKstPeriod(node.from)?.start, parseKstPeriod(node.to)?.end] as never,
        };
      case 'items': {
        // The criteria of one item run as one sub-engine rule; the quantifier is a dynamic fact.
        const sub = new Engine([], { allowUndefinedFacts: true });
        addOperators(sub);
        sub.addRule({
          conditions: { all: node.where.map((c) => this.condition(c)) },
          event: { type: 'item' },
        });
        const name = `__items${this.quantifiers++}`;
        const quantifier = node.quantifier;
        this.engine.addFact(name, async (_params, almanac) => {
          const facts = (await almanac.factValue('__facts')) as OrderFacts;
          let satisfied = 0;
          for (const item of facts.items) {
            const { results } = await sub.run(flatItemFacts(item));
            if (results.length > 0) satisfied++;
          }
          if (quantifier === 'any') return satisfied > 0;
          if (quantifier === 'all') return satisfied === facts.items.length;
          return satisfied === 0;
        });
        return { fact: name, operator: 'equal', value: true };
      }
    }
  }
}

export interface JsonRulesContender {
  /** Labels for one order from its flat facts (see flatOrderFacts), in flow/rule order. */
  labels(flat: Record<string, unknown>): Promise<string[]>;
}

/** Builds a json-rules-engine equivalent of `flows` for one trigger. */
export function translateFlows(flows: readonly Flow[], trigger: Trigger): JsonRulesContender {
  const engine = new Engine([], { allowUndefinedFacts: true });
  addOperators(engine);
  engine.addFact('customer.returnsInDays', async (params, almanac) =>
    DERIVED_FACTS.returnsInDays(
      (await almanac.factValue('__facts')) as OrderFacts,
      (params as { arg: number }).arg,
    ),
  );
  engine.addFact('customer.ordersWithin', async (params, almanac) =>
    DERIVED_FACTS.ordersWithin(
      (await almanac.factValue('__facts')) as OrderFacts,
      (params as { arg: number }).arg,
    ),
  );
  const translator = new Translator(engine);
  const rules: { flowIndex: number; stop: boolean; add: string[]; remove: string[] }[] = [];
  sortFlows(flows)
    .filter((f) => f.enabled && f.triggers.includes(trigger))
    .forEach((flow, flowIndex) => {
      for (const rule of flow.rules) {
        const index = rules.length;
        rules.push({
          flowIndex,
          stop: rule.stopAfterMatch === true,
          add: rule.then.flatMap((a) =>
            a.type === 'addLabel' ? [a.label] : a.type === 'giftTarget' ? [a.label ?? a.gift] : [],
          ),
          remove: rule.then.flatMap((a) => (a.type === 'removeLabel' ? [a.label] : [])),
        });
        const properties: RuleProperties = {
          name: `${flow.id}/${rule.id}`,
          conditions: { all: [translator.condition(rule.when)] } as TopLevelCondition,
          event: { type: 'match', params: { index } },
        };
        engine.addRule(properties);
      }
    });
  return {
    async labels(flat) {
      const { results } = await engine.run(flat);
      const matched = results.map((r) => (r.event?.params as { index: number }).index).sort((a, b) => a - b);
      const labels: string[] = [];
      const removed: string[] = [];
      const stoppedFlows = new Set<number>();
      for (const index of matched) {
        const rule = rules[index]!;
        if (stoppedFlows.has(rule.flowIndex)) continue;
        for (const l of rule.add) if (!labels.includes(l)) labels.push(l);
        for (const l of rule.remove) if (!removed.includes(l)) removed.push(l);
        if (rule.stop) stoppedFlows.add(rule.flowIndex);
      }
      return labels.filter((l) => !removed.includes(l));
    },
  };
}
