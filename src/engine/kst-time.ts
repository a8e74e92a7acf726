/**
 * KST (Asia/Seoul, UTC+9, no daylight saving) parsing of the time values merchants type in rules.
 * Pure functions; they return null for malformed input instead of throwing.
 */

const KST_OFFSET_MS = 9 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)$/;

/** `HH:mm` (00:00–23:59) → minutes since midnight, or null. */
export function parseTimeOfDay(text: string): number | null {
  const match = HHMM.exec(text);
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Minutes since midnight → `HH:mm`. */
export function formatTimeOfDay(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Epoch ms of 00:00 KST on a real calendar date, or null (2026-02-30 is rejected). */
function kstMidnight(year: number, month: number, day: number): number | null {
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return null;
  }
  return utc - KST_OFFSET_MS;
}

/** A closed interval of instants [start, end] in epoch ms. */
export interface Instants {
  start: number;
  end: number;
}

/**
 * The KST period a value names, both ends inclusive: `YYYY-MM-DD` is the whole day,
 * `YYYY-MM-DDTHH:mm` the whole minute. Null when malformed or not a real date.
 */
export function parseKstPeriod(text: string): Instants | null {
  const date = DATE.exec(text);
  if (date) {
    const start = kstMidnight(Number(date[1]), Number(date[2]), Number(date[3]));
    return start === null ? null : { start, end: start + DAY_MS - 1 };
  }
  const dateTime = DATE_TIME.exec(text);
  if (dateTime) {
    const midnight = kstMidnight(Number(dateTime[1]), Number(dateTime[2]), Number(dateTime[3]));
    if (midnight === null) return null;
    const start = midnight + (Number(dateTime[4]) * 60 + Number(dateTime[5])) * MINUTE_MS;
    return { start, end: start + MINUTE_MS - 1 };
  }
  return null;
}

/** `YYYY-MM-DD` naming a real date. */
export function isKstDate(text: string): boolean {
  return DATE.test(text) && parseKstPeriod(text) !== null;
}

/** Epoch ms → `YYYY-MM-DD HH:mm` in KST (for explanations). */
export function formatKstDateTime(epochMs: number): string {
  const d = new Date(epochMs + KST_OFFSET_MS);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export const MS_PER_MINUTE = MINUTE_MS;
export const MS_PER_DAY = DAY_MS;
