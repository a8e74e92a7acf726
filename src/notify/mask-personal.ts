/**
 * Masking for personal data in notifications, logs and the console (개인정보 최소화).
 * Names cannot be recognised in free text, so callers pass the names they know (buyer, receiver).
 */

const MASK = '○';

/** `김철수` → `김○○`, `남궁민수` → `남○○○`, `Jane Doe` → `J○○○ D○○`: first letter of each word kept. */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((word) => {
      const letters = [...word];
      if (letters.length <= 1) return MASK;
      return letters[0] + MASK.repeat(letters.length - 1);
    })
    .join(' ');
}

/**
 * Korean phone numbers (mobile 010/011/016–019, Seoul 02, area codes 031–065, 070, 050x; with or
 * without separators, or +82): the middle group is starred. Not inside longer digit runs, so order
 * ids (20260101-0000001) and amounts stay as they are.
 */
const PHONE = /(?<!\d)(?:\+82[-. ]?|0)(1[016789]|2|[3-6][1-5]|70|50[2-8])[-. ]?(\d{3,4})[-. ]?(\d{4})(?!\d)/g;

/** `010-1234-5678`, `01012345678` or `+82 10 1234 5678` → `010-****-5678`. */
export function maskPhone(text: string): string {
  return text.replace(PHONE, (_match, area: string, middle: string, last: string) => {
    return `0${area}-${'*'.repeat(middle.length)}-${last}`;
  });
}

const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;

/** `someone@example.com` → `s***@example.com`. */
export function maskEmail(text: string): string {
  return text.replace(EMAIL, '$1***@$2');
}

/** Masks phone numbers, e-mail addresses and every occurrence of the given names in `text`. */
export function maskPersonal(text: string, names: readonly (string | null | undefined)[] = []): string {
  let masked = maskEmail(maskPhone(text));
  const known = names
    .map((name) => name?.trim() ?? '')
    .filter((name) => name.length > 0)
    .sort((a, b) => b.length - a.length); // longest first: 남궁민수 before 남궁
  for (const name of known) masked = masked.split(name).join(maskName(name));
  return masked;
}
