import type { FactDefinition } from './fact-catalogue.js';
import { OPERATOR_ARITY } from './fact-catalogue.js';
import type { Operator } from './flow-schema.js';
import { isKstDate, parseKstPeriod, parseTimeOfDay } from './kst-time.js';

/**
 * A comparison value parsed and coerced once, at compile time: times to minutes, date-times to
 * instants (a written period's start or end, so `≤ 2026-05-01` includes that whole day), lists to
 * arrays. The compiler emits code over these; the validator reports the failures.
 */
export type Scalar = number | string | boolean;
export type Operand =
  | { op: 'isEmpty' | 'isNotEmpty' }
  | { op: Exclude<Operator, 'isEmpty' | 'isNotEmpty' | 'between' | 'in' | 'notIn'>; value: Scalar }
  | { op: 'between'; low: Scalar; high: Scalar }
  | { op: 'in' | 'notIn'; values: Scalar[] };

/** A problem with a value; `path` is relative to the condition (`value`, `value[1]`). */
export interface OperandProblem {
  path: string;
  code: OperandProblemCode;
}
export type OperandProblemCode =
  | 'expectedNumber'
  | 'expectedInteger'
  | 'expectedWon'
  | 'outOfRange'
  | 'expectedString'
  | 'expectedBoolean'
  | 'expectedTime'
  | 'expectedDate'
  | 'expectedDateTime'
  | 'expectedCountry'
  | 'unknownOption'
  | 'expectedRange'
  | 'emptyRange'
  | 'expectedList'
  | 'missingValue'
  | 'unexpectedValue';

type Side = 'start' | 'end';
type ScalarResult = { ok: true; value: Scalar } | { ok: false; code: OperandProblemCode };

/** One scalar for a fact type; `side` picks the end of a written date-time period. */
function parseScalar(def: FactDefinition, raw: unknown, side: Side): ScalarResult {
  const fail = (code: OperandProblemCode): ScalarResult => ({ ok: false, code });
  switch (def.type) {
    case 'won':
    case 'int': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return fail('expectedNumber');
      if (!Number.isInteger(raw)) return fail(def.type === 'won' ? 'expectedWon' : 'expectedInteger');
      if (def.type === 'won' && raw < 0) return fail('expectedWon');
      if ((def.min !== undefined && raw < def.min) || (def.max !== undefined && raw > def.max)) {
        return fail('outOfRange');
      }
      return { ok: true, value: raw };
    }
    case 'time': {
      if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 && raw < 1440)
        return { ok: true, value: raw };
      const minutes = typeof raw === 'string' ? parseTimeOfDay(raw) : null;
      return minutes === null ? fail('expectedTime') : { ok: true, value: minutes };
    }
    case 'date':
      return typeof raw === 'string' && isKstDate(raw) ? { ok: true, value: raw } : fail('expectedDate');
    case 'datetime': {
      const period = typeof raw === 'string' ? parseKstPeriod(raw) : null;
      return period === null ? fail('expectedDateTime') : { ok: true, value: period[side] };
    }
    case 'bool':
      return typeof raw === 'boolean' ? { ok: true, value: raw } : fail('expectedBoolean');
    case 'country':
      return typeof raw === 'string' && /^[A-Z]{2}$/.test(raw)
        ? { ok: true, value: raw }
        : fail('expectedCountry');
    case 'enum':
    case 'set': {
      const options = def.options ?? [];
      const numeric = options.length > 0 && options.every((o) => typeof o.value === 'number');
      if (numeric ? typeof raw !== 'number' : typeof raw !== 'string') {
        return fail(numeric ? 'expectedNumber' : 'expectedString');
      }
      const scalar = raw as number | string;
      if (!def.openOptions && !options.some((o) => o.value === scalar)) return fail('unknownOption');
      return { ok: true, value: scalar };
    }
    case 'string':
      return typeof raw === 'string' ? { ok: true, value: raw } : fail('expectedString');
  }
}

/** Which end of a written period a one-value comparison uses (lt/gte: start; lte/gt: end). */
const SIDE: Partial<Record<Operator, Side>> = { lt: 'start', gte: 'start', lte: 'end', gt: 'end' };

/** Parses `value` for `op` on `def` (the operator is already known to be allowed for the fact). */
export function parseOperand(
  def: FactDefinition,
  op: Operator,
  value: unknown,
): { ok: true; operand: Operand } | { ok: false; problems: OperandProblem[] } {
  const problems: OperandProblem[] = [];
  const arity = OPERATOR_ARITY[op];
  if (arity === 'none') {
    if (value !== undefined) return { ok: false, problems: [{ path: 'value', code: 'unexpectedValue' }] };
    return { ok: true, operand: { op: op as 'isEmpty' | 'isNotEmpty' } };
  }
  if (value === undefined) return { ok: false, problems: [{ path: 'value', code: 'missingValue' }] };
  if (arity === 'one') {
    // contains/notContains on a string fact compare text; on a set, one element.
    const r = parseScalar(def, value, SIDE[op] ?? 'start');
    if (!r.ok) return { ok: false, problems: [{ path: 'value', code: r.code }] };
    return {
      ok: true,
      operand: {
        op: op as Exclude<Operator, 'isEmpty' | 'isNotEmpty' | 'between' | 'in' | 'notIn'>,
        value: r.value,
      },
    };
  }
  if (arity === 'range') {
    if (!Array.isArray(value) || value.length !== 2) {
      return { ok: false, problems: [{ path: 'value', code: 'expectedRange' }] };
    }
    const low = parseScalar(def, value[0], 'start');
    const high = parseScalar(def, value[1], 'end');
    if (!low.ok) problems.push({ path: 'value[0]', code: low.code });
    if (!high.ok) problems.push({ path: 'value[1]', code: high.code });
    if (!low.ok || !high.ok) return { ok: false, problems };
    if (low.value > high.value) return { ok: false, problems: [{ path: 'value', code: 'emptyRange' }] };
    return { ok: true, operand: { op: 'between', low: low.value, high: high.value } };
  }
  if (!Array.isArray(value) || value.length === 0) {
    return { ok: false, problems: [{ path: 'value', code: 'expectedList' }] };
  }
  const values: Scalar[] = [];
  value.forEach((element: unknown, index) => {
    const r = parseScalar(def, element, 'start');
    if (r.ok) values.push(r.value);
    else problems.push({ path: `value[${index}]`, code: r.code });
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, operand: { op: op as 'in' | 'notIn', values } };
}
