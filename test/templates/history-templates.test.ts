import { describe, expect, it } from 'vitest';
import { domainOrder, kst, kstPlusMinutes } from './domain-order.js';
import { labelsByTemplate } from './replay-template.js';

const T0 = kst('2026-11-02 10:00');
const DAY_MINUTES = 24 * 60;

describe('BUNDLE_SHIP', () => {
  it('labels both orders when the second comes exactly 60 minutes after the first', async () => {
    const labels = await labelsByTemplate('BUNDLE_SHIP', [
      domainOrder({ orderId: 'FIRST', placedAt: T0 }),
      domainOrder({ orderId: 'SECOND', placedAt: kstPlusMinutes(T0, 60) }),
    ]);
    expect(labels).toEqual({ FIRST: ['BUNDLE_SHIP'], SECOND: ['BUNDLE_SHIP'] });
  });

  it('labels neither order 61 minutes apart', async () => {
    const labels = await labelsByTemplate('BUNDLE_SHIP', [
      domainOrder({ orderId: 'FIRST', placedAt: T0 }),
      domainOrder({ orderId: 'SECOND', placedAt: kstPlusMinutes(T0, 61) }),
    ]);
    expect(labels).toEqual({ FIRST: [], SECOND: [] });
  });

  it('labels the earlier order even when the input lists it last', async () => {
    const labels = await labelsByTemplate('BUNDLE_SHIP', [
      domainOrder({ orderId: 'SECOND', placedAt: kstPlusMinutes(T0, 30) }),
      domainOrder({ orderId: 'FIRST', placedAt: T0 }),
    ]);
    expect(labels).toEqual({ SECOND: ['BUNDLE_SHIP'], FIRST: ['BUNDLE_SHIP'] });
  });

  it('never bundles with or labels a cancelled order', async () => {
    const labels = await labelsByTemplate('BUNDLE_SHIP', [
      domainOrder({ orderId: 'CANCELLED', placedAt: T0, canceled: true }),
      domainOrder({ orderId: 'LATER', placedAt: kstPlusMinutes(T0, 10) }),
      domainOrder({ orderId: 'CANCELLED_LATER', placedAt: kstPlusMinutes(T0, 20), canceled: true }),
    ]);
    expect(labels).toEqual({ CANCELLED: [], LATER: [], CANCELLED_LATER: [] });
  });

  it('does not bundle different members', async () => {
    const labels = await labelsByTemplate('BUNDLE_SHIP', [
      domainOrder({ orderId: 'A', placedAt: T0, memberId: 'fake_a' }),
      domainOrder({ orderId: 'B', placedAt: kstPlusMinutes(T0, 5), memberId: 'fake_b' }),
    ]);
    expect(labels).toEqual({ A: [], B: [] });
  });

  it('bundles guests by receiver name, cellphone and zip', async () => {
    const labels = await labelsByTemplate('BUNDLE_SHIP', [
      domainOrder({ orderId: 'G1', placedAt: T0, memberId: null }),
      domainOrder({ orderId: 'G2', placedAt: kstPlusMinutes(T0, 5), memberId: null }),
      domainOrder({ orderId: 'OTHER_ZIP', placedAt: kstPlusMinutes(T0, 6), memberId: null, zip: '06000' }),
    ]);
    expect(labels).toEqual({ G1: ['BUNDLE_SHIP'], G2: ['BUNDLE_SHIP'], OTHER_ZIP: [] });
  });

  it('BUNDLE_HINT (example) labels 합포장가능 on both orders', async () => {
    const labels = await labelsByTemplate('BUNDLE_HINT', [
      domainOrder({ orderId: 'FIRST', placedAt: T0 }),
      domainOrder({ orderId: 'SECOND', placedAt: kstPlusMinutes(T0, 59) }),
    ]);
    expect(labels).toEqual({ FIRST: ['합포장가능'], SECOND: ['합포장가능'] });
  });
});

