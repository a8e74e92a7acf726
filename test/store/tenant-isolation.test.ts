import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowInput } from '../../src/engine/flow-schema.js';
import type { Store } from '../../src/store/open-store.js';
import type { Repositories } from '../../src/store/create-repositories.js';
import { makeItem, makeOrder } from './order-fixtures.js';
import { storeTargets, uniqueMallId, type OpenedStore } from './store-targets.js';

const NOW = Date.parse('2026-03-02T12:00:00+09:00');
/** Every value of mall A carries one of these; nothing mall B reads may contain them. */
const SECRET = 'A-SECRET';
const SECRET_AMOUNT = 777_777;

const ids = {
  order: 'iso-order',
  item: 'iso-order-01',
  flow: 'iso-flow',
  run: 'iso-run',
  event: 'iso-event',
  notify: 'iso-notify',
  gift: 'iso-gift',
  job: 'iso-job',
  request: 'iso-request',
  product: 7,
  variant: 'iso-variant',
  customer: 'm:shared-member',
};

const flow = (name: string): FlowInput => ({
  id: ids.flow,
  name,
  rules: [
    {
      id: 'r1',
      name,
      when: { kind: 'all', conditions: [] },
      then: [{ type: 'addLabel', label: name, scope: 'order' }],
    },
  ],
});

const order = (content: string, amount: number) =>
  makeOrder(ids.order, {
    memberId: 'shared-member',
    productAmount: amount,
    items: [
      makeItem(ids.order, 0, {
        name: content,
        productNo: ids.product,
        variantCode: ids.variant,
        labels: ['VIP'],
      }),
    ],
    personal: { ...makeOrder(ids.order).personal, receiverName: content },
  });

const tokens = (content: string) => ({
  accessToken: `${content}-access`,
  accessExpiresAt: NOW + 1000,
  refreshToken: `${content}-refresh`,
  refreshExpiresAt: NOW + 2000,
});

async function seed(
  store: Store,
  mallId: string,
  content: string,
  amount: number,
): Promise<{ eventId: number; notifyId: number }> {
  await store.malls.install(mallId, { shopNo: 1, plan: 'free', now: NOW });
  await store.settings.update(mallId, { labelNames: { VIP: content } }, NOW);
  await store.credentials.put(mallId, tokens(content), NOW);
  await store.flows.save(mallId, flow(`${content} v1`), { author: content, note: content, now: NOW });
  await store.flows.save(mallId, flow(`${content} v2`), { author: content, note: content, now: NOW });
  await store.orders.save(mallId, order(content, amount), NOW);
  await store.labels.claim(mallId, [
    { itemCode: ids.item, label: 'VIP', orderId: ids.order, runId: content, addedAt: NOW },
  ]);
  await store.products.upsert(
    mallId,
    [
      {
        productNo: ids.product,
        productCode: 'P7',
        name: content,
        tags: [content],
        variants: [{ variantCode: ids.variant, quantity: 5, useInventory: true }],
      },
    ],
    NOW,
  );
  await store.runs.insert(mallId, {
    runId: ids.run,
    orderId: ids.order,
    trigger: 'order.created',
    startedAt: NOW,
    finishedAt: NOW,
    flowVersions: [],
    decision: { note: content },
    trace: [],
    actions: [{ type: 'memo', outcome: 'pending', text: content }],
    timings: {},
  });
  const event = await store.webhookInbox.receive(mallId, {
    dedupeKey: ids.event,
    eventNo: 90023,
    payload: { content },
    receivedAt: NOW,
  });
  const notify = await store.notifications.reserve(mallId, {
    dedupeKey: ids.notify,
    channel: 'slack',
    orderId: ids.order,
    runId: ids.run,
    payload: { content },
    createdAt: NOW,
  });
  await store.auditLog.append(mallId, {
    actor: content,
    action: 'flow.save',
    target: 'flow',
    details: { content },
    at: NOW,
  });
  await store.giftChecklist.add(mallId, {
    orderId: ids.order,
    gift: ids.gift,
    runId: content,
    createdAt: NOW,
  });
  await store.backfillJobs.create(mallId, {
    jobId: ids.job,
    fromDate: '2026-01-01',
    toDate: '2026-01-31',
    total: null,
    now: NOW,
  });
  await store.backfillJobs.progress(mallId, ids.job, { cursor: content, processed: 1, now: NOW });
  await store.merchantRequests.create(mallId, {
    requestId: ids.request,
    kind: 'automation',
    title: content,
    body: content,
    flowId: ids.flow,
    orderId: ids.order,
    createdBy: content,
    now: NOW,
  });
  await store.userPreferences.setLang(mallId, content, 'en', NOW);
  await store.cafe24CallBudget.update(
    mallId,
    () => NOW,
    () => ({
      bucket: { level: amount, levelAt: NOW, lastSlot: NOW, capacity: 40, pausedUntil: NOW },
      result: null,
    }),
  );
  if (!event.ok || !notify.ok) throw new Error('seeding failed');
  return { eventId: event.id, notifyId: notify.id };
}

