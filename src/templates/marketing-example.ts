import { z } from 'zod';
import { defineTemplate, labelParam } from './template-definition.js';

/** MARKETING (example): label 마케팅분석대상 when some item is tagged NEW or BEST. */
export const marketingExample = defineTemplate({
  id: 'MARKETING',
  kind: 'example',
  name: { ko: '마케팅 분석 대상', en: 'Marketing analysis' },
  description: {
    ko: 'NEW 또는 BEST 태그 상품이 포함된 주문에 "마케팅분석대상" 라벨을 붙입니다.',
    en: 'Labels "마케팅분석대상" on orders containing an item tagged NEW or BEST.',
  },
  params: z.strictObject({
    label: labelParam('마케팅분석대상'),
    tags: z
      .array(z.string().trim().min(1))
      .min(1)
      .default(['NEW', 'BEST'])
      .describe('상품 태그(하나라도) / product tags (any of)'),
  }),
  rule: (params) => ({
    when: {
      kind: 'items',
      quantifier: 'any',
      where: [
        {
          kind: 'any',
          conditions: params.tags.map((tag) => ({
            kind: 'compare' as const,
            fact: 'item.tags',
            op: 'contains' as const,
            value: tag,
          })),
        },
      ],
    },
    then: [{ type: 'addLabel', label: params.label, scope: 'order' }],
  }),
});
