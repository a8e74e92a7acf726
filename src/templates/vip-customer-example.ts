import { z } from 'zod';
import { defineTemplate, labelParam, wonParam } from './template-definition.js';
import { vipCondition } from './vip-gift-template.js';

/** VIP_CUSTOMER (example): label VIP when the cumulative amount reaches 1,000,000 won (as VIP_GIFT). */
export const vipCustomerExample = defineTemplate({
  id: 'VIP_CUSTOMER',
  kind: 'example',
  name: { ko: 'VIP 고객', en: 'VIP customer' },
  description: {
    ko: '누적 상품구매금액(이번 주문 포함, 취소 제외)이 1,000,000원 이상인 회원의 주문에 "VIP" 라벨을 붙입니다.',
    en: 'Labels "VIP" on orders of members whose cumulative product amount (this order included, cancellations excluded) reaches 1,000,000 won.',
  },
  params: z.strictObject({
    label: labelParam('VIP'),
    minLifetimeAmount: wonParam(1_000_000, '누적 구매금액 기준(원) / minimum cumulative amount (won)'),
  }),
  rule: (params) => ({
    when: vipCondition(params.minLifetimeAmount),
    then: [{ type: 'addLabel', label: params.label, scope: 'order' }],
  }),
});
