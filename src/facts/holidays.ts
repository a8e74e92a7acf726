import * as presets from '@hyunbinseo/holidays-kr/all';

/**
 * Korean public holidays by year, from @hyunbinseo/holidays-kr (official gazette data bundled in the
 * package; covers 2018 up to the year in the package version). Loaded statically so lookups stay
 * synchronous.
 */
const HOLIDAYS_BY_YEAR: ReadonlyMap<string, Readonly<Record<string, readonly string[]>>> = new Map(
  Object.entries(presets).map(([name, dates]) => [name.slice(1), dates as Record<string, readonly string[]>]),
);

/**
 * Whether a KST date (`YYYY-MM-DD`) is a day off: a merchant closed day, or a public holiday.
 * Merchant closed days are `YYYY-MM-DD` (one date) or `MM-DD` (every year, e.g. `05-01`) and always
 * count. Otherwise null when the year is not covered by the holiday data: unknown, not "no holiday".
 */
export function isHoliday(date: string, closedDays: readonly string[]): boolean | null {
  if (closedDays.includes(date) || closedDays.includes(date.slice(5))) return true;
  const year = HOLIDAYS_BY_YEAR.get(date.slice(0, 4));
  return year === undefined ? null : Object.hasOwn(year, date);
}
