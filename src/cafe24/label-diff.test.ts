import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLabels, orderIdOfItemCode } from './label-diff.js';

const ITEM = '20260105-0000001-01';
const ORDER = '20260105-0000001';

describe('diffLabels', () => {
  it('adds a desired label the item lacks', () => {
    const diff = diffLabels({ desired: { [ITEM]: ['HIGH_VALUE'] }, owned: {}, current: {} });
    expect(diff.add).toEqual([{ itemCode: ITEM, label: 'HIGH_VALUE' }]);
    expect(diff.remove).toEqual([]);
    expect(diff.nextOwned).toEqual({ [ITEM]: ['HIGH_VALUE'] });
  });

  it('removes a label PassWing added that is no longer desired', () => {
    const diff = diffLabels({
      desired: {},
      owned: { [ITEM]: ['BANK_ALERT'] },
      current: { [ITEM]: ['BANK_ALERT'] },
    });
    expect(diff.remove).toEqual([{ orderId: ORDER, itemCode: ITEM, label: 'BANK_ALERT' }]);
    expect(diff.nextOwned).toEqual({});
  });

  it('never removes a label typed by a person', () => {
    const diff = diffLabels({ desired: {}, owned: {}, current: { [ITEM]: ['VIP 확인'] } });
    expect(diff).toEqual({ add: [], remove: [], nextOwned: {} });
  });

  it('leaves a desired label a person already typed alone and does not claim it', () => {
    const diff = diffLabels({
      desired: { [ITEM]: ['제주배송'] },
      owned: {},
      current: { [ITEM]: ['제주배송'] },
    });
    expect(diff).toEqual({ add: [], remove: [], nextOwned: {} });
  });

  it('re-adds an owned desired label a person deleted', () => {
    const diff = diffLabels({
      desired: { [ITEM]: ['HIGH_VALUE'] },
      owned: { [ITEM]: ['HIGH_VALUE'] },
      current: {},
    });
    expect(diff.add).toEqual([{ itemCode: ITEM, label: 'HIGH_VALUE' }]);
  });

  it('does not try to remove an owned label that is already gone, and forgets it', () => {
    const diff = diffLabels({ desired: {}, owned: { [ITEM]: ['OLD'] }, current: { [ITEM]: ['수동'] } });
    expect(diff).toEqual({ add: [], remove: [], nextOwned: {} });
  });

  it('writes nothing when Cafe24 already matches the decision', () => {
    const labels = { [ITEM]: ['A', 'B'] };
    expect(diffLabels({ desired: labels, owned: labels, current: { [ITEM]: ['A', '수동', 'B'] } })).toEqual({
      add: [],
      remove: [],
      nextOwned: labels,
    });
  });

  it('applying the diff reaches the decision and keeps every human label (property)', () => {
    const label = fc.constantFrom<string>('A', 'B', 'C', 'D', '수동1', '수동2');
    const labels = fc.uniqueArray(label, { maxLength: 6 });
    const items = fc.constantFrom(`${ORDER}-01`, `${ORDER}-02`, '20260105-0000002-01');
    const perItem = fc.dictionary(items, labels);
    fc.assert(
      fc.property(perItem, perItem, perItem, (desired, owned, current) => {
        const diff = diffLabels({ desired, owned, current });
        const after = new Map(Object.entries(current).map(([k, v]) => [k, new Set(v)]));
        for (const { itemCode, label: l } of diff.add)
          after.set(itemCode, (after.get(itemCode) ?? new Set()).add(l));
        for (const { itemCode, label: l } of diff.remove) after.get(itemCode)?.delete(l);
        for (const [itemCode, wanted] of Object.entries(desired)) {
          for (const l of wanted) expect(after.get(itemCode)?.has(l)).toBe(true);
        }
        for (const [itemCode, present] of Object.entries(current)) {
          for (const l of present) {
            const ours = (owned[itemCode] ?? []).includes(l);
            if (!ours) expect(after.get(itemCode)?.has(l)).toBe(true);
          }
        }
        for (const { itemCode, label: l } of diff.remove) expect(owned[itemCode]).toContain(l);
      }),
    );
  });
});

describe('orderIdOfItemCode', () => {
  it('strips the item suffix of a Cafe24 item code', () => {
    expect(orderIdOfItemCode('20170710-0000013-01')).toBe('20170710-0000013');
  });
});
