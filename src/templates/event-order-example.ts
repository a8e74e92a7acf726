import { z } from 'zod';
import type { Condition } from '../engine/flow-schema.js';
import { defineTemplate, labelParam } from './template-definition.js';

const REQUIRED = '필수 파라미터입니다 / required parameter';

/** A KST date `YYYY-MM-DD` or date-time `YYYY-MM-DDTHH:mm`, as the dateRange condition takes it. */
const KstDateOrDateTime = z
  .string({ error: REQUIRED })
  .regex(
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d)?$/,
    'YYYY-MM-DD 또는 YYYY-MM-DDTHH:mm 형식이어야 합니다 / expected YYYY-MM-DD or YYYY-MM-DDTHH:mm',
  );

/** Both ends inclusive: a bare start date means 00:00, a bare end date the whole day. */
const periodStart = (value: string): string => (value.length === 10 ? `${value}T00:00` : value);
const periodEnd = (value: string): string => (value.length === 10 ? `${value}T23:59` : value);

const EventOrderParams = z
  .strictObject({
    label: labelParam('이벤트주문'),
    from: KstDateOrDateTime.describe('이벤트 시작(KST, 포함) / event start (KST, inclusive)'),
    to: KstDateOrDateTime.describe('이벤트 종료(KST, 포함) / event end (KST, inclusive)'),
    productNos: z
      .array(z.number().int().positive())
      .default([])
      .describe('이벤트 상품 번호 / event product numbers'),
    productCodes: z
      .array(z.string().trim().min(1))
      .default([])
      .describe('이벤트 상품 코드 / event product codes'),
  })
  .superRefine((params, context) => {
    if (periodStart(params.from) > periodEnd(params.to)) {
      context.addIssue({
        code: 'custom',
        path: ['to'],
        message: '종료가 시작보다 앞섭니다 / the end lies before the start',
      });
    }
    if (params.productNos.length === 0 && params.productCodes.length === 0) {
      context.addIssue({
        code: 'custom',
        path: ['productNos'],
        message:
          'productNos 또는 productCodes에 이벤트 상품이 하나 이상 필요합니다 / at least one event product is required in productNos or productCodes',
      });
    }
  });

/**
 * EVENT_ORDER (example): placed inside the event period and contains one of the event products.
 * There is no default period or product list: building without them fails with TemplateParamsError.
 */
export const eventOrderExample = defineTemplate({
  id: 'EVENT_ORDER',
  kind: 'example',
  name: { ko: '이벤트 주문', en: 'Event order' },
  description: {
    ko: '이벤트 기간 안에 들어온 주문 중 이벤트 상품이 포함된 주문에 "이벤트주문" 라벨을 붙입니다. 기간과 상품을 지정해야 합니다.',
    en: 'Labels "이벤트주문" on orders placed inside the event period that contain an event product. The period and the products must be given.',
  },
  params: EventOrderParams,
  rule: (params) => {
    const productMatches: Condition[] = [];
    if (params.productNos.length > 0) {
      productMatches.push({ kind: 'compare', fact: 'item.productNo', op: 'in', value: params.productNos });
    }
    if (params.productCodes.length > 0) {
      productMatches.push({
        kind: 'compare',
        fact: 'item.productCode',
        op: 'in',
        value: params.productCodes,
      });
    }
    return {
      when: {
        kind: 'all',
        conditions: [
          { kind: 'dateRange', from: params.from, to: params.to },
          { kind: 'items', quantifier: 'any', where: [{ kind: 'any', conditions: productMatches }] },
        ],
      },
      then: [{ type: 'addLabel', label: params.label, scope: 'order' }],
    };
  },
});
