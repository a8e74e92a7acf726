import { describe, expect, it } from 'vitest';
import type { OrderFacts } from '../domain/order-facts.js';
import { kst, makeFacts, makeItem } from '../../test/engine/make-facts.js';
import { compileFlows, FlowCompileError } from './compile-flows.js';
import type { Decision, EvaluationContext } from './decision.js';
import type { Action, Condition, FlowInput, Trigger } from './flow-schema.js';
import { Flow } from './flow-schema.js';
import { interpretFlows } from './interpret-flows.js';

const created: EvaluationContext = { now: kst('2026-03-02T12:00'), trigger: 'order.created' };

/** Evaluates with both engines, checks they agree, returns the compiled decision. */
function decideBoth(flows: FlowInput[], facts: OrderFacts, ctx: EvaluationContext = created): Decision {
  const parsed = flows.map((f) => Flow.parse(f));
  const compiled = compileFlows(parsed).evaluate(facts, ctx);
  expect(compiled).toEqual(interpretFlows(parsed, facts, ctx));
  return compiled;
}

const flowOf = (
  when: Condition,
  then: Action[] = [{ type: 'addLabel', label: 'HIT', scope: 'order' }],
): FlowInput => ({
  id: 'F',
  name: '테스트',
  rules: [{ id: 'R', name: '규칙', when, then }],
});

const matches = (when: Condition, facts: OrderFacts): boolean =>
  decideBoth([flowOf(when)], facts).labels.includes('HIT');

