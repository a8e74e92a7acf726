import { z } from 'zod';
import { islandShippingCondition } from './island-ship-template.js';
import { defineTemplate, labelParam } from './template-definition.js';

/** JEJU_REMOTE (example): label 제주배송 when shipping to Jeju or a remote area (as ISLAND_SHIP). */
export const jejuRemoteExample = defineTemplate({
  id: 'JEJU_REMOTE',
  kind: 'example',
  name: { ko: '제주·도서산간', en: 'Jeju / remote areas' },
  description: {
    ko: '배송지가 제주 또는 도서산간 지역인 주문에 "제주배송" 라벨을 붙입니다.',
    en: 'Labels "제주배송" on orders shipped to Jeju or a remote area.',
  },
  params: z.strictObject({ label: labelParam('제주배송') }),
  rule: (params) => ({
    when: islandShippingCondition,
    then: [{ type: 'addLabel', label: params.label, scope: 'order' }],
  }),
});
