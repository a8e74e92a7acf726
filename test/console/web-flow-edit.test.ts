import { describe, expect, it } from 'vitest';
import type { FactDefinition, ValidationIssue } from '../../src/server/api-contract.js';
import {
  countLeaves,
  defaultValue,
  diffLines,
  foldUnchanged,
  isOvernight,
  issuePlace,
  issuesAt,
  issuesForField,
  moveItem,
  newCompare,
  pathText,
} from '../../web/src/lib/flow-edit.js';
import { formatAgo, formatWon, parseWon } from '../../web/src/lib/format.js';
import { messages } from '../../web/src/lib/messages.js';

const issue = (path: string): ValidationIssue => ({
  path,
  code: 'x',
  message: { ko: '오류', en: 'error' },
});

const amount: FactDefinition = {
  id: 'order.productAmount',
  group: 'order',
  scope: 'order',
  type: 'won',
  nullable: false,
  personal: false,
  label: { ko: '상품구매금액', en: 'Product amount' },
  description: { ko: '', en: '' },
  operators: ['gte', 'between', 'in', 'isEmpty'],
};

describe('rule builder helpers', () => {
  it('shows an issue at the condition it names, not at its parent group', () => {
    const issues = [issue('rules[0].when.conditions[1].value')];
    expect(issuesAt(issues, ['rules', 0, 'when', 'conditions', 1])).toHaveLength(1);
    expect(issuesAt(issues, ['rules', 0, 'when'])).toHaveLength(0);
    expect(issuesAt(issues, ['rules', 0, 'when', 'conditions', 0])).toHaveLength(0);
  });

  it('places flow-level issues at the flow, not inside rules', () => {
    const issues = [issue('name'), issue('rules[0].name')];
    expect(issuesAt(issues, []).map((one) => one.path)).toEqual(['name']);
    expect(issuesAt(issues, ['rules', 0]).map((one) => one.path)).toEqual(['rules[0].name']);
  });

  it('counts an element of a value (between bounds) as the value field', () => {
    const issues = [issue('rules[0].when.conditions[0].value[1]')];
    expect(issuesForField(issues, ['rules', 0, 'when', 'conditions', 0], 'value')).toHaveLength(1);
  });

  it('writes node paths the way the engine names them', () => {
    expect(pathText(['rules', 0, 'when', 'conditions', 1])).toBe('rules[0].when.conditions[1]');
  });

  it('marks the field an issue names', () => {
    const issues = [issue('rules[0].then[0].label')];
    expect(issuesForField(issues, ['rules', 0, 'then', 0], 'label')).toHaveLength(1);
    expect(issuesForField(issues, ['rules', 0, 'then', 0], 'scope')).toHaveLength(0);
  });

  it('starts a comparison with a value shaped for the operator', () => {
    expect(newCompare(amount)).toEqual({ kind: 'compare', fact: 'order.productAmount', op: 'gte', value: 0 });
    expect(defaultValue(amount, 'between')).toEqual([0, 0]);
    expect(defaultValue(amount, 'in')).toEqual([]);
    expect(defaultValue(amount, 'isEmpty')).toBeUndefined();
  });

  it('counts the leaves of nested groups and item quantifiers', () => {
    expect(
      countLeaves({
        kind: 'all',
        conditions: [
          { kind: 'compare', fact: 'a', op: 'eq', value: 1 },
          { kind: 'not', condition: { kind: 'timeOfDay', from: '22:00', to: '05:00' } },
          {
            kind: 'items',
            quantifier: 'any',
            where: [{ kind: 'compare', fact: 'item.tags', op: 'contains', value: 'NEW' }],
          },
        ],
      }),
    ).toBe(3);
  });

  it('treats a window whose start is after its end as overnight', () => {
    expect(isOvernight('22:00', '05:00')).toBe(true);
    expect(isOvernight('09:00', '18:00')).toBe(false);
  });

  it('moves an item and clamps the target position', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 1, 9)).toEqual(['a', 'c', 'b']);
  });
});

describe('version diff', () => {
  it('reports removed and added lines around the unchanged ones', () => {
    expect(diffLines('a\nb\nc', 'a\nx\nc')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'x' },
      { kind: 'same', text: 'c' },
    ]);
  });

  it('folds unchanged lines far from any change', () => {
    const before = Array.from({ length: 20 }, (_v, index) => `line ${index}`).join('\n');
    const after = before.replace('line 10', 'line ten');
    const hunks = foldUnchanged(diffLines(before, after), 2);
    expect(hunks[0]).toEqual({ kind: 'gap', count: 8 });
    expect(hunks.filter((hunk) => hunk.kind !== 'gap')).toHaveLength(6);
    expect(hunks[hunks.length - 1]).toEqual({ kind: 'gap', count: 7 });
  });
});

describe('won amounts', () => {
  it('reads what an operator types with separators and units', () => {
    expect(parseWon('100,000')).toBe(100000);
    expect(parseWon('₩ 53,000원')).toBe(53000);
    expect(parseWon('')).toBeNull();
  });

  it('writes won with thousands separators in each language', () => {
    expect(formatWon(1234567, 'ko')).toBe('1,234,567원');
    expect(formatWon(1234567, 'en')).toBe('₩1,234,567');
  });
});

describe('issue places', () => {
  it('reads an action issue as its rule and action number', () => {
    expect(issuePlace('rules[1].then[2].label')).toEqual({ rule: 1, part: { kind: 'then', action: 2 } });
  });

  it('reads a nested condition issue as the conditions of its rule', () => {
    expect(issuePlace('rules[0].when.conditions[3].value')).toEqual({ rule: 0, part: { kind: 'when' } });
  });

  it('places the flow name and the rule list on the flow itself', () => {
    expect(issuePlace('name')).toEqual({ rule: null, part: null });
    expect(issuePlace('rules[4]')).toEqual({ rule: 4, part: null });
  });
});

describe('relative times', () => {
  const now = Date.parse('2026-03-04T12:00:00+09:00');

  it('says "just now" for the current minute instead of Intl\'s "0 minutes"', () => {
    expect(formatAgo('2026-03-04T11:59:45+09:00', now, 'ko')).toBe('방금 전');
    expect(formatAgo('2026-03-04T11:59:45+09:00', now, 'en')).toBe('just now');
  });

  it('counts minutes, then hours', () => {
    expect(formatAgo('2026-03-04T11:55:00+09:00', now, 'ko')).toBe('5분 전');
    expect(formatAgo('2026-03-04T09:00:00+09:00', now, 'en')).toBe('3 hours ago');
  });
});

describe('console dictionary', () => {
  it('has Korean and English text for every key', () => {
    const missing = Object.entries(messages).filter(([, text]) => !text.ko.trim() || !text.en.trim());
    expect(missing.map(([key]) => key)).toEqual([]);
  });

  it('uses the same placeholders in both languages', () => {
    const names = (text: string): string[] =>
      [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();
    const mismatched = Object.entries(messages).filter(
      ([, text]) => names(text.ko).join() !== names(text.en).join(),
    );
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });
});