/** Everything mall A has, read through mall A's own functions. */
async function snapshot(store: Store, mallId: string): Promise<unknown> {
  return {
    mall: await store.malls.get(mallId),
    settings: await store.settings.get(mallId),
    credentials: await store.credentials.get(mallId),
    flows: await store.flows.list(mallId),
    versions: await store.flows.listVersions(mallId, ids.flow),
    order: await store.orders.get(mallId, ids.order),
    ledger: await store.ledger.get(mallId, ids.customer),
    history: await store.ledger.earlierOrders(mallId, ids.customer, { orderId: 'later', placedAt: NOW * 2 }),
    labels: await store.labels.listForOrder(mallId, ids.order),
    products: await store.products.list(mallId),
    runs: await store.runs.listForOrder(mallId, ids.order),
    inbox: await Promise.all(
      (['received', 'processed', 'failed', 'ignored'] as const).map((status) =>
        store.webhookInbox.listByStatus(mallId, status, 10),
      ),
    ),
    notifications: await store.notifications.list(mallId, 10),
    audit: await store.auditLog.list(mallId, { limit: 10 }),
    gifts: await store.giftChecklist.list(mallId, { pendingOnly: false, limit: 10 }),
    jobs: await store.backfillJobs.list(mallId, 10),
    requests: await store.merchantRequests.list(mallId, 10),
    lang: await store.userPreferences.getLang(mallId, SECRET),
    // The bucket only: "now" is the database clock on PostgreSQL.
    callBudget: (await store.cafe24CallBudget.read(mallId, () => NOW))?.bucket ?? null,
  };
}

type Probe = (store: Store, mallB: string, a: { eventId: number; notifyId: number }) => Promise<unknown>;

/**
 * Mall B calls every repository function with mall A's identifiers. Reads come first in each group,
 * before B has rows of its own under those identifiers.
 */
