import { describe, expect, it } from 'vitest';
import {
  addKstMonths,
  formatKstNaive,
  formatKstOffset,
  formatKstSpaced,
  kstCompactDate,
  parseKstSearchDate,
} from './kst-time.js';

const at = Date.parse('2026-03-01T15:30:05.250Z'); // 2026-03-02 00:30:05.250 KST

describe('KST formats', () => {
  it('renders the Admin API, token and item formats in Korean time', () => {
    expect(formatKstOffset(at)).toBe('2026-03-02T00:30:05+09:00');
    expect(formatKstNaive(at)).toBe('2026-03-02T00:30:05.250');
    expect(formatKstSpaced(at)).toBe('2026-03-02 00:30:05');
    expect(kstCompactDate(at)).toBe('20260302');
  });
});

describe('parseKstSearchDate', () => {
  it('reads a plain date as the start of that KST day', () => {
    expect(parseKstSearchDate('2026-03-02')).toBe(Date.parse('2026-03-02T00:00:00+09:00'));
  });

  it('reads datetimes with or without an offset (KST assumed)', () => {
    expect(parseKstSearchDate('2026-03-02 10:00:00')).toBe(Date.parse('2026-03-02T10:00:00+09:00'));
    expect(parseKstSearchDate('2026-03-02T10:00:00+00:00')).toBe(Date.parse('2026-03-02T10:00:00Z'));
  });

  it.each(['', '2026/03/02', 'yesterday', '2026-13-45'])('rejects %j', (text) => {
    expect(parseKstSearchDate(text)).toBeNull();
  });
});

describe('addKstMonths', () => {
  it('adds calendar months and clamps to the end of a shorter month', () => {
    const start = Date.parse('2025-11-30T00:00:00+09:00');
    expect(formatKstOffset(addKstMonths(start, 3))).toBe('2026-02-28T00:00:00+09:00');
    const plain = Date.parse('2026-01-15T00:00:00+09:00');
    expect(formatKstOffset(addKstMonths(plain, 3))).toBe('2026-04-15T00:00:00+09:00');
  });
});