describe('compare operators', () => {
  const amount = (productAmount: number): OrderFacts => makeFacts({ order: { productAmount } });
  const cmp = (op: string, value: unknown, fact = 'order.productAmount'): Condition =>
    ({ kind: 'compare', fact, op, value }) as Condition;

  it.each([
    ['eq', 100000, 100000, true],
    ['eq', 100000, 99999, false],
    ['ne', 100000, 99999, true],
    ['ne', 100000, 100000, false],
    ['lt', 100000, 99999, true],
    ['lt', 100000, 100000, false],
    ['lte', 100000, 100000, true],
    ['lte', 100000, 100001, false],
    ['gt', 100000, 100001, true],
    ['gt', 100000, 100000, false],
    ['gte', 100000, 100000, true],
    ['gte', 100000, 99999, false],
    ['between', [50000, 100000], 50000, true],
    ['between', [50000, 100000], 100000, true],
    ['between', [50000, 100000], 100001, false],
    ['in', [1000, 30000], 30000, true],
    ['in', [1000, 30000], 30001, false],
    ['notIn', [1000, 30000], 30001, true],
    ['notIn', [1000, 30000], 1000, false],
  ])('%s %j on product amount %d → %s', (op, value, productAmount, expected) => {
    expect(matches(cmp(op, value), amount(productAmount))).toBe(expected);
  });

  it('uses a Set lookup for long in-lists with the same result', () => {
    const list = [1, 2, 3, 4, 5, 30000];
    expect(matches(cmp('in', list), amount(30000))).toBe(true);
    expect(matches(cmp('notIn', list), amount(30000))).toBe(false);
  });

  it.each([
    ['contains', '강남', true],
    ['contains', '부산', false],
    ['notContains', '부산', true],
    ['startsWith', '서울', true],
    ['startsWith', '강남', false],
    ['endsWith', '1', true],
    ['endsWith', '서울', false],
  ])('text %s %s on the address → %s', (op, value, expected) => {
    expect(matches(cmp(op, value, 'shipping.address'), makeFacts())).toBe(expected);
  });

  it('treats null and the empty string as empty, and unknown values as failing every other test', () => {
    const noZip = makeFacts({ shipping: { zip: null } });
    const blankZip = makeFacts({ shipping: { zip: '' } });
    expect(matches({ kind: 'compare', fact: 'shipping.zip', op: 'isEmpty' }, noZip)).toBe(true);
    expect(matches({ kind: 'compare', fact: 'shipping.zip', op: 'isEmpty' }, blankZip)).toBe(true);
    expect(matches({ kind: 'compare', fact: 'shipping.zip', op: 'isNotEmpty' }, noZip)).toBe(false);
    expect(matches(cmp('ne', '06236', 'shipping.zip'), noZip)).toBe(false);
    expect(matches(cmp('notIn', ['06236'], 'shipping.zip'), noZip)).toBe(false);
    expect(matches(cmp('eq', false, 'order.isHoliday'), makeFacts({ order: { isHoliday: null } }))).toBe(
      false,
    );
  });

  it('tests set facts by element: contains, notContains, in (any of), notIn (none of), isEmpty', () => {
    const facts = makeFacts({ order: { paymentMethods: ['cash', 'point'] } });
    expect(matches(cmp('contains', 'cash', 'order.paymentMethods'), facts)).toBe(true);
    expect(matches(cmp('notContains', 'cash', 'order.paymentMethods'), facts)).toBe(false);
    expect(matches(cmp('in', ['card', 'point'], 'order.paymentMethods'), facts)).toBe(true);
    expect(matches(cmp('notIn', ['card', 'icash'], 'order.paymentMethods'), facts)).toBe(true);
    expect(matches(cmp('notIn', ['card', 'cash'], 'order.paymentMethods'), facts)).toBe(false);
    expect(matches({ kind: 'compare', fact: 'order.paymentMethods', op: 'isEmpty' }, facts)).toBe(false);
    expect(
      matches(
        { kind: 'compare', fact: 'order.paymentMethods', op: 'isEmpty' },
        makeFacts({ order: { paymentMethods: [] } }),
      ),
    ).toBe(true);
  });

  it('compares enum, bool, weekday and country facts', () => {
    expect(
      matches(cmp('in', ['JEJU', 'REMOTE'], 'shipping.zone'), makeFacts({ shipping: { zone: 'JEJU' } })),
    ).toBe(true);
    expect(matches(cmp('in', ['JEJU', 'REMOTE'], 'shipping.zone'), makeFacts())).toBe(false);
    expect(matches(cmp('ne', 'T', 'order.paid'), makeFacts({ order: { paid: 'F' } }))).toBe(true);
    expect(
      matches(cmp('eq', true, 'customer.isFirstOrder'), makeFacts({ customer: { isFirstOrder: true } })),
    ).toBe(true);
    // 2026-03-02 is a Monday (ISO weekday 1).
    expect(matches(cmp('in', [1, 2], 'order.weekday'), makeFacts())).toBe(true);
    expect(matches(cmp('eq', 'US', 'order.ipCountry'), makeFacts({ order: { ipCountry: 'US' } }))).toBe(true);
  });

  it('reads time values written as HH:mm or minutes', () => {
    const at = (t: string): OrderFacts => makeFacts({ order: { placedAt: kst(`2026-03-02T${t}`) } });
    expect(matches(cmp('lt', '05:00', 'order.minuteOfDay'), at('04:59'))).toBe(true);
    expect(matches(cmp('lt', '05:00', 'order.minuteOfDay'), at('05:00'))).toBe(false);
    expect(matches(cmp('lt', 300, 'order.minuteOfDay'), at('04:59'))).toBe(true);
  });

  it('reads a date value as the whole KST day: ≤ includes that evening, > starts the next day', () => {
    const evening = makeFacts({ order: { placedAt: kst('2026-05-01T23:59') } });
    const nextMorning = makeFacts({ order: { placedAt: kst('2026-05-02T00:00') } });
    expect(matches(cmp('lte', '2026-05-01', 'order.placedAt'), evening)).toBe(true);
    expect(matches(cmp('gt', '2026-05-01', 'order.placedAt'), evening)).toBe(false);
    expect(matches(cmp('gt', '2026-05-01', 'order.placedAt'), nextMorning)).toBe(true);
    expect(matches(cmp('eq', '2026-05-01', 'order.date'), evening)).toBe(true);
  });
});

