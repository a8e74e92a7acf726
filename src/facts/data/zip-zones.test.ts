import { describe, expect, it } from 'vitest';
import { ZIP_ZONES } from './zip-zones.js';

describe('ZIP_ZONES table', () => {
  it('holds well-formed 5-digit ranges', () => {
    for (const range of ZIP_ZONES) {
      expect(range.from).toBeGreaterThanOrEqual(0);
      expect(range.to).toBeLessThanOrEqual(99999);
      expect(range.from).toBeLessThanOrEqual(range.to);
    }
  });

  it('keeps every JEJU range inside Jeju (63000–63644) and no REMOTE range there', () => {
    for (const range of ZIP_ZONES) {
      const insideJeju = range.from >= 63000 && range.to <= 63644;
      expect(insideJeju).toBe(range.zone === 'JEJU');
    }
  });

  it('has no overlapping REMOTE ranges (overlaps are only 우도/추자 inside Jeju)', () => {
    const remote = ZIP_ZONES.filter((range) => range.zone === 'REMOTE').sort((a, b) => a.from - b.from);
    for (let index = 1; index < remote.length; index += 1) {
      expect(remote[index]!.from).toBeGreaterThan(remote[index - 1]!.to);
    }
  });

  it('does not contain the copied typo 28826', () => {
    expect(ZIP_ZONES.some((range) => range.from <= 28826 && range.to >= 28826)).toBe(false);
  });
});
