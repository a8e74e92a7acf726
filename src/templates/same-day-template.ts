import { z } from 'zod';
import type { Condition } from '../engine/flow-schema.js';
import { defineTemplate, labelParam } from './template-definition.js';

/** `HH:mm`, 00:00–23:59. */
export const TimeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm 형식이어야 합니다 / expected HH:mm');

/**
 * Placed in the KST window [from, to) — by default before 05:00 (04:59 matches, 05:00 does not) —
 * and some item carries `tag`.
 */
export const sameDayCondition = (from: string, to: string, tag: string): Condition => ({
  kind: 'all',
  conditions: [
    { kind: 'timeOfDay', from, to },
    {
      kind: 'items',
      quantifier: 'any',
      where: [{ kind: 'compare', fact: 'item.tags', op: 'contains', value: tag }],
    },
  ],
});

/** SAME_DAY: placed before 05:00 KST and contains an item tagged SAME_DAY. */
export const sameDayTemplate = defineTemplate({
  id: 'SAME_DAY',
  kind: 'template',
  name: { ko: '새벽·당일 배송', en: 'Same-day shipping' },
  description: {
    ko: '한국 시간 05:00 이전에 들어온 주문 중 SAME_DAY 태그 상품이 있는 주문에 라벨을 붙입니다.',
    en: 'Labels orders placed before 05:00 KST that contain an item tagged SAME_DAY.',
  },
  params: z.strictObject({
    label: labelParam('SAME_DAY'),
    from: TimeOfDay.default('00:00').describe('시작 시각(포함) / window start (inclusive)'),
    to: TimeOfDay.default('05:00').describe('마감 시각(제외) / cut-off (exclusive)'),
    tag: z.string().trim().min(1).default('SAME_DAY').describe('상품 태그 / product tag'),
  }),
  rule: (params) => ({
    when: sameDayCondition(params.from, params.to, params.tag),
    then: [{ type: 'addLabel', label: params.label, scope: 'order' }],
  }),
});