describe('parameterised facts', () => {
  const placedAt = kst('2026-06-01T12:00');
  const history = (minutesBefore: number, hasReturn = false) => ({
    orderId: `H-${minutesBefore}`,
    placedAt: placedAt - minutesBefore * 60_000,
    productAmount: 10000,
    hasReturn,
  });
  const within60: Condition = {
    kind: 'compare',
    fact: 'customer.ordersWithin',
    arg: 60,
    op: 'gte',
    value: 1,
  };
  const returns90: Condition = {
    kind: 'compare',
    fact: 'customer.returnsInDays',
    arg: 90,
    op: 'gte',
    value: 2,
  };

  it('counts an order exactly 60 minutes earlier as within 60 minutes, not one 61 minutes earlier', () => {
    expect(matches(within60, makeFacts({ order: { placedAt }, customer: { history: [history(60)] } }))).toBe(
      true,
    );
    expect(matches(within60, makeFacts({ order: { placedAt }, customer: { history: [history(61)] } }))).toBe(
      false,
    );
  });

  it('counts returned orders exactly 90 days earlier, not 91 days, and ignores orders without returns', () => {
    const day = 24 * 60;
    const facts = (...h: ReturnType<typeof history>[]) =>
      makeFacts({ order: { placedAt }, customer: { history: h } });
    expect(matches(returns90, facts(history(90 * day, true), history(89 * day, true)))).toBe(true);
    expect(matches(returns90, facts(history(91 * day, true), history(89 * day, true)))).toBe(false);
    expect(matches(returns90, facts(history(10, false), history(89 * day, true)))).toBe(false);
  });
});

describe('time windows and periods', () => {
  const at = (t: string): OrderFacts => makeFacts({ order: { placedAt: kst(t) } });
  const overnight: Condition = { kind: 'timeOfDay', from: '22:00', to: '05:00' };

  it.each([
    ['2026-03-02T22:00', true],
    ['2026-03-02T23:59', true],
    ['2026-03-02T00:00', true],
    ['2026-03-02T04:59', true],
    ['2026-03-02T05:00', false],
    ['2026-03-02T21:59', false],
  ])('overnight window 22:00–05:00 at %s → %s', (time, expected) => {
    expect(matches(overnight, at(time))).toBe(expected);
  });

  it('treats a same-day window as [from, to)', () => {
    const morning: Condition = { kind: 'timeOfDay', from: '09:00', to: '18:00' };
    expect(matches(morning, at('2026-03-02T09:00'))).toBe(true);
    expect(matches(morning, at('2026-03-02T17:59'))).toBe(true);
    expect(matches(morning, at('2026-03-02T18:00'))).toBe(false);
  });

  it('includes both ends of a date period', () => {
    const event: Condition = { kind: 'dateRange', from: '2026-05-01', to: '2026-05-05' };
    expect(matches(event, at('2026-05-01T00:00'))).toBe(true);
    expect(matches(event, at('2026-05-05T23:59'))).toBe(true);
    expect(matches(event, at('2026-04-30T23:59'))).toBe(false);
    expect(matches(event, at('2026-05-06T00:00'))).toBe(false);
  });

  it('includes the whole last minute of a period given to the minute', () => {
    const sale: Condition = { kind: 'dateRange', from: '2026-05-01T10:00', to: '2026-05-01T12:00' };
    expect(matches(sale, makeFacts({ order: { placedAt: kst('2026-05-01T12:00') + 59_000 } }))).toBe(true);
    expect(matches(sale, at('2026-05-01T12:01'))).toBe(false);
  });
});

