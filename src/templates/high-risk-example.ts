import { z } from 'zod';
import { fraudCondition } from './fraud-check-template.js';
import { defineTemplate, labelParam, wonParam } from './template-definition.js';

/** HIGH_RISK (example): label 고위험주문 on the FRAUD_CHECK condition. */
export const highRiskExample = defineTemplate({
  id: 'HIGH_RISK',
  kind: 'example',
  name: { ko: '고위험 주문', en: 'High-risk order' },
  description: {
    ko: '해외 IP에서 들어온 100,000원 이상의 첫 주문에 "고위험주문" 라벨을 붙입니다. IP를 알 수 없으면 해당하지 않습니다.',
    en: 'Labels "고위험주문" on first orders of at least 100,000 won from an overseas IP. An unknown IP never matches.',
  },
  params: z.strictObject({
    label: labelParam('고위험주문'),
    minAmount: wonParam(100_000, '기준 상품구매금액(원) / minimum product amount (won)'),
  }),
  rule: (params) => ({
    when: fraudCondition(params.minAmount),
    then: [{ type: 'addLabel', label: params.label, scope: 'order' }],
  }),
});
