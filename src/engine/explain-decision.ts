import type { ConditionTrace, Decision } from './decision.js';
import type { FactDefinition, Localized } from './fact-catalogue.js';
import { findFact, OPERATOR_LABELS } from './fact-catalogue.js';
import type { FactValue } from './fact-readers.js';
import { formatFactValue } from './format-value.js';
import { formatKstDateTime, formatTimeOfDay } from './kst-time.js';

/**
 * Turns a decision's trace into words an operator understands: per rule, matched or not, and each
 * condition with the value the engine saw (`✔ 상품구매금액 120,000원 ≥ 100,000원`). The structured
 * form is what the console renders; the text form is for the CLI and memos.
 */

export type Lang = 'ko' | 'en';

export interface ExplanationLine {
  /** Nesting depth under the rule (0 = the rule's top condition). */
  depth: number;
  /** Condition result; null for informational lines. */
  ok: boolean | null;
  text: string;
}

export interface RuleExplanation {
  flowId: string;
  flowName: string;
  ruleId: string;
  ruleName: string;
  matched: boolean;
  skipped: boolean;
  lines: ExplanationLine[];
}

export interface DecisionExplanation {
  rules: RuleExplanation[];
  labels: string[];
  removedLabels: string[];
  /** False when the decision carries no trace (evaluated without explain). */
  traced: boolean;
}

const T = {
  all: { ko: '모든 조건을 만족 (그리고)', en: 'all of (AND)' },
  any: { ko: '하나 이상 만족 (또는)', en: 'any of (OR)' },
  not: { ko: '다음 조건이 아님', en: 'not' },
  itemsAny: { ko: '어떤 상품이든 다음을 모두 만족', en: 'some item meets all of' },
  itemsAll: { ko: '모든 상품이 다음을 모두 만족', en: 'every item meets all of' },
  itemsNone: { ko: '다음을 모두 만족하는 상품이 없음', en: 'no item meets all of' },
  noItems: { ko: '(상품 없음)', en: '(no items)' },
  required: { ko: '필요', en: 'required' },
  excluded: { ko: '제외', en: 'excluded' },
  range: { ko: '범위', en: 'range' },
  window: { ko: '시간대', en: 'window' },
  period: { ko: '기간', en: 'period' },
  matched: { ko: '일치', en: 'matched' },
  notMatched: { ko: '불일치', en: 'not matched' },
  skipped: { ko: '건너뜀 (앞 규칙에서 멈춤)', en: 'skipped (an earlier rule stopped the flow)' },
  labels: { ko: '라벨', en: 'Labels' },
  removed: { ko: '제거한 라벨', en: 'Removed labels' },
  none: { ko: '없음', en: 'none' },
  untraced: {
    ko: '조건별 설명이 없습니다 (explain 옵션으로 평가하면 나옵니다).',
    en: 'No per-condition explanation (evaluate with explain).',
  },
  days: { ko: '일', en: ' days' },
  minutes: { ko: '분', en: ' min' },
} satisfies Record<string, Localized>;

/** A value written in a rule, shown like the fact's own values. */
function formatRuleValue(def: FactDefinition | undefined, value: unknown, lang: Lang): string {
  if (def?.type === 'time' && typeof value === 'number') return formatTimeOfDay(value);
  if (def?.type === 'datetime' || def?.type === 'time') return String(value);
  if (Array.isArray(value)) return value.map((v: unknown) => formatRuleValue(def, v, lang)).join(', ');
  return formatFactValue(def, value as FactValue, lang);
}

function factName(def: FactDefinition | undefined, trace: ConditionTrace, lang: Lang): string {
  const name = def ? def.label[lang] : (trace.fact ?? '?');
  if (trace.arg === undefined || !def?.arg) return name;
  return `${name}(${trace.arg}${T[def.arg.name][lang]})`;
}

function compareText(trace: ConditionTrace, lang: Lang): string {
  const def = trace.fact ? findFact(trace.fact) : undefined;
  const name = factName(def, trace, lang);
  const seen = formatFactValue(def, trace.seen ?? null, lang);
  const op = trace.op ?? 'eq';
  const value = formatRuleValue(def, trace.value, lang);
  switch (op) {
    case 'eq':
    case 'ne':
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      if (def?.type === 'set' || def?.type === 'enum' || def?.type === 'bool') {
        return `${name}: ${seen} ${OPERATOR_LABELS[op].symbol} ${value}`;
      }
      return `${name} ${seen} ${OPERATOR_LABELS[op].symbol} ${value}`;
    case 'in':
      return `${name}: ${seen} (${T.required[lang]}: ${value})`;
    case 'notIn':
      return `${name}: ${seen} (${T.excluded[lang]}: ${value})`;
    case 'between': {
      const [low, high] = Array.isArray(trace.value) ? trace.value : [];
      return `${name} ${seen} (${T.range[lang]}: ${formatRuleValue(def, low, lang)} ~ ${formatRuleValue(def, high, lang)})`;
    }
    case 'isEmpty':
    case 'isNotEmpty':
      return `${name}: ${seen} (${OPERATOR_LABELS[op].label[lang]})`;
    default:
      return `${name}: ${seen} (${OPERATOR_LABELS[op].label[lang]} ${value})`;
  }
}