describe('item quantifiers', () => {
  const cheapNew = makeItem({ itemCode: 'I-1', tags: ['NEW'], price: 10000 });
  const dearBest = makeItem({ itemCode: 'I-2', tags: ['BEST'], price: 90000 });
  const newAndDear: Condition[] = [
    { kind: 'compare', fact: 'item.tags', op: 'contains', value: 'NEW' },
    { kind: 'compare', fact: 'item.price', op: 'gte', value: 50000 },
  ];
  const facts = makeFacts({ items: [cheapNew, dearBest] });

  it('requires every criterion of `any` on the same item', () => {
    expect(matches({ kind: 'items', quantifier: 'any', where: newAndDear }, facts)).toBe(false);
    const dearNew = makeItem({ itemCode: 'I-3', tags: ['NEW'], price: 60000 });
    expect(
      matches(
        { kind: 'items', quantifier: 'any', where: newAndDear },
        makeFacts({ items: [cheapNew, dearNew] }),
      ),
    ).toBe(true);
  });

  it('`all` needs every item to meet all criteria', () => {
    const cheap: Condition[] = [{ kind: 'compare', fact: 'item.price', op: 'lt', value: 100000 }];
    expect(matches({ kind: 'items', quantifier: 'all', where: cheap }, facts)).toBe(true);
    expect(matches({ kind: 'items', quantifier: 'all', where: newAndDear }, facts)).toBe(false);
  });

  it('`none` holds when no single item meets all criteria together', () => {
    expect(matches({ kind: 'items', quantifier: 'none', where: newAndDear }, facts)).toBe(true);
    const best: Condition[] = [{ kind: 'compare', fact: 'item.tags', op: 'contains', value: 'BEST' }];
    expect(matches({ kind: 'items', quantifier: 'none', where: best }, facts)).toBe(false);
  });

  it('labels only the matched items with scope matchedItems, every item with scope order', () => {
    const decision = decideBoth(
      [
        flowOf(
          {
            kind: 'items',
            quantifier: 'any',
            where: [{ kind: 'compare', fact: 'item.tags', op: 'contains', value: 'NEW' }],
          },
          [
            { type: 'addLabel', label: 'ORDER', scope: 'order' },
            { type: 'addLabel', label: '신상품', scope: 'matchedItems' },
          ],
        ),
      ],
      facts,
    );
    expect(decision.itemLabels).toEqual({ 'I-1': ['ORDER', '신상품'], 'I-2': ['ORDER'] });
    expect(decision.labels).toEqual(['ORDER', '신상품']);
  });

  it('takes matched items only from the branch that made an `any` true', () => {
    const tag = (t: string): Condition => ({
      kind: 'items',
      quantifier: 'any',
      where: [{ kind: 'compare', fact: 'item.tags', op: 'contains', value: t }],
    });
    const decision = decideBoth(
      [
        flowOf({ kind: 'any', conditions: [tag('BEST'), tag('NEW')] }, [
          { type: 'addLabel', label: 'X', scope: 'matchedItems' },
        ]),
      ],
      facts,
    );
    expect(decision.itemLabels).toEqual({ 'I-1': [], 'I-2': ['X'] });
  });

  it('does not label items through a negated quantifier', () => {
    const decision = decideBoth(
      [
        flowOf(
          {
            kind: 'not',
            condition: {
              kind: 'items',
              quantifier: 'any',
              where: [{ kind: 'compare', fact: 'item.tags', op: 'contains', value: 'GIFT' }],
            },
          },
          [{ type: 'addLabel', label: 'X', scope: 'matchedItems' }],
        ),
      ],
      facts,
    );
    expect(decision.labels).toEqual(['X']);
    expect(decision.itemLabels).toEqual({ 'I-1': [], 'I-2': [] });
  });
});

