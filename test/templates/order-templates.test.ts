import { describe, expect, it } from 'vitest';
import { domainOrder, kst } from './domain-order.js';
import { labelsByTemplate, replayTemplate } from './replay-template.js';

const guest = { memberId: null } as const;

describe('FIRST_ORDER', () => {
  it('labels an order Cafe24 marks first_order T, member or guest', async () => {
    const labels = await labelsByTemplate('FIRST_ORDER', [
      domainOrder({ orderId: 'A', firstOrder: true }),
      domainOrder({ orderId: 'B', firstOrder: true, ...guest }),
    ]);
    expect(labels).toEqual({ A: ['FIRST_ORDER'], B: ['FIRST_ORDER'] });
  });

  it('labels a member with no earlier order when Cafe24 leaves first_order empty, not their second order', async () => {
    const labels = await labelsByTemplate('FIRST_ORDER', [
      domainOrder({ orderId: 'A', placedAt: kst('2026-11-01 10:00') }),
      domainOrder({ orderId: 'B', placedAt: kst('2026-11-02 10:00') }),
    ]);
    expect(labels).toEqual({ A: ['FIRST_ORDER'], B: [] });
  });

  it('labels a guest only when Cafe24 says T', async () => {
    const labels = await labelsByTemplate('FIRST_ORDER', [
      domainOrder({ orderId: 'EMPTY', firstOrder: null, ...guest }),
      domainOrder({ orderId: 'F', firstOrder: false, ...guest, zip: '06000' }),
    ]);
    expect(labels).toEqual({ EMPTY: [], F: [] });
  });

  it('trusts Cafe24 first_order F over an empty own history', async () => {
    expect(await labelsByTemplate('FIRST_ORDER', [domainOrder({ orderId: 'A', firstOrder: false })])).toEqual(
      { A: [] },
    );
  });

  it('does not count a cancelled earlier order as history', async () => {
    const labels = await labelsByTemplate('FIRST_ORDER', [
      domainOrder({ orderId: 'CANCELLED', placedAt: kst('2026-11-01 10:00'), canceled: true }),
      domainOrder({ orderId: 'B', placedAt: kst('2026-11-02 10:00') }),
    ]);
    expect(labels.B).toEqual(['FIRST_ORDER']);
  });

  it('uses a renamed label', async () => {
    const labels = await labelsByTemplate('FIRST_ORDER', [domainOrder({ orderId: 'A', firstOrder: true })], {
      params: { label: '첫주문' },
    });
    expect(labels).toEqual({ A: ['첫주문'] });
  });
});

describe('ISLAND_SHIP', () => {
  it('labels Jeju and 도서산간 zips but not Seoul', async () => {
    const labels = await labelsByTemplate('ISLAND_SHIP', [
      domainOrder({ orderId: 'JEJU', zip: '63309' }),
      domainOrder({ orderId: 'ULLEUNG', zip: '40200' }),
      domainOrder({ orderId: 'SEOUL', zip: '06258' }),
    ]);
    expect(labels).toEqual({ JEJU: ['ISLAND_SHIP'], ULLEUNG: ['ISLAND_SHIP'], SEOUL: [] });
  });
});

describe('HIGH_VALUE', () => {
  it('labels 100,000 won and more, not 99,999 won', async () => {
    const labels = await labelsByTemplate('HIGH_VALUE', [
      domainOrder({ orderId: 'BELOW', productAmount: 99_999 }),
      domainOrder({ orderId: 'AT', productAmount: 100_000, memberId: 'fake_other' }),
    ]);
    expect(labels).toEqual({ BELOW: [], AT: ['HIGH_VALUE'] });
  });

  it('moves the threshold with its parameter', async () => {
    const labels = await labelsByTemplate(
      'HIGH_VALUE',
      [domainOrder({ orderId: 'A', productAmount: 60_000 })],
      {
        params: { minAmount: 50_000 },
      },
    );
    expect(labels).toEqual({ A: ['HIGH_VALUE'] });
  });
});

