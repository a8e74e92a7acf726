import type { OrderFacts } from '../domain/order-facts.js';
import { DecisionAssembler } from './assemble-decision.js';
import type { Decision, EvaluationContext } from './decision.js';
import { EngineError } from './engine-error.js';
import type { FactDefinition } from './fact-catalogue.js';
import { findFact } from './fact-catalogue.js';
import { DERIVED_FACTS } from './fact-readers.js';
import type { CompareCondition, Condition, ConditionKind, Flow, Trigger } from './flow-schema.js';
import { interpretFlows } from './interpret-flows.js';
import { parseKstPeriod, parseTimeOfDay } from './kst-time.js';
import type { Operand } from './operand.js';
import { parseOperand } from './operand.js';
import { sortFlows } from './sort-flows.js';
import type { ValidateOptions, ValidationIssue } from './validate-flow.js';
import { validateFlows } from './validate-flow.js';

/**
 * The compiler: turns a validated flow set into one generated JavaScript function (as ajv and
 * fast-json-stringify do) so evaluation runs near hand-written speed. Safety contract: the source
 * text holds only structure, catalogue property paths and generated names; every merchant value
 * (amounts, labels, lists, dates, args) is a bound constant `kN` taken from an array, never spliced
 * into the text. Operands are parsed and coerced here, once. interpret-flows.ts is the reference
 * semantics this must equal (property-tested).
 */

/** The flows failed validation; `issues` lists every problem. */
export class FlowCompileError extends EngineError {
  constructor(readonly issues: ValidationIssue[]) {
    super(
      'ENGINE_INVALID_FLOWS',
      `invalid flows: ${issues.map((i) => `${i.path}: ${i.message.en}`).join('; ')}`,
      'user',
    );
  }
}

export interface CompiledFlowSet {
  /** The flows in evaluation order (priority, then name). */
  readonly flows: readonly Flow[];
  /** The generated source, for inspection and debugging; it holds no merchant values. */
  readonly source: string;
  /** Decides one order. Pure: same facts and context, same decision. */
  evaluate(facts: OrderFacts, ctx: EvaluationContext): Decision;
}

export type CompileOptions = ValidateOptions;

const TRIGGER_BITS: Record<Trigger, number> = {
  'order.created': 1,
  'order.paid': 2,
  'order.changed': 4,
  manual: 8,
};
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Code generation state: the constant pool, helper functions and per-function temporaries. */
class Codegen {
  readonly constants: unknown[] = [];
  readonly functions: string[] = [];
  private functionCount = 0;
  private temps = 0;
  private maxTemps = 0;

  constant(value: unknown): string {
    this.constants.push(value);
    return `k${this.constants.length - 1}`;
  }
  temp(): string {
    this.temps++;
    this.maxTemps = Math.max(this.maxTemps, this.temps);
    return `t${this.temps - 1}`;
  }
  /** Runs `body` with a fresh temporary scope; returns the `let` declaration it needs. */
  withTemps(body: () => string): { code: string; declare: string } {
    const [savedTemps, savedMax] = [this.temps, this.maxTemps];
    this.temps = 0;
    this.maxTemps = 0;
    const code = body();
    const names = Array.from({ length: this.maxTemps }, (_, i) => `t${i}`);
    this.temps = savedTemps;
    this.maxTemps = savedMax;
    return { code, declare: names.length > 0 ? `let ${names.join(', ')};` : '' };
  }
  fn(prefix: string, build: (name: string) => string): string {
    const name = `${prefix}${this.functionCount++}`;
    this.functions.push(build(name));
    return name;
  }
}

interface ConditionScope {
  gen: Codegen;
  /** Collect matched items into `m` (the rule has a matchedItems-scope label). */
  track: boolean;
  /** Inside an `items` quantifier: the item variable name. */
  item: string | null;
}

function propertyPath(root: string, path: readonly string[]): string {
  for (const key of path) {
    if (!IDENTIFIER.test(key))
      throw new EngineError('ENGINE_CATALOGUE', `bad catalogue path ${key}`, 'unexpected');
  }
  return [root, ...path].join('.');
}

function factExpression(def: FactDefinition, node: CompareCondition, scope: ConditionScope): string {
  if (def.derived) {
    const fn = scope.gen.constant(DERIVED_FACTS[def.derived]);
    return `${fn}(f, ${scope.gen.constant(node.arg ?? 0)})`;
  }
  return propertyPath(scope.item ?? 'f', def.path ?? []);
}

const hasAny = (set: readonly string[], wanted: readonly string[]): boolean =>
  wanted.some((w) => set.includes(w));

