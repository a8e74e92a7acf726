import { z } from 'zod';
import type { Action, Condition } from '../engine/flow-schema.js';
import { countParam, defineTemplate, labelParam } from './template-definition.js';

/**
 * The same customer has another non-cancelled order placed within the previous `minutes` (inclusive).
 * History never holds cancelled orders; a cancelled order itself never bundles.
 */
export const bundleCondition = (minutes: number): Condition => ({
  kind: 'all',
  conditions: [
    { kind: 'compare', fact: 'order.canceled', op: 'eq', value: false },
    { kind: 'compare', fact: 'customer.ordersWithin', arg: minutes, op: 'gte', value: 1 },
  ],
});

/** Labels this order and the customer's earlier orders in the same window (both orders). */
export const bundleLabelAction = (label: string, minutes: number): Action => ({
  type: 'addLabel',
  label,
  scope: 'order',
  alsoOrdersWithinMinutes: minutes,
});

/** BUNDLE_SHIP: another non-cancelled order of the customer within 60 minutes → label both orders. */
export const bundleShipTemplate = defineTemplate({
  id: 'BUNDLE_SHIP',
  kind: 'template',
  name: { ko: '합포장', en: 'Bundle shipping' },
  description: {
    ko: '같은 고객이 직전 60분 안에 취소되지 않은 다른 주문을 했다면 두 주문 모두에 라벨을 붙입니다.',
    en: 'When the same customer placed another non-cancelled order within the previous 60 minutes, labels both orders.',
  },
  params: z.strictObject({
    label: labelParam('BUNDLE_SHIP'),
    windowMinutes: countParam(60, '묶음 기준 시간(분) / bundling window (minutes)'),
  }),
  rule: (params) => ({
    when: bundleCondition(params.windowMinutes),
    then: [bundleLabelAction(params.label, params.windowMinutes)],
  }),
});
