/** KST (UTC+09:00, no daylight saving) formatting in the shapes Cafe24 uses. */
const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

interface KstParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
  millis: string;
}

function kstParts(ms: number): KstParts {
  const iso = new Date(ms + KST_OFFSET_MS).toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ, shifted to KST
  return {
    year: iso.slice(0, 4),
    month: iso.slice(5, 7),
    day: iso.slice(8, 10),
    hour: iso.slice(11, 13),
    minute: iso.slice(14, 16),
    second: iso.slice(17, 19),
    millis: iso.slice(20, 23),
  };
}

/** `2018-07-04T11:21:35+09:00` — the Admin API and webhook datetime format. */
export function formatKstOffset(ms: number): string {
  const p = kstParts(ms);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}+09:00`;
}

/** `2021-03-01T14:00:00.000` — the OAuth token times: KST wall clock without an offset. */
export function formatKstNaive(ms: number): string {
  const p = kstParts(ms);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}.${p.millis}`;
}

/** `2017-07-10 15:55:51` — the item-level date format of the Admin API. */
export function formatKstSpaced(ms: number): string {
  const p = kstParts(ms);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** `20170710` — the date part of an order id. */
export function kstCompactDate(ms: number): string {
  const p = kstParts(ms);
  return `${p.year}${p.month}${p.day}`;
}

/** Hour of day (0–23) in KST. */
export function kstHour(ms: number): number {
  return Number(kstParts(ms).hour);
}

/**
 * Parses a Cafe24 search date: `YYYY-MM-DD` (a KST calendar day) or a datetime with an offset.
 * Returns epoch ms of its start, or null when malformed.
 */
export function parseKstSearchDate(text: string): number | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const ms = Date.parse(`${text}T00:00:00+09:00`);
    return Number.isNaN(ms) ? null : ms;
  }
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?$/.test(text)) {
    const normalised = text.replace(' ', 'T');
    const withZone = /([+-]\d{2}:\d{2}|Z)$/.test(normalised) ? normalised : `${normalised}+09:00`;
    const ms = Date.parse(withZone);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

/** Adds calendar months in KST (clamping the day, so 11-30 + 3 months = 02-28/29). */
export function addKstMonths(ms: number, months: number): number {
  const shifted = new Date(ms + KST_OFFSET_MS);
  const day = shifted.getUTCDate();
  const target = new Date(shifted.getTime());
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.getTime() - KST_OFFSET_MS;
}
