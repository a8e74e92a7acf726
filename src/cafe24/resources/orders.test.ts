import { describe, expect, it } from 'vitest';
import { splitIntoWindows } from './orders.js';

describe('splitIntoWindows', () => {
  it('keeps a short range as one window', () => {
    expect(splitIntoWindows('2026-01-01', '2026-01-31')).toEqual([
      { startDate: '2026-01-01', endDate: '2026-01-31' },
    ]);
  });

  it('cuts a long range into consecutive windows shorter than three months', () => {
    expect(splitIntoWindows('2025-10-05', '2026-04-20')).toEqual([
      { startDate: '2025-10-05', endDate: '2026-01-04' },
      { startDate: '2026-01-05', endDate: '2026-04-04' },
      { startDate: '2026-04-05', endDate: '2026-04-20' },
    ]);
  });

  it('refuses text that is not a date', () => {
    expect(() => splitIntoWindows('yesterday', '2026-01-01')).toThrow(/YYYY-MM-DD/);
  });
});
