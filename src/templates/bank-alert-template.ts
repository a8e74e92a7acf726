import { z } from 'zod';
import { defineTemplate, labelParam } from './template-definition.js';

/** BANK_ALERT: paid by 무통장입금 (`cash`) and not yet fully paid → label + notify. */
export const bankAlertTemplate = defineTemplate({
  id: 'BANK_ALERT',
  kind: 'template',
  name: { ko: '무통장 입금 확인', en: 'Bank transfer pending' },
  description: {
    ko: '무통장입금 주문 중 입금이 완료되지 않은 주문에 라벨을 붙이고 알림을 보냅니다.',
    en: 'Labels bank-transfer (무통장입금) orders that are not fully paid yet and sends a notification.',
  },
  params: z.strictObject({
    label: labelParam('BANK_ALERT'),
    channel: z.string().trim().min(1).default('default').describe('알림 채널 / notification channel'),
    message: z
      .string()
      .trim()
      .min(1)
      .default('무통장입금 대기 주문 {{order.id}}')
      .describe('알림 문구 / notification text'),
  }),
  rule: (params) => ({
    when: {
      kind: 'all',
      conditions: [
        { kind: 'compare', fact: 'order.paymentMethods', op: 'contains', value: 'cash' },
        { kind: 'compare', fact: 'order.paid', op: 'ne', value: 'T' },
      ],
    },
    then: [
      { type: 'addLabel', label: params.label, scope: 'order' },
      { type: 'notify', channel: params.channel, template: params.message },
    ],
  }),
});
