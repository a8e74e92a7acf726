import { FactsError } from './facts-error.js';

/** Korea has used +09:00 all year since 1988 (no daylight saving), so KST is a fixed offset. */
const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

export interface KstParts {
  /** KST calendar date `YYYY-MM-DD`. */
  date: string;
  /** 0–23. */
  hour: number;
  /** Minutes since KST midnight, 0–1439. */
  minuteOfDay: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

/** Projects an instant onto the Asia/Seoul wall clock. */
export function kstParts(epochMs: number): KstParts {
  const shifted = new Date(epochMs + KST_OFFSET_MS);
  const hour = shifted.getUTCHours();
  return {
    date: shifted.toISOString().slice(0, 10),
    hour,
    minuteOfDay: hour * 60 + shifted.getUTCMinutes(),
    weekday: shifted.getUTCDay() === 0 ? 7 : shifted.getUTCDay(),
  };
}

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses an ISO 8601 timestamp to epoch ms. Cafe24 sends `2018-07-04T11:21:35+09:00`; a timestamp
 * without an offset (item dates such as `2017-07-10 15:55:51`, token expiry times) is Cafe24 local
 * time and is read as KST. Calendar-invalid values (month 13, Feb 30) are rejected.
 * @throws FactsError `INVALID_INSTANT` when the text is not such a timestamp.
 */
export function parseInstant(text: string): number {
  const match = INSTANT.exec(text.trim());
  if (!match) throw new FactsError('INVALID_INSTANT', `not an ISO 8601 timestamp: ${JSON.stringify(text)}`);
  const [, year, month, day, hour, minute, second = '0', fraction = '0', offset] = match;
  const wall = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    Number(fraction.padEnd(3, '0').slice(0, 3)),
  );
  const check = new Date(wall);
  if (
    check.getUTCFullYear() !== Number(year) ||
    check.getUTCMonth() !== Number(month) - 1 ||
    check.getUTCDate() !== Number(day) ||
    check.getUTCHours() !== Number(hour) ||
    check.getUTCMinutes() !== Number(minute) ||
    check.getUTCSeconds() !== Number(second)
  ) {
    throw new FactsError('INVALID_INSTANT', `not a valid date and time: ${JSON.stringify(text)}`);
  }
  return wall - offsetMs(offset);
}

function offsetMs(offset: string | undefined): number {
  if (offset === undefined) return KST_OFFSET_MS;
  if (offset === 'Z') return 0;
  const digits = offset.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * 60_000;
}
