import type { FactDefinition, FlowDraft, ValidationIssue } from '../../../src/server/api-contract.js';
import type { Action, CompareCondition, Condition, Operator, Rule } from '../../../src/engine/flow-schema.js';

/** Paths into a flow draft, as the engine's validation issues name them. */
export type Path = (string | number)[];

let counter = 0;
/** Ids for new rules: unique within the editing session, stable once saved. */
export const newRuleId = (): string => `rule-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** Operators that take no value. */
export const VALUELESS: ReadonlySet<Operator> = new Set(['isEmpty', 'isNotEmpty']);
/** Operators whose value is a list. */
export const LIST_OPERATORS: ReadonlySet<Operator> = new Set(['in', 'notIn']);

/** The value a fresh comparison starts with for this fact and operator. */
export function defaultValue(fact: FactDefinition | undefined, op: Operator): unknown {
  if (VALUELESS.has(op)) return undefined;
  if (LIST_OPERATORS.has(op)) return [];
  if (op === 'between') return fact && isNumeric(fact) ? [0, 0] : ['', ''];
  if (!fact) return '';
  if (fact.id === GRADE_FACT) return null;
  switch (fact.type) {
    case 'won':
    case 'int':
      return 0;
    case 'bool':
      return true;
    case 'enum':
    case 'set':
    case 'country':
      return fact.options?.[0]?.value ?? '';
    default:
      return '';
  }
}

/** Facts with a dedicated picker in the builder. */
export const GRADE_FACT = 'customer.grade';
export const TAGS_FACT = 'item.tags';
export const PRODUCT_FACTS: ReadonlySet<string> = new Set(['item.productNo', 'item.productCode']);

export const isNumeric = (fact: FactDefinition): boolean => fact.type === 'won' || fact.type === 'int';

/** Starting n of a parameterised fact: the DESIGN defaults (returns in 90 days, orders within 60 min). */
export const argDefault = (arg: NonNullable<FactDefinition['arg']>): number =>
  Math.min(arg.max, Math.max(arg.min, arg.name === 'days' ? 90 : 60));

export function newCompare(fact: FactDefinition): CompareCondition {
  const op = fact.operators[0] ?? 'eq';
  const condition: CompareCondition = { kind: 'compare', fact: fact.id, op, value: defaultValue(fact, op) };
  if (fact.arg) condition.arg = argDefault(fact.arg);
  return condition;
}

export function newRule(name: string, firstFact: FactDefinition | undefined): Rule {
  return {
    id: newRuleId(),
    name,
    when: { kind: 'all', conditions: firstFact ? [newCompare(firstFact)] : [] },
    then: [{ type: 'addLabel', label: '', scope: 'order' }],
  };
}

export const emptyDraft = (name: string): FlowDraft => ({
  name,
  enabled: false,
  priority: 100,
  triggers: ['order.created', 'order.paid', 'order.changed', 'manual'],
  rules: [],
});

/** A fresh action of the given type with empty fields. */
export function newAction(type: Action['type']): Action {
  switch (type) {
    case 'addLabel':
      return { type, label: '', scope: 'order' };
    case 'removeLabel':
      return { type, label: '' };
    case 'memo':
      return { type, template: '' };
    case 'giftTarget':
      return { type, gift: '' };
    case 'csFlag':
      return { type, reason: '' };
    case 'holdShipment':
      return { type };
    case 'notify':
      return { type, channel: '', template: '' };
  }
}

const CHILD_KEYS = new Set(['conditions', 'condition', 'where', 'rules', 'then', 'when']);

/** A path as the engine writes it: `rules[0].when.conditions[1]`. */
export function pathText(path: Path): string {
  return path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text === '' ? part : `${text}.${part}`),
    '',
  );
}

/** Where an issue sits, in the builder's terms: which rule, and whether its conditions or an action. */
export interface IssuePlace {
  /** 0-based rule index, or null for the flow's own fields. */
  rule: number | null;
  /** 'when' for the conditions, 'then' with the 0-based action index, null for the rule itself. */
  part: { kind: 'when' } | { kind: 'then'; action: number } | null;
}

/** Reads `rules[0].then[1].label` as rule 0, action 1 (merchants see "규칙 1 · 할 일 2", not the path). */
export function issuePlace(issuePath: string): IssuePlace {
  const match = /^rules\[(\d+)\](?:\.(when|then)(?:\[(\d+)\])?)?/.exec(issuePath);
  if (match === null) return { rule: null, part: null };
  const part =
    match[2] === 'when'
      ? ({ kind: 'when' } as const)
      : match[2] === 'then'
        ? ({ kind: 'then', action: Number(match[3] ?? 0) } as const)
        : null;
  return { rule: Number(match[1]), part };
}

/** The field an issue names directly under the node at `base`, '' for the node itself, else null. */
function ownField(issuePath: string, base: string): string | null {
  if (issuePath === base) return '';
  const prefix = base === '' ? '' : `${base}.`;
  if (!issuePath.startsWith(prefix)) return null;
  // `value` or an element of it (`value[1]` of a between); child nodes are not own fields.
  const field = /^(\w+)(?:\[\d+\])*$/.exec(issuePath.slice(prefix.length))?.[1];
  return field !== undefined && !CHILD_KEYS.has(field) ? field : null;
}

/**
 * Issues that belong to the node at `path`: the node itself or one of its own fields
 * (`…conditions[1].value`), not issues of nested nodes, which show at their own place.
 */
export const issuesAt = (issues: ValidationIssue[], path: Path): ValidationIssue[] =>
  issues.filter((issue) => ownField(issue.path, pathText(path)) !== null);

/** Issues for a specific field of the node at `path`. */
export const issuesForField = (issues: ValidationIssue[], path: Path, field: string): ValidationIssue[] =>
  issues.filter((issue) => ownField(issue.path, pathText(path)) === field);

/** Replaces the child at `index` of a list immutably. */
export const replaceAt = <T>(items: T[], index: number, item: T): T[] =>
  items.map((one, at) => (at === index ? item : one));
export const removeAt = <T>(items: T[], index: number): T[] => items.filter((_one, at) => at !== index);

/** Moves the item at `from` to position `to` (clamped), returning a new array. */
export function moveItem<T>(items: T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(Math.max(0, Math.min(next.length, to)), 0, item);
  return next;
}

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Line diff (longest common subsequence) of two texts, for the version comparison. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      lines.push({ kind: 'same', text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      lines.push({ kind: 'removed', text: a[i++]! });
    } else {
      lines.push({ kind: 'added', text: b[j++]! });
    }
  }
  while (i < a.length) lines.push({ kind: 'removed', text: a[i++]! });
  while (j < b.length) lines.push({ kind: 'added', text: b[j++]! });
  return lines;
}

export type DiffHunk = DiffLine | { kind: 'gap'; count: number };

/** Keeps `context` unchanged lines around each change and folds the rest into gaps. */
export function foldUnchanged(lines: DiffLine[], context = 3): DiffHunk[] {
  const near = lines.map((_line, index) =>
    lines.slice(Math.max(0, index - context), index + context + 1).some((other) => other.kind !== 'same'),
  );
  const hunks: DiffHunk[] = [];
  lines.forEach((line, index) => {
    if (near[index]) hunks.push(line);
    else {
      const last = hunks[hunks.length - 1];
      if (last?.kind === 'gap') last.count++;
      else hunks.push({ kind: 'gap', count: 1 });
    }
  });
  return hunks;
}

/** Comparable JSON of a flow's content (id/version/enabled left out: they are not "content"). */
export function flowContentJson(flow: FlowDraft): string {
  const { name, priority, triggers, rules } = flow;
  return JSON.stringify({ name, priority, triggers, rules }, null, 2);
}

/** "HH:MM" for a 24-hour time input; overnight when `from` is after `to`. */
export const isOvernight = (from: string, to: string): boolean => from > to;

/** Counts the leaves of a condition tree (for the rule card summary). */
export function countLeaves(condition: Condition): number {
  switch (condition.kind) {
    case 'all':
    case 'any':
      return condition.conditions.reduce((sum, child) => sum + countLeaves(child), 0);
    case 'not':
      return countLeaves(condition.condition);
    case 'items':
      return condition.where.reduce((sum, child) => sum + countLeaves(child), 0);
    default:
      return 1;
  }
}
