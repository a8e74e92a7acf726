import type { Lang } from '../../../src/server/api-contract.js';

const locale = (lang: Lang): string => (lang === 'ko' ? 'ko-KR' : 'en-US');

/** 123456 → "123,456" (won amounts are integers). */
export const formatNumber = (value: number): string => Math.round(value).toLocaleString('en-US');

/** Won with the unit in the console language: "123,456원" / "₩123,456". */
export const formatWon = (value: number, lang: Lang): string =>
  lang === 'ko' ? `${formatNumber(value)}원` : `₩${formatNumber(value)}`;

/** "1,234" typed text → 1234; null when no digit was typed. */
export function parseWon(text: string): number | null {
  const digits = text.replace(/[^\d-]/g, '');
  if (digits === '' || digits === '-') return null;
  const value = Number.parseInt(digits, 10);
  return Number.isFinite(value) ? value : null;
}

const kst = { timeZone: 'Asia/Seoul' } as const;

/** Date and time in KST, e.g. "2026. 3. 4. 14:05". */
export const formatDateTime = (value: string | number, lang: Lang): string =>
  new Date(value).toLocaleString(locale(lang), {
    ...kst,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });

export const formatTime = (value: string | number, lang: Lang): string =>
  new Date(value).toLocaleTimeString(locale(lang), {
    ...kst,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });

export const formatDate = (value: string | number, lang: Lang): string =>
  new Date(value).toLocaleDateString(locale(lang), {
    ...kst,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  });

export const formatShortDate = (value: string | number, lang: Lang): string =>
  new Date(value).toLocaleDateString(locale(lang), { ...kst, month: 'numeric', day: 'numeric' });

/** Milliseconds as "850ms" / "1.2s". */
export const formatDuration = (ms: number | null): string =>
  ms === null ? '—' : ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(1)}s`;

/** Relative time "3분 전" / "3 min ago" against `now`. */
export function formatAgo(value: string, now: number, lang: Lang): string {
  const minutes = Math.max(0, Math.round((now - new Date(value).getTime()) / 60000));
  // Intl's "0 minutes ago" reads "현재 분" in Korean; say it the way people do.
  if (minutes < 1) return lang === 'ko' ? '방금 전' : 'just now';
  const rtf = new Intl.RelativeTimeFormat(locale(lang), { numeric: 'auto' });
  if (minutes < 60) return rtf.format(-minutes, 'minute');
  if (minutes < 60 * 24) return rtf.format(-Math.round(minutes / 60), 'hour');
  return rtf.format(-Math.round(minutes / 1440), 'day');
}

/** KST date `YYYY-MM-DD` of an instant. */
export const kstDate = (at: number): string => new Date(at + 9 * 3600_000).toISOString().slice(0, 10);
