import { z } from 'zod';
import type { Condition } from '../engine/flow-schema.js';
import { defineTemplate, labelParam } from './template-definition.js';

/** Shipping goes to Jeju (우도, 추자 included) or another 도서산간 zone. */
export const islandShippingCondition: Condition = {
  kind: 'compare',
  fact: 'shipping.zone',
  op: 'in',
  value: ['JEJU', 'REMOTE'],
};

/** ISLAND_SHIP: `shipping.zone` ∈ {JEJU, REMOTE}. */
export const islandShipTemplate = defineTemplate({
  id: 'ISLAND_SHIP',
  kind: 'template',
  name: { ko: '제주·도서산간 배송', en: 'Island / remote shipping' },
  description: {
    ko: '배송지가 제주 또는 도서산간 지역인 주문에 라벨을 붙입니다.',
    en: 'Labels orders shipped to Jeju or another remote (island) area.',
  },
  params: z.strictObject({ label: labelParam('ISLAND_SHIP') }),
  rule: (params) => ({
    when: islandShippingCondition,
    then: [{ type: 'addLabel', label: params.label, scope: 'order' }],
  }),
});
