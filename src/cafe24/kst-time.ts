/**
 * Cafe24 token timestamps (`expires_at`, `issued_at`, …) are KST wall-clock times without an offset
 * (`2021-03-01T14:00:00.000`). Returns epoch milliseconds, or null when the text is not such a time.
 * A string that already carries an offset or `Z` is honoured as written.
 */
export function parseKstTimestamp(text: string): number | null {
  const withOffset = /(?:Z|[+-]\d{2}:?\d{2})$/.test(text);
  const match = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?/.exec(text);
  if (!match) return null;
  const iso = withOffset ? text.replace(' ', 'T') : `${match[0].replace(' ', 'T')}+09:00`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}
