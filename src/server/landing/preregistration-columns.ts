import type { Preregistration } from '../../store/repositories/preregistrations-repository.js';
import { LANDING_CONTENT, type LandingLang } from './landing-content.js';

/** Epoch ms → `YYYY-MM-DD HH:mm` KST; empty for null. */
export const kstDateTime = (epochMs: number | null): string =>
  epochMs === null ? '' : new Date(epochMs + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Ticked checklist items by their words on the landing page, joined. */
export const painLabels = (pains: readonly number[], lang: LandingLang): string =>
  pains.map((index) => LANDING_CONTENT[lang].checklist[index] ?? `#${index}`).join(' / ');

/**
 * The columns of the operator's list and CSV export, in order: header per language and the cell of
 * one registration. Personal cells are `null` after destruction.
 */
export const PREREGISTRATION_COLUMNS: {
  key: keyof Preregistration | 'painLabels';
  header: Record<LandingLang, string>;
  personal: boolean;
}[] = [
  { key: 'id', header: { ko: '번호', en: 'No.' }, personal: false },
  { key: 'createdAt', header: { ko: '등록 일시', en: 'Registered' }, personal: false },
  { key: 'name', header: { ko: '이름', en: 'Name' }, personal: true },
  { key: 'email', header: { ko: '이메일', en: 'E-mail' }, personal: true },
  { key: 'phone', header: { ko: '휴대폰', en: 'Mobile' }, personal: true },
  { key: 'mall', header: { ko: '쇼핑몰', en: 'Mall' }, personal: true },
  { key: 'dailyOrders', header: { ko: '하루 주문 수', en: 'Orders/day' }, personal: false },
  { key: 'painLabels', header: { ko: '불편한 점', en: 'Pains' }, personal: false },
  { key: 'tools', header: { ko: '사용 도구', en: 'Tools' }, personal: true },
  { key: 'consentVersion', header: { ko: '동의 버전', en: 'Consent version' }, personal: false },
  { key: 'consentedAt', header: { ko: '동의 일시', en: 'Consented' }, personal: false },
  { key: 'benefitAppliedAt', header: { ko: '혜택 적용 일시', en: 'Benefit applied' }, personal: false },
  { key: 'destroyedAt', header: { ko: '파기 일시', en: 'Destroyed' }, personal: false },
];

/** The plain text of one cell (instants as KST, pains as words). */
export function cellText(
  row: Preregistration,
  key: (typeof PREREGISTRATION_COLUMNS)[number]['key'],
  lang: LandingLang,
): string {
  switch (key) {
    case 'painLabels':
      return painLabels(row.pains, lang);
    case 'createdAt':
    case 'consentedAt':
    case 'benefitAppliedAt':
    case 'destroyedAt':
      return kstDateTime(row[key]);
    case 'pains':
      return row.pains.join(',');
    default: {
      const value = row[key];
      return value === null ? '' : String(value);
    }
  }
}
