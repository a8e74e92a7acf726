import { maskEmail, maskName, maskPersonal, maskPhone } from '../../notify/mask-personal.js';
import type {
  Preregistration,
  PreregistrationCounts,
} from '../../store/repositories/preregistrations-repository.js';
import { LANDING_CONTENT, type LandingLang } from './landing-content.js';
import { PREREGISTRATION_COLUMNS, cellText } from './preregistration-columns.js';
import { escapeHtml } from './landing-page.js';

/** `myshop` → `my****`, `domain:brand.co.kr` → `br***.co.kr`: enough to recognise, not to copy. */
export function maskMall(mall: string): string {
  const value = mall.replace(/^domain:/, '');
  const dot = value.indexOf('.');
  const head = dot === -1 ? value : value.slice(0, dot);
  const rest = dot === -1 ? '' : value.slice(dot);
  return `${head.slice(0, 2)}${'*'.repeat(Math.max(head.length - 2, 1))}${rest}`;
}

const MASKS: Partial<Record<keyof Preregistration, (text: string) => string>> = {
  name: maskName,
  email: maskEmail,
  phone: maskPhone,
  mall: maskMall,
  tools: (text) => maskPersonal(text),
};

const TEXT = {
  ko: {
    title: '사전 등록 현황',
    total: '전체',
    benefit: '혜택 적용',
    destroyed: '개인정보 파기',
    pains: '불편한 점 (응답 수)',
    export: 'CSV 내려받기',
    masked: '개인정보는 가려서 표시합니다. 출시 안내용 연락처는 CSV로 내려받으세요.',
    destroyedCell: '파기됨',
    empty: '아직 사전 등록이 없습니다.',
  },
  en: {
    title: 'Pre-registrations',
    total: 'Total',
    benefit: 'Benefit applied',
    destroyed: 'Personal data destroyed',
    pains: 'Pains (answers)',
    export: 'Download CSV',
    masked: 'Personal data is masked here; download the CSV for the launch notice contacts.',
    destroyedCell: 'destroyed',
    empty: 'No pre-registrations yet.',
  },
} as const;

/** The operator's list (admin only): counts, pains, and every registration with personal data masked. */
export function renderPreregistrationsAdminPage(
  lang: LandingLang,
  rows: readonly Preregistration[],
  counts: PreregistrationCounts,
): string {
  const t = TEXT[lang];
  const painItems = LANDING_CONTENT[lang].checklist
    .map((pain, index) => `<li>${escapeHtml(pain)}: <strong>${counts.pains[index] ?? 0}</strong></li>`)
    .join('');
  const head = PREREGISTRATION_COLUMNS.map(
    (column) => `<th scope="col">${escapeHtml(column.header[lang])}</th>`,
  ).join('');
  const body = rows
    .map((row) => {
      const cells = PREREGISTRATION_COLUMNS.map((column) => {
        if (column.personal && row.destroyedAt !== null)
          return `<td class="muted">${escapeHtml(t.destroyedCell)}</td>`;
        const text = cellText(row, column.key, lang);
        const mask = column.key === 'painLabels' ? undefined : MASKS[column.key];
        return `<td>${escapeHtml(mask === undefined || text === '' ? text : mask(text))}</td>`;
      }).join('');
      return `<tr>${cells}</tr>`;
    })
    .join('');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(t.title)}</title><style>
body{margin:0;padding:24px;font-family:"Pretendard","Apple SD Gothic Neo","Noto Sans KR",system-ui,sans-serif;color:#1b2130;background:#f7f8fb}
table{border-collapse:collapse;background:#fff;font-size:13px;width:100%}th,td{border:1px solid #e3e7ef;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef2ff}.muted{color:#5b6478}.stats{display:flex;gap:24px;margin:12px 0}.stats div{background:#fff;border:1px solid #e3e7ef;border-radius:10px;padding:8px 16px}
</style></head><body><main>
<h1>${escapeHtml(t.title)}</h1>
<div class="stats"><div>${escapeHtml(t.total)} <strong data-count="total">${counts.total}</strong></div><div>${escapeHtml(
    t.benefit,
  )} <strong data-count="benefit">${counts.benefitApplied}</strong></div><div>${escapeHtml(t.destroyed)} <strong data-count="destroyed">${
    counts.destroyed
  }</strong></div></div>
<h2>${escapeHtml(t.pains)}</h2><ul>${painItems}</ul>
<p class="muted">${escapeHtml(t.masked)} <a href="/admin/preregistrations.csv?lang=${lang}">${escapeHtml(t.export)}</a></p>
${
  rows.length === 0
    ? `<p>${escapeHtml(t.empty)}</p>`
    : `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`
}
</main></body></html>`;
}
