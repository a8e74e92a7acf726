import { describe, expect, it } from 'vitest';
import { isHoliday } from './holidays.js';

describe('isHoliday', () => {
  it('knows public holidays from the package data', () => {
    expect(isHoliday('2026-01-01', [])).toBe(true);
    expect(isHoliday('2026-09-25', [])).toBe(true);
    expect(isHoliday('2018-06-13', [])).toBe(true);
  });

  it('knows substitute holidays', () => {
    expect(isHoliday('2026-03-02', [])).toBe(true);
  });

  it('answers false for an ordinary working day of a covered year', () => {
    expect(isHoliday('2026-01-02', [])).toBe(false);
  });

  it('does not count a plain weekend as a holiday', () => {
    expect(isHoliday('2026-01-03', [])).toBe(false);
  });

  it('answers null (unknown) for a year the data does not cover', () => {
    expect(isHoliday('2099-01-02', [])).toBeNull();
    expect(isHoliday('2099-01-01', [])).toBeNull();
    expect(isHoliday('2017-01-02', [])).toBeNull();
  });

  it('always counts merchant closed days, even in an uncovered year', () => {
    expect(isHoliday('2026-01-02', ['2026-01-02'])).toBe(true);
    expect(isHoliday('2099-08-14', ['2099-08-14'])).toBe(true);
  });

  it('repeats a closed day given as MM-DD every year', () => {
    expect(isHoliday('2025-05-01', ['05-01'])).toBe(true);
    expect(isHoliday('2099-05-01', ['05-01'])).toBe(true);
    expect(isHoliday('2025-05-02', ['05-01'])).toBe(false);
  });
});
