import { afterEach, describe, expect, it } from 'vitest';
import { applyEarlyUserBenefit } from '../../src/pipeline/early-user-benefit.js';
import { consolePlanView, parseMallPlan } from '../../src/pipeline/mall-plan.js';
import { storeTargets, type OpenedStore } from '../store/store-targets.js';
import { fakeRegistration } from './prereg-fixtures.js';

const LAUNCH = '2027-01-15';
const REGISTERED_AT = Date.parse('2026-12-03T10:00:00+09:00');
const INSTALLED_AT = Date.parse('2027-01-20T10:00:00+09:00');

describe.each(storeTargets())('early-user benefit at install on $name', (target) => {
  let opened: OpenedStore | undefined;
  afterEach(async () => {
    await opened?.cleanup();
    opened = undefined;
  });

  const setUp = async () => {
    opened = await target.open();
    const { store } = opened;
    await store.preregistrations.register(
      fakeRegistration({ mall: 'testmall01', email: 'tester@example.com' }),
      REGISTERED_AT,
    );
    return store;
  };
  const install = async (store: OpenedStore['store'], mallId: string) =>
    store.malls.install(mallId, { shopNo: 1, plan: 'trial', now: INSTALLED_AT });

  it('makes a pre-registered mall free until launch + 2 months and the console shows it', async () => {
    const store = await setUp();
    await install(store, 'testmall01');
    const result = await applyEarlyUserBenefit(store, {
      mallId: 'testmall01',
      launchDate: LAUNCH,
      now: INSTALLED_AT,
    });
    expect(result).toMatchObject({ applied: true, plan: { state: 'free_until', until: '2027-03-14' } });
    const mall = await store.malls.get('testmall01');
    expect(mall?.plan).toBe('free_until:2027-03-14');
    const plan = parseMallPlan(mall?.plan ?? '');
    if (!plan.ok) throw new Error('unreadable plan');
    expect(consolePlanView(plan.plan, INSTALLED_AT)).toEqual({
      state: 'freeUntil',
      until: '2027-03-14T23:59:59+09:00',
    });
    expect((await store.preregistrations.list())[0]?.benefitAppliedAt).toBe(INSTALLED_AT);
  });

  it('matches by the installer e-mail when the mall id differs from the registered one', async () => {
    const store = await setUp();
    await install(store, 'renamedmall');
    const result = await applyEarlyUserBenefit(store, {
      mallId: 'renamedmall',
      email: 'Tester@Example.com',
      launchDate: LAUNCH,
      now: INSTALLED_AT,
    });
    expect(result.applied).toBe(true);
    expect((await store.malls.get('renamedmall'))?.plan).toBe('free_until:2027-03-14');
  });

  it('leaves a mall that did not pre-register on its trial', async () => {
    const store = await setUp();
    await install(store, 'othermall02');
    const result = await applyEarlyUserBenefit(store, {
      mallId: 'othermall02',
      email: 'someone-else@example.com',
      launchDate: LAUNCH,
      now: INSTALLED_AT,
    });
    expect(result).toEqual({ applied: false, reason: 'no_match' });
    expect((await store.malls.get('othermall02'))?.plan).toBe('trial');
    expect((await store.preregistrations.counts()).benefitApplied).toBe(0);
  });

  it('grants nothing once the free period is over, and nothing twice', async () => {
    const store = await setUp();
    await install(store, 'testmall01');
    const late = Date.parse('2027-03-15T09:00:00+09:00');
    expect(
      await applyEarlyUserBenefit(store, { mallId: 'testmall01', launchDate: LAUNCH, now: late }),
    ).toEqual({
      applied: false,
      reason: 'period_over',
    });
    await applyEarlyUserBenefit(store, { mallId: 'testmall01', launchDate: LAUNCH, now: INSTALLED_AT });
    expect(
      await applyEarlyUserBenefit(store, { mallId: 'testmall01', launchDate: LAUNCH, now: INSTALLED_AT + 1 }),
    ).toEqual({
      applied: false,
      reason: 'already_granted',
    });
  });

  it('does not touch a plan it cannot read, nor a mall that is not installed', async () => {
    const store = await setUp();
    await store.malls.install('testmall01', { shopNo: 1, plan: 'enterprise-contract', now: INSTALLED_AT });
    expect(
      await applyEarlyUserBenefit(store, { mallId: 'testmall01', launchDate: LAUNCH, now: INSTALLED_AT }),
    ).toEqual({
      applied: false,
      reason: 'unknown_plan',
    });
    expect((await store.malls.get('testmall01'))?.plan).toBe('enterprise-contract');
    expect(
      await applyEarlyUserBenefit(store, { mallId: 'nomall99', launchDate: LAUNCH, now: INSTALLED_AT }),
    ).toEqual({
      applied: false,
      reason: 'mall_unknown',
    });
  });
});