function conditionLines(trace: ConditionTrace, depth: number, lang: Lang, out: ExplanationLine[]): void {
  const line = (text: string): void => {
    out.push({ depth, ok: trace.result, text });
  };
  switch (trace.kind) {
    case 'all':
    case 'any':
    case 'not':
      line(T[trace.kind][lang]);
      for (const child of trace.children ?? []) conditionLines(child, depth + 1, lang, out);
      return;
    case 'compare':
      line(compareText(trace, lang));
      return;
    case 'timeOfDay': {
      const seen = typeof trace.seen === 'number' ? formatTimeOfDay(trace.seen) : '?';
      const label = findFact('order.minuteOfDay')?.label[lang] ?? '';
      line(`${label} ${seen} (${T.window[lang]}: ${trace.from}–${trace.to})`);
      return;
    }
    case 'dateRange': {
      const seen = typeof trace.seen === 'number' ? formatKstDateTime(trace.seen) : '?';
      const label = findFact('order.placedAt')?.label[lang] ?? '';
      line(`${label} ${seen} (${T.period[lang]}: ${trace.from} ~ ${trace.to})`);
      return;
    }
    case 'items': {
      const key =
        trace.quantifier === 'all' ? 'itemsAll' : trace.quantifier === 'none' ? 'itemsNone' : 'itemsAny';
      line(T[key][lang]);
      if ((trace.items ?? []).length === 0) out.push({ depth: depth + 1, ok: null, text: T.noItems[lang] });
      for (const item of trace.items ?? []) {
        out.push({ depth: depth + 1, ok: item.result, text: item.itemCode });
        for (const c of item.conditions) conditionLines(c, depth + 2, lang, out);
      }
      return;
    }
  }
}

/** The structured explanation of a decision (for the console). */
export function describeDecision(decision: Decision, options: { lang: Lang }): DecisionExplanation {
  const { lang } = options;
  const rules: RuleExplanation[] = [];
  if (decision.trace) {
    for (const flow of decision.trace.flows) {
      for (const rule of flow.rules) {
        const lines: ExplanationLine[] = [];
        if (rule.condition) conditionLines(rule.condition, 0, lang, lines);
        rules.push({
          flowId: flow.flowId,
          flowName: flow.flowName,
          ruleId: rule.ruleId,
          ruleName: rule.ruleName,
          matched: rule.matched,
          skipped: rule.skipped,
          lines,
        });
      }
    }
  } else {
    for (const m of decision.matched) {
      rules.push({
        flowId: m.flowId,
        flowName: m.flowId,
        ruleId: m.ruleId,
        ruleName: m.ruleName,
        matched: true,
        skipped: false,
        lines: [],
      });
    }
  }
  return {
    rules,
    labels: decision.labels,
    removedLabels: decision.removedLabels,
    traced: decision.trace !== undefined,
  };
}

const MARK = (ok: boolean | null): string => (ok === null ? '·' : ok ? '✔' : '✘');

/** A readable multi-line explanation in Korean or English. */
export function explainDecision(decision: Decision, options: { lang: Lang }): string {
  const { lang } = options;
  const explanation = describeDecision(decision, options);
  const out: string[] = [];
  for (const rule of explanation.rules) {
    const status = rule.skipped ? T.skipped[lang] : rule.matched ? T.matched[lang] : T.notMatched[lang];
    out.push(`${rule.skipped ? '·' : MARK(rule.matched)} [${rule.flowName}] ${rule.ruleName}: ${status}`);
    for (const line of rule.lines) out.push(`${'  '.repeat(line.depth + 1)}${MARK(line.ok)} ${line.text}`);
  }
  if (!explanation.traced) out.push(T.untraced[lang]);
  out.push(
    `${T.labels[lang]}: ${explanation.labels.length > 0 ? explanation.labels.join(', ') : T.none[lang]}`,
  );
  if (explanation.removedLabels.length > 0)
    out.push(`${T.removed[lang]}: ${explanation.removedLabels.join(', ')}`);
  return out.join('\n');
}