describe('VIP_GIFT', () => {
  const history = (lastAmount: number) => [
    domainOrder({ orderId: 'H1', placedAt: kst('2026-01-10 10:00'), productAmount: 600_000 }),
    domainOrder({ orderId: 'H2', placedAt: kst('2026-11-02 10:00'), productAmount: lastAmount }),
  ];

  it('marks a gift target when the cumulative amount reaches exactly 1,000,000 won', async () => {
    expect((await labelsByTemplate('VIP_GIFT', history(400_000))).H2).toEqual(['VIP_GIFT']);
  });

  it('does not at 999,999 won', async () => {
    expect((await labelsByTemplate('VIP_GIFT', history(399_999))).H2).toEqual([]);
  });

  it('does not count cancelled orders and never labels guests', async () => {
    const labels = await labelsByTemplate('VIP_GIFT', [
      domainOrder({
        orderId: 'CANCELLED',
        placedAt: kst('2026-10-01 10:00'),
        productAmount: 900_000,
        canceled: true,
      }),
      domainOrder({ orderId: 'MEMBER', placedAt: kst('2026-11-02 10:00'), productAmount: 200_000 }),
      domainOrder({ orderId: 'GUEST', memberId: null, productAmount: 1_500_000 }),
    ]);
    expect(labels).toEqual({ CANCELLED: [], MEMBER: [], GUEST: [] });
  });

  it('adds a gift-target action naming the gift', async () => {
    const { replayTemplate } = await import('./replay-template.js');
    const lines = await replayTemplate('VIP_GIFT', history(400_000), { params: { gift: '텀블러' } });
    expect(lines[1]?.actions).toEqual([
      expect.objectContaining({ type: 'giftTarget', gift: '텀블러', label: 'VIP_GIFT', ruleId: 'VIP_GIFT' }),
    ]);
  });

  it('VIP_CUSTOMER (example) labels VIP at 1,000,000 won but not 999,999 won', async () => {
    expect((await labelsByTemplate('VIP_CUSTOMER', history(400_000))).H2).toEqual(['VIP']);
    expect((await labelsByTemplate('VIP_CUSTOMER', history(399_999))).H2).toEqual([]);
  });
});

describe('RETURN_RISK', () => {
  const returned = { items: [{ status: 'R40' }] };
  /** Two earlier orders with returns, the older `olderDays` before the new order at T0. */
  const scenario = (olderDays: number) => [
    domainOrder({ orderId: 'R_OLD', placedAt: kstPlusMinutes(T0, -olderDays * DAY_MINUTES), ...returned }),
    domainOrder({ orderId: 'R_RECENT', placedAt: kstPlusMinutes(T0, -10 * DAY_MINUTES), ...returned }),
    domainOrder({ orderId: 'NEW', placedAt: T0 }),
  ];

  it('labels a member with 2 returned orders placed 89 days and 10 days before', async () => {
    expect((await labelsByTemplate('RETURN_RISK', scenario(89))).NEW).toEqual(['RETURN_RISK']);
  });

  it('counts a return placed exactly 90 days before', async () => {
    expect((await labelsByTemplate('RETURN_RISK', scenario(90))).NEW).toEqual(['RETURN_RISK']);
  });

  it('does not count one placed 91 days before', async () => {
    expect((await labelsByTemplate('RETURN_RISK', scenario(91))).NEW).toEqual([]);
  });

  it('needs returned items, not just earlier orders, and ignores cancelled ones', async () => {
    const labels = await labelsByTemplate('RETURN_RISK', [
      domainOrder({ orderId: 'PLAIN', placedAt: kstPlusMinutes(T0, -20 * DAY_MINUTES) }),
      domainOrder({
        orderId: 'CANCELLED',
        placedAt: kstPlusMinutes(T0, -15 * DAY_MINUTES),
        canceled: true,
        ...returned,
      }),
      domainOrder({ orderId: 'R1', placedAt: kstPlusMinutes(T0, -10 * DAY_MINUTES), ...returned }),
      domainOrder({ orderId: 'NEW', placedAt: T0 }),
    ]);
    expect(labels.NEW).toEqual([]);
  });

  it('CS_CAUTION (example) labels CS주의 on the same history', async () => {
    expect((await labelsByTemplate('CS_CAUTION', scenario(30))).NEW).toEqual(['CS주의']);
  });
});