const probes: { [R in keyof Repositories]: Record<keyof Repositories[R], Probe> } = {
  malls: {
    get: (s, b) => s.malls.get(b),
    setState: (s, b) => s.malls.setState(b, 'reconnect_needed', NOW + 1),
    setPlan: (s, b) => s.malls.setPlan(b, 'pro', NOW + 1),
    install: (s, b) => s.malls.install(b, { shopNo: 9, plan: 'pro', now: NOW + 1 }),
  },
  settings: {
    get: (s, b) => s.settings.get(b),
    update: (s, b) => s.settings.update(b, { retentionDays: 7, labelNames: {} }, NOW + 1),
  },
  credentials: {
    get: (s, b) => s.credentials.get(b),
    withRefreshLock: (s, b) => s.credentials.withRefreshLock(b, async (current) => current),
    compareAndSet: (s, b) => s.credentials.compareAndSet(b, 1, tokens('B'), NOW + 1),
    put: (s, b) => s.credentials.put(b, tokens('B'), NOW + 1),
    delete: (s, b) => s.credentials.delete(b),
  },
  flows: {
    get: (s, b) => s.flows.get(b, ids.flow),
    list: (s, b) => s.flows.list(b),
    listVersions: (s, b) => s.flows.listVersions(b, ids.flow),
    getVersion: (s, b) => s.flows.getVersion(b, ids.flow, 1),
    diff: (s, b) => s.flows.diff(b, ids.flow, 1, 2),
    rollback: (s, b) => s.flows.rollback(b, ids.flow, 1, { author: 'B', note: 'B', now: NOW + 1 }),
    save: (s, b) => s.flows.save(b, flow('B'), { author: 'B', note: 'B', now: NOW + 1, expectedVersion: 2 }),
  },
  orders: {
    get: (s, b) => s.orders.get(b, ids.order),
    getStateHash: (s, b) => s.orders.getStateHash(b, ids.order),
    listIds: (s, b) => s.orders.listIds(b, { from: 0, to: NOW * 2, limit: 10 }),
    listRecentIds: (s, b) => s.orders.listRecentIds(b, { limit: 10, orderIdPrefix: 'iso' }),
    save: (s, b) => s.orders.save(b, order('B', 1000), NOW + 1),
    saveMany: (s, b) => s.orders.saveMany(b, [{ ...order('B', 2000), canceled: true }], NOW + 1),
    removeItemLabels: (s, b) => s.orders.removeItemLabels(b, [{ itemCode: ids.item, label: 'VIP' }]),
  },
  ledger: {
    get: (s, b) => s.ledger.get(b, ids.customer),
    earlierOrders: (s, b) => s.ledger.earlierOrders(b, ids.customer, { orderId: 'later', placedAt: NOW * 2 }),
    earlierOrdersMany: (s, b) =>
      s.ledger.earlierOrdersMany(b, [
        { customerKey: ids.customer, before: { orderId: 'x', placedAt: NOW * 2 } },
      ]),
    record: (s, b) => s.ledger.record(b, [order('B', 3000)]),
    rebuild: (s, b) => s.ledger.rebuild(b),
  },
  labels: {
    listForOrder: (s, b) => s.labels.listForOrder(b, ids.order),
    release: (s, b) => s.labels.release(b, ids.item, ['VIP']),
    claim: (s, b) =>
      s.labels.claim(b, [
        { itemCode: ids.item, label: 'VIP', orderId: ids.order, runId: 'B', addedAt: NOW + 1 },
      ]),
  },
  products: {
    get: (s, b) => s.products.get(b, ids.product),
    getMany: (s, b) => s.products.getMany(b, [ids.product]),
    list: (s, b) => s.products.list(b),
    setTags: (s, b) => s.products.setTags(b, ids.product, ['B'], NOW + 1),
    setStock: (s, b) => s.products.setStock(b, ids.variant, 0),
    upsert: (s, b) =>
      s.products.upsert(
        b,
        [{ productNo: ids.product, productCode: 'P7', name: 'B', tags: [], variants: [] }],
        NOW + 1,
      ),
  },
  runs: {
    get: (s, b) => s.runs.get(b, ids.run),
    listForOrder: (s, b) => s.runs.listForOrder(b, ids.order),
    listRecent: (s, b) => s.runs.listRecent(b, { limit: 10 }),
    search: (s, b) => s.runs.search(b, { orderId: ids.order, label: 'VIP', flowId: ids.flow, limit: 10 }),
    setActions: (s, b) => s.runs.setActions(b, ids.run, []),
    insert: (s, b) =>
      s.runs.insert(b, {
        runId: ids.run,
        orderId: ids.order,
        trigger: 'manual',
        startedAt: NOW,
        finishedAt: NOW,
        flowVersions: [],
        decision: null,
        trace: null,
        actions: [],
        timings: {},
      }),
  },
  webhookInbox: {
    get: (s, b, a) => s.webhookInbox.get(b, a.eventId),
    listByStatus: (s, b) => s.webhookInbox.listByStatus(b, 'received', 10),
    activity: (s, b) => s.webhookInbox.activity(b, 0),
    markStatus: (s, b, a) =>
      s.webhookInbox.markStatus(b, a.eventId, { status: 'failed', at: NOW + 1, error: 'B' }),
    receive: (s, b) =>
      s.webhookInbox.receive(b, { dedupeKey: ids.event, eventNo: 90023, payload: {}, receivedAt: NOW + 1 }),
    receiveMany: (s, b) =>
      s.webhookInbox.receiveMany(b, [
        { dedupeKey: ids.event, eventNo: 90023, payload: {}, receivedAt: NOW + 1 },
      ]),
  },
  notifications: {
    list: (s, b) => s.notifications.list(b, 10),
    markSent: (s, b, a) => s.notifications.markSent(b, a.notifyId, NOW + 1),
    markFailed: (s, b, a) => s.notifications.markFailed(b, a.notifyId, 'B'),
    markUncertain: (s, b, a) => s.notifications.markUncertain(b, a.notifyId, 'B'),
    claimForSending: (s, b, a) => s.notifications.claimForSending(b, a.notifyId),
    status: (s, b, a) => s.notifications.status(b, a.notifyId),
    reserve: (s, b) =>
      s.notifications.reserve(b, {
        dedupeKey: ids.notify,
        channel: 'slack',
        orderId: null,
        runId: null,
        payload: {},
        createdAt: NOW + 1,
      }),
  },
  auditLog: {
    list: (s, b) => s.auditLog.list(b, { limit: 10 }),
    append: (s, b) =>
      s.auditLog.append(b, { actor: 'B', action: 'x', target: 'flow', details: null, at: NOW + 1 }),
  },
  giftChecklist: {
    list: (s, b) => s.giftChecklist.list(b, { pendingOnly: false, limit: 10 }),
    check: (s, b) => s.giftChecklist.check(b, ids.order, ids.gift, { actor: 'B', at: NOW + 1 }),
    uncheck: (s, b) => s.giftChecklist.uncheck(b, ids.order, ids.gift),
    add: (s, b) =>
      s.giftChecklist.add(b, { orderId: ids.order, gift: ids.gift, runId: 'B', createdAt: NOW + 1 }),
  },
  backfillJobs: {
    get: (s, b) => s.backfillJobs.get(b, ids.job),
    list: (s, b) => s.backfillJobs.list(b, 10),
    progress: (s, b) => s.backfillJobs.progress(b, ids.job, { cursor: 'B', processed: 99, now: NOW + 1 }),
    setPaused: (s, b) => s.backfillJobs.setPaused(b, ids.job, true, NOW + 1),
    finish: (s, b) => s.backfillJobs.finish(b, ids.job, { status: 'failed', error: 'B', now: NOW + 1 }),
    create: (s, b) =>
      s.backfillJobs.create(b, {
        jobId: ids.job,
        fromDate: '2026-02-01',
        toDate: '2026-02-02',
        total: 1,
        now: NOW + 1,
      }),
  },
  merchantRequests: {
    list: (s, b) => s.merchantRequests.list(b, 10),
    answer: (s, b) => s.merchantRequests.answer(b, ids.request, { status: 'done', reply: 'B', now: NOW + 1 }),
    create: (s, b) =>
      s.merchantRequests.create(b, {
        requestId: ids.request,
        kind: 'feedback',
        title: 'B',
        body: 'B',
        flowId: null,
        orderId: null,
        createdBy: 'B',
        now: NOW + 1,
      }),
  },
  userPreferences: {
    getLang: (s, b) => s.userPreferences.getLang(b, SECRET),
    setLang: (s, b) => s.userPreferences.setLang(b, SECRET, 'ko', NOW + 1),
  },
  // Global by design (no tenant): the probes only check they hand out nothing of mall A.
  cafe24CallBudget: {
    read: (s, b) => s.cafe24CallBudget.read(b, () => NOW),
    update: (s, b) =>
      s.cafe24CallBudget.update(
        b,
        () => NOW,
        (bucket, now) => ({
          bucket: { level: 1, levelAt: now, lastSlot: now, capacity: 40, pausedUntil: 0 },
          result: bucket,
        }),
      ),
  },
  mallLocks: {
    acquire: (s, b) => s.mallLocks.acquire(b, 'B', NOW, 1000),
    release: (s, b) => s.mallLocks.release(b, 'B'),
  },
  nonces: {
    claim: (s) => s.nonces.claim('iso-nonce', NOW + 1000, NOW),
    deleteExpired: (s) => s.nonces.deleteExpired(NOW),
  },
  preregistrations: {
    list: (s) => s.preregistrations.list({ limit: 10 }),
    counts: (s) => s.preregistrations.counts(),
    findMatch: (s, b) => s.preregistrations.findMatch({ mallId: b }),
    markBenefitApplied: (s) => s.preregistrations.markBenefitApplied(999_999, NOW + 1),
    register: (s, b) =>
      s.preregistrations.register(
        {
          name: '테스트 사용자',
          email: 'tester@example.com',
          phone: '010-0000-1234',
          mall: b,
          dailyOrders: 100,
          pains: [0],
          tools: null,
          consentVersion: '2026-12-v1/ko',
        },
        NOW + 1,
      ),
    destroyPersonalData: (s) => s.preregistrations.destroyPersonalData(NOW + 1),
  },
  adminUsers: {
    get: (s) => s.adminUsers.get('iso-admin'),
    count: (s) => s.adminUsers.count(),
    create: (s) => s.adminUsers.create({ username: 'iso-admin', passwordHash: 'scrypt$x', createdAt: NOW }),
    setPasswordHash: (s) => s.adminUsers.setPasswordHash('iso-admin', 'scrypt$y'),
  },
};

