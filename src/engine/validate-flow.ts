import { z } from 'zod';
import type { FactDefinition } from './fact-catalogue.js';
import { Localized, findFact, operatorsFor } from './fact-catalogue.js';
import { Flow, Operator } from './flow-schema.js';
import { parseKstPeriod, parseTimeOfDay } from './kst-time.js';
import type { Operand, Scalar } from './operand.js';
import { parseOperand } from './operand.js';
import { parseTemplate } from './render-template.js';
import type { ValidationCode } from './validation-messages.js';
import { validationMessage } from './validation-messages.js';

/** One problem of a flow: where (`rules[2].when.conditions[0].value`), what, and a message ko/en. */
export const ValidationIssue = z.object({ path: z.string(), code: z.string(), message: Localized });
export type ValidationIssue = z.infer<typeof ValidationIssue>;

export interface ValidateOptions {
  /** Longest label name accepted (characters); Cafe24 states none, so we stay conservative. */
  maxLabelLength?: number;
}

export type ValidationResult = { ok: true; flow: Flow } | { ok: false; issues: ValidationIssue[] };

const DEFAULT_MAX_LABEL_LENGTH = 50;

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

function joinPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** The raw value at a zod issue path (undefined when absent). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path)
    value =
      isObject(value) || Array.isArray(value) ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/** zod's issue → our code; a wrong type where nothing was given is a missing field. */
function shapeCode(issue: z.core.$ZodIssue, input: unknown): ValidationCode {
  switch (issue.code) {
    case 'invalid_type':
      if (valueAt(input, issue.path) === undefined) return 'required';
      switch (issue.expected) {
        case 'number':
          return 'expectedNumber';
        case 'int':
          return 'expectedInteger';
        case 'string':
          return 'expectedString';
        case 'boolean':
          return 'expectedBoolean';
        case 'array':
          return 'expectedList';
        case 'object':
          return 'expectedObject';
        default:
          return 'invalid';
      }
    case 'invalid_value':
    case 'invalid_union':
      return 'invalidOption';
    case 'too_small':
      return 'tooSmall';
    default:
      return 'invalid';
  }
}

class IssueList {
  readonly issues: ValidationIssue[] = [];
  add(path: string, code: ValidationCode, detail?: Localized): void {
    this.issues.push({ path, code, message: validationMessage(code, detail) });
  }
}

/** Per (fact, arg) what sibling leaves of one `all` demand, to spot leaves that cannot all hold. */
interface Demand {
  def: FactDefinition;
  emptyRequired: boolean;
  valueRequired: boolean;
  allowed: Scalar[] | null;
  excluded: Scalar[];
  low: Scalar | null;
  lowStrict: boolean;
  high: Scalar | null;
  highStrict: boolean;
  setRequired: Scalar[];
}

function applyDemand(d: Demand, operand: Operand): void {
  if (operand.op === 'isEmpty') {
    d.emptyRequired = true;
    return;
  }
  d.valueRequired = true;
  if (operand.op === 'isNotEmpty') return;
  if (d.def.type === 'set') {
    if (operand.op === 'contains') d.setRequired.push(operand.value);
    if (operand.op === 'notContains') d.excluded.push(operand.value);
    if (operand.op === 'notIn') d.excluded.push(...operand.values);
    if (operand.op === 'in')
      d.allowed = (d.allowed ?? operand.values).filter((v) => operand.values.includes(v));
    return;
  }
  const raiseLow = (v: Scalar, strict: boolean): void => {
    if (d.low === null || v > d.low || (v === d.low && strict)) [d.low, d.lowStrict] = [v, strict];
  };
  const lowerHigh = (v: Scalar, strict: boolean): void => {
    if (d.high === null || v < d.high || (v === d.high && strict)) [d.high, d.highStrict] = [v, strict];
  };
  switch (operand.op) {
    case 'eq':
      d.allowed = (d.allowed ?? [operand.value]).filter((v) => v === operand.value);
      break;
    case 'in':
      d.allowed = (d.allowed ?? operand.values).filter((v) => operand.values.includes(v));
      break;
    case 'ne':
      d.excluded.push(operand.value);
      break;
    case 'notIn':
      d.excluded.push(...operand.values);
      break;
    case 'lt':
      lowerHigh(operand.value, true);
      break;
    case 'lte':
      lowerHigh(operand.value, false);
      break;
    case 'gt':
      raiseLow(operand.value, true);
      break;
    case 'gte':
      raiseLow(operand.value, false);
      break;
    case 'between':
      raiseLow(operand.low, false);
      lowerHigh(operand.high, false);
      break;
    default:
      // text operators (contains, startsWith …) are not checked for contradictions
      break;
  }
}