/** The test of `operand` on the value held in temporary `v` (already known not to be null). */
function valueTest(def: FactDefinition, operand: Operand, v: string, gen: Codegen): string {
  const k = (value: unknown): string => gen.constant(value);
  if (def.type === 'set') {
    switch (operand.op) {
      case 'contains':
        return `${v}.includes(${k(operand.value)})`;
      case 'notContains':
        return `!${v}.includes(${k(operand.value)})`;
      case 'in':
        return `${k(hasAny)}(${v}, ${k(operand.values)})`;
      case 'notIn':
        return `!${k(hasAny)}(${v}, ${k(operand.values)})`;
      default:
        throw new EngineError('ENGINE_OPERATOR', `operator ${operand.op} on a set`, 'unexpected');
    }
  }
  switch (operand.op) {
    case 'eq':
      return `${v} === ${k(operand.value)}`;
    case 'ne':
      return `${v} !== ${k(operand.value)}`;
    case 'lt':
      return `${v} < ${k(operand.value)}`;
    case 'lte':
      return `${v} <= ${k(operand.value)}`;
    case 'gt':
      return `${v} > ${k(operand.value)}`;
    case 'gte':
      return `${v} >= ${k(operand.value)}`;
    case 'between':
      return `${v} >= ${k(operand.low)} && ${v} <= ${k(operand.high)}`;
    case 'in':
    case 'notIn': {
      // Short lists as a chain of ===, longer ones as a Set lookup.
      const test =
        operand.values.length <= 4
          ? operand.values.map((value) => `${v} === ${k(value)}`).join(' || ')
          : `${k(new Set(operand.values))}.has(${v})`;
      return operand.op === 'in' ? `(${test})` : `!(${test})`;
    }
    case 'contains':
      return `${v}.includes(${k(operand.value)})`;
    case 'notContains':
      return `!${v}.includes(${k(operand.value)})`;
    case 'startsWith':
      return `${v}.startsWith(${k(operand.value)})`;
    case 'endsWith':
      return `${v}.endsWith(${k(operand.value)})`;
    case 'isEmpty':
    case 'isNotEmpty':
      throw new EngineError('ENGINE_OPERATOR', 'emptiness is tested by compareTest', 'unexpected');
  }
}

/** A compare leaf; a null fact value satisfies only isEmpty (as in the interpreter). */
function compileCompare(node: CompareCondition, scope: ConditionScope): string {
  const def = findFact(node.fact);
  if (!def) throw new EngineError('ENGINE_UNKNOWN_FACT', `unknown fact ${node.fact}`, 'user');
  const parsed = parseOperand(def, node.op, node.value);
  if (!parsed.ok) throw new EngineError('ENGINE_BAD_OPERAND', `bad value for ${node.fact}`, 'user');
  const operand = parsed.operand;
  const v = scope.gen.temp();
  const read = `(${v} = ${factExpression(def, node, scope)})`;
  if (operand.op === 'isEmpty' || operand.op === 'isNotEmpty') {
    const empty = def.type === 'set' ? `${read}.length === 0` : `(${read} === null || ${v} === '')`;
    return operand.op === 'isEmpty' ? `(${empty})` : `!(${empty})`;
  }
  const test = valueTest(def, operand, v, scope.gen);
  return def.nullable ? `(${read} !== null && ${test})` : `(${read}, ${test})`;
}

type Compile<K extends ConditionKind> = (
  node: Extract<Condition, { kind: K }>,
  scope: ConditionScope,
) => string;

function containsItems(node: Condition): boolean {
  switch (node.kind) {
    case 'all':
    case 'any':
      return node.conditions.some(containsItems);
    case 'not':
      return containsItems(node.condition);
    case 'items':
      return true;
    default:
      return false;
  }
}

/**
 * One compiler per condition kind; a new kind without an entry fails the typecheck. Matched-item
 * invariant (see interpret-flows.ts): a node that is false leaves `m` as it found it, so `all`
 * truncates on failure and `not` always truncates.
 */
