import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShippingZone } from '../../src/domain/order-facts.js';
import { resolveShippingRegion } from '../../src/facts/region/resolve-shipping-region.js';

const addressWords = fc.constantFrom(
  '제주',
  '제주특별자치도',
  '제주시',
  '우도면',
  '인천',
  '옹진군',
  '영흥면',
  '백령면',
  '경북',
  '울릉군',
  '서울특별시',
  '중구',
  '무의동',
  '(무의동)',
  '강원도',
  '123',
  ',',
  '',
);

describe('resolveShippingRegion on random input', () => {
  it('always answers a known zone and never throws, whatever the zip and address', () => {
    fc.assert(
      fc.property(fc.option(fc.string()), fc.option(fc.string()), (zip, address) => {
        const region = resolveShippingRegion({ zip, address });
        expect(ShippingZone.safeParse(region.zone).success).toBe(true);
      }),
    );
  });

  it('decides every well-formed zip by zip alone, ignoring the address', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99999 }),
        fc.array(addressWords, { maxLength: 6 }),
        (zip, words) => {
          const zipText = String(zip).padStart(5, '0');
          const withAddress = resolveShippingRegion({ zip: zipText, address: words.join(' ') });
          expect(withAddress).toEqual(resolveShippingRegion({ zip: zipText, address: null }));
          expect(withAddress.source).toBe('zip');
        },
      ),
    );
  });

  it('reads Korean-looking addresses without a zip as address or default, never zip', () => {
    fc.assert(
      fc.property(fc.array(addressWords, { maxLength: 6 }), (words) => {
        const { source } = resolveShippingRegion({ zip: null, address: words.join(' ') });
        expect(['address', 'default']).toContain(source);
      }),
    );
  });
});
