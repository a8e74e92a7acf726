import { z } from 'zod';
import { sameDayCondition, TimeOfDay } from './same-day-template.js';
import { defineTemplate, labelParam } from './template-definition.js';

/** DAWN_SAME_DAY (example): label 당일배송 on the SAME_DAY condition. */
export const dawnSameDayExample = defineTemplate({
  id: 'DAWN_SAME_DAY',
  kind: 'example',
  name: { ko: '새벽 주문 당일배송', en: 'Dawn order, same-day shipping' },
  description: {
    ko: '한국 시간 05:00 이전에 들어온 주문 중 SAME_DAY 태그 상품이 있는 주문에 "당일배송" 라벨을 붙입니다.',
    en: 'Labels "당일배송" on orders placed before 05:00 KST that contain an item tagged SAME_DAY.',
  },
  params: z.strictObject({
    label: labelParam('당일배송'),
    from: TimeOfDay.default('00:00').describe('시작 시각(포함) / window start (inclusive)'),
    to: TimeOfDay.default('05:00').describe('마감 시각(제외) / cut-off (exclusive)'),
    tag: z.string().trim().min(1).default('SAME_DAY').describe('상품 태그 / product tag'),
  }),
  rule: (params) => ({
    when: sameDayCondition(params.from, params.to, params.tag),
    then: [{ type: 'addLabel', label: params.label, scope: 'order' }],
  }),
});
