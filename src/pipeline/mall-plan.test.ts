import { describe, expect, it } from 'vitest';
import {
  applyBillingEvent,
  billingEventKind,
  consolePlanView,
  earlyUserFreeUntil,
  effectivePlan,
  formatMallPlan,
  grantEarlyUserBenefit,
  parseMallPlan,
  type MallPlan,
} from './mall-plan.js';

const at = (kstDate: string) => Date.parse(`${kstDate}T12:00:00+09:00`);

describe('plan text', () => {
  const plans: MallPlan[] = [
    { state: 'trial' },
    { state: 'expired' },
    { state: 'free_until', until: '2027-03-14' },
    { state: 'paid', until: null, freeUntil: null, refundRequested: false },
    { state: 'paid', until: '2027-05-31', freeUntil: '2027-03-14', refundRequested: true },
  ];

  it.each(plans.map((plan) => [formatMallPlan(plan), plan] as const))('reads back %s', (text, plan) => {
    expect(parseMallPlan(text)).toEqual({ ok: true, plan });
  });

  it('reads the legacy install value and the documented free_until form', () => {
    expect(parseMallPlan('trial')).toEqual({ ok: true, plan: { state: 'trial' } });
    expect(parseMallPlan('free_until:2027-03-14')).toEqual({
      ok: true,
      plan: { state: 'free_until', until: '2027-03-14' },
    });
  });

  it.each(['pro', 'free', '', 'free_until:2027-02-30', 'free_until', 'trial;refund_requested', 'paid;x=1'])(
    'refuses %j as an unknown plan',
    (text) => {
      expect(parseMallPlan(text)).toEqual({ ok: false, error: 'unknown_plan' });
    },
  );
});

describe('early-user free period', () => {
  it('lasts two calendar months from launch day, launch day included', () => {
    expect(earlyUserFreeUntil('2027-01-15')).toBe('2027-03-14');
    expect(earlyUserFreeUntil('2027-03-01')).toBe('2027-04-30');
  });

  it('clamps to the end of a shorter month', () => {
    expect(earlyUserFreeUntil('2027-12-31')).toBe('2028-02-28');
    expect(earlyUserFreeUntil('2027-12-30')).toBe('2028-02-28');
  });

  it('turns a trial or an expired plan into free_until', () => {
    expect(grantEarlyUserBenefit({ state: 'trial' }, '2027-03-14', '2027-01-20')).toEqual({
      state: 'free_until',
      until: '2027-03-14',
    });
    expect(grantEarlyUserBenefit({ state: 'expired' }, '2027-03-14', '2027-01-20').state).toBe('free_until');
  });

  it('never shortens a longer free period and only remembers it on a paid plan', () => {
    const longer: MallPlan = { state: 'free_until', until: '2027-06-01' };
    expect(grantEarlyUserBenefit(longer, '2027-03-14', '2027-01-20')).toBe(longer);
    const paid: MallPlan = { state: 'paid', until: null, freeUntil: null, refundRequested: false };
    expect(grantEarlyUserBenefit(paid, '2027-03-14', '2027-01-20')).toEqual({
      ...paid,
      freeUntil: '2027-03-14',
    });
  });

  it('changes nothing once the period is over', () => {
    expect(grantEarlyUserBenefit({ state: 'trial' }, '2027-03-14', '2027-03-15')).toEqual({ state: 'trial' });
  });

  it('is expired the day after its last day (KST) and shown to the console until that day ends', () => {
    const plan: MallPlan = { state: 'free_until', until: '2027-03-14' };
    expect(effectivePlan(plan, Date.parse('2027-03-14T23:59:00+09:00'))).toBe(plan);
    expect(effectivePlan(plan, Date.parse('2027-03-15T00:00:00+09:00'))).toEqual({ state: 'expired' });
    expect(consolePlanView(plan, at('2027-02-01'))).toEqual({
      state: 'freeUntil',
      until: '2027-03-14T23:59:59+09:00',
    });
    expect(consolePlanView(plan, at('2027-04-01'))).toEqual({ state: 'expired', until: null });
  });
});

describe('Cafe24 app billing events', () => {
  const free: MallPlan = { state: 'free_until', until: '2027-03-14' };

  it('maps 90157, 90158 and 90159 and nothing else', () => {
    expect([90157, 90158, 90159, 90077].map(billingEventKind)).toEqual([
      'paid',
      'refund_requested',
      'refunded',
      null,
    ]);
  });

  it('paid keeps a running early-user period; a refund gives it back', () => {
    const paid = applyBillingEvent(free, { kind: 'paid', at: at('2027-02-01'), paidUntil: '2027-06-30' });
    expect(paid).toEqual({
      state: 'paid',
      until: '2027-06-30',
      freeUntil: '2027-03-14',
      refundRequested: false,
    });
    const requested = applyBillingEvent(paid, { kind: 'refund_requested', at: at('2027-02-02') });
    expect(requested).toEqual({ ...paid, refundRequested: true });
    expect(applyBillingEvent(requested, { kind: 'refunded', at: at('2027-02-03') })).toEqual(free);
  });

  it('a refund after the early-user period has ended expires the plan', () => {
    const paid = applyBillingEvent(free, { kind: 'paid', at: at('2027-02-01'), paidUntil: null });
    expect(applyBillingEvent(paid, { kind: 'refunded', at: at('2027-04-01') })).toEqual({ state: 'expired' });
  });

  it('payment after the free period has ended does not keep it', () => {
    const paid = applyBillingEvent(free, { kind: 'paid', at: at('2027-05-01'), paidUntil: null });
    expect(paid).toEqual({ state: 'paid', until: null, freeUntil: null, refundRequested: false });
  });

  it('refund events on a plan that was never paid change nothing', () => {
    expect(applyBillingEvent(free, { kind: 'refund_requested', at: at('2027-02-01') })).toBe(free);
    expect(applyBillingEvent({ state: 'trial' }, { kind: 'refunded', at: at('2027-02-01') })).toEqual({
      state: 'trial',
    });
  });

  it('a paid period that ran out falls back to a still-running free period, else expires', () => {
    const paid: MallPlan = {
      state: 'paid',
      until: '2027-02-28',
      freeUntil: '2027-03-14',
      refundRequested: false,
    };
    expect(effectivePlan(paid, at('2027-03-01'))).toEqual(free);
    expect(effectivePlan(paid, at('2027-03-15'))).toEqual({ state: 'expired' });
  });
});