function isContradictory(d: Demand): boolean {
  if (d.emptyRequired && d.valueRequired) return true;
  if (d.def.type === 'set') {
    if (d.setRequired.some((v) => d.excluded.includes(v))) return true;
    return d.allowed !== null && d.allowed.every((v) => d.excluded.includes(v));
  }
  const inRange = (v: Scalar): boolean =>
    (d.low === null || (d.lowStrict ? v > d.low : v >= d.low)) &&
    (d.high === null || (d.highStrict ? v < d.high : v <= d.high));
  if (d.allowed !== null) return !d.allowed.some((v) => inRange(v) && !d.excluded.includes(v));
  if (d.low !== null && d.high !== null) {
    if (d.low > d.high) return true;
    if (d.low === d.high && (d.lowStrict || d.highStrict || d.excluded.includes(d.low))) return true;
  }
  return false;
}

class FlowValidator {
  constructor(
    private readonly out: IssueList,
    private readonly maxLabelLength: number,
  ) {}

  flow(input: unknown): void {
    if (!isObject(input)) return;
    if (input.id === '') this.out.add('id', 'emptyId');
    if (Array.isArray(input.triggers) && input.triggers.length === 0) this.out.add('triggers', 'noTriggers');
    if (!Array.isArray(input.rules)) return;
    const seen = new Set<string>();
    input.rules.forEach((rule: unknown, index) => {
      const path = `rules[${index}]`;
      if (!isObject(rule)) return;
      if (typeof rule.id === 'string') {
        if (rule.id === '') this.out.add(`${path}.id`, 'emptyId');
        else if (seen.has(rule.id))
          this.out.add(`${path}.id`, 'duplicateRuleId', { ko: rule.id, en: rule.id });
        seen.add(rule.id);
      }
      this.condition(rule.when, `${path}.when`, false);
      if (Array.isArray(rule.then))
        rule.then.forEach((a: unknown, i) => this.action(a, `${path}.then[${i}]`));
    });
  }

  private action(action: unknown, path: string): void {
    if (!isObject(action)) return;
    if (action.type === 'addLabel' || action.type === 'removeLabel')
      this.label(action.label, `${path}.label`);
    if (action.type === 'giftTarget') {
      if (action.label !== undefined) this.label(action.label, `${path}.label`);
      else this.label(action.gift, `${path}.gift`);
    }
    if ((action.type === 'memo' || action.type === 'notify') && typeof action.template === 'string') {
      for (const name of parseTemplate(action.template).unknown) {
        this.out.add(`${path}.template`, 'unknownPlaceholder', { ko: name, en: name });
      }
    }
  }

  /** Label names Cafe24 would refuse or that would break its comma-separated label filters. */
  private label(name: unknown, path: string): void {
    if (typeof name !== 'string') return;
    if (name === '') this.out.add(path, 'labelEmpty');
    else if (name.trim() === '') this.out.add(path, 'labelBlank');
    const length = [...name].length;
    if (length > this.maxLabelLength) {
      const detail = `${length} > ${this.maxLabelLength}`;
      this.out.add(path, 'labelTooLong', { ko: detail, en: detail });
    }
    if (name.includes(',')) this.out.add(path, 'labelComma');
  }

  private condition(node: unknown, path: string, inItems: boolean): void {
    if (!isObject(node)) return;
    switch (node.kind) {
      case 'all':
      case 'any':
        this.group(node.conditions, `${path}.conditions`, inItems, node.kind === 'all');
        return;
      case 'not':
        this.condition(node.condition, `${path}.condition`, inItems);
        return;
      case 'compare':
        this.compare(node, path, inItems);
        return;
      case 'timeOfDay': {
        if (inItems) this.out.add(path, 'orderFactInsideItems');
        const from = typeof node.from === 'string' ? parseTimeOfDay(node.from) : null;
        const to = typeof node.to === 'string' ? parseTimeOfDay(node.to) : null;
        if (typeof node.from === 'string' && from === null) this.out.add(`${path}.from`, 'expectedTime');
        if (typeof node.to === 'string' && to === null) this.out.add(`${path}.to`, 'expectedTime');
        if (from !== null && from === to) this.out.add(path, 'emptyWindow');
        return;
      }
      case 'dateRange': {
        if (inItems) this.out.add(path, 'orderFactInsideItems');
        const from = typeof node.from === 'string' ? parseKstPeriod(node.from) : null;
        const to = typeof node.to === 'string' ? parseKstPeriod(node.to) : null;
        if (typeof node.from === 'string' && from === null) this.out.add(`${path}.from`, 'expectedDateTime');
        if (typeof node.to === 'string' && to === null) this.out.add(`${path}.to`, 'expectedDateTime');
        if (from && to && from.start > to.end) this.out.add(path, 'emptyRange');
        return;
      }
      case 'items':
        if (inItems) this.out.add(path, 'nestedItems');
        this.group(node.where, `${path}.where`, true, true);
        return;
      default:
        return; // unknown kinds are reported by the shape check
    }
  }

