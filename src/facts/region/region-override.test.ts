import { describe, expect, it } from 'vitest';
import { RegionOverride } from './region-override.js';

describe('RegionOverride', () => {
  it('accepts a 5-digit range with zone and area name', () => {
    expect(
      RegionOverride.safeParse({ from: '63000', to: '63644', zone: 'JEJU', areaName: '제주' }).success,
    ).toBe(true);
  });

  it('rejects zips that are not 5 digits, unknown zones and reversed ranges', () => {
    expect(
      RegionOverride.safeParse({ from: '6300', to: '63644', zone: 'JEJU', areaName: null }).success,
    ).toBe(false);
    expect(
      RegionOverride.safeParse({ from: '63000', to: '63644', zone: 'ISLAND', areaName: null }).success,
    ).toBe(false);
    expect(
      RegionOverride.safeParse({ from: '63644', to: '63000', zone: 'JEJU', areaName: null }).success,
    ).toBe(false);
  });
});
