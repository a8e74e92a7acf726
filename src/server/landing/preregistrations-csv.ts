import type { Preregistration } from '../../store/repositories/preregistrations-repository.js';
import type { LandingLang } from './landing-content.js';
import { PREREGISTRATION_COLUMNS, cellText } from './preregistration-columns.js';

/** A cell quoted for CSV, and defused for spreadsheets: text starting with = + - @ is prefixed with '. */
function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The operator's export: UTF-8 with a byte-order mark (so Excel reads Korean correctly), CRLF lines,
 * a header row in `lang`, then one row per registration with contact data in clear (the export
 * exists to send the launch notice); destroyed rows have empty personal cells.
 */
export function preregistrationsCsv(rows: readonly Preregistration[], lang: LandingLang): string {
  const lines = [
    PREREGISTRATION_COLUMNS.map((column) => csvCell(column.header[lang])).join(','),
    ...rows.map((row) =>
      PREREGISTRATION_COLUMNS.map((column) => csvCell(cellText(row, column.key, lang))).join(','),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