describe('flows, rules and labels', () => {
  const always: Condition = { kind: 'compare', fact: 'order.productAmount', op: 'gte', value: 0 };
  const label = (l: string): Action => ({ type: 'addLabel', label: l, scope: 'order' });
  const flow = (
    id: string,
    name: string,
    priority: number,
    labels: string[],
    extra: Partial<FlowInput> = {},
  ): FlowInput => ({
    id,
    name,
    priority,
    rules: labels.map((l, i) => ({ id: `${id}-${i}`, name: l, when: always, then: [label(l)] })),
    ...extra,
  });

  it('runs flows by ascending priority, then name', () => {
    const decision = decideBoth(
      [flow('c', '다', 20, ['C']), flow('b', '나', 10, ['B']), flow('a', '가', 20, ['A'])],
      makeFacts(),
    );
    expect(decision.labels).toEqual(['B', 'A', 'C']);
    expect(decision.matched.map((m) => m.flowId)).toEqual(['b', 'a', 'c']);
  });

  it('stopAfterMatch stops the rest of that flow only', () => {
    const stopping: FlowInput = {
      id: 's',
      name: '가',
      priority: 1,
      rules: [
        { id: 's1', name: '첫째', when: always, then: [label('S1')], stopAfterMatch: true },
        { id: 's2', name: '둘째', when: always, then: [label('S2')] },
      ],
    };
    const decision = decideBoth([stopping, flow('o', '나', 2, ['O'])], makeFacts());
    expect(decision.labels).toEqual(['S1', 'O']);
  });

  it('does not stop when the stopping rule did not match', () => {
    const stopping: FlowInput = {
      id: 's',
      name: '가',
      rules: [
        {
          id: 's1',
          name: '첫째',
          when: { kind: 'compare', fact: 'order.productAmount', op: 'lt', value: 0 },
          then: [label('S1')],
          stopAfterMatch: true,
        },
        { id: 's2', name: '둘째', when: always, then: [label('S2')] },
      ],
    };
    expect(decideBoth([stopping], makeFacts()).labels).toEqual(['S2']);
  });

  it('runs only enabled flows that listen to the trigger', () => {
    const flows = [
      flow('a', '가', 1, ['PAID'], { triggers: ['order.paid'] }),
      flow('b', '나', 1, ['OFF'], { enabled: false }),
      flow('c', '다', 1, ['ANY']),
    ];
    const at = (trigger: Trigger) => decideBoth(flows, makeFacts(), { ...created, trigger }).labels;
    expect(at('order.created')).toEqual(['ANY']);
    expect(at('order.paid')).toEqual(['PAID', 'ANY']);
  });

  it('de-duplicates labels in first-added order and subtracts removed labels', () => {
    const flows: FlowInput[] = [
      flow('a', '가', 1, ['B', 'A', 'B']),
      {
        id: 'r',
        name: '나',
        priority: 2,
        rules: [
          { id: 'r1', name: '정리', when: always, then: [{ type: 'removeLabel', label: 'A' }, label('C')] },
        ],
      },
    ];
    const decision = decideBoth(flows, makeFacts({ items: [makeItem({ itemCode: 'I-1' })] }));
    expect(decision.labels).toEqual(['B', 'C']);
    expect(decision.removedLabels).toEqual(['A']);
    expect(decision.itemLabels).toEqual({ 'I-1': ['B', 'C'] });
  });

  it('reports matched rules with flow version and rule name, and every action with its flow and rule', () => {
    const decision = decideBoth(
      [
        {
          id: 'f',
          name: '가',
          version: 3,
          rules: [
            {
              id: 'r',
              name: '보류',
              when: always,
              then: [{ type: 'holdShipment' }, { type: 'csFlag', reason: '확인' }],
            },
          ],
        },
      ],
      makeFacts(),
    );
    expect(decision.matched).toEqual([{ flowId: 'f', flowVersion: 3, ruleId: 'r', ruleName: '보류' }]);
    expect(decision.actions).toEqual([
      { type: 'holdShipment', flowId: 'f', ruleId: 'r' },
      { type: 'csFlag', reason: '확인', flowId: 'f', ruleId: 'r' },
    ]);
  });

  it('gives a gift target its label (the gift name unless a label is set)', () => {
    const decision = decideBoth(
      [
        {
          id: 'g',
          name: '가',
          rules: [
            {
              id: 'r',
              name: 'VIP',
              when: always,
              then: [
                { type: 'giftTarget', gift: '텀블러' },
                { type: 'giftTarget', gift: '양말', label: 'VIP_GIFT' },
              ],
            },
          ],
        },
      ],
      makeFacts(),
    );
    expect(decision.labels).toEqual(['텀블러', 'VIP_GIFT']);
  });

  it('renders memo and notify templates over facts, with won amounts and zone names', () => {
    const decision = decideBoth(
      [
        {
          id: 'm',
          name: '메모',
          rules: [
            {
              id: 'r',
              name: '고액',
              when: always,
              then: [
                {
                  type: 'memo',
                  template: '주문 {{order.id}} {{ order.productAmount }} {{shipping.zone}} ({{rule.name}})',
                },
                { type: 'notify', channel: 'slack', template: '{{flow.name}}: {{order.id}}' },
              ],
            },
          ],
        },
      ],
      makeFacts({ order: { productAmount: 120000 }, shipping: { zone: 'JEJU' } }),
    );
    expect(decision.actions.map((a) => a.text)).toEqual([
      '주문 20260302-0000001 120,000원 제주 (고액)',
      '메모: 20260302-0000001',
    ]);
  });

  it('labels the customer’s orders within the bundling window as related orders', () => {
    const placedAt = kst('2026-03-02T10:00');
    const facts = makeFacts({
      order: { placedAt },
      customer: {
        history: [
          { orderId: 'OLD', placedAt: placedAt - 61 * 60_000, productAmount: 1, hasReturn: false },
          { orderId: 'EDGE', placedAt: placedAt - 60 * 60_000, productAmount: 1, hasReturn: false },
          { orderId: 'NEAR', placedAt: placedAt - 5 * 60_000, productAmount: 1, hasReturn: false },
        ],
      },
    });
    const decision = decideBoth(
      [
        flowOf({ kind: 'compare', fact: 'customer.ordersWithin', arg: 60, op: 'gte', value: 1 }, [
          { type: 'addLabel', label: 'BUNDLE', scope: 'order', alsoOrdersWithinMinutes: 60 },
        ]),
      ],
      facts,
    );
    expect(decision.relatedOrderLabels).toEqual([
      { orderId: 'EDGE', label: 'BUNDLE' },
      { orderId: 'NEAR', label: 'BUNDLE' },
    ]);
  });

  it('decides the same way on every evaluation of the same input', () => {
    const compiled = compileFlows([Flow.parse(flow('a', '가', 1, ['A', 'B']))]);
    const facts = makeFacts();
    expect(compiled.evaluate(facts, created)).toEqual(compiled.evaluate(facts, created));
  });
});

