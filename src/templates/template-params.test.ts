import { describe, expect, it } from 'vitest';
import { findTemplate } from './index.js';
import { describeTemplateParams, parseTemplateParamValue } from './template-params.js';

const template = (id: string) => findTemplate(id)!;

describe('describeTemplateParams', () => {
  it('lists each parameter with its type, default and description', () => {
    expect(describeTemplateParams(template('HIGH_VALUE'))).toEqual([
      {
        key: 'label',
        type: 'string',
        description: '라벨 이름 / label name',
        required: false,
        defaultValue: 'HIGH_VALUE',
      },
      {
        key: 'minAmount',
        type: 'number',
        description: '기준 상품구매금액(원) / minimum product amount (won)',
        required: false,
        defaultValue: 100_000,
      },
    ]);
  });

  it('marks the event period as required', () => {
    const params = describeTemplateParams(template('EVENT_ORDER'));
    expect(params.filter((param) => param.required).map((param) => param.key)).toEqual(['from', 'to']);
    expect(params.find((param) => param.key === 'productNos')?.type).toBe('number[]');
  });
});

describe('parseTemplateParamValue', () => {
  it('turns numbers, comma lists and JSON arrays into typed values', () => {
    expect(parseTemplateParamValue(template('HIGH_VALUE'), 'minAmount', '150000')).toEqual({
      ok: true,
      value: 150_000,
    });
    expect(parseTemplateParamValue(template('HIGH_VALUE'), 'minAmount', '150_000')).toEqual({
      ok: true,
      value: 150_000,
    });
    expect(parseTemplateParamValue(template('EVENT_ORDER'), 'productNos', '12, 14')).toEqual({
      ok: true,
      value: [12, 14],
    });
    expect(parseTemplateParamValue(template('EVENT_ORDER'), 'productCodes', '["P000000N"]')).toEqual({
      ok: true,
      value: ['P000000N'],
    });
    expect(parseTemplateParamValue(template('HIGH_VALUE'), 'label', '고가 주문')).toEqual({
      ok: true,
      value: '고가 주문',
    });
  });

  it('reports non-numbers and unknown keys', () => {
    expect(parseTemplateParamValue(template('HIGH_VALUE'), 'minAmount', 'lots')).toMatchObject({ ok: false });
    expect(parseTemplateParamValue(template('HIGH_VALUE'), 'minAmount', '')).toMatchObject({ ok: false });
    expect(parseTemplateParamValue(template('EVENT_ORDER'), 'productNos', '12,x')).toMatchObject({
      ok: false,
    });
    const unknown = parseTemplateParamValue(template('HIGH_VALUE'), 'constructor', '1');
    expect(unknown).toMatchObject({ ok: false });
    expect(unknown.ok ? '' : unknown.error).toContain('minAmount');
  });
});
