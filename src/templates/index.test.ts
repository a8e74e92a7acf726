import { describe, expect, it } from 'vitest';
import { Flow } from '../engine/flow-schema.js';
import { validateFlow } from '../engine/validate-flow.js';
import { findTemplate, TEMPLATES, TemplateParamsError } from './index.js';

const TEMPLATE_IDS = [
  'FIRST_ORDER',
  'ISLAND_SHIP',
  'HIGH_VALUE',
  'BUNDLE_SHIP',
  'BANK_ALERT',
  'VIP_GIFT',
  'FRAUD_CHECK',
  'RETURN_RISK',
  'SAME_DAY',
  'STOCK_ALERT',
];
const EXAMPLE_LABELS: Record<string, string> = {
  VIP_CUSTOMER: 'VIP',
  JEJU_REMOTE: '제주배송',
  HIGH_RISK: '고위험주문',
  EVENT_ORDER: '이벤트주문',
  CS_CAUTION: 'CS주의',
  DAWN_SAME_DAY: '당일배송',
  BUNDLE_HINT: '합포장가능',
  MARKETING: '마케팅분석대상',
  BIG_ORDER: '고액주문',
};

/** Labels a flow's actions would add, in action order. */
const labelsOf = (flow: Flow): string[] =>
  flow.rules.flatMap((rule) =>
    rule.then.flatMap((action) =>
      action.type === 'addLabel'
        ? [action.label]
        : action.type === 'giftTarget' && action.label
          ? [action.label]
          : [],
    ),
  );

describe('TEMPLATES', () => {
  it('ships the 10 templates and the 9 examples of DESIGN.md with unique IDs', () => {
    expect(TEMPLATES.filter((t) => t.kind === 'template').map((t) => t.id)).toEqual(TEMPLATE_IDS);
    expect(TEMPLATES.filter((t) => t.kind === 'example').map((t) => t.id)).toEqual(
      Object.keys(EXAMPLE_LABELS),
    );
    expect(new Set(TEMPLATES.map((t) => t.id)).size).toBe(19);
  });

  it('gives every template a Korean and an English name and description', () => {
    for (const template of TEMPLATES) {
      expect(template.name.ko).toMatch(/[가-힣]/);
      expect(template.description.ko).toMatch(/[가-힣]/);
      expect(template.name.en).not.toBe('');
      expect(template.description.en).not.toBe('');
    }
  });

  it.each(TEMPLATE_IDS)('builds %s into a valid flow labelled with the template ID by default', (id) => {
    const flow = findTemplate(id)!.build();
    expect(Flow.parse(flow)).toEqual(flow);
    expect(flow).toMatchObject({ id, templateId: id, enabled: true });
    expect(flow.rules.map((rule) => rule.id)).toEqual([id]);
    expect(labelsOf(flow)).toEqual([id]);
  });

  it.each(Object.entries(EXAMPLE_LABELS).filter(([id]) => id !== 'EVENT_ORDER'))(
    'builds the example %s with its Korean label %s',
    (id, label) => {
      expect(labelsOf(findTemplate(id)!.build())).toEqual([label]);
    },
  );

  it.each(TEMPLATES.map((template) => template.id))(
    'builds %s into a flow the engine validator accepts',
    (id) => {
      const template = findTemplate(id)!;
      const flow =
        id === 'EVENT_ORDER'
          ? template.build({
              from: '2026-12-01',
              to: '2026-12-03',
              productNos: [14],
              productCodes: ['P0000014'],
            })
          : template.build();
      const result = validateFlow(flow);
      expect(result.ok ? [] : result.issues).toEqual([]);
    },
  );

  it('lets the merchant rename the label and change every number', () => {
    const flow = findTemplate('HIGH_VALUE')!.build({ label: '고가', minAmount: 50_000 });
    expect(labelsOf(flow)).toEqual(['고가']);
    expect(flow.rules[0]!.when).toEqual({
      kind: 'compare',
      fact: 'order.productAmount',
      op: 'gte',
      value: 50_000,
    });
  });

  it('exposes the defaults it builds with', () => {
    expect(findTemplate('RETURN_RISK')!.defaults).toEqual({
      label: 'RETURN_RISK',
      minReturnOrders: 2,
      days: 90,
    });
    expect(findTemplate('BUNDLE_SHIP')!.defaults).toEqual({ label: 'BUNDLE_SHIP', windowMinutes: 60 });
  });

  it('labels both orders when bundling, and notifies on BANK_ALERT, and marks a gift target on VIP_GIFT', () => {
    const bundle = findTemplate('BUNDLE_SHIP')!.build().rules[0]!.then;
    expect(bundle).toEqual([
      { type: 'addLabel', label: 'BUNDLE_SHIP', scope: 'order', alsoOrdersWithinMinutes: 60 },
    ]);
    expect(
      findTemplate('BANK_ALERT')!
        .build()
        .rules[0]!.then.map((action) => action.type),
    ).toEqual(['addLabel', 'notify']);
    expect(findTemplate('VIP_GIFT')!.build().rules[0]!.then).toEqual([
      { type: 'giftTarget', gift: 'VIP 사은품', label: 'VIP_GIFT' },
    ]);
  });

  it('refuses to build EVENT_ORDER without a period and products, naming each missing parameter', () => {
    const eventOrder = findTemplate('EVENT_ORDER')!;
    expect(eventOrder.defaults).toBeNull();
    let thrown: unknown;
    try {
      eventOrder.build();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TemplateParamsError);
    const error = thrown as TemplateParamsError;
    expect(error).toMatchObject({ code: 'TEMPLATE_PARAMS_INVALID', kind: 'user', templateId: 'EVENT_ORDER' });
    expect(error.problems.map((problem) => problem.key)).toEqual(['from', 'to']);
    expect(() => eventOrder.build({ from: '2026-12-01', to: '2026-12-03' })).toThrow(/productNos/);
    expect(() => eventOrder.build({ from: '2026-12-05', to: '2026-12-03', productNos: [12] })).toThrow(/to:/);
  });

  it('builds EVENT_ORDER from a period and event products', () => {
    const flow = findTemplate('EVENT_ORDER')!.build({
      from: '2026-12-01',
      to: '2026-12-03T12:00',
      productNos: [12],
    });
    expect(flow.rules[0]!.when).toEqual({
      kind: 'all',
      conditions: [
        { kind: 'dateRange', from: '2026-12-01', to: '2026-12-03T12:00' },
        {
          kind: 'items',
          quantifier: 'any',
          where: [
            { kind: 'any', conditions: [{ kind: 'compare', fact: 'item.productNo', op: 'in', value: [12] }] },
          ],
        },
      ],
    });
  });

  it('rejects unknown parameter keys and wrong types', () => {
    expect(() => findTemplate('HIGH_VALUE')!.build({ minAmout: 5 })).toThrow(TemplateParamsError);
    expect(() => findTemplate('HIGH_VALUE')!.build({ minAmount: -1 })).toThrow(/minAmount/);
    expect(() => findTemplate('SAME_DAY')!.build({ to: '25:00' })).toThrow(/to:/);
  });

  it('finds templates by exact ID only', () => {
    expect(findTemplate('SAME_DAY')?.id).toBe('SAME_DAY');
    expect(findTemplate('same_day')).toBeUndefined();
    expect(findTemplate('toString')).toBeUndefined();
  });
});
