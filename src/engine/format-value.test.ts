import { describe, expect, it } from 'vitest';
import { findFact } from './fact-catalogue.js';
import { formatFactValue, groupThousands } from './format-value.js';
import { parseTemplate } from './render-template.js';

describe('formatFactValue', () => {
  it('groups thousands deterministically', () => {
    expect(groupThousands(0)).toBe('0');
    expect(groupThousands(999)).toBe('999');
    expect(groupThousands(1000)).toBe('1,000');
    expect(groupThousands(1234567)).toBe('1,234,567');
    expect(groupThousands(-50000)).toBe('-50,000');
  });

  it('writes won with 원 in Korean and ₩ in English', () => {
    const amount = findFact('order.productAmount');
    expect(formatFactValue(amount, 120000, 'ko')).toBe('120,000원');
    expect(formatFactValue(amount, 120000, 'en')).toBe('₩120,000');
  });

  it('names payment methods, zones and weekdays, and shows unknown values as none', () => {
    expect(formatFactValue(findFact('order.paymentMethods'), ['cash', 'icash'], 'ko')).toBe(
      '무통장입금, 가상계좌',
    );
    expect(formatFactValue(findFact('shipping.zone'), 'JEJU', 'ko')).toBe('제주');
    expect(formatFactValue(findFact('order.weekday'), 6, 'ko')).toBe('토요일');
    expect(formatFactValue(findFact('order.ipCountry'), null, 'ko')).toBe('(없음)');
    expect(formatFactValue(findFact('order.minuteOfDay'), 299, 'en')).toBe('04:59');
  });
});

describe('parseTemplate', () => {
  it('keeps text and known placeholders and lists unknown or personal ones', () => {
    const { parts, unknown } = parseTemplate('주문 {{order.id}} / {{ shipping.address }} / {{rule.name}}');
    expect(parts).toEqual([
      '주문 ',
      { placeholder: 'order.id' },
      ' / ',
      '{{ shipping.address }}',
      ' / ',
      { placeholder: 'rule.name' },
    ]);
    expect(unknown).toEqual(['shipping.address']);
  });
});
