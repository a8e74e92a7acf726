import { z } from 'zod';
import { bundleCondition, bundleLabelAction } from './bundle-ship-template.js';
import { countParam, defineTemplate, labelParam } from './template-definition.js';

/** BUNDLE_HINT (example): label 합포장가능 on both orders, as BUNDLE_SHIP. */
export const bundleHintExample = defineTemplate({
  id: 'BUNDLE_HINT',
  kind: 'example',
  name: { ko: '합포장 가능', en: 'Bundling possible' },
  description: {
    ko: '같은 고객이 60분 안에 취소되지 않은 주문을 또 했다면 두 주문 모두에 "합포장가능" 라벨을 붙입니다.',
    en: 'Labels "합포장가능" on both orders when the same customer placed another non-cancelled order within 60 minutes.',
  },
  params: z.strictObject({
    label: labelParam('합포장가능'),
    windowMinutes: countParam(60, '묶음 기준 시간(분) / bundling window (minutes)'),
  }),
  rule: (params) => ({
    when: bundleCondition(params.windowMinutes),
    then: [bundleLabelAction(params.label, params.windowMinutes)],
  }),
});
