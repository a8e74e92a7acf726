import { z } from 'zod';
import { parseInstant } from '../facts/kst-clock.js';

/**
 * The raw Cafe24 Admin REST order (`GET /orders?embed=items,receivers,buyer`), as documented in
 * reference/cafe24-api.md §4.3–4.6: only the fields PassWing reads are declared, everything else
 * passes through untouched. Parsing also normalises Cafe24's encodings — decimal strings for money
 * ("30000.00" → 30000 won), T/F/M flags, `""` for "not set", a single string where webhooks send one
 * payment method — so mapping to the domain Order is plain restructuring.
 * `client_ip` is PassWing's extension (captured storefront IP in replay files), not a Cafe24 field.
 */

/**
 * Integer won from a decimal string or number; a fraction rounds half up (away from zero). null when
 * it is not a number, or its magnitude is past 2^53 − 1 (no exact integer).
 */
export function decimalToWon(value: unknown): number | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    const won = Math.sign(value) * Math.round(Math.abs(value)) || 0;
    return Number.isSafeInteger(won) ? won : null;
  }
  if (typeof value !== 'string') return null;
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return null;
  const [, sign, whole = '', fraction = ''] = match;
  const magnitude = Number(whole) + (fraction.charAt(0) >= '5' ? 1 : 0);
  if (!Number.isSafeInteger(magnitude)) return null;
  return sign === '-' && magnitude !== 0 ? -magnitude : magnitude;
}

const Won = z
  .unknown()
  .optional()
  .transform((value, ctx) => {
    const won = decimalToWon(value);
    if (won === null) {
      ctx.addIssue({ code: 'custom', message: 'expected a decimal string' });
      return z.NEVER;
    }
    return won;
  });

const isUnset = (value: unknown): value is '' | null | undefined =>
  value === undefined || value === null || value === '';

/** A T/F/M-style flag that must be present. */
function requiredFlag<const V extends string>(values: readonly V[]) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): V => {
      if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as V;
      ctx.addIssue({ code: 'custom', message: `expected one of ${values.map((v) => `"${v}"`).join(', ')}` });
      return z.NEVER;
    });
}

/** A flag where `""`, null or absence mean "not set" (null). */
function optionalFlag<const V extends string>(values: readonly V[]) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): V | null => {
      if (isUnset(value)) return null;
      if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as V;
      ctx.addIssue({
        code: 'custom',
        message: `expected one of ${values.map((v) => `"${v}"`).join(', ')} or empty`,
      });
      return z.NEVER;
    });
}

/** A string where `""`, null or absence mean "not set" (null). */
const OptionalText = z
  .string()
  .nullish()
  .transform((value) => (isUnset(value) ? null : value));

/** An integer id that Cafe24 sends as a number, a numeric string, or `""` when unset (webhooks). */
const OptionalInt = z
  .unknown()
  .optional()
  .transform((value, ctx): number | null => {
    if (isUnset(value)) return null;
    const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
    if (typeof number === 'number' && Number.isSafeInteger(number)) return number;
    ctx.addIssue({ code: 'custom', message: 'expected an integer' });
    return z.NEVER;
  });

const RequiredInt = OptionalInt.transform((value, ctx): number => {
  if (value !== null) return value;
  ctx.addIssue({ code: 'custom', message: 'expected an integer' });
  return z.NEVER;
});

/** An ISO 8601 instant; an offset-less one is Cafe24 local time and gets `+09:00` appended. */
const Instant = z.string().transform((text, ctx) => {
  try {
    parseInstant(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'expected an ISO 8601 date-time' });
    return z.NEVER;
  }
  const trimmed = text.trim().replace(' ', 'T');
  return /(?:Z|[+-]\d{2}:?\d{2})$/.test(trimmed) ? trimmed : `${trimmed}+09:00`;
});

/** Amounts object (`initial_order_amount`, `actual_order_amount`). */
export const Cafe24OrderAmounts = z.looseObject({ order_price_amount: Won });

export const Cafe24OrderItem = z.looseObject({
  order_item_code: z.string().min(1),
  product_no: RequiredInt,
  product_code: z
    .string()
    .nullish()
    .transform((value) => value ?? ''),
  variant_code: z
    .string()
    .nullish()
    .transform((value) => value ?? ''),
  product_name: z
    .string()
    .nullish()
    .transform((value) => value ?? ''),
  quantity: z.number().int().nonnegative(),
  product_price: Won,
  option_price: Won.optional().transform((value) => value ?? 0),
  order_status: z.string(),
  /** Shape when labels exist is unconfirmed (reference §4.5); names as strings, null when none. */
  labels: z
    .array(z.string())
    .nullish()
    .transform((value) => value ?? []),
});
export type Cafe24OrderItem = z.output<typeof Cafe24OrderItem>;

export const Cafe24Receiver = z.looseObject({
  name: OptionalText,
  cellphone: OptionalText,
  zipcode: OptionalText,
  address1: OptionalText,
  address2: OptionalText,
});

export const Cafe24Buyer = z.looseObject({
  name: OptionalText,
  email: OptionalText,
  cellphone: OptionalText,
});

/** REST orders carry `payment_method` as an array; webhooks as one string. Both become an array. */
const PaymentMethods = z
  .union([z.array(z.string()), z.string(), z.null()], { error: 'expected an array of payment method codes' })
  .optional()
  .transform((value) => (typeof value === 'string' ? (value === '' ? [] : [value]) : (value ?? [])));

export const Cafe24Order = z.looseObject({
  order_id: z.string().min(1),
  order_date: Instant,
  member_id: OptionalText,
  group_no_when_ordering: OptionalInt,
  customer_group_no_when_ordering: OptionalInt,
  first_order: optionalFlag(['T', 'F']),
  initial_order_amount: Cafe24OrderAmounts.nullish(),
  actual_order_amount: Cafe24OrderAmounts.nullish(),
  payment_amount: Won,
  order_place_id: OptionalText,
  payment_method: PaymentMethods,
  paid: requiredFlag(['T', 'F', 'M']),
  canceled: optionalFlag(['T', 'F', 'M']),
  shipping_type: OptionalText,
  client_ip: OptionalText,
  items: z
    .array(Cafe24OrderItem)
    .nullish()
    .transform((value) => value ?? []),
  receivers: z
    .array(Cafe24Receiver)
    .nullish()
    .transform((value) => value ?? []),
  buyer: Cafe24Buyer.nullish(),
});
export type Cafe24Order = z.output<typeof Cafe24Order>;
