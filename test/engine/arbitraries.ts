import fc from 'fast-check';
import type { ItemFacts, OrderFacts } from '../../src/domain/order-facts.js';
import type { FactDefinition } from '../../src/engine/fact-catalogue.js';
import { FACTS, OPERATOR_ARITY, operatorsFor } from '../../src/engine/fact-catalogue.js';
import type { Action, Condition, Flow, Rule } from '../../src/engine/flow-schema.js';
import { validateFlow } from '../../src/engine/validate-flow.js';
import { kst, kstProjections } from './make-facts.js';

/**
 * fast-check generators of valid flows and of order facts drawn from small pools, so generated
 * conditions hit their boundaries often (equal amounts, window edges, shared tags).
 */

const WON = [0, 29999, 30000, 50000, 99999, 100000, 100001, 300000];
const STRINGS = ['', 'P000000L', 'P000000M', '테스트', 'N00', 'R10', '06236', '63000', '우도', 'VIP'];
const DATES = ['2026-03-01', '2026-03-02', '2026-03-03'];
const TIMES = ['00:00', '04:59', '05:00', '10:00', '21:59', '22:00', '23:59'];
const TAGS = ['NEW', 'BEST', 'SAME_DAY', 'GIFT'];
const PLACED = [
  kst('2026-03-01T23:00'),
  kst('2026-03-02T04:59'),
  kst('2026-03-02T05:00'),
  kst('2026-03-02T22:00'),
];

function scalarFor(def: FactDefinition): fc.Arbitrary<unknown> {
  switch (def.type) {
    case 'won':
      return fc.constantFrom(...WON);
    case 'int':
      return fc.integer({ min: def.min ?? 0, max: Math.min(def.max ?? 5, 5) });
    case 'time':
      return fc.oneof(fc.constantFrom(...TIMES), fc.constantFrom(0, 299, 300, 1439));
    case 'date':
      return fc.constantFrom(...DATES);
    case 'datetime':
      return fc.constantFrom(...DATES, '2026-03-02T04:59', '2026-03-02T05:00', '2026-03-01T23:00');
    case 'bool':
      return fc.boolean();
    case 'country':
      return fc.constantFrom('KR', 'US', 'JP');
    case 'enum':
    case 'set':
      return def.id === 'item.tags'
        ? fc.constantFrom(...TAGS)
        : fc.constantFrom(...(def.options ?? []).map((o) => o.value), ...(def.openOptions ? ['other'] : []));
    case 'string':
      return fc.constantFrom(...STRINGS);
  }
}

function compareFor(def: FactDefinition): fc.Arbitrary<Condition> {
  return fc
    .record({
      op: fc.constantFrom(...operatorsFor(def)),
      arg: def.arg ? fc.constantFrom(1, 59, 60, 61, 90) : fc.constant(undefined),
      a: scalarFor(def),
      b: scalarFor(def),
      list: fc.array(scalarFor(def), { minLength: 1, maxLength: 3 }),
    })
    .map(({ op, arg, a, b, list }) => {
      const arity = OPERATOR_ARITY[op];
      const node: Condition = { kind: 'compare', fact: def.id, op };
      if (arg !== undefined) node.arg = arg;
      if (arity === 'one') node.value = a;
      if (arity === 'range') node.value = [a, b];
      if (arity === 'list') node.value = list;
      return node;
    });
}

const orderFacts = FACTS.filter((f) => f.scope === 'order');
const itemFacts = FACTS.filter((f) => f.scope === 'item');

const leaf = (defs: FactDefinition[]): fc.Arbitrary<Condition> => fc.oneof(...defs.map(compareFor));

function tree(defs: FactDefinition[], withItems: boolean): fc.Arbitrary<Condition> {
  const { node } = fc.letrec<{ node: Condition }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf(defs),
      ...(withItems
        ? [
            fc
              .record({ from: fc.constantFrom(...TIMES), to: fc.constantFrom(...TIMES) })
              .map(({ from, to }): Condition => ({ kind: 'timeOfDay', from, to })),
            fc
              .record({ from: fc.constantFrom(...DATES), to: fc.constantFrom(...DATES) })
              .map(({ from, to }): Condition => ({ kind: 'dateRange', from, to })),
            fc
              .record({
                quantifier: fc.constantFrom('any' as const, 'all' as const, 'none' as const),
                where: fc.array(tree(itemFacts, false), { minLength: 1, maxLength: 3 }),
              })
              .map(({ quantifier, where }): Condition => ({ kind: 'items', quantifier, where })),
          ]
        : []),
      fc
        .array(tie('node'), { minLength: 1, maxLength: 3 })
        .map((conditions): Condition => ({ kind: 'all', conditions })),
      fc
        .array(tie('node'), { minLength: 1, maxLength: 3 })
        .map((conditions): Condition => ({ kind: 'any', conditions })),
      tie('node').map((condition): Condition => ({ kind: 'not', condition })),
    ),
  }));
  return node;
}

const LABELS = ['HIGH', 'VIP', '제주배송', 'NEWI', 'CHECK'];
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    type: fc.constant('addLabel' as const),
    label: fc.constantFrom(...LABELS),
    scope: fc.constantFrom('order' as const, 'matchedItems' as const),
  }),
  fc.record({
    type: fc.constant('addLabel' as const),
    label: fc.constantFrom(...LABELS),
    scope: fc.constant('order' as const),
    alsoOrdersWithinMinutes: fc.constantFrom(30, 60),
  }),
  fc.record({ type: fc.constant('removeLabel' as const), label: fc.constantFrom(...LABELS) }),
  fc.record({
    type: fc.constant('memo' as const),
    template: fc.constant('주문 {{order.id}}: {{order.productAmount}} ({{rule.name}})'),
  }),
  fc.record({ type: fc.constant('giftTarget' as const), gift: fc.constantFrom('사은품A', 'VIP') }),
  fc.record({ type: fc.constant('holdShipment' as const) }),
);

