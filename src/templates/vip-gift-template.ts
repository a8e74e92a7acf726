import { z } from 'zod';
import type { Condition } from '../engine/flow-schema.js';
import { defineTemplate, labelParam, wonParam } from './template-definition.js';

/**
 * A member whose cumulative 상품구매금액 over non-cancelled orders, this one included, reaches
 * `minAmount` (inclusive). Guests have no lifetime.
 */
export const vipCondition = (minAmount: number): Condition => ({
  kind: 'all',
  conditions: [
    { kind: 'compare', fact: 'customer.kind', op: 'eq', value: 'member' },
    { kind: 'compare', fact: 'customer.lifetimeAmount', op: 'gte', value: minAmount },
  ],
});

/** VIP_GIFT: cumulative amount ≥ 1,000,000 won → gift target (label + gift checklist entry). */
export const vipGiftTemplate = defineTemplate({
  id: 'VIP_GIFT',
  kind: 'template',
  name: { ko: 'VIP 사은품', en: 'VIP gift' },
  description: {
    ko: '이번 주문을 포함한 누적 상품구매금액(취소 제외)이 기준 금액(기본 1,000,000원) 이상인 회원의 주문을 사은품 대상으로 표시합니다.',
    en: "Marks a member's order as a gift target when their cumulative product amount (non-cancelled orders, this one included) reaches the threshold (default 1,000,000 won).",
  },
  params: z.strictObject({
    label: labelParam('VIP_GIFT'),
    minLifetimeAmount: wonParam(1_000_000, '누적 구매금액 기준(원) / minimum cumulative amount (won)'),
    gift: z.string().trim().min(1).default('VIP 사은품').describe('사은품 이름 / gift name'),
  }),
  rule: (params) => ({
    when: vipCondition(params.minLifetimeAmount),
    then: [{ type: 'giftTarget', gift: params.gift, label: params.label }],
  }),
});
