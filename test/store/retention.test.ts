import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database-schema.js';
import {
  listMallsDueForDeletion,
  listMallsWithRefreshExpiringBefore,
} from '../../src/store/maintenance-queries.js';
import { MASK } from '../../src/store/mask-personal-values.js';
import type { Store } from '../../src/store/open-store.js';
import { deleteMallData, purgePersonalData, uninstallMall } from '../../src/store/retention.js';
import { makeOrder } from './order-fixtures.js';
import { storeTargets, uniqueMallId, type OpenedStore } from './store-targets.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-30T12:00:00+09:00');
const OLD_AT = '2026-03-01T10:00:00+09:00';
const RECENT_AT = '2026-06-20T10:00:00+09:00';

const run = (runId: string, orderId: string, startedAt: number) => ({
  runId,
  orderId,
  trigger: 'order.created',
  startedAt,
  finishedAt: startedAt,
  flowVersions: [],
  decision: { labels: ['ISLAND_SHIP'] },
  trace: [
    { fact: 'shipping.address', op: 'contains', value: '서울특별시 테스트구 예시로 1', result: false },
    { fact: 'shipping.zone', op: 'in', value: 'JEJU', result: true },
  ],
  actions: [],
  timings: {},
});

describe.each(storeTargets())('retention on $name', (target) => {
  let opened: OpenedStore;
  let store: Store;
  beforeAll(async () => {
    opened = await target.open();
    store = opened.store;
  });
  afterAll(async () => opened.cleanup());

  const installed = async (): Promise<string> => {
    const mallId = uniqueMallId('ret');
    await store.malls.install(mallId, { shopNo: 1, plan: 'free', now: NOW - 200 * DAY });
    return mallId;
  };

  it('purges personal fields of orders older than N days and keeps what rules need', async () => {
    const mallId = await installed();
    const old = makeOrder('old-1', { placedAt: OLD_AT, productAmount: 120_000 });
    const recent = makeOrder('new-1', { placedAt: RECENT_AT });
    await store.orders.saveMany(mallId, [old, recent], NOW);
    const ledgerBefore = await store.ledger.get(mallId, 'm:member-a');
    await store.runs.insert(mallId, run('run-old', 'old-1', Date.parse(OLD_AT)));
    await store.runs.insert(mallId, run('run-new', 'new-1', Date.parse(RECENT_AT)));
    await store.webhookInbox.receive(mallId, {
      dedupeKey: 'e-old',
      eventNo: 90023,
      payload: { buyer_name: '홍길동' },
      receivedAt: Date.parse(OLD_AT),
    });

    const counts = await purgePersonalData(store, { olderThanDays: 90, now: NOW, mallId });
    expect(counts).toEqual({ orders: 1, runs: 1, webhookEvents: 1, notifications: 0 });

    const purged = await store.orders.get(mallId, 'old-1');
    expect(purged?.personal).toEqual({
      buyerName: null,
      buyerEmail: null,
      buyerCellphone: null,
      receiverName: null,
      receiverCellphone: null,
      address: null,
      clientIp: null,
    });
    expect(purged).toMatchObject({ zip: old.zip, productAmount: 120_000, memberId: 'member-a' });
    expect((await store.orders.get(mallId, 'new-1'))?.personal).toEqual(recent.personal);
    expect(await store.ledger.get(mallId, 'm:member-a')).toEqual(ledgerBefore);

    const masked = await store.runs.get(mallId, 'run-old');
    expect(masked?.masked).toBe(true);
    expect(masked?.trace).toEqual([
      { fact: 'shipping.address', op: 'contains', value: MASK, result: false },
      { fact: 'shipping.zone', op: 'in', value: 'JEJU', result: true },
    ]);
    expect((await store.runs.get(mallId, 'run-new'))?.masked).toBe(false);
    expect((await store.webhookInbox.listByStatus(mallId, 'received', 5))[0]?.payload).toEqual({
      purged: true,
    });
  });

  it('is idempotent and keeps a purged order purged when it is fetched again', async () => {
    const mallId = await installed();
    const old = makeOrder('old-2', { placedAt: OLD_AT });
    await store.orders.save(mallId, old, NOW);
    await purgePersonalData(store, { olderThanDays: 90, now: NOW, mallId });
    expect(await purgePersonalData(store, { olderThanDays: 90, now: NOW, mallId })).toEqual({
      orders: 0,
      runs: 0,
      webhookEvents: 0,
      notifications: 0,
    });
    await store.orders.save(mallId, { ...old, paid: 'F' }, NOW);
    expect((await store.orders.get(mallId, 'old-2'))?.personal.receiverName).toBeNull();
  });

  it("uses each mall's retention setting when no number of days is given", async () => {
    const shortMall = await installed();
    const defaultMall = await installed();
    await store.settings.update(shortMall, { retentionDays: 5 }, NOW);
    for (const mallId of [shortMall, defaultMall])
      await store.orders.save(mallId, makeOrder('o-1', { placedAt: RECENT_AT }), NOW);
    await purgePersonalData(store, { now: NOW });
    expect((await store.orders.get(shortMall, 'o-1'))?.personal.buyerName).toBeNull();
    expect((await store.orders.get(defaultMall, 'o-1'))?.personal.buyerName).toBe('홍길동');
  });

  it('deletes tokens at uninstall and the data only after the grace period', async () => {
    const mallId = await installed();
    await store.credentials.put(
      mallId,
      { accessToken: 'a', accessExpiresAt: NOW, refreshToken: 'r', refreshExpiresAt: NOW + DAY },
      NOW,
    );
    await store.orders.save(mallId, makeOrder('o-1'), NOW);
    await store.runs.insert(mallId, run('run-1', 'o-1', NOW));
    await store.flows.save(mallId, { id: 'f', name: 'f', rules: [] }, { author: 'a', note: '', now: NOW });

    const mall = await uninstallMall(store, mallId, { now: NOW, graceDays: 30 });
    expect(mall).toMatchObject({ state: 'uninstalled', uninstalledAt: NOW, deleteAfter: NOW + 30 * DAY });
    expect(await store.credentials.get(mallId)).toBeNull();
    expect(await listMallsDueForDeletion(store, NOW + 29 * DAY)).not.toContain(mallId);
    expect(await deleteMallData(store, mallId, { now: NOW + 29 * DAY })).toBe(false);
    expect(await store.orders.get(mallId, 'o-1')).not.toBeNull();

    expect(await listMallsDueForDeletion(store, NOW + 30 * DAY)).toContain(mallId);
    expect(await deleteMallData(store, mallId, { now: NOW + 30 * DAY })).toBe(true);
    const tables: (keyof Database)[] = [
      'malls',
      'orders',
      'order_items',
      'order_personal',
      'runs',
      'flows',
      'flow_versions',
      'ledger_entries',
    ];
    for (const table of tables) {
      const row = await store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('mall_id', '=', mallId)
        .executeTakeFirstOrThrow();
      expect(Number(row.n), table).toBe(0);
    }
  });

  it('cancels the pending deletion when the mall installs again', async () => {
    const mallId = await installed();
    await uninstallMall(store, mallId, { now: NOW, graceDays: 1 });
    await store.malls.install(mallId, { shopNo: 1, plan: 'free', now: NOW + 1 });
    expect(await deleteMallData(store, mallId, { now: NOW + 10 * DAY })).toBe(false);
    expect((await store.malls.get(mallId))?.state).toBe('installed');
    expect(await uninstallMall(store, 'unknown-mall', { now: NOW, graceDays: 1 })).toBeNull();
  });

  it('lists installed malls whose refresh token expires soon', async () => {
    const soon = await installed();
    const later = await installed();
    const put = (mallId: string, refreshExpiresAt: number) =>
      store.credentials.put(
        mallId,
        { accessToken: 'a', accessExpiresAt: NOW, refreshToken: 'r', refreshExpiresAt },
        NOW,
      );
    await put(soon, NOW + DAY);
    await put(later, NOW + 10 * DAY);
    const due = await listMallsWithRefreshExpiringBefore(store, NOW + 2 * DAY);
    expect(due).toContain(soon);
    expect(due).not.toContain(later);
  });
});
