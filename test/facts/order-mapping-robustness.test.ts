import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalToWon } from '../../src/cafe24/cafe24-order-schema.js';
import { mapCafe24Order, OrderMappingError } from '../../src/cafe24/order-mapping.js';
import { Order } from '../../src/domain/order.js';
import { sampleCafe24Order } from './fixtures/cafe24-sample-order.js';

describe('mapCafe24Order on random input', () => {
  it('either returns a valid Order or throws OrderMappingError, never anything else', () => {
    const fieldNames = Object.keys(sampleCafe24Order());
    fc.assert(
      fc.property(fc.constantFrom(...fieldNames), fc.anything(), (field, value) => {
        const raw = { ...sampleCafe24Order(), [field]: value };
        try {
          expect(Order.safeParse(mapCafe24Order(raw)).success).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(OrderMappingError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('rejects arbitrary non-order values with OrderMappingError', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(() => mapCafe24Order(value)).toThrow(OrderMappingError);
      }),
      { numRuns: 200 },
    );
  });
});

describe('decimalToWon', () => {
  it('rounds two-decimal amounts half up, like the cents → won reference', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (cents) => {
        const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
        expect(decimalToWon(text)).toBe(Math.floor((cents + 50) / 100));
      }),
    );
  });

  it.each(['', 'abc', '1,000', '1e3', '12.', '.5', 'NaN', null, undefined, {}])('rejects %j', (value) => {
    expect(decimalToWon(value)).toBeNull();
  });

  it.each([2 ** 53, -(2 ** 53), Infinity, '9007199254740992'])('rejects %s, past exact integers', (value) => {
    expect(decimalToWon(value)).toBeNull();
  });

  it('keeps the largest exact integers', () => {
    expect(decimalToWon(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
    expect(decimalToWon(-Number.MAX_SAFE_INTEGER)).toBe(-Number.MAX_SAFE_INTEGER);
  });
});

describe('mapCafe24Order on an amount past exact integers', () => {
  // Found by the property above (seed -838553171): the amount passed mapping, then failed Order.
  it('throws OrderMappingError naming the field', () => {
    const raw = { ...sampleCafe24Order(), payment_amount: -(2 ** 53) };
    expect(() => mapCafe24Order(raw)).toThrow(OrderMappingError);
    expect(() => mapCafe24Order(raw)).toThrow(/payment_amount/);
  });
});
