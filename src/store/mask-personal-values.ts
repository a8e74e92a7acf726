/** Keys whose values are personal wherever they appear in a run's decision or trace. */
const PERSONAL_KEYS = new Set([
  'buyerName',
  'buyerEmail',
  'buyerCellphone',
  'receiverName',
  'receiverCellphone',
  'address',
  'clientIp',
  'shipping.address',
  'order.clientIp',
]);

/** Facts whose observed value is personal; a trace entry naming one has its values masked. */
const PERSONAL_FACTS = new Set(['shipping.address', 'order.clientIp']);

/** Fields of a trace entry that describe the condition, not the value seen; kept when masking. */
const STRUCTURAL_FIELDS = new Set([
  'fact',
  'kind',
  'op',
  'result',
  'matched',
  'id',
  'ruleId',
  'flowId',
  'path',
  'arg',
]);

export const MASK = '○○○';

const maskScalar = (value: unknown): unknown =>
  value === null || value === undefined || value === '' ? value : MASK;

/**
 * A copy of a run's JSON with personal values replaced by `○○○`: values under personal keys, and the
 * values a trace entry reports for a personal fact. Everything else (results, amounts, zones) stays.
 */
export function maskPersonalValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPersonalValues);
  if (typeof value !== 'object' || value === null) return value;
  const entry = value as Record<string, unknown>;
  const personalFact = typeof entry.fact === 'string' && PERSONAL_FACTS.has(entry.fact);
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(entry)) {
    if (PERSONAL_KEYS.has(key)) out[key] = maskScalar(child);
    else if (personalFact && !STRUCTURAL_FIELDS.has(key)) out[key] = maskScalar(child);
    else out[key] = maskPersonalValues(child);
  }
  return out;
}
