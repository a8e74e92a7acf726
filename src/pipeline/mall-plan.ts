import { z } from 'zod';

/**
 * A mall's plan (issue 9) and its transitions, pure. Stored in `malls.plan` as short text:
 *
 *   trial | expired | free_until:2027-03-14 | paid[:2027-05-31][;free_until=2027-03-14][;refund_requested]
 *
 * Dates are KST calendar days and inclusive (free *through* that day). `paid.until` is null when the
 * billing event did not say how long the payment runs. A paid plan remembers an early-user free period
 * that was still running, so a refund gives that period back instead of ending the service.
 */

const DAY_MS = 86_400_000;
const KST_OFFSET_MS = 9 * 3_600_000;

/** A real KST calendar date `YYYY-MM-DD`. */
export const KstDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((text) => new Date(`${text}T00:00:00Z`).toISOString().startsWith(text), 'not a calendar date');
export type KstDate = z.infer<typeof KstDate>;

export const MallPlan = z.discriminatedUnion('state', [
  z.object({ state: z.literal('trial') }),
  z.object({ state: z.literal('free_until'), until: KstDate }),
  z.object({
    state: z.literal('paid'),
    until: KstDate.nullable(),
    freeUntil: KstDate.nullable(),
    refundRequested: z.boolean(),
  }),
  z.object({ state: z.literal('expired') }),
]);
export type MallPlan = z.infer<typeof MallPlan>;

/** The KST calendar date of an instant. */
export const kstDateOf = (epochMs: number): KstDate =>
  new Date(epochMs + KST_OFFSET_MS).toISOString().slice(0, 10);

/**
 * The last free day for early users: launch day + `months` calendar months − 1 day (launch 01-15,
 * 2 months → 03-14), clamped to month ends (launch 12-31 → 02-28/29 of the next year).
 */
export function earlyUserFreeUntil(launchDate: KstDate, months = 2): KstDate {
  const [year, month, day] = KstDate.parse(launchDate).split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastOfMonth = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastOfMonth));
  return new Date(target.getTime() - DAY_MS).toISOString().slice(0, 10);
}

export type ParsePlanResult = { ok: true; plan: MallPlan } | { ok: false; error: 'unknown_plan' };

const PLAN_TEXT =
  /^(?:(trial|expired)|free_until:([\d-]{10})|paid(?::([\d-]{10}))?(?:;free_until=([\d-]{10}))?(;refund_requested)?)$/;

/** Reads `malls.plan`; anything not written by `formatMallPlan` (or the legacy `trial`) is `unknown_plan`. */
export function parseMallPlan(text: string): ParsePlanResult {
  const match = PLAN_TEXT.exec(text.trim());
  if (match === null) return { ok: false, error: 'unknown_plan' };
  const [, simple, freeUntil, paidUntil, keptFree, refund] = match;
  const candidate =
    simple !== undefined
      ? { state: simple }
      : freeUntil !== undefined
        ? { state: 'free_until', until: freeUntil }
        : {
            state: 'paid',
            until: paidUntil ?? null,
            freeUntil: keptFree ?? null,
            refundRequested: refund !== undefined,
          };
  const parsed = MallPlan.safeParse(candidate);
  return parsed.success ? { ok: true, plan: parsed.data } : { ok: false, error: 'unknown_plan' };
}

/** The text stored in `malls.plan`; `parseMallPlan(formatMallPlan(p))` gives `p` back. */
export function formatMallPlan(plan: MallPlan): string {
  switch (plan.state) {
    case 'trial':
    case 'expired':
      return plan.state;
    case 'free_until':
      return `free_until:${plan.until}`;
    case 'paid':
      return [
        plan.until === null ? 'paid' : `paid:${plan.until}`,
        ...(plan.freeUntil === null ? [] : [`free_until=${plan.freeUntil}`]),
        ...(plan.refundRequested ? ['refund_requested'] : []),
      ].join(';');
  }
}