const COMPILERS: { [K in ConditionKind]: Compile<K> } = {
  all(node, scope) {
    const body = node.conditions.map((c) => compileCondition(c, scope)).join(' && ');
    if (!scope.track || !containsItems(node)) return `(${body})`;
    const s = scope.gen.temp();
    return `((${s} = m.length, ${body}) || (m.length = ${s}, false))`;
  },
  any(node, scope) {
    return `(${node.conditions.map((c) => compileCondition(c, scope)).join(' || ')})`;
  },
  not(node, scope) {
    const inner = compileCondition(node.condition, scope);
    if (!scope.track || !containsItems(node)) return `!${inner}`;
    const [s, r] = [scope.gen.temp(), scope.gen.temp()];
    return `(${s} = m.length, ${r} = !${inner}, m.length = ${s}, ${r})`;
  },
  compare: compileCompare,
  timeOfDay(node, scope) {
    const from = parseTimeOfDay(node.from);
    const to = parseTimeOfDay(node.to);
    if (from === null || to === null) throw new EngineError('ENGINE_BAD_OPERAND', 'bad time window', 'user');
    const [t, kf, kt] = [scope.gen.temp(), scope.gen.constant(from), scope.gen.constant(to)];
    // [from, to); from > to wraps past midnight.
    return from < to
      ? `((${t} = f.order.minuteOfDay) >= ${kf} && ${t} < ${kt})`
      : `((${t} = f.order.minuteOfDay) >= ${kf} || ${t} < ${kt})`;
  },
  dateRange(node, scope) {
    const from = parseKstPeriod(node.from);
    const to = parseKstPeriod(node.to);
    if (from === null || to === null) throw new EngineError('ENGINE_BAD_OPERAND', 'bad date period', 'user');
    const [t, ks, ke] = [scope.gen.temp(), scope.gen.constant(from.start), scope.gen.constant(to.end)];
    return `((${t} = f.order.placedAt) >= ${ks} && ${t} <= ${ke})`;
  },
  items(node, scope) {
    const gen = scope.gen;
    const name = gen.fn('q', (fnName) => {
      const { code: where, declare } = gen.withTemps(() =>
        node.where.map((c) => compileCondition(c, { gen, track: false, item: 'x' })).join(' && '),
      );
      const loop = (body: string): string =>
        `for (let i = 0; i < it.length; i++) { const x = it[i]; ${body} }`;
      let body: string;
      if (node.quantifier === 'any' && scope.track) {
        body = `let found = false; ${loop(`if (${where}) { found = true; m.push(i); }`)} return found;`;
      } else if (node.quantifier === 'any') {
        body = `${loop(`if (${where}) return true;`)} return false;`;
      } else if (node.quantifier === 'all') {
        const push = scope.track ? 'for (let i = 0; i < it.length; i++) m.push(i);' : '';
        body = `${loop(`if (!(${where})) return false;`)} ${push} return true;`;
      } else {
        body = `${loop(`if (${where}) return false;`)} return true;`;
      }
      return `function ${fnName}(f, m) { const it = f.items; ${declare} ${body} }`;
    });
    return `${name}(f, m)`;
  },
};

/** Freezes the validated flows (fresh copies from the parser) so the set cannot change later. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function compileCondition(node: Condition, scope: ConditionScope): string {
  return (COMPILERS[node.kind] as Compile<ConditionKind>)(node as never, scope);
}

/**
 * Validates and compiles a flow set into an immutable evaluator. Throws FlowCompileError (kind user)
 * listing every problem when a flow is invalid. `explain` evaluations take their trace from the
 * reference interpreter, so the generated code stays minimal.
 */
export function compileFlows(flows: readonly Flow[], options: CompileOptions = {}): CompiledFlowSet {
  const validated = validateFlows(flows, options);
  if (!validated.ok) throw new FlowCompileError(validated.issues);
  const sorted = deepFreeze(sortFlows(validated.flows));
  const gen = new Codegen();
  const assembler = new DecisionAssembler();
  const lines: string[] = [];
  sorted.forEach((flow, flowIndex) => {
    if (!flow.enabled || flow.rules.length === 0) return;
    const mask = flow.triggers.reduce((bits, t) => bits | TRIGGER_BITS[t], 0);
    lines.push(`flow${flowIndex}: if ((tb & ${gen.constant(mask)}) !== 0) {`);
    for (const rule of flow.rules) {
      const { index, tracksItems } = assembler.addRule(flow, rule);
      const track = tracksItems && containsItems(rule.when);
      const fnName = gen.fn('r', (name) => {
        const { code, declare } = gen.withTemps(() =>
          compileCondition(rule.when, { gen, track, item: null }),
        );
        return `function ${name}(f, m) { ${declare} return ${code}; }`;
      });
      const stop = rule.stopAfterMatch ? ` break flow${flowIndex};` : '';
      lines.push(
        track
          ? `  m = []; if (${fnName}(f, m)) { (out || (out = [])).push(${index}, m);${stop} }`
          : `  if (${fnName}(f, undefined)) { (out || (out = [])).push(${index}, undefined);${stop} }`,
      );
    }
    lines.push('}');
  });
  const prelude = gen.constants.map((_, i) => `const k${i} = K[${i}];`).join('\n');
  const source = [
    '"use strict";',
    prelude,
    ...gen.functions,
    'return function run(f, tb) {',
    '  let out = null; let m;',
    ...lines.map((l) => `  ${l}`),
    '  return out;',
    '};',
  ].join('\n');
  // The only dynamic code: our own generated structure; merchant values arrive through K.
  const run = new Function('K', source)(gen.constants) as (f: OrderFacts, tb: number) => unknown[] | null;
  return Object.freeze({
    flows: sorted,
    source,
    evaluate(facts: OrderFacts, ctx: EvaluationContext): Decision {
      const decision = assembler.assemble(run(facts, TRIGGER_BITS[ctx.trigger]), facts);
      if (ctx.explain) decision.trace = interpretFlows(sorted, facts, ctx).trace;
      return decision;
    },
  });
}
