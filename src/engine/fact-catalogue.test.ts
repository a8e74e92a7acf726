import { describe, expect, it } from 'vitest';
import { makeFacts, makeItem } from '../../test/engine/make-facts.js';
import { describeFactCatalogue, FACTS, findFact, operatorsFor, optionLabel } from './fact-catalogue.js';
import { readItemFact, readOrderFact } from './fact-readers.js';

describe('fact catalogue', () => {
  it('offers every fact of DESIGN.md', () => {
    const ids = FACTS.map((f) => f.id);
    for (const id of [
      'order.productAmount',
      'order.paymentAmount',
      'order.placedAt',
      'order.hour',
      'order.minuteOfDay',
      'order.weekday',
      'order.isHoliday',
      'order.channel',
      'order.paymentMethods',
      'order.paid',
      'order.itemCount',
      'order.quantity',
      'order.clientIp',
      'order.ipCountry',
      'order.isOverseasIp',
      'shipping.zip',
      'shipping.address',
      'shipping.zone',
      'shipping.areaName',
      'shipping.international',
      'customer.kind',
      'customer.grade',
      'customer.isFirstOrder',
      'customer.orderCount',
      'customer.lifetimeAmount',
      'customer.returnsInDays',
      'customer.ordersWithin',
      'item.tags',
      'item.price',
      'item.quantity',
      'item.productNo',
      'item.productCode',
      'item.variantCode',
      'item.name',
      'item.stock',
      'item.status',
    ]) {
      expect(ids).toContain(id);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reads a defined value for every order fact and every item fact', () => {
    const facts = makeFacts();
    const item = makeItem();
    for (const def of FACTS) {
      const value =
        def.scope === 'item' ? readItemFact(def, item) : readOrderFact(def, facts, def.arg ? 1 : undefined);
      expect(value, def.id).not.toBeUndefined();
    }
  });

  it('gives every fact a group, Korean and English label and description, and operators', () => {
    for (const def of FACTS) {
      expect(def.label.ko && def.label.en && def.description.ko && def.description.en, def.id).toBeTruthy();
      expect(operatorsFor(def).length, def.id).toBeGreaterThan(0);
      expect(def.scope === 'item', def.id).toBe(def.group === 'item');
    }
  });

  it('allows emptiness tests only where a value can be missing or empty', () => {
    expect(operatorsFor(findFact('order.productAmount')!)).not.toContain('isEmpty');
    expect(operatorsFor(findFact('item.stock')!)).toContain('isNotEmpty');
    expect(operatorsFor(findFact('shipping.zone')!)).toEqual(['eq', 'ne', 'in', 'notIn']);
  });

  it('names payment methods and zones in Korean', () => {
    const methods = findFact('order.paymentMethods')!;
    expect(optionLabel(methods, 'cash', 'ko')).toBe('무통장입금');
    expect(optionLabel(methods, 'icash', 'ko')).toBe('가상계좌');
    expect(optionLabel(methods, 'tcash', 'ko')).toBe('계좌이체');
    expect(optionLabel(findFact('shipping.zone')!, 'REMOTE', 'ko')).toBe('도서산간');
  });

  it('describes itself as JSON the console can render', () => {
    const description = describeFactCatalogue();
    expect(JSON.parse(JSON.stringify(description))).toEqual(description);
    expect(description.groups.map((g) => g.label.ko)).toEqual([
      '주문',
      '배송',
      '고객',
      '상품',
      '시간',
      '결제',
    ]);
    const returns = description.facts.find((f) => f.id === 'customer.returnsInDays');
    expect(returns?.arg?.name).toBe('days');
    expect(returns?.operators).toContain('gte');
  });
});
