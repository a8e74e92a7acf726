import { z } from 'zod';
import type { Condition } from '../engine/flow-schema.js';
import { countParam, defineTemplate, labelParam } from './template-definition.js';

/**
 * A member with at least `minOrders` earlier orders having a returned item (R…) whose order date lies
 * in the `days` days before this order (inclusive: exactly `days` days before counts).
 */
export const returnRiskCondition = (minOrders: number, days: number): Condition => ({
  kind: 'all',
  conditions: [
    { kind: 'compare', fact: 'customer.kind', op: 'eq', value: 'member' },
    { kind: 'compare', fact: 'customer.returnsInDays', arg: days, op: 'gte', value: minOrders },
  ],
});

/** RETURN_RISK: member with ≥ 2 earlier orders with a returned item within 90 days before. */
export const returnRiskTemplate = defineTemplate({
  id: 'RETURN_RISK',
  kind: 'template',
  name: { ko: '반품 주의 고객', en: 'Return risk' },
  description: {
    ko: '이 주문 이전 90일 안에 반품된 상품이 있는 주문이 2건 이상인 회원의 주문에 라벨을 붙입니다.',
    en: 'Labels orders of members with at least 2 earlier orders having a returned item within the 90 days before.',
  },
  params: z.strictObject({
    label: labelParam('RETURN_RISK'),
    minReturnOrders: countParam(2, '반품 주문 수 기준 / minimum orders with a return'),
    days: countParam(90, '조회 기간(일) / look-back period (days)'),
  }),
  rule: (params) => ({
    when: returnRiskCondition(params.minReturnOrders, params.days),
    then: [{ type: 'addLabel', label: params.label, scope: 'order' }],
  }),
});
