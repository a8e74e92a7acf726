import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/open-store.js';
import { makeOrder } from './order-fixtures.js';
import { storeTargets, uniqueMallId, type OpenedStore } from './store-targets.js';

const NOW = Date.parse('2026-03-02T12:00:00+09:00');

describe.each(storeTargets())('console store additions on $name', (target) => {
  let opened: OpenedStore;
  let store: Store;

  beforeAll(async () => {
    opened = await target.open();
    store = opened.store;
  });
  afterAll(async () => opened.cleanup());

  const installedMall = async (): Promise<string> => {
    const mallId = uniqueMallId('console-store');
    await store.malls.install(mallId, { shopNo: 1, plan: 'trial', now: NOW });
    return mallId;
  };

  it('hands a nonce out once until it expires, also to concurrent claimers', async () => {
    const key = `state-${uniqueMallId()}`;
    const claims = await Promise.all(
      Array.from({ length: 8 }, () => store.nonces.claim(key, NOW + 1000, NOW)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.nonces.claim(key, NOW + 5000, NOW + 999)).toBe(false);
    expect(await store.nonces.claim(key, NOW + 5000, NOW + 1000)).toBe(true);
    expect(await store.nonces.deleteExpired(NOW + 5000)).toBeGreaterThanOrEqual(1);
    expect(await store.nonces.claim(key, NOW + 9000, NOW + 5000)).toBe(true);
  });

  it('creates a local administrator once and replaces the password hash', async () => {
    const username = `admin-${uniqueMallId()}`;
    expect(await store.adminUsers.create({ username, passwordHash: 'scrypt$a', createdAt: NOW })).toBe(true);
    expect(await store.adminUsers.create({ username, passwordHash: 'scrypt$b', createdAt: NOW })).toBe(false);
    expect(await store.adminUsers.setPasswordHash(username, 'scrypt$c')).toBe(true);
    expect(await store.adminUsers.get(username)).toEqual({
      username,
      passwordHash: 'scrypt$c',
      createdAt: NOW,
    });
    expect(await store.adminUsers.count()).toBeGreaterThanOrEqual(1);
    expect(await store.adminUsers.setPasswordHash('nobody-here', 'x')).toBe(false);
  });

  it('pauses only a running backfill and resumes only a paused one; progress stops while paused', async () => {
    const mallId = await installedMall();
    const job = await store.backfillJobs.create(mallId, {
      jobId: 'dry-1',
      kind: 'dryRun',
      fromDate: '2026-03-01',
      toDate: '2026-03-02',
      total: null,
      options: { flowIds: ['f1'] },
      now: NOW,
    });
    expect(job).toMatchObject({
      kind: 'dryRun',
      status: 'running',
      options: { flowIds: ['f1'] },
      report: {},
    });
    expect(await store.backfillJobs.setPaused(mallId, 'dry-1', false, NOW)).toBe(false);
    expect(await store.backfillJobs.setPaused(mallId, 'dry-1', true, NOW)).toBe(true);
    expect(await store.backfillJobs.progress(mallId, 'dry-1', { cursor: 'c', processed: 5, now: NOW })).toBe(
      false,
    );
    expect(await store.backfillJobs.setPaused(mallId, 'dry-1', false, NOW)).toBe(true);
    const report = { VIP: { gained: 1, lost: 0, sampleGained: ['o1'], sampleLost: [] } };
    expect(
      await store.backfillJobs.progress(mallId, 'dry-1', { cursor: 'c', processed: 5, report, now: NOW }),
    ).toBe(true);
    expect(await store.backfillJobs.get(mallId, 'dry-1')).toMatchObject({
      processed: 5,
      cursor: 'c',
      report,
    });
    expect((await store.backfillJobs.list(mallId, 10, ['import'])).length).toBe(0);
    expect((await store.backfillJobs.list(mallId, 10, ['dryRun'])).map((entry) => entry.jobId)).toEqual([
      'dry-1',
    ]);
  });

  it('searches runs by order, label, flow and time with keyset pages, newest first', async () => {
    const mallId = await installedMall();
    const run = (runId: string, orderId: string, startedAt: number, label: string, flowId: string) =>
      store.runs.insert(mallId, {
        runId,
        orderId,
        trigger: 'order.created',
        startedAt,
        finishedAt: startedAt + 10,
        flowVersions: [{ flowId, version: 1 }],
        decision: { labels: [label] },
        trace: { big: 'trace' },
        actions: [],
        timings: { total: 10 },
      });
    await run('r1', 'o1', NOW - 3000, 'VIP', 'flow_a');
    await run('r2', 'o2', NOW - 2000, 'VIP_2%', 'flow-b');
    await run('r3', 'o1', NOW - 1000, '제주배송', 'flow_a');
    const ids = async (filter: Parameters<Store['runs']['search']>[1]) =>
      (await store.runs.search(mallId, filter)).map((entry) => entry.runId);
    expect(await ids({ limit: 10 })).toEqual(['r3', 'r2', 'r1']);
    expect(await ids({ orderId: 'o1', limit: 10 })).toEqual(['r3', 'r1']);
    expect(await ids({ label: 'VIP', limit: 10 })).toEqual(['r1']);
    expect(await ids({ label: 'VIP_2%', limit: 10 })).toEqual(['r2']);
    expect(await ids({ flowId: 'flow_a', limit: 10 })).toEqual(['r3', 'r1']);
    expect(await ids({ from: NOW - 2000, to: NOW - 1500, limit: 10 })).toEqual(['r2']);
    expect(await ids({ before: { startedAt: NOW - 2000, runId: 'r2' }, limit: 10 })).toEqual(['r1']);
    expect((await store.runs.search(mallId, { limit: 1 }))[0]).not.toHaveProperty('trace');
  });

  it('lists the latest order ids, optionally by id prefix, and reports webhook activity', async () => {
    const mallId = await installedMall();
    await store.orders.saveMany(
      mallId,
      [
        makeOrder('20260301-01', { placedAt: '2026-03-01T10:00:00+09:00' }),
        makeOrder('20260302-01', { placedAt: '2026-03-02T10:00:00+09:00' }),
        makeOrder('20260302-02', { placedAt: '2026-03-02T11:00:00+09:00' }),
      ],
      NOW,
    );
    expect(await store.orders.listRecentIds(mallId, { limit: 2 })).toEqual(['20260302-02', '20260302-01']);
    expect(await store.orders.listRecentIds(mallId, { limit: 5, orderIdPrefix: '20260301' })).toEqual([
      '20260301-01',
    ]);
    expect(await store.webhookInbox.activity(mallId, NOW)).toEqual({
      lastReceivedAt: null,
      receivedSince: 0,
    });
    await store.webhookInbox.receive(mallId, {
      dedupeKey: 'e1',
      eventNo: 90023,
      payload: {},
      receivedAt: NOW - 10,
    });
    await store.webhookInbox.receive(mallId, {
      dedupeKey: 'e2',
      eventNo: 90023,
      payload: {},
      receivedAt: NOW + 10,
    });
    expect(await store.webhookInbox.activity(mallId, NOW)).toEqual({
      lastReceivedAt: NOW + 10,
      receivedSince: 1,
    });
  });

  it('keeps merchant requests and language preferences per mall', async () => {
    const mallId = await installedMall();
    const request = await store.merchantRequests.create(mallId, {
      requestId: 'q1',
      kind: 'feedback',
      title: '제목',
      body: '본문',
      flowId: null,
      orderId: null,
      createdBy: 'operator',
      now: NOW,
    });
    expect(request.status).toBe('received');
    expect(
      await store.merchantRequests.answer(mallId, 'q1', { status: 'planned', reply: '다음 달', now: NOW }),
    ).toBe(true);
    expect(await store.merchantRequests.list(mallId, 10)).toMatchObject([
      { status: 'planned', reply: '다음 달' },
    ]);
    expect(await store.userPreferences.getLang(mallId, 'operator')).toBeNull();
    await store.userPreferences.setLang(mallId, 'operator', 'en', NOW);
    await store.userPreferences.setLang(mallId, 'operator', 'ko', NOW + 1);
    expect(await store.userPreferences.getLang(mallId, 'operator')).toBe('ko');
  });
});
