import { z } from 'zod';
import { defineTemplate, labelParam } from './template-definition.js';

/**
 * STOCK_ALERT: some item's variant stock is at most 5. `item.stock` is known only when the catalogue
 * tracks inventory for the variant; untracked or unknown variants never match.
 */
export const stockAlertTemplate = defineTemplate({
  id: 'STOCK_ALERT',
  kind: 'template',
  name: { ko: '재고 부족', en: 'Low stock' },
  description: {
    ko: '재고 관리 중인 품목의 재고가 기준 수량(기본 5개) 이하인 상품이 포함된 주문에 라벨을 붙입니다.',
    en: 'Labels orders containing an item whose tracked variant stock is at most the threshold (default 5).',
  },
  params: z.strictObject({
    label: labelParam('STOCK_ALERT'),
    maxStock: z.number().int().default(5).describe('재고 기준 수량(이하) / stock threshold (at most)'),
  }),
  rule: (params) => ({
    when: {
      kind: 'items',
      quantifier: 'any',
      where: [
        { kind: 'compare', fact: 'item.stock', op: 'isNotEmpty' },
        { kind: 'compare', fact: 'item.stock', op: 'lte', value: params.maxStock },
      ],
    },
    then: [{ type: 'addLabel', label: params.label, scope: 'order' }],
  }),
});