  private group(children: unknown, path: string, inItems: boolean, conjunctive: boolean): void {
    if (!Array.isArray(children)) return;
    if (children.length === 0) this.out.add(path, 'emptyGroup');
    const demands = new Map<string, Demand>();
    children.forEach((child: unknown, index) => {
      const childPath = `${path}[${index}]`;
      this.condition(child, childPath, inItems);
      if (!conjunctive || !isObject(child) || child.kind !== 'compare') return;
      const leaf = this.parsedLeaf(child, inItems);
      if (!leaf) return;
      const key = `${leaf.def.id}|${String(child.arg)}`;
      let demand = demands.get(key);
      if (!demand) {
        demand = {
          def: leaf.def,
          emptyRequired: false,
          valueRequired: false,
          allowed: null,
          excluded: [],
          low: null,
          lowStrict: false,
          high: null,
          highStrict: false,
          setRequired: [],
        };
        demands.set(key, demand);
      }
      const wasContradictory = isContradictory(demand);
      applyDemand(demand, leaf.operand);
      if (!wasContradictory && isContradictory(demand))
        this.out.add(childPath, 'contradiction', leaf.def.label);
    });
  }

  /** A compare leaf that is valid on its own, with its parsed operand; else undefined. */
  private parsedLeaf(node: Raw, inItems: boolean): { def: FactDefinition; operand: Operand } | undefined {
    const def = typeof node.fact === 'string' ? findFact(node.fact) : undefined;
    const op = Operator.safeParse(node.op);
    if (!def || !op.success || (def.scope === 'item') !== inItems || !operatorsFor(def).includes(op.data))
      return;
    const parsed = parseOperand(def, op.data, node.value);
    return parsed.ok ? { def, operand: parsed.operand } : undefined;
  }

  private compare(node: Raw, path: string, inItems: boolean): void {
    if (typeof node.fact !== 'string') return;
    const def = findFact(node.fact);
    if (!def) {
      this.out.add(`${path}.fact`, 'unknownFact', { ko: node.fact, en: node.fact });
      return;
    }
    if (def.scope === 'item' && !inItems) this.out.add(`${path}.fact`, 'itemFactOutsideItems', def.label);
    if (def.scope === 'order' && inItems) this.out.add(`${path}.fact`, 'orderFactInsideItems', def.label);
    if (def.arg) {
      if (node.arg === undefined) this.out.add(`${path}.arg`, 'missingArg', def.arg.label);
      else if (
        typeof node.arg === 'number' &&
        (!Number.isInteger(node.arg) || node.arg < def.arg.min || node.arg > def.arg.max)
      ) {
        const range = `${def.arg.min}–${def.arg.max}`;
        this.out.add(`${path}.arg`, 'invalidArg', { ko: range, en: range });
      }
    } else if (node.arg !== undefined) {
      this.out.add(`${path}.arg`, 'unsupportedArg', def.label);
    }
    const op = Operator.safeParse(node.op);
    if (!op.success) return;
    if (!operatorsFor(def).includes(op.data)) {
      const detail = `${op.data} (${def.type})`;
      this.out.add(`${path}.op`, 'operatorNotAllowed', { ko: detail, en: detail });
      return;
    }
    const parsed = parseOperand(def, op.data, node.value);
    if (!parsed.ok) for (const p of parsed.problems) this.out.add(`${path}.${p.path}`, p.code, def.label);
  }
}

/**
 * Validates one flow: shape (zod, translated) and meaning (facts, operators, values, args, groups,
 * contradictions, IDs, labels, templates). Reports every problem at once; never throws.
 */
export function validateFlow(input: unknown, options: ValidateOptions = {}): ValidationResult {
  const out = new IssueList();
  try {
    const shape = Flow.safeParse(input);
    if (!shape.success) {
      for (const issue of shape.error.issues) out.add(joinPath(issue.path), shapeCode(issue, input));
    }
    new FlowValidator(out, options.maxLabelLength ?? DEFAULT_MAX_LABEL_LENGTH).flow(input);
    if (shape.success && out.issues.length === 0) return { ok: true, flow: shape.data };
  } catch (cause) {
    // Hostile input (getters that throw, cycles deeper than the stack) is still a validation answer.
    out.add('', 'invalid', { ko: String(cause), en: String(cause) });
  }
  return { ok: false, issues: out.issues };
}

/**
 * Validates a list of flows; paths are prefixed with the flow's index (`[1].rules[0].id`) and flow
 * IDs must be unique.
 */
export function validateFlows(
  list: unknown,
  options: ValidateOptions = {},
): { ok: true; flows: Flow[] } | { ok: false; issues: ValidationIssue[] } {
  if (!Array.isArray(list)) {
    return {
      ok: false,
      issues: [{ path: '', code: 'expectedList', message: validationMessage('expectedList') }],
    };
  }
  const flows: Flow[] = [];
  const issues: ValidationIssue[] = [];
  const ids = new Set<string>();
  list.forEach((input: unknown, index) => {
    const result = validateFlow(input, options);
    if (result.ok) flows.push(result.flow);
    else
      for (const issue of result.issues)
        issues.push({ ...issue, path: `[${index}]${issue.path ? '.' : ''}${issue.path}` });
    if (isObject(input) && typeof input.id === 'string') {
      if (ids.has(input.id)) {
        issues.push({
          path: `[${index}].id`,
          code: 'duplicateFlowId',
          message: validationMessage('duplicateFlowId', { ko: input.id, en: input.id }),
        });
      }
      ids.add(input.id);
    }
  });
  return issues.length === 0 ? { ok: true, flows } : { ok: false, issues };
}
