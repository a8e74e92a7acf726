import { z } from 'zod';
import { returnRiskCondition } from './return-risk-template.js';
import { countParam, defineTemplate, labelParam } from './template-definition.js';

/** CS_CAUTION (example): label CS주의 on the RETURN_RISK condition. */
export const csCautionExample = defineTemplate({
  id: 'CS_CAUTION',
  kind: 'example',
  name: { ko: 'CS 주의 고객', en: 'CS caution' },
  description: {
    ko: '이전 90일 안에 반품된 상품이 있는 주문이 2건 이상인 회원의 주문에 "CS주의" 라벨을 붙입니다.',
    en: 'Labels "CS주의" on orders of members with at least 2 earlier orders having a returned item within the 90 days before.',
  },
  params: z.strictObject({
    label: labelParam('CS주의'),
    minReturnOrders: countParam(2, '반품 주문 수 기준 / minimum orders with a return'),
    days: countParam(90, '조회 기간(일) / look-back period (days)'),
  }),
  rule: (params) => ({
    when: returnRiskCondition(params.minReturnOrders, params.days),
    then: [{ type: 'addLabel', label: params.label, scope: 'order' }],
  }),
});
