import { z } from 'zod';
import type { Condition } from '../engine/flow-schema.js';
import { productAmountAtLeast } from './high-value-template.js';
import { defineTemplate, labelParam, wonParam } from './template-definition.js';

/**
 * A first order of at least `minAmount` won from an overseas IP. `order.isOverseasIp` is false when
 * the IP or its country is unknown, so an unknown IP never matches.
 */
export const fraudCondition = (minAmount: number): Condition => ({
  kind: 'all',
  conditions: [
    productAmountAtLeast(minAmount),
    { kind: 'compare', fact: 'customer.isFirstOrder', op: 'eq', value: true },
    { kind: 'compare', fact: 'order.isOverseasIp', op: 'eq', value: true },
  ],
});

/** FRAUD_CHECK: productAmount ≥ 100000, first order and an overseas IP. */
export const fraudCheckTemplate = defineTemplate({
  id: 'FRAUD_CHECK',
  kind: 'template',
  name: { ko: '부정주문 의심', en: 'Fraud check' },
  description: {
    ko: '해외 IP에서 들어온 기준 금액(기본 100,000원) 이상의 첫 주문에 라벨을 붙입니다. IP를 알 수 없으면 해당하지 않습니다.',
    en: 'Labels first orders of at least the threshold (default 100,000 won) placed from an overseas IP. An unknown IP never matches.',
  },
  params: z.strictObject({
    label: labelParam('FRAUD_CHECK'),
    minAmount: wonParam(100_000, '기준 상품구매금액(원) / minimum product amount (won)'),
  }),
  rule: (params) => ({
    when: fraudCondition(params.minAmount),
    then: [{ type: 'addLabel', label: params.label, scope: 'order' }],
  }),
});
