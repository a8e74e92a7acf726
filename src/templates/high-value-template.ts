import { z } from 'zod';
import type { Condition } from '../engine/flow-schema.js';
import { defineTemplate, labelParam, wonParam } from './template-definition.js';

/** 상품구매금액 at least `minAmount` won (inclusive). */
export const productAmountAtLeast = (minAmount: number): Condition => ({
  kind: 'compare',
  fact: 'order.productAmount',
  op: 'gte',
  value: minAmount,
});

/** HIGH_VALUE: `order.productAmount ≥ 100000`. */
export const highValueTemplate = defineTemplate({
  id: 'HIGH_VALUE',
  kind: 'template',
  name: { ko: '고액 주문', en: 'High-value order' },
  description: {
    ko: '상품구매금액이 기준 금액(기본 100,000원) 이상인 주문에 라벨을 붙입니다.',
    en: 'Labels orders whose product amount is at least the threshold (default 100,000 won).',
  },
  params: z.strictObject({
    label: labelParam('HIGH_VALUE'),
    minAmount: wonParam(100_000, '기준 상품구매금액(원) / minimum product amount (won)'),
  }),
  rule: (params) => ({
    when: productAmountAtLeast(params.minAmount),
    then: [{ type: 'addLabel', label: params.label, scope: 'order' }],
  }),
});
