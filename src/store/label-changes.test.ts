import { describe, expect, it } from 'vitest';
import { computeLabelChanges } from './label-changes.js';

describe('computeLabelChanges', () => {
  it('adds desired labels that are missing', () => {
    expect(computeLabelChanges({ desired: ['VIP', 'ISLAND_SHIP'], owned: [], current: ['VIP'] })).toEqual({
      add: ['ISLAND_SHIP'],
      remove: [],
      forget: [],
    });
  });

  it('removes only labels PassWing owns; labels typed by people stay', () => {
    expect(
      computeLabelChanges({ desired: [], owned: ['HIGH_VALUE'], current: ['HIGH_VALUE', '사람이 쓴 라벨'] }),
    ).toEqual({
      add: [],
      remove: ['HIGH_VALUE'],
      forget: [],
    });
  });

  it('forgets ownership of a label someone already removed by hand, without re-adding it when unwanted', () => {
    expect(computeLabelChanges({ desired: [], owned: ['BUNDLE_SHIP'], current: [] })).toEqual({
      add: [],
      remove: [],
      forget: ['BUNDLE_SHIP'],
    });
  });

  it('keeps an owned label that is still desired', () => {
    expect(computeLabelChanges({ desired: ['VIP'], owned: ['VIP'], current: ['VIP'] })).toEqual({
      add: [],
      remove: [],
      forget: [],
    });
  });
});
