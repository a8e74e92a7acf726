import { describe, expect, it } from 'vitest';
import { kst, makeFacts, makeItem } from '../../test/engine/make-facts.js';
import { compileFlows } from './compile-flows.js';
import { describeDecision, explainDecision } from './explain-decision.js';
import type { FlowInput } from './flow-schema.js';
import { Flow } from './flow-schema.js';

const flows: FlowInput[] = [
  {
    id: 'F',
    name: '기본',
    rules: [
      {
        id: 'HIGH',
        name: '고액주문',
        when: { kind: 'compare', fact: 'order.productAmount', op: 'gte', value: 100000 },
        then: [{ type: 'addLabel', label: 'HIGH_VALUE' }],
      },
      {
        id: 'ISLAND',
        name: '제주배송',
        when: { kind: 'compare', fact: 'shipping.zone', op: 'in', value: ['JEJU', 'REMOTE'] },
        then: [{ type: 'addLabel', label: '제주배송' }],
      },
      {
        id: 'DAWN',
        name: '당일배송',
        when: {
          kind: 'all',
          conditions: [
            { kind: 'timeOfDay', from: '00:00', to: '05:00' },
            {
              kind: 'items',
              quantifier: 'any',
              where: [{ kind: 'compare', fact: 'item.tags', op: 'contains', value: 'SAME_DAY' }],
            },
          ],
        },
        then: [{ type: 'addLabel', label: '당일배송' }],
      },
      {
        id: 'BANK',
        name: '무통장',
        when: { kind: 'compare', fact: 'order.paymentMethods', op: 'contains', value: 'cash' },
        then: [{ type: 'addLabel', label: 'BANK' }],
      },
      {
        id: 'RET',
        name: '반품',
        when: { kind: 'compare', fact: 'customer.returnsInDays', arg: 90, op: 'gte', value: 2 },
        then: [{ type: 'addLabel', label: 'CS' }],
      },
    ],
  },
];

const facts = makeFacts({
  order: { productAmount: 120000, placedAt: kst('2026-03-02T04:59'), paymentMethods: ['cash'] },
  items: [makeItem({ itemCode: 'I-1', tags: ['SAME_DAY'] })],
});
const compiled = compileFlows(flows.map((f) => Flow.parse(f)));
const decision = compiled.evaluate(facts, { now: 0, trigger: 'order.created', explain: true });

describe('explainDecision', () => {
  it('shows each condition in Korean with the value seen, won amounts and zone names', () => {
    const text = explainDecision(decision, { lang: 'ko' });
    expect(text).toContain('✔ [기본] 고액주문: 일치');
    expect(text).toContain('✔ 상품구매금액 120,000원 ≥ 100,000원');
    expect(text).toContain('✘ [기본] 제주배송: 불일치');
    expect(text).toContain('✘ 배송 권역: 내륙 (필요: 제주, 도서산간)');
    expect(text).toContain('✔ 주문 시각 04:59 (시간대: 00:00–05:00)');
    expect(text).toContain('✔ 결제수단: 무통장입금 (포함 무통장입금)');
    expect(text).toContain('✘ 최근 반품 주문 수(90일) 0 ≥ 2');
    expect(text).toContain('라벨: HIGH_VALUE, 당일배송, BANK');
  });

  it('speaks English on request', () => {
    const text = explainDecision(decision, { lang: 'en' });
    expect(text).toContain('✔ product amount ₩120,000 ≥ ₩100,000');
    expect(text).toContain('✘ shipping zone: mainland (required: Jeju, remote island/mountain area)');
    expect(text).toContain('Labels: HIGH_VALUE, 당일배송, BANK');
  });

  it('explains each item of a quantifier under it', () => {
    const rule = describeDecision(decision, { lang: 'ko' }).rules.find((r) => r.ruleId === 'DAWN');
    expect(rule?.matched).toBe(true);
    expect(rule?.lines.map((l) => [l.depth, l.ok, l.text])).toEqual([
      [0, true, '모든 조건을 만족 (그리고)'],
      [1, true, '주문 시각 04:59 (시간대: 00:00–05:00)'],
      [1, true, '어떤 상품이든 다음을 모두 만족'],
      [2, true, 'I-1'],
      [3, true, '상품 태그: 당일배송 (포함 당일배송)'],
    ]);
  });

  it('marks rules skipped after a stopping rule', () => {
    const stopping = compileFlows([
      Flow.parse({
        id: 'S',
        name: '멈춤',
        rules: [
          {
            id: 'A',
            name: '첫째',
            when: { kind: 'compare', fact: 'order.productAmount', op: 'gte', value: 0 },
            then: [],
            stopAfterMatch: true,
          },
          {
            id: 'B',
            name: '둘째',
            when: { kind: 'compare', fact: 'order.productAmount', op: 'gte', value: 0 },
            then: [],
          },
        ],
      }),
    ]);
    const text = explainDecision(stopping.evaluate(facts, { now: 0, trigger: 'manual', explain: true }), {
      lang: 'ko',
    });
    expect(text).toContain('· [멈춤] 둘째: 건너뜀 (앞 규칙에서 멈춤)');
  });

  it('says so when the decision has no trace', () => {
    const plain = compiled.evaluate(facts, { now: 0, trigger: 'order.created' });
    const explanation = describeDecision(plain, { lang: 'ko' });
    expect(explanation.traced).toBe(false);
    expect(explanation.rules.map((r) => r.ruleId)).toEqual(['HIGH', 'DAWN', 'BANK']);
    expect(explainDecision(plain, { lang: 'ko' })).toContain('explain 옵션');
  });
});