describe('compilation', () => {
  it('keeps merchant values out of the generated source', () => {
    const compiled = compileFlows([
      Flow.parse(
        flowOf(
          {
            kind: 'all',
            conditions: [
              { kind: 'compare', fact: 'order.productAmount', op: 'gte', value: 123457 },
              { kind: 'compare', fact: 'shipping.address', op: 'contains', value: '"); process.exit(1); ("' },
            ],
          },
          [{ type: 'addLabel', label: 'SECRET_LABEL', scope: 'order' }],
        ),
      ),
    ]);
    expect(compiled.source).not.toContain('123457');
    expect(compiled.source).not.toContain('process');
    expect(compiled.source).not.toContain('SECRET_LABEL');
    expect(compiled.evaluate(makeFacts(), created).labels).toEqual([]);
  });

  it('refuses invalid flows with every issue listed', () => {
    const bad = Flow.parse(
      flowOf({ kind: 'compare', fact: 'order.nope', op: 'eq', value: 1 }, [
        { type: 'addLabel', label: '', scope: 'order' },
      ]),
    );
    try {
      compileFlows([bad]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FlowCompileError);
      expect((error as FlowCompileError).kind).toBe('user');
      expect((error as FlowCompileError).issues.map((i) => i.code)).toEqual(['unknownFact', 'labelEmpty']);
    }
  });

  it('returns an immutable compiled set that later changes to the input flows cannot affect', () => {
    const input = Flow.parse(flowOf({ kind: 'compare', fact: 'order.productAmount', op: 'gte', value: 0 }));
    const compiled = compileFlows([input]);
    (input.rules[0] as { name: string }).name = 'changed';
    expect(Object.isFrozen(compiled)).toBe(true);
    expect(Object.isFrozen(compiled.flows[0]?.rules[0]?.when)).toBe(true);
    expect(compiled.evaluate(makeFacts(), created).matched[0]?.ruleName).toBe('규칙');
  });
});
