import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Condition } from './flow-schema.js';
import { validateFlow, validateFlows } from './validate-flow.js';

const flowWith = (
  when: unknown,
  then: unknown[] = [{ type: 'addLabel', label: 'OK' }],
): Record<string, unknown> => ({
  id: 'F',
  name: '플로우',
  rules: [{ id: 'R', name: '규칙', when, then }],
});

/** The (path, code) pairs of a rejected flow. */
function problems(input: unknown, options?: { maxLabelLength?: number }): [string, string][] {
  const result = validateFlow(input, options);
  if (result.ok) return [];
  return result.issues.map((i) => [i.path, i.code]);
}

const compare = (fact: string, op: string, value?: unknown, arg?: number): Condition =>
  ({ kind: 'compare', fact, op, value, arg }) as Condition;

describe('validateFlow', () => {
  it('accepts a valid flow and fills defaults', () => {
    const result = validateFlow(flowWith(compare('order.productAmount', 'gte', 100000)));
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.flow.rules[0]?.then[0]).toEqual({ type: 'addLabel', label: 'OK', scope: 'order' });
  });

  it('translates shape errors with their path and a Korean/English message', () => {
    const result = validateFlow({
      id: 1,
      name: 'x',
      priority: 'high',
      rules: [{ id: 'R', name: 'n', when: { kind: 'all', conditions: [{ kind: 'nope' }] }, then: [] }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContainEqual({
      path: 'id',
      code: 'expectedString',
      message: { ko: '문자열이 필요합니다', en: 'expected a text' },
    });
    expect(result.issues).toContainEqual({
      path: 'priority',
      code: 'expectedNumber',
      message: { ko: '숫자가 필요합니다', en: 'expected a number' },
    });
    expect(result.issues.map((i) => [i.path, i.code])).toContainEqual([
      'rules[0].when.conditions[0].kind',
      'invalidOption',
    ]);
  });

  it('reports a missing field as required', () => {
    expect(problems({ id: 'F', name: 'n' })).toEqual([['rules', 'required']]);
  });

  it('reports every problem of a flow at once', () => {
    const input = flowWith(
      {
        kind: 'all',
        conditions: [
          compare('order.productAmount', 'gte', 'many'),
          compare('order.unknown', 'eq', 1),
          compare('shipping.zone', 'gt', 'JEJU'),
        ],
      },
      [{ type: 'addLabel', label: '' }],
    );
    expect(problems(input)).toEqual([
      ['rules[0].when.conditions[0].value', 'expectedNumber'],
      ['rules[0].when.conditions[1].fact', 'unknownFact'],
      ['rules[0].when.conditions[2].op', 'operatorNotAllowed'],
      ['rules[0].then[0].label', 'labelEmpty'],
    ]);
  });

  it.each<[string, Condition, string, string]>([
    ['negative won', compare('order.productAmount', 'gte', -1), 'value', 'expectedWon'],
    ['fractional won', compare('order.productAmount', 'gte', 1.5), 'value', 'expectedWon'],
    ['hour out of range', compare('order.hour', 'eq', 24), 'value', 'outOfRange'],
    ['bad time', compare('order.minuteOfDay', 'lt', '25:00'), 'value', 'expectedTime'],
    ['bad date', compare('order.date', 'eq', '2026-02-30'), 'value', 'expectedDate'],
    ['bad datetime', compare('order.placedAt', 'gte', '2026/05/01'), 'value', 'expectedDateTime'],
    ['bad country', compare('order.ipCountry', 'eq', 'kr'), 'value', 'expectedCountry'],
    ['closed enum', compare('shipping.zone', 'eq', 'MARS'), 'value', 'unknownOption'],
    ['bool', compare('order.isOverseasIp', 'eq', 'yes'), 'value', 'expectedBoolean'],
    ['text', compare('shipping.address', 'contains', 3), 'value', 'expectedString'],
    ['between shape', compare('order.productAmount', 'between', [1]), 'value', 'expectedRange'],
    ['between reversed', compare('order.productAmount', 'between', [9, 1]), 'value', 'emptyRange'],
    ['between element', compare('order.productAmount', 'between', [1, 'x']), 'value[1]', 'expectedNumber'],
    ['in shape', compare('shipping.zone', 'in', []), 'value', 'expectedList'],
    ['in element', compare('shipping.zone', 'in', ['JEJU', 'X']), 'value[1]', 'unknownOption'],
    ['missing value', compare('order.productAmount', 'gte'), 'value', 'missingValue'],
    ['value on isEmpty', compare('shipping.zip', 'isEmpty', 'x'), 'value', 'unexpectedValue'],
    ['missing arg', compare('customer.returnsInDays', 'gte', 2), 'arg', 'missingArg'],
    ['fractional arg', compare('customer.returnsInDays', 'gte', 2, 1.5), 'arg', 'invalidArg'],
    ['arg out of range', compare('customer.ordersWithin', 'gte', 1, 0), 'arg', 'invalidArg'],
    ['unsupported arg', compare('order.productAmount', 'gte', 1, 30), 'arg', 'unsupportedArg'],
    ['item fact outside items', compare('item.price', 'gte', 1), 'fact', 'itemFactOutsideItems'],
  ])('%s', (_name, when, path, code) => {
    expect(problems(flowWith(when))).toEqual([[`rules[0].when.${path}`, code]]);
  });

  it('rejects order facts, time conditions and nested quantifiers inside items', () => {
    const when: Condition = {
      kind: 'items',
      quantifier: 'any',
      where: [
        compare('order.productAmount', 'gte', 1),
        { kind: 'timeOfDay', from: '22:00', to: '05:00' },
        { kind: 'items', quantifier: 'all', where: [compare('item.price', 'gte', 1)] },
      ],
    };
    expect(problems(flowWith(when))).toEqual([
      ['rules[0].when.where[0].fact', 'orderFactInsideItems'],
      ['rules[0].when.where[1]', 'orderFactInsideItems'],
      ['rules[0].when.where[2]', 'nestedItems'],
    ]);
  });

  it('rejects empty groups and empty item criteria', () => {
    expect(problems(flowWith({ kind: 'any', conditions: [] }))).toEqual([
      ['rules[0].when.conditions', 'emptyGroup'],
    ]);
    expect(problems(flowWith({ kind: 'items', quantifier: 'any', where: [] }))).toEqual([
      ['rules[0].when.where', 'emptyGroup'],
    ]);
  });

  it('rejects bad time windows and date periods', () => {
    expect(problems(flowWith({ kind: 'timeOfDay', from: '24:00', to: '5:00' }))).toEqual([
      ['rules[0].when.from', 'expectedTime'],
      ['rules[0].when.to', 'expectedTime'],
    ]);
    expect(problems(flowWith({ kind: 'timeOfDay', from: '05:00', to: '05:00' }))).toEqual([
      ['rules[0].when', 'emptyWindow'],
    ]);
    expect(problems(flowWith({ kind: 'dateRange', from: '2026-05-05', to: '2026-05-01' }))).toEqual([
      ['rules[0].when', 'emptyRange'],
    ]);
    expect(problems(flowWith({ kind: 'dateRange', from: '2026-13-01', to: '2026-05-01' }))).toEqual([
      ['rules[0].when.from', 'expectedDateTime'],
    ]);
  });

  it.each<[string, Condition[]]>([
    [
      'amount ≥ 100000 and < 50000',
      [compare('order.productAmount', 'gte', 100000), compare('order.productAmount', 'lt', 50000)],
    ],
    [
      'eq two different values',
      [compare('shipping.zone', 'eq', 'JEJU'), compare('shipping.zone', 'eq', 'REMOTE')],
    ],
    ['eq and ne the same value', [compare('order.paid', 'eq', 'T'), compare('order.paid', 'ne', 'T')]],
    [
      'eq outside an in-list',
      [compare('shipping.zone', 'in', ['JEJU', 'REMOTE']), compare('shipping.zone', 'eq', 'MAINLAND')],
    ],
    ['> x and ≤ x', [compare('order.quantity', 'gt', 3), compare('order.quantity', 'lte', 3)]],
    ['isEmpty and a value', [compare('shipping.zip', 'isEmpty'), compare('shipping.zip', 'eq', '63000')]],
    [
      'set contains and notContains',
      [
        compare('order.paymentMethods', 'contains', 'cash'),
        compare('order.paymentMethods', 'notContains', 'cash'),
      ],
    ],
  ])('reports contradictory leaves of one `all`: %s', (_name, conditions) => {
    expect(problems(flowWith({ kind: 'all', conditions }))).toEqual([
      ['rules[0].when.conditions[1]', 'contradiction'],
    ]);
  });

  it('accepts leaves that can hold together, or that sit in an `any`', () => {
    const ok = [compare('order.productAmount', 'gte', 50000), compare('order.productAmount', 'lt', 100000)];
    expect(problems(flowWith({ kind: 'all', conditions: ok }))).toEqual([]);
    const split = [
      compare('order.productAmount', 'gte', 100000),
      compare('order.productAmount', 'lt', 50000),
    ];
    expect(problems(flowWith({ kind: 'any', conditions: split }))).toEqual([]);
    const differentArgs = [
      compare('customer.ordersWithin', 'eq', 0, 10),
      compare('customer.ordersWithin', 'eq', 1, 60),
    ];
    expect(problems(flowWith({ kind: 'all', conditions: differentArgs }))).toEqual([]);
  });

  it('reports contradictions among the criteria of one item', () => {
    const where = [compare('item.price', 'gte', 100000), compare('item.price', 'lt', 50000)];
    expect(problems(flowWith({ kind: 'items', quantifier: 'any', where }))).toEqual([
      ['rules[0].when.where[1]', 'contradiction'],
    ]);
  });

  it('reports duplicate rule IDs and empty IDs', () => {
    const rule = { id: 'R', name: 'n', when: compare('order.productAmount', 'gte', 1), then: [] };
    expect(problems({ id: '', name: 'n', rules: [rule, rule, { ...rule, id: '' }] })).toEqual([
      ['id', 'emptyId'],
      ['rules[1].id', 'duplicateRuleId'],
      ['rules[2].id', 'emptyId'],
    ]);
  });

  it('rejects a flow that listens to no trigger', () => {
    expect(problems({ ...flowWith(compare('order.productAmount', 'gte', 1)), triggers: [] })).toEqual([
      ['triggers', 'noTriggers'],
    ]);
  });

  it.each<[string, string, string]>([
    ['empty', '', 'labelEmpty'],
    ['whitespace only', '   ', 'labelBlank'],
    ['longer than 50 characters', '라'.repeat(51), 'labelTooLong'],
    ['containing a comma', 'A,B', 'labelComma'],
  ])('rejects a label name that is %s', (_name, label, code) => {
    const when = compare('order.productAmount', 'gte', 1);
    expect(problems(flowWith(when, [{ type: 'addLabel', label }]))).toEqual([
      ['rules[0].then[0].label', code],
    ]);
    expect(problems(flowWith(when, [{ type: 'removeLabel', label }]))).toEqual([
      ['rules[0].then[0].label', code],
    ]);
  });

  it('accepts a 50-character label and honours a custom maximum', () => {
    const when = compare('order.productAmount', 'gte', 1);
    expect(problems(flowWith(when, [{ type: 'addLabel', label: '라'.repeat(50) }]))).toEqual([]);
    expect(problems(flowWith(when, [{ type: 'addLabel', label: 'ABCDE' }]), { maxLabelLength: 4 })).toEqual([
      ['rules[0].then[0].label', 'labelTooLong'],
    ]);
  });

  it('checks gift target labels and template placeholders', () => {
    const when = compare('order.productAmount', 'gte', 1);
    expect(problems(flowWith(when, [{ type: 'giftTarget', gift: 'a,b' }]))).toEqual([
      ['rules[0].then[0].gift', 'labelComma'],
    ]);
    expect(
      problems(flowWith(when, [{ type: 'memo', template: '{{order.id}} {{shipping.address}} {{nope}}' }])),
    ).toEqual([
      ['rules[0].then[0].template', 'unknownPlaceholder'],
      ['rules[0].then[0].template', 'unknownPlaceholder'],
    ]);
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withMap: true, withSet: true }), (input) => {
        expect(validateFlow(input).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on flow-shaped JSON with random conditions', () => {
    const { node } = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue(),
        fc.record(
          {
            kind: fc.constantFrom('compare', 'timeOfDay', 'dateRange'),
            fact: fc.constantFrom('order.productAmount', 'item.tags', 'x', 3),
            op: fc.string(),
            value: fc.jsonValue(),
            arg: fc.jsonValue(),
            from: fc.jsonValue(),
            to: fc.jsonValue(),
          },
          { requiredKeys: ['kind'] },
        ),
        fc.record(
          {
            kind: fc.constantFrom('all', 'any', 'items'),
            conditions: fc.array(tie('node')),
            where: fc.array(tie('node')),
            quantifier: fc.jsonValue(),
          },
          { requiredKeys: ['kind'] },
        ),
        fc.record({ kind: fc.constant('not'), condition: tie('node') }),
      ),
    }));
    fc.assert(
      fc.property(node, fc.array(fc.jsonValue()), (when, then) => {
        const result = validateFlow({ id: 'F', name: 'n', rules: [{ id: 'R', name: 'n', when, then }] });
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});

describe('validateFlows', () => {
  const flow = (id: string) => ({ id, name: 'n', rules: [] });

  it('prefixes paths with the flow index and rejects duplicate flow IDs', () => {
    const result = validateFlows([flow('A'), { ...flow('B'), priority: 'x' }, flow('A')]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((i) => [i.path, i.code])).toEqual([
        ['[1].priority', 'expectedNumber'],
        ['[2].id', 'duplicateFlowId'],
      ]);
    }
  });

  it('returns the parsed flows when all are valid', () => {
    const result = validateFlows([flow('A'), flow('B')]);
    expect(result.ok && result.flows.map((f) => f.id)).toEqual(['A', 'B']);
  });

  it('rejects a non-list', () => {
    expect(validateFlows({}).ok).toBe(false);
  });
});
