import { z } from 'zod';
import { defineTemplate, labelParam } from './template-definition.js';

/**
 * FIRST_ORDER: Cafe24 `first_order = T`; when the field is empty, a member with no earlier order.
 * Guests count only when Cafe24 says T. Facts enrichment folds exactly that into
 * `customer.isFirstOrder`, so the rule is one comparison.
 */
export const firstOrderTemplate = defineTemplate({
  id: 'FIRST_ORDER',
  kind: 'template',
  name: { ko: '첫 주문', en: 'First order' },
  description: {
    ko: '카페24가 첫 주문(first_order=T)으로 표시한 주문, 값이 비어 있으면 이전 주문이 없는 회원의 주문에 라벨을 붙입니다. 비회원은 카페24가 T라고 할 때만 해당합니다.',
    en: "Labels orders Cafe24 marks as first_order=T; when the field is empty, a member's order with no earlier order. Guests only when Cafe24 says T.",
  },
  params: z.strictObject({ label: labelParam('FIRST_ORDER') }),
  rule: (params) => ({
    when: { kind: 'compare', fact: 'customer.isFirstOrder', op: 'eq', value: true },
    then: [{ type: 'addLabel', label: params.label, scope: 'order' }],
  }),
});