/** What the plan means on a given day: a free or paid period whose last day has passed is expired. */
export function effectivePlan(plan: MallPlan, now: number): MallPlan {
  const today = kstDateOf(now);
  if (plan.state === 'free_until' && plan.until < today) return { state: 'expired' };
  if (plan.state === 'paid' && plan.until !== null && plan.until < today) {
    return plan.freeUntil !== null && plan.freeUntil >= today
      ? { state: 'free_until', until: plan.freeUntil }
      : { state: 'expired' };
  }
  return plan;
}

/** The console's view (`api-contract` Plan): camel-case state and the end of the last day, KST. */
export function consolePlanView(
  plan: MallPlan,
  now: number,
): { state: 'trial' | 'freeUntil' | 'paid' | 'expired'; until: string | null } {
  const current = effectivePlan(plan, now);
  const endOf = (date: KstDate | null) => (date === null ? null : `${date}T23:59:59+09:00`);
  switch (current.state) {
    case 'trial':
    case 'expired':
      return { state: current.state, until: null };
    case 'free_until':
      return { state: 'freeUntil', until: endOf(current.until) };
    case 'paid':
      return { state: 'paid', until: endOf(current.until) };
  }
}

/**
 * Grants the early-user free period: trial, expired or a shorter free period become
 * `free_until:until`; a paid plan only remembers it (refunds give it back). Nothing changes when the
 * period is already over on `today`.
 */
export function grantEarlyUserBenefit(plan: MallPlan, until: KstDate, today: KstDate): MallPlan {
  if (until < today) return plan;
  switch (plan.state) {
    case 'trial':
    case 'expired':
      return { state: 'free_until', until };
    case 'free_until':
      return plan.until >= until ? plan : { state: 'free_until', until };
    case 'paid':
      return plan.freeUntil !== null && plan.freeUntil >= until ? plan : { ...plan, freeUntil: until };
  }
}

/**
 * A Cafe24 app billing event. The payload of 90157–90159 is not documented in the reference, so the
 * caller maps it: `at` is when it happened, `paidUntil` the last paid day when the payload says.
 */
export const BillingEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paid'), at: z.number(), paidUntil: KstDate.nullable() }),
  z.object({ kind: z.literal('refund_requested'), at: z.number() }),
  z.object({ kind: z.literal('refunded'), at: z.number() }),
]);
export type BillingEvent = z.infer<typeof BillingEvent>;

/** Cafe24 event numbers of app billing → the kind of billing event; null for any other event. */
export function billingEventKind(eventNo: number): BillingEvent['kind'] | null {
  const kinds: Record<number, BillingEvent['kind']> = {
    90157: 'paid',
    90158: 'refund_requested',
    90159: 'refunded',
  };
  return kinds[eventNo] ?? null;
}

/**
 * The plan after a billing event. Paid (90157): paid, keeping an early-user period that still runs.
 * Refund requested (90158): flagged, service continues until the refund. Refunded (90159): back to
 * the early-user period if it still runs, else expired. Refund events on an unpaid plan change nothing.
 */
export function applyBillingEvent(plan: MallPlan, event: BillingEvent): MallPlan {
  const today = kstDateOf(event.at);
  const runningFree = (date: KstDate | null): KstDate | null =>
    date !== null && date >= today ? date : null;
  switch (event.kind) {
    case 'paid': {
      const free = plan.state === 'free_until' ? plan.until : plan.state === 'paid' ? plan.freeUntil : null;
      return { state: 'paid', until: event.paidUntil, freeUntil: runningFree(free), refundRequested: false };
    }
    case 'refund_requested':
      return plan.state === 'paid' ? { ...plan, refundRequested: true } : plan;
    case 'refunded': {
      if (plan.state !== 'paid') return plan;
      const free = runningFree(plan.freeUntil);
      return free === null ? { state: 'expired' } : { state: 'free_until', until: free };
    }
  }
}
