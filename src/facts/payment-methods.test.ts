import { describe, expect, it } from 'vitest';
import { describePaymentMethod, normalizePaymentMethods } from './payment-methods.js';

describe('describePaymentMethod', () => {
  it.each([
    ['cash', 'bank_deposit', '무통장입금'],
    ['icash', 'virtual_account', '가상계좌'],
    ['tcash', 'account_transfer', '계좌이체'],
    ['card', 'card', '신용카드'],
    ['cell', 'mobile', '휴대폰'],
    ['point', 'points', '적립금'],
    ['credit', 'deposit', '예치금'],
    ['cod', 'cod', '후불'],
    ['naverpay', 'easy_pay', '네이버페이'],
  ])('describes %s as %s (%s)', (code, kind, ko) => {
    expect(describePaymentMethod(code)).toMatchObject({ code, kind, ko });
  });

  it('gives English names too', () => {
    expect(describePaymentMethod('cash').en).toBe('Bank deposit');
  });

  it('treats the webhook code mileage as point (적립금)', () => {
    expect(describePaymentMethod('mileage')).toEqual({
      code: 'point',
      kind: 'points',
      ko: '적립금',
      en: 'Points',
    });
  });

  it('keeps an unknown code as it is, of kind other', () => {
    expect(describePaymentMethod('spacepay')).toEqual({
      code: 'spacepay',
      kind: 'other',
      ko: 'spacepay',
      en: 'spacepay',
    });
  });
});

describe('normalizePaymentMethods', () => {
  it('resolves aliases, trims, drops empties and de-duplicates in order', () => {
    expect(normalizePaymentMethods(['card', ' cash', 'mileage', 'point', '', 'newpay'])).toEqual([
      'card',
      'cash',
      'point',
      'newpay',
    ]);
  });
});
