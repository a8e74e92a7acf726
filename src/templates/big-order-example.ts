import { z } from 'zod';
import { productAmountAtLeast } from './high-value-template.js';
import { defineTemplate, labelParam, wonParam } from './template-definition.js';

/** BIG_ORDER (example): label 고액주문 when `order.productAmount ≥ 300000`. */
export const bigOrderExample = defineTemplate({
  id: 'BIG_ORDER',
  kind: 'example',
  name: { ko: '고액 주문 (30만원)', en: 'Big order' },
  description: {
    ko: '상품구매금액이 300,000원 이상인 주문에 "고액주문" 라벨을 붙입니다.',
    en: 'Labels "고액주문" on orders whose product amount is at least 300,000 won.',
  },
  params: z.strictObject({
    label: labelParam('고액주문'),
    minAmount: wonParam(300_000, '기준 상품구매금액(원) / minimum product amount (won)'),
  }),
  rule: (params) => ({
    when: productAmountAtLeast(params.minAmount),
    then: [{ type: 'addLabel', label: params.label, scope: 'order' }],
  }),
});
