import type { Store } from '../store/open-store.js';
import {
  earlyUserFreeUntil,
  formatMallPlan,
  grantEarlyUserBenefit,
  kstDateOf,
  parseMallPlan,
  type KstDate,
  type MallPlan,
} from './mall-plan.js';

export type EarlyUserBenefitResult =
  | { applied: true; plan: MallPlan; preregistrationId: number }
  | {
      applied: false;
      reason: 'mall_unknown' | 'no_match' | 'period_over' | 'already_granted' | 'unknown_plan';
    };

/**
 * At install: when the mall (by mall id) or the installer's e-mail matches a pre-registration, the
 * mall's plan becomes free through launch + 2 months (a paid plan only remembers the period, see
 * mall-plan.ts). Non-matching malls keep their plan. Runs in one transaction; calling it again is
 * harmless (`already_granted`).
 */
export async function applyEarlyUserBenefit(
  store: Store,
  input: { mallId: string; email?: string | null; launchDate: KstDate; now: number },
): Promise<EarlyUserBenefitResult> {
  return store.transaction(async (repositories) => {
    const mall = await repositories.malls.get(input.mallId);
    if (mall === null) return { applied: false, reason: 'mall_unknown' };
    const match = await repositories.preregistrations.findMatch({
      mallId: input.mallId,
      email: input.email ?? null,
    });
    if (match === null) return { applied: false, reason: 'no_match' };
    const current = parseMallPlan(mall.plan);
    // A plan text this module did not write is someone's decision; leave it alone.
    if (!current.ok) return { applied: false, reason: 'unknown_plan' };
    const until = earlyUserFreeUntil(input.launchDate);
    const today = kstDateOf(input.now);
    if (until < today) return { applied: false, reason: 'period_over' };
    const next = grantEarlyUserBenefit(current.plan, until, today);
    if (formatMallPlan(next) === formatMallPlan(current.plan)) {
      return { applied: false, reason: 'already_granted' };
    }
    await repositories.malls.setPlan(input.mallId, formatMallPlan(next), input.now);
    await repositories.preregistrations.markBenefitApplied(match.id, input.now);
    return { applied: true, plan: next, preregistrationId: match.id };
  });
}
