import type { FactDefinition } from './fact-catalogue.js';
import { optionLabel } from './fact-catalogue.js';
import type { FactValue } from './fact-readers.js';
import { formatKstDateTime, formatTimeOfDay } from './kst-time.js';

/** 120000 → `120,000` (deterministic; no locale data involved). */
export function groupThousands(n: number): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A fact value as an operator reads it: won with separators and 원, zones and payment methods by
 * their Korean (or English) names, times as HH:mm, instants as KST date-times, unknown as 없음/none.
 */
export function formatFactValue(
  def: FactDefinition | undefined,
  value: FactValue | undefined,
  lang: 'ko' | 'en',
): string {
  if (value === null || value === undefined) return lang === 'ko' ? '(없음)' : '(none)';
  if (Array.isArray(value)) {
    if (value.length === 0) return lang === 'ko' ? '(없음)' : '(none)';
    return value.map((v: string) => (def ? optionLabel(def, v, lang) : v)).join(', ');
  }
  if (!def) return String(value);
  switch (def.type) {
    case 'won':
      return typeof value === 'number'
        ? lang === 'ko'
          ? `${groupThousands(value)}원`
          : `₩${groupThousands(value)}`
        : String(value);
    case 'int':
      return typeof value === 'number' ? groupThousands(value) : String(value);
    case 'time':
      return typeof value === 'number' ? formatTimeOfDay(value) : String(value);
    case 'datetime':
      return typeof value === 'number' ? formatKstDateTime(value) : String(value);
    case 'bool':
      if (lang === 'ko') return value === true ? '예' : value === false ? '아니오' : String(value);
      return value === true ? 'yes' : value === false ? 'no' : String(value);
    case 'enum':
    case 'set':
      return optionLabel(def, value, lang);
    default:
      return String(value);
  }
}
