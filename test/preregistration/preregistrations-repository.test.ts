import { afterEach, describe, expect, it } from 'vitest';
import { normaliseMallRef } from '../../src/store/repositories/preregistrations-repository.js';
import { destroyPreregistrationsIfDue } from '../../src/pipeline/destroy-preregistrations.js';
import { storeTargets, type OpenedStore } from '../store/store-targets.js';
import { fakeRegistration, personalValues } from './prereg-fixtures.js';

const NOW = Date.parse('2026-12-03T10:00:00+09:00');

describe('normaliseMallRef', () => {
  it.each([
    ['testmall01', 'testmall01'],
    [' TestMall01 ', 'testmall01'],
    ['testmall01.cafe24.com', 'testmall01'],
    ['https://testmall01.cafe24.com/admin', 'testmall01'],
    ['http://m.testmall01.cafe24.com', 'testmall01'],
    ['https://www.brand-example.co.kr/', 'domain:brand-example.co.kr'],
  ])('%j → %j', (input, output) => expect(normaliseMallRef(input)).toBe(output));

  it.each(['ab', 'my shop!', 'https://', 'https://localhost', 'my_shop', ''])('refuses %j', (input) =>
    expect(normaliseMallRef(input)).toBeNull(),
  );
});

describe.each(storeTargets())('pre-registrations on $name', (target) => {
  let opened: OpenedStore | undefined;
  afterEach(async () => {
    await opened?.cleanup();
    opened = undefined;
  });
  const open = async () => {
    opened = await target.open();
    return opened.store;
  };

  it('stores a registration sealed: no personal value appears in the raw row', async () => {
    const store = await open();
    const input = fakeRegistration();
    expect(await store.preregistrations.register(input, NOW)).toMatchObject({ ok: true });
    const raw = await store.db.selectFrom('preregistrations').selectAll().execute();
    expect(raw).toHaveLength(1);
    const text = JSON.stringify(raw);
    for (const value of personalValues(input)) expect(text).not.toContain(value);
    expect(raw[0]?.email_hash).toMatch(/^[\w-]{43}$/);

    const [listed] = await store.preregistrations.list();
    expect(listed).toMatchObject({
      name: input.name,
      email: input.email,
      phone: input.phone,
      mall: input.mall,
      dailyOrders: 120,
      pains: [0, 2],
      tools: input.tools,
      consentVersion: '2026-12-v1/ko',
      consentedAt: NOW,
      createdAt: NOW,
      benefitAppliedAt: null,
      destroyedAt: null,
    });
  });

  it('refuses a second registration of the same e-mail (any case) or the same mall, storing nothing', async () => {
    const store = await open();
    await store.preregistrations.register(fakeRegistration(), NOW);
    const sameEmail = fakeRegistration({ email: 'TESTER@example.com', mall: 'othermall02' });
    const sameMall = fakeRegistration({ email: 'other@example.com' });
    expect(await store.preregistrations.register(sameEmail, NOW + 1)).toEqual({
      ok: false,
      error: 'duplicate',
    });
    expect(await store.preregistrations.register(sameMall, NOW + 2)).toEqual({
      ok: false,
      error: 'duplicate',
    });
    expect(
      await store.preregistrations.register(
        fakeRegistration({ email: 'b@example.com', mall: 'othermall02' }),
        NOW + 3,
      ),
    ).toMatchObject({ ok: true });
    expect((await store.preregistrations.counts()).total).toBe(2);
  });

  it('matches an installing mall by mall id, or by e-mail when the mall differs', async () => {
    const store = await open();
    const first = await store.preregistrations.register(fakeRegistration(), NOW);
    const second = await store.preregistrations.register(
      fakeRegistration({ email: 'second@example.com', mall: 'domain:brand-example.co.kr' }),
      NOW,
    );
    if (!first.ok || !second.ok) throw new Error('registration failed');
    expect(await store.preregistrations.findMatch({ mallId: 'testmall01' })).toEqual({ id: first.id });
    expect(
      await store.preregistrations.findMatch({ mallId: 'brandshop', email: ' Second@Example.com' }),
    ).toEqual({ id: second.id });
    // The mall id wins over an e-mail that belongs to another registration.
    expect(
      await store.preregistrations.findMatch({ mallId: 'testmall01', email: 'second@example.com' }),
    ).toEqual({ id: first.id });
    expect(await store.preregistrations.findMatch({ mallId: 'unknownmall', email: null })).toBeNull();
  });

  it('destruction leaves no personal field and no hash, keeps the counts, and is idempotent', async () => {
    const store = await open();
    const inputs = [
      fakeRegistration(),
      fakeRegistration({ email: 'b@example.com', mall: 'othermall02', pains: [2, 4] }),
    ];
    for (const input of inputs) await store.preregistrations.register(input, NOW);
    const first = await store.preregistrations.findMatch({ mallId: 'testmall01' });
    await store.preregistrations.markBenefitApplied(first?.id ?? -1, NOW + 5);

    expect(await store.preregistrations.destroyPersonalData(NOW + 10)).toBe(2);
    expect(await store.preregistrations.destroyPersonalData(NOW + 11)).toBe(0);

    const raw = await store.db.selectFrom('preregistrations').selectAll().execute();
    for (const row of raw) {
      expect(row).toMatchObject({
        name: null,
        email: null,
        phone: null,
        mall: null,
        tools: null,
        email_hash: null,
        mall_hash: null,
        destroyed_at: NOW + 10,
      });
    }
    const text = JSON.stringify(raw);
    for (const value of inputs.flatMap(personalValues)) expect(text).not.toContain(value);
    expect(await store.preregistrations.counts()).toEqual({
      total: 2,
      destroyed: 2,
      benefitApplied: 1,
      pains: { 0: 1, 2: 2, 4: 1 },
    });
    expect(
      await store.preregistrations.findMatch({ mallId: 'testmall01', email: 'tester@example.com' }),
    ).toBeNull();
  });

  it('the destruction job waits for the configured end of the purpose', async () => {
    const store = await open();
    await store.preregistrations.register(fakeRegistration(), NOW);
    const purposeEndsAt = NOW + 1000;
    expect(await destroyPreregistrationsIfDue(store, { purposeEndsAt, now: NOW + 999 })).toEqual({
      due: false,
    });
    expect((await store.preregistrations.list())[0]?.email).toBe('tester@example.com');
    expect(await destroyPreregistrationsIfDue(store, { purposeEndsAt, now: purposeEndsAt })).toEqual({
      due: true,
      destroyed: 1,
    });
    expect((await store.preregistrations.list())[0]).toMatchObject({
      email: null,
      name: null,
      destroyedAt: purposeEndsAt,
    });
  });

  it('a repository bound to a transaction uses the same stored hash key, so it sees the same duplicates', async () => {
    const store = await open();
    await store.transaction(async (repositories) => {
      await repositories.preregistrations.register(fakeRegistration(), NOW);
    });
    expect(await store.preregistrations.register(fakeRegistration({ mall: 'othermall02' }), NOW)).toEqual({
      ok: false,
      error: 'duplicate',
    });
  });
});