describe.each(storeTargets())('tenant isolation on $name', (target) => {
  let opened: OpenedStore;
  let store: Store;
  let mallA: string;
  let mallB: string;
  let seededA: { eventId: number; notifyId: number };
  let before: unknown;

  beforeAll(async () => {
    opened = await target.open();
    store = opened.store;
    mallA = uniqueMallId('a');
    mallB = uniqueMallId('b');
    seededA = await seed(store, mallA, SECRET, SECRET_AMOUNT);
    await store.malls.install(mallB, { shopNo: 2, plan: 'free', now: NOW });
    before = await snapshot(store, mallA);
  });
  afterAll(async () => opened.cleanup());

  it('probes every repository function (a new function needs a probe here)', () => {
    for (const [name, repository] of Object.entries(store).filter(([name]) => name in probes)) {
      const functions = Object.keys(repository as object).sort();
      expect(Object.keys(probes[name as keyof Repositories]).sort(), name).toEqual(functions);
    }
    expect(Object.keys(probes).sort()).toEqual(
      Object.keys(store)
        .filter((name) => !['db', 'caps', 'target', 'migrate', 'transaction', 'close'].includes(name))
        .sort(),
    );
  });

  it("lets mall B neither read nor change mall A's rows through any repository function", async () => {
    expect(JSON.stringify(before)).toContain(SECRET);
    for (const [repository, functions] of Object.entries(probes)) {
      for (const [name, probe] of Object.entries(functions as Record<string, Probe>)) {
        const result = await probe(store, mallB, seededA).catch((error: unknown) => ({
          threw: String(error),
        }));
        const text = JSON.stringify(result ?? null);
        expect(text, `${repository}.${name} leaked mall A's data`).not.toContain(SECRET);
        expect(text, `${repository}.${name} leaked mall A's data`).not.toContain(String(SECRET_AMOUNT));
      }
    }
    expect(await snapshot(store, mallA)).toEqual(before);
  });
});