describe('BIG_ORDER (example)', () => {
  it('labels 고액주문 from 300,000 won', async () => {
    const labels = await labelsByTemplate('BIG_ORDER', [
      domainOrder({ orderId: 'BELOW', productAmount: 299_999 }),
      domainOrder({ orderId: 'AT', productAmount: 300_000 }),
    ]);
    expect(labels).toEqual({ BELOW: [], AT: ['고액주문'] });
  });
});

describe('BANK_ALERT', () => {
  it('labels an unpaid bank-transfer order and notifies', async () => {
    const [line] = await replayTemplate('BANK_ALERT', [
      domainOrder({ orderId: 'A', paymentMethods: ['cash'], paid: 'F' }),
    ]);
    expect(line?.labels).toEqual(['BANK_ALERT']);
    expect(line?.actions.map((action) => action.type)).toEqual(['addLabel', 'notify']);
    expect(line?.actions[1]).toMatchObject({
      type: 'notify',
      channel: 'default',
      text: '무통장입금 대기 주문 A',
    });
  });

  it('ignores paid bank transfers and unpaid card orders; partial payment still alerts', async () => {
    const labels = await labelsByTemplate('BANK_ALERT', [
      domainOrder({ orderId: 'PAID', paymentMethods: ['cash'], paid: 'T' }),
      domainOrder({ orderId: 'CARD', paymentMethods: ['card'], paid: 'F' }),
      domainOrder({ orderId: 'PARTIAL', paymentMethods: ['card', 'cash'], paid: 'M' }),
    ]);
    expect(labels).toEqual({ PAID: [], CARD: [], PARTIAL: ['BANK_ALERT'] });
  });
});

describe('FRAUD_CHECK', () => {
  const base = { firstOrder: true, productAmount: 150_000 } as const;
  const withIp = (clientIp: string | null) => ({
    personal: { ...domainOrder({ orderId: 'x' }).personal, clientIp },
  });

  it('labels a first order of 100,000 won or more from an overseas IP', async () => {
    const labels = await labelsByTemplate('FRAUD_CHECK', [
      domainOrder({ orderId: 'US', ...base, ...withIp('8.8.8.8') }),
    ]);
    expect(labels).toEqual({ US: ['FRAUD_CHECK'] });
  });

  it('never matches a Korean, private, malformed or missing IP', async () => {
    const labels = await labelsByTemplate('FRAUD_CHECK', [
      domainOrder({ orderId: 'KR', ...base, ...withIp('211.234.10.1') }),
      domainOrder({ orderId: 'PRIVATE', ...base, ...withIp('10.0.0.1'), memberId: 'b' }),
      domainOrder({ orderId: 'BAD', ...base, ...withIp('not-an-ip'), memberId: 'c' }),
      domainOrder({ orderId: 'NONE', ...base, ...withIp(null), memberId: 'd' }),
    ]);
    expect(labels).toEqual({ KR: [], PRIVATE: [], BAD: [], NONE: [] });
  });

  it('needs both the amount and the first order', async () => {
    const labels = await labelsByTemplate('FRAUD_CHECK', [
      domainOrder({ orderId: 'SMALL', ...base, productAmount: 99_999, ...withIp('8.8.8.8') }),
      domainOrder({ orderId: 'REPEAT', ...base, firstOrder: false, ...withIp('8.8.8.8'), memberId: 'b' }),
    ]);
    expect(labels).toEqual({ SMALL: [], REPEAT: [] });
  });

  it('HIGH_RISK (example) labels 고위험주문 on the same condition', async () => {
    const labels = await labelsByTemplate('HIGH_RISK', [
      domainOrder({ orderId: 'US', ...base, ...withIp('8.8.8.8') }),
    ]);
    expect(labels).toEqual({ US: ['고위험주문'] });
  });
});

describe('JEJU_REMOTE (example)', () => {
  it('labels 제주배송 for Jeju', async () => {
    expect(await labelsByTemplate('JEJU_REMOTE', [domainOrder({ orderId: 'A', zip: '63309' })])).toEqual({
      A: ['제주배송'],
    });
  });
});