const rule = (id: string): fc.Arbitrary<Rule> =>
  fc.record({
    id: fc.constant(id),
    name: fc.constant(`규칙 ${id}`),
    when: tree(orderFacts, true),
    then: fc.array(action, { minLength: 1, maxLength: 3 }),
    stopAfterMatch: fc.boolean(),
  });

/** A valid flow (generated, then kept only if the validator accepts it). */
export const flowArbitrary = (id: string): fc.Arbitrary<Flow> =>
  fc
    .record({
      name: fc.constantFrom('가', '나', '다'),
      enabled: fc.boolean(),
      priority: fc.constantFrom(1, 10, 100),
      triggers: fc.subarray(['order.created', 'order.paid', 'order.changed', 'manual'] as const, {
        minLength: 1,
      }),
      rules: fc
        .tuple(rule(`${id}-1`), rule(`${id}-2`), rule(`${id}-3`))
        .chain(([a, b, c]) => fc.constantFrom<Rule[]>([a], [a, b], [a, b, c])),
    })
    .map((f): Flow => ({ id, version: 1, ...f, triggers: [...f.triggers] }))
    .filter((f) => validateFlow(f).ok);

export const flowsArbitrary: fc.Arbitrary<Flow[]> = fc
  .tuple(flowArbitrary('A'), flowArbitrary('B'), flowArbitrary('C'))
  .chain(([a, b, c]) => fc.constantFrom<Flow[]>([a], [a, b], [a, b, c]));

const item = (index: number): fc.Arbitrary<ItemFacts> =>
  fc.record({
    itemCode: fc.constant(`20260302-0000001-0${index + 1}`),
    productNo: fc.integer({ min: 0, max: 3 }),
    productCode: fc.constantFrom(...STRINGS),
    variantCode: fc.constantFrom(...STRINGS),
    name: fc.constantFrom(...STRINGS),
    quantity: fc.integer({ min: 0, max: 4 }),
    price: fc.constantFrom(...WON),
    status: fc.constantFrom('N00', 'R10', 'C00'),
    tags: fc.subarray(TAGS),
    stock: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
  });

/** Order facts from small pools; history orders sit at window edges (exactly 60 minutes, 90 days …). */
export const factsArbitrary: fc.Arbitrary<OrderFacts> = fc
  .record({
    placedAt: fc.constantFrom(...PLACED),
    productAmount: fc.constantFrom(...WON),
    paymentAmount: fc.constantFrom(...WON),
    isHoliday: fc.option(fc.boolean(), { nil: null }),
    channel: fc.constantFrom('cafe24', 'mobile', 'coupang', 'other'),
    paymentMethods: fc.subarray(['cash', 'card', 'icash', 'point']),
    paid: fc.constantFrom('T' as const, 'F' as const, 'M' as const),
    canceled: fc.boolean(),
    ipCountry: fc.option(fc.constantFrom('KR', 'US'), { nil: null }),
    zip: fc.option(fc.constantFrom(...STRINGS), { nil: null }),
    zone: fc.constantFrom('MAINLAND' as const, 'JEJU' as const, 'REMOTE' as const),
    areaName: fc.option(fc.constantFrom(...STRINGS), { nil: null }),
    kind: fc.constantFrom('member' as const, 'guest' as const),
    grade: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    isFirstOrder: fc.boolean(),
    lifetimeAmount: fc.constantFrom(...WON),
    historyOffsetsMinutes: fc.array(fc.constantFrom(1, 59, 60, 61, 89 * 1440, 90 * 1440, 91 * 1440), {
      maxLength: 4,
    }),
    historyReturns: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    items: fc
      .integer({ min: 0, max: 3 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => item(i)))),
  })
  .map((r): OrderFacts => ({
    order: {
      id: '20260302-0000001',
      productAmount: r.productAmount,
      paymentAmount: r.paymentAmount,
      placedAt: r.placedAt,
      ...kstProjections(r.placedAt),
      isHoliday: r.isHoliday,
      channel: r.channel,
      paymentMethods: r.paymentMethods,
      paid: r.paid,
      canceled: r.canceled,
      itemCount: r.items.length,
      quantity: r.items.reduce((sum, it) => sum + it.quantity, 0),
      clientIp: r.ipCountry === null ? null : '203.0.113.7',
      ipCountry: r.ipCountry,
      isOverseasIp: r.ipCountry !== null && r.ipCountry !== 'KR',
    },
    shipping: { zip: r.zip, address: null, zone: r.zone, areaName: r.areaName, international: false },
    customer: {
      kind: r.kind,
      memberId: r.kind === 'member' ? 'test-member' : null,
      key: 'm:test-member',
      grade: r.grade,
      gradeName: null,
      isFirstOrder: r.isFirstOrder,
      previousOrderCount: r.historyOffsetsMinutes.length,
      lifetimeAmount: r.lifetimeAmount,
      history: r.historyOffsetsMinutes.map((offset, i) => ({
        orderId: `20260301-00000${i}`,
        placedAt: r.placedAt - offset * 60_000,
        productAmount: 10000,
        hasReturn: r.historyReturns[i] ?? false,
      })),
    },
    items: r.items,
  }));
