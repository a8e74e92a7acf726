import { describe, expect, it } from 'vitest';
import { formatKstDateTime, formatTimeOfDay, parseKstPeriod, parseTimeOfDay } from './kst-time.js';

describe('KST time values', () => {
  it('parses HH:mm and rejects malformed times', () => {
    expect(parseTimeOfDay('04:59')).toBe(299);
    expect(parseTimeOfDay('23:59')).toBe(1439);
    expect(parseTimeOfDay('24:00')).toBeNull();
    expect(parseTimeOfDay('4:59')).toBeNull();
    expect(formatTimeOfDay(299)).toBe('04:59');
  });

  it('reads a date as the whole KST day and a date-time as its whole minute', () => {
    const day = parseKstPeriod('2026-05-01');
    expect(day).toEqual({
      start: Date.parse('2026-05-01T00:00:00+09:00'),
      end: Date.parse('2026-05-02T00:00:00+09:00') - 1,
    });
    const minute = parseKstPeriod('2026-05-01T10:30');
    expect(minute).toEqual({
      start: Date.parse('2026-05-01T10:30:00+09:00'),
      end: Date.parse('2026-05-01T10:31:00+09:00') - 1,
    });
  });

  it('rejects dates that do not exist', () => {
    expect(parseKstPeriod('2026-02-29')).toBeNull();
    expect(parseKstPeriod('2028-02-29')).not.toBeNull();
    expect(parseKstPeriod('2026-05-01 10:30')).toBeNull();
  });

  it('formats instants in KST', () => {
    expect(formatKstDateTime(Date.parse('2026-03-01T15:00:00Z'))).toBe('2026-03-02 00:00');
  });
});
