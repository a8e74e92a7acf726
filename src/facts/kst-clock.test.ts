import { describe, expect, it } from 'vitest';
import { FactsError } from './facts-error.js';
import { kstParts, parseInstant } from './kst-clock.js';

describe('parseInstant', () => {
  it('reads the +09:00 timestamps Cafe24 sends', () => {
    expect(parseInstant('2018-07-04T11:21:35+09:00')).toBe(Date.UTC(2018, 6, 4, 2, 21, 35));
  });

  it('honours Z and other offsets, with or without a colon', () => {
    expect(parseInstant('2018-07-04T02:21:35Z')).toBe(Date.UTC(2018, 6, 4, 2, 21, 35));
    expect(parseInstant('2018-07-04T03:21:35+0100')).toBe(Date.UTC(2018, 6, 4, 2, 21, 35));
    expect(parseInstant('2018-07-03T21:21:35-05:00')).toBe(Date.UTC(2018, 6, 4, 2, 21, 35));
  });

  it('reads an offset-less timestamp as KST (Cafe24 local time), with T or a space', () => {
    expect(parseInstant('2017-07-10 15:55:51')).toBe(parseInstant('2017-07-10T15:55:51+09:00'));
    expect(parseInstant('2021-03-01T14:00:00.000')).toBe(parseInstant('2021-03-01T14:00:00+09:00'));
  });

  it('keeps milliseconds', () => {
    expect(parseInstant('2021-03-01T14:00:00.250+09:00') - parseInstant('2021-03-01T14:00:00+09:00')).toBe(
      250,
    );
  });

  it.each([
    '',
    'yesterday',
    '2018-07-04',
    '2018-13-01T00:00:00+09:00',
    '2018-02-30T00:00:00+09:00',
    '2018-07-04T25:00:00',
  ])('rejects %j with INVALID_INSTANT', (text) => {
    expect(() => parseInstant(text)).toThrow(FactsError);
    try {
      parseInstant(text);
    } catch (error) {
      expect((error as FactsError).code).toBe('INVALID_INSTANT');
      expect((error as FactsError).kind).toBe('user');
    }
  });
});

describe('kstParts', () => {
  it('projects an instant onto the KST wall clock', () => {
    expect(kstParts(parseInstant('2018-07-04T11:21:35+09:00'))).toEqual({
      date: '2018-07-04',
      hour: 11,
      minuteOfDay: 11 * 60 + 21,
      weekday: 3,
    });
  });

  it('moves a UTC evening to the next KST day', () => {
    expect(kstParts(Date.UTC(2026, 0, 4, 15, 30))).toEqual({
      date: '2026-01-05',
      hour: 0,
      minuteOfDay: 30,
      weekday: 1,
    });
  });

  it('numbers Sunday 7 and Monday 1', () => {
    expect(kstParts(parseInstant('2026-01-04T12:00:00+09:00')).weekday).toBe(7);
    expect(kstParts(parseInstant('2026-01-05T12:00:00+09:00')).weekday).toBe(1);
  });

  it('puts 04:59 and 05:00 KST on either side of minute 300', () => {
    expect(kstParts(parseInstant('2026-03-10T04:59:59+09:00')).minuteOfDay).toBe(299);
    expect(kstParts(parseInstant('2026-03-10T05:00:00+09:00')).minuteOfDay).toBe(300);
  });

  it('ends the day at minute 1439', () => {
    expect(kstParts(parseInstant('2026-03-10T23:59:00+09:00'))).toMatchObject({
      hour: 23,
      minuteOfDay: 1439,
    });
  });
});
