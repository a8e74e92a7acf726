import { describe, expect, it } from 'vitest';
import { MASK, maskPersonalValues } from './mask-personal-values.js';

describe('maskPersonalValues', () => {
  it('masks values under personal keys at any depth and leaves the rest', () => {
    expect(
      maskPersonalValues({
        facts: {
          order: { clientIp: '192.0.2.1', productAmount: 5 },
          shipping: { address: '서울', zip: '06236', zone: 'MAINLAND' },
        },
      }),
    ).toEqual({
      facts: {
        order: { clientIp: MASK, productAmount: 5 },
        shipping: { address: MASK, zip: '06236', zone: 'MAINLAND' },
      },
    });
  });

  it('masks the values a trace entry saw for a personal fact but keeps its result', () => {
    expect(
      maskPersonalValues([
        { fact: 'order.clientIp', op: 'eq', value: '192.0.2.1', actual: '192.0.2.1', result: true },
      ]),
    ).toEqual([{ fact: 'order.clientIp', op: 'eq', value: MASK, actual: MASK, result: true }]);
  });

  it('leaves null personal values null', () => {
    expect(maskPersonalValues({ receiverName: null })).toEqual({ receiverName: null });
  });
});
