import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowInput } from '../../src/engine/flow-schema.js';
import type { Store } from '../../src/store/open-store.js';
import { StoreError } from '../../src/store/store-error.js';
import { makeItem, makeOrder } from './order-fixtures.js';
import { storeTargets, uniqueMallId, type OpenedStore } from './store-targets.js';

const NOW = Date.parse('2026-03-02T12:00:00+09:00');

const flowInput = (overrides: Partial<FlowInput> = {}): FlowInput => ({
  id: 'island',
  name: '도서산간',
  rules: [
    {
      id: 'r1',
      name: 'island zone',
      when: { kind: 'compare', fact: 'shipping.zone', op: 'in', value: ['JEJU', 'REMOTE'] },
      then: [{ type: 'addLabel', label: 'ISLAND_SHIP', scope: 'order' }],
    },
  ],
  ...overrides,
});

describe.each(storeTargets())('store repositories on $name', (target) => {
  let opened: OpenedStore;
  let store: Store;
  beforeAll(async () => {
    opened = await target.open();
    store = opened.store;
  });
  afterAll(async () => opened.cleanup());

  const installedMall = async (): Promise<string> => {
    const mallId = uniqueMallId();
    await store.malls.install(mallId, { shopNo: 1, plan: 'free', now: NOW });
    return mallId;
  };

  describe('transactions', () => {
    it('keeps writes that belong together all-or-nothing', async () => {
      const mallId = await installedMall();
      const event = { dedupeKey: 'tx:o-1', eventNo: 90023, payload: {}, receivedAt: NOW };
      const failure = await store
        .transaction(async (repositories) => {
          await repositories.webhookInbox.receive(mallId, event);
          await repositories.orders.save(mallId, makeOrder('tx-1'), NOW);
          throw new Error('enqueue failed');
        })
        .catch((error: unknown) => error);
      expect(failure).toMatchObject({ message: expect.stringContaining('enqueue failed') });
      expect(await store.webhookInbox.listByStatus(mallId, 'received', 10)).toEqual([]);
      expect(await store.orders.get(mallId, 'tx-1')).toBeNull();
      expect(await store.ledger.get(mallId, 'm:member-a')).toBeNull();
    });
  });

  describe('malls and settings', () => {
    it('installs a mall with default settings and re-installs without losing them', async () => {
      const mallId = await installedMall();
      expect(await store.settings.get(mallId)).toEqual({
        regionOverrides: [],
        closedDays: [],
        closedDayNames: {},
        labelNames: {},
        retentionDays: 90,
        notificationChannels: [],
      });
      await store.settings.update(mallId, { closedDays: ['2026-05-01'] }, NOW);
      await store.malls.setState(mallId, 'reconnect_needed', NOW + 1);
      expect((await store.malls.get(mallId))?.state).toBe('reconnect_needed');
      const again = await store.malls.install(mallId, { shopNo: 2, plan: 'pro', now: NOW + 2 });
      expect(again).toMatchObject({ state: 'installed', shopNo: 2, plan: 'pro', deleteAfter: null });
      expect((await store.settings.get(mallId))?.closedDays).toEqual(['2026-05-01']);
    });

    it('rejects invalid settings as a user error and keeps the old ones', async () => {
      const mallId = await installedMall();
      const failure = await store.settings
        .update(mallId, { retentionDays: -3 }, NOW)
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StoreError);
      expect(failure).toMatchObject({ code: 'invalid_value', kind: 'user' });
      expect((await store.settings.get(mallId))?.retentionDays).toBe(90);
    });

    it('reports unknown malls as null or false', async () => {
      expect(await store.malls.get('no-such-mall')).toBeNull();
      expect(await store.settings.get('no-such-mall')).toBeNull();
      expect(await store.malls.setPlan('no-such-mall', 'pro', NOW)).toBe(false);
    });
  });

  describe('credentials', () => {
    const tokens = {
      accessToken: 'access-1',
      accessExpiresAt: NOW + 7_200_000,
      refreshToken: 'refresh-1',
      refreshExpiresAt: NOW + 1_209_600_000,
    };

    it('stores tokens encrypted and returns them decrypted', async () => {
      const mallId = await installedMall();
      await store.credentials.put(mallId, tokens, NOW);
      expect(await store.credentials.get(mallId)).toEqual({ ...tokens, version: 1 });
      const raw = await store.db
        .selectFrom('credentials')
        .selectAll()
        .where('mall_id', '=', mallId)
        .executeTakeFirstOrThrow();
      expect(raw.access_token).not.toContain('access-1');
      expect(raw.refresh_token).not.toContain('refresh-1');
    });

    it('compare-and-set succeeds once per version and reports the stale one', async () => {
      const mallId = await installedMall();
      const version = await store.credentials.put(mallId, tokens, NOW);
      const first = await store.credentials.compareAndSet(
        mallId,
        version,
        { ...tokens, refreshToken: 'refresh-2' },
        NOW,
      );
      const second = await store.credentials.compareAndSet(
        mallId,
        version,
        { ...tokens, refreshToken: 'refresh-3' },
        NOW,
      );
      expect(first).toEqual({ ok: true, version: version + 1 });
      expect(second).toEqual({ ok: false, error: { code: 'stale', currentVersion: version + 1 } });
      expect((await store.credentials.get(mallId))?.refreshToken).toBe('refresh-2');
    });

    it('single-flights refreshes under the lock: the second refresher sees the rotated token', async () => {
      const mallId = await installedMall();
      await store.credentials.put(mallId, tokens, NOW);
      let refreshes = 0;
      const refresh = () =>
        store.credentials.withRefreshLock(mallId, async (current, locked) => {
          if (current === null) throw new Error('no tokens');
          if (current.refreshToken !== 'refresh-1') return current.refreshToken;
          refreshes += 1;
          await new Promise((resolve) => setTimeout(resolve, 20));
          const result = await locked.compareAndSet(
            mallId,
            current.version,
            { ...current, refreshToken: 'refresh-rotated' },
            NOW,
          );
          if (!result.ok) throw new Error('lost the race under the lock');
          return 'refresh-rotated';
        });
      expect(await Promise.all([refresh(), refresh(), refresh()])).toEqual([
        'refresh-rotated',
        'refresh-rotated',
        'refresh-rotated',
      ]);
      expect(refreshes).toBe(1);
    });

    it('deletes tokens', async () => {
      const mallId = await installedMall();
      await store.credentials.put(mallId, tokens, NOW);
      expect(await store.credentials.delete(mallId)).toBe(true);
      expect(await store.credentials.get(mallId)).toBeNull();
    });
  });

  describe('flows', () => {
    it('appends immutable versions with author, time and note, newest first', async () => {
      const mallId = await installedMall();
      const first = await store.flows.save(mallId, flowInput(), {
        author: 'ops@example.invalid',
        note: 'create',
        now: NOW,
      });
      const second = await store.flows.save(mallId, flowInput({ priority: 5 }), {
        author: 'md@example.invalid',
        note: 'priority',
        now: NOW + 1,
      });
      expect(first.ok && first.flow.version).toBe(1);
      expect(second.ok && second.flow.flow.priority).toBe(5);
      const versions = await store.flows.listVersions(mallId, 'island');
      expect(versions.map((v) => [v.version, v.author, v.changeNote, v.createdAt])).toEqual([
        [2, 'md@example.invalid', 'priority', NOW + 1],
        [1, 'ops@example.invalid', 'create', NOW],
      ]);
      expect((await store.flows.getVersion(mallId, 'island', 1))?.flow.priority).toBe(100);
      expect((await store.flows.get(mallId, 'island'))?.flow.version).toBe(2);
    });

    it('refuses a save based on an outdated version', async () => {
      const mallId = await installedMall();
      await store.flows.save(mallId, flowInput(), { author: 'a', note: '', now: NOW });
      await store.flows.save(mallId, flowInput({ name: 'x' }), {
        author: 'a',
        note: '',
        now: NOW,
        expectedVersion: 1,
      });
      const stale = await store.flows.save(mallId, flowInput({ name: 'y' }), {
        author: 'b',
        note: '',
        now: NOW,
        expectedVersion: 1,
      });
      expect(stale).toEqual({ ok: false, error: { code: 'version_conflict', currentVersion: 2 } });
    });

    it('rolls back by copying an old version into a new one, and diffs versions', async () => {
      const mallId = await installedMall();
      await store.flows.save(mallId, flowInput(), { author: 'a', note: 'v1', now: NOW });
      await store.flows.save(mallId, flowInput({ enabled: false }), {
        author: 'a',
        note: 'v2',
        now: NOW + 1,
      });
      const rolled = await store.flows.rollback(mallId, 'island', 1, {
        author: 'b',
        note: 'undo',
        now: NOW + 2,
      });
      expect(rolled.ok && rolled.flow).toMatchObject({
        version: 3,
        copiedFrom: 1,
        flow: { enabled: true, version: 3 },
      });
      expect(await store.flows.diff(mallId, 'island', 1, 2)).toEqual([
        { kind: 'changed', path: 'enabled', before: true, after: false },
      ]);
      expect(await store.flows.diff(mallId, 'island', 1, 3)).toEqual([]);
      expect(await store.flows.rollback(mallId, 'island', 9, { author: 'b', note: '', now: NOW })).toEqual({
        ok: false,
        error: { code: 'not_found' },
      });
    });

    it('lists current flows in engine order (priority, then name)', async () => {
      const mallId = await installedMall();
      await store.flows.save(mallId, flowInput({ id: 'b', name: 'B', priority: 10 }), {
        author: 'a',
        note: '',
        now: NOW,
      });
      await store.flows.save(mallId, flowInput({ id: 'a', name: 'A', priority: 20 }), {
        author: 'a',
        note: '',
        now: NOW,
      });
      await store.flows.save(mallId, flowInput({ id: 'c', name: 'A0', priority: 10 }), {
        author: 'a',
        note: '',
        now: NOW,
      });
      expect((await store.flows.list(mallId)).map((f) => f.flowId)).toEqual(['c', 'b', 'a']);
    });
  });

  describe('orders', () => {
    it('round-trips an order with items and personal fields', async () => {
      const mallId = await installedMall();
      const order = makeOrder('20260302-0000001', {
        firstOrder: true,
        items: [
          makeItem('20260302-0000001', 0),
          makeItem('20260302-0000001', 1, { status: 'R10', labels: ['VIP'] }),
        ],
      });
      await store.orders.save(mallId, order, NOW);
      expect(await store.orders.get(mallId, order.orderId)).toEqual(order);
    });

    it('reports an unchanged state so the pipeline can skip re-evaluation; label changes alone do not count', async () => {
      const mallId = await installedMall();
      const order = makeOrder('20260302-0000002');
      expect((await store.orders.save(mallId, order, NOW)).changed).toBe(true);
      const withLabel = {
        ...order,
        items: order.items.map((item) => ({ ...item, labels: ['ISLAND_SHIP'] })),
      };
      expect((await store.orders.save(mallId, withLabel, NOW)).changed).toBe(false);
      expect((await store.orders.get(mallId, order.orderId))?.items[0]?.labels).toEqual(['ISLAND_SHIP']);
      const paidLater = await store.orders.save(mallId, { ...order, paid: 'F' }, NOW);
      expect(paidLater.changed).toBe(true);
      expect(await store.orders.getStateHash(mallId, order.orderId)).toBe(paidLater.stateHash);
    });

    it('takes only the named labels off the named stored items, state unchanged', async () => {
      const mallId = await installedMall();
      const order = makeOrder('20260302-0000003', {
        items: [
          makeItem('20260302-0000003', 0, { labels: ['VIP', '사람이 단 라벨'] }),
          makeItem('20260302-0000003', 1, { labels: ['VIP'] }),
        ],
      });
      const saved = await store.orders.save(mallId, order, NOW);
      await store.orders.removeItemLabels(mallId, [
        { itemCode: '20260302-0000003-01', label: 'VIP' },
        { itemCode: '20260302-0000003-01', label: 'ISLAND_SHIP' },
        { itemCode: 'unknown-01', label: 'VIP' },
      ]);
      const stored = await store.orders.get(mallId, order.orderId);
      expect(stored?.items.map((item) => [item.itemCode, item.labels])).toEqual([
        ['20260302-0000003-01', ['사람이 단 라벨']],
        ['20260302-0000003-02', ['VIP']],
      ]);
      expect(await store.orders.getStateHash(mallId, order.orderId)).toBe(saved.stateHash);
    });

    it('lists order ids by placement time', async () => {
      const mallId = await installedMall();
      await store.orders.saveMany(
        mallId,
        [
          makeOrder('o-2', { placedAt: '2026-03-02T11:00:00+09:00' }),
          makeOrder('o-1', { placedAt: '2026-03-02T09:00:00+09:00' }),
          makeOrder('o-3', { placedAt: '2026-03-05T09:00:00+09:00' }),
        ],
        NOW,
      );
      const ids = await store.orders.listIds(mallId, {
        from: Date.parse('2026-03-02T00:00:00+09:00'),
        to: Date.parse('2026-03-03T00:00:00+09:00'),
        limit: 10,
      });
      expect(ids).toEqual(['o-1', 'o-2']);
    });

    it('rejects an order of an uninstalled-and-deleted (unknown) mall with a typed error', async () => {
      const failure = await store.orders
        .save('never-installed', makeOrder('x-1'), NOW)
        .catch((error: unknown) => error);
      expect(failure).toMatchObject({ name: 'StoreError', code: 'reference_missing', kind: 'user' });
    });

    it('rejects an order with an unreadable placedAt as a user error', async () => {
      const mallId = await installedMall();
      const failure = await store.orders
        .save(mallId, makeOrder('x-2', { placedAt: 'yesterday' }), NOW)
        .catch((e: unknown) => e);
      expect(failure).toMatchObject({ code: 'invalid_value', kind: 'user' });
    });
  });

  describe('customer ledger', () => {
    it('keeps aggregates per customer, leaves out cancelled orders and follows later cancellations', async () => {
      const mallId = await installedMall();
      const a = makeOrder('l-1', { productAmount: 30_000, placedAt: '2026-03-01T10:00:00+09:00' });
      const b = makeOrder('l-2', {
        productAmount: 50_000,
        placedAt: '2026-03-02T10:00:00+09:00',
        items: [makeItem('l-2', 0, { status: 'R40' })],
      });
      const c = makeOrder('l-3', { productAmount: 70_000, canceled: true });
      await store.orders.saveMany(mallId, [a, b, c], NOW);
      expect(await store.ledger.get(mallId, 'm:member-a')).toEqual({
        customerKey: 'm:member-a',
        orderCount: 2,
        lifetimeAmount: 80_000,
        firstOrderAt: Date.parse(a.placedAt),
        lastOrderAt: Date.parse(b.placedAt),
        returnedOrderCount: 1,
      });
      await store.orders.save(mallId, { ...a, canceled: true }, NOW);
      expect(await store.ledger.get(mallId, 'm:member-a')).toMatchObject({
        orderCount: 1,
        lifetimeAmount: 50_000,
      });
    });

    it('rebuilds the same ledger from the stored orders', async () => {
      const mallId = await installedMall();
      await store.orders.saveMany(
        mallId,
        [
          makeOrder('r-1', { memberId: 'x', productAmount: 1000 }),
          makeOrder('r-2', {
            memberId: 'y',
            productAmount: 2000,
            items: [makeItem('r-2', 0, { status: 'R00' })],
          }),
          makeOrder('r-3', { memberId: 'x', productAmount: 4000, placedAt: '2026-03-03T10:00:00+09:00' }),
        ],
        NOW,
      );
      const before = [await store.ledger.get(mallId, 'm:x'), await store.ledger.get(mallId, 'm:y')];
      await store.db.deleteFrom('ledger_entries').where('mall_id', '=', mallId).execute();
      expect(await store.ledger.get(mallId, 'm:x')).toBeNull();
      expect(await store.ledger.rebuild(mallId)).toBe(2);
      expect([await store.ledger.get(mallId, 'm:x'), await store.ledger.get(mallId, 'm:y')]).toEqual(before);
    });

    it('answers earlier orders strictly before the cutoff, ties broken by order id, oldest first', async () => {
      const mallId = await installedMall();
      const at = '2026-03-02T10:00:00+09:00';
      await store.orders.saveMany(
        mallId,
        [
          makeOrder('t-b', { placedAt: at }),
          makeOrder('t-a', { placedAt: at }),
          makeOrder('t-0', { placedAt: '2026-03-01T10:00:00+09:00' }),
        ],
        NOW,
      );
      const earlier = await store.ledger.earlierOrders(mallId, 'm:member-a', {
        orderId: 't-b',
        placedAt: Date.parse(at),
      });
      expect(earlier.map((entry) => entry.orderId)).toEqual(['t-0', 't-a']);
      const many = await store.ledger.earlierOrdersMany(mallId, [
        { customerKey: 'm:member-a', before: { orderId: 't-a', placedAt: Date.parse(at) } },
        { customerKey: 'm:nobody', before: { orderId: 't-a', placedAt: Date.parse(at) } },
      ]);
      expect(many.map((list) => list.map((entry) => entry.orderId))).toEqual([['t-0'], []]);
    });
  });

  describe('label ownership', () => {
    it('claims, lists and releases labels per item', async () => {
      const mallId = await installedMall();
      await store.labels.claim(mallId, [
        { itemCode: 'o-1-01', label: 'VIP', orderId: 'o-1', runId: 'run-1', addedAt: NOW },
        { itemCode: 'o-1-02', label: 'VIP', orderId: 'o-1', runId: 'run-1', addedAt: NOW },
      ]);
      await store.labels.claim(mallId, [
        { itemCode: 'o-1-01', label: 'VIP', orderId: 'o-1', runId: 'run-2', addedAt: NOW + 5 },
      ]);
      expect(await store.labels.release(mallId, 'o-1-02', ['VIP', 'OTHER'])).toBe(1);
      expect(await store.labels.listForOrder(mallId, 'o-1')).toEqual([
        { itemCode: 'o-1-01', label: 'VIP', orderId: 'o-1', runId: 'run-2', addedAt: NOW + 5 },
      ]);
    });
  });

  describe('products', () => {
    it('upserts products with variants, replaces variants, sets tags and stock', async () => {
      const mallId = await installedMall();
      const product = {
        productNo: 7,
        productCode: 'P000007',
        name: '샘플',
        tags: ['NEW'],
        variants: [
          { variantCode: 'P000007000A', quantity: 3, useInventory: true },
          { variantCode: 'P000007000B', quantity: 0, useInventory: false },
        ],
      };
      await store.products.upsert(mallId, [product], NOW);
      expect(await store.products.get(mallId, 7)).toEqual(product);
      await store.products.upsert(mallId, [{ ...product, variants: [product.variants[0]!] }], NOW);
      expect(await store.products.setTags(mallId, 7, ['BEST', 'SAME_DAY', 'BEST'], NOW)).toBe(true);
      expect(await store.products.setStock(mallId, 'P000007000A', 12)).toBe(true);
      expect(await store.products.setStock(mallId, 'P000007000B', 12)).toBe(false);
      expect(await store.products.getMany(mallId, [7, 8])).toEqual([
        {
          ...product,
          tags: ['BEST', 'SAME_DAY'],
          variants: [{ variantCode: 'P000007000A', quantity: 12, useInventory: true }],
        },
      ]);
      expect((await store.products.list(mallId)).map((p) => p.productNo)).toEqual([7]);
    });
  });

  describe('runs', () => {
    const run = (runId: string, startedAt: number) => ({
      runId,
      orderId: 'o-9',
      trigger: 'order.created',
      startedAt,
      finishedAt: startedAt + 3,
      flowVersions: [{ flowId: 'island', version: 2 }],
      decision: { labels: ['ISLAND_SHIP'] },
      trace: [{ fact: 'shipping.zone', value: 'JEJU', result: true }],
      actions: [{ type: 'addLabel', label: 'ISLAND_SHIP', outcome: 'pending' as const }],
      timings: { evaluate: 0.2 },
    });

    it('stores runs, lists them newest first and records action outcomes', async () => {
      const mallId = await installedMall();
      await store.runs.insert(mallId, run('run-a', NOW));
      await store.runs.insert(mallId, run('run-b', NOW + 10));
      expect((await store.runs.listForOrder(mallId, 'o-9')).map((r) => r.runId)).toEqual(['run-b', 'run-a']);
      expect(
        (await store.runs.listRecent(mallId, { limit: 5, before: NOW + 10 })).map((r) => r.runId),
      ).toEqual(['run-a']);
      await store.runs.setActions(mallId, 'run-a', [
        { type: 'addLabel', label: 'ISLAND_SHIP', outcome: 'applied' },
      ]);
      expect(await store.runs.get(mallId, 'run-a')).toEqual({
        ...run('run-a', NOW),
        actions: [{ type: 'addLabel', label: 'ISLAND_SHIP', outcome: 'applied' }],
        masked: false,
      });
    });

    it('turns a repeated run id into a conflict error', async () => {
      const mallId = await installedMall();
      await store.runs.insert(mallId, run('run-dup', NOW));
      const failure = await store.runs.insert(mallId, run('run-dup', NOW)).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StoreError);
      expect(failure).toMatchObject({ code: 'conflict', kind: 'user' });
      expect((failure as StoreError).message).toMatch(/run/);
    });
  });

  describe('webhook inbox', () => {
    it('deduplicates per mall by key and tracks status', async () => {
      const mallId = await installedMall();
      const event = {
        dedupeKey: 'order_placed:o-1',
        eventNo: 90023,
        payload: { resource: { order_id: 'o-1' } },
        receivedAt: NOW,
      };
      const first = await store.webhookInbox.receive(mallId, event);
      const again = await store.webhookInbox.receive(mallId, { ...event, receivedAt: NOW + 1 });
      expect(first.ok).toBe(true);
      expect(again).toEqual({ ok: false, error: { code: 'duplicate', id: first.ok ? first.id : -1 } });
      const id = first.ok ? first.id : -1;
      expect((await store.webhookInbox.listByStatus(mallId, 'received', 10)).map((e) => e.id)).toEqual([id]);
      expect(await store.webhookInbox.markStatus(mallId, id, { status: 'processed', at: NOW + 2 })).toBe(
        true,
      );
      expect(await store.webhookInbox.get(mallId, id)).toMatchObject({
        status: 'processed',
        processedAt: NOW + 2,
        payload: event.payload,
      });
    });
  });

  describe('notifications', () => {
    it('reserves a dedupe key once and records the outcome', async () => {
      const mallId = await installedMall();
      const entry = {
        dedupeKey: 'bank:o-1',
        channel: 'slack',
        orderId: 'o-1',
        runId: 'run-1',
        payload: { text: '입금 확인' },
        createdAt: NOW,
      };
      const first = await store.notifications.reserve(mallId, entry);
      const id = first.ok ? first.id : -1;
      expect(await store.notifications.markSent(mallId, id, NOW + 1)).toBe(true);
      expect(await store.notifications.reserve(mallId, entry)).toEqual({
        ok: false,
        error: { code: 'duplicate', id, status: 'sent' },
      });
      const second = await store.notifications.reserve(mallId, { ...entry, dedupeKey: 'bank:o-2' });
      expect(await store.notifications.markFailed(mallId, second.ok ? second.id : -1, 'timeout')).toBe(true);
      expect((await store.notifications.list(mallId, 10)).map((n) => [n.dedupeKey, n.status])).toEqual([
        ['bank:o-2', 'failed'],
        ['bank:o-1', 'sent'],
      ]);
    });

    it('claims an entry for one delivery attempt at a time: pending or failed only', async () => {
      const mallId = await installedMall();
      const reserved = await store.notifications.reserve(mallId, {
        dedupeKey: 'memo:o-9',
        channel: 'cafe24.memo',
        orderId: 'o-9',
        runId: null,
        payload: {},
        createdAt: NOW,
      });
      const id = reserved.ok ? reserved.id : -1;
      expect(await store.notifications.claimForSending(mallId, id)).toBe(true);
      expect(await store.notifications.status(mallId, id)).toBe('sending');
      // A second attempt while the first is in flight (or after its worker died) cannot claim it.
      expect(await store.notifications.claimForSending(mallId, id)).toBe(false);
      await store.notifications.markFailed(mallId, id, 'HTTP 503');
      expect(await store.notifications.claimForSending(mallId, id)).toBe(true);
      await store.notifications.markUncertain(mallId, id, 'interrupted');
      expect(await store.notifications.claimForSending(mallId, id)).toBe(false);
      expect(await store.notifications.status(mallId, id)).toBe('uncertain');
      expect(await store.notifications.status(mallId, id + 1000)).toBeNull();
    });
  });

  describe('mall locks', () => {
    it('gives a mall to one owner at a time, renewable by it, taken over once its lease lapsed', async () => {
      const mallId = await installedMall();
      const other = await installedMall();
      expect(await store.mallLocks.acquire(mallId, 'worker-1', NOW, 10_000)).toBe(true);
      expect(await store.mallLocks.acquire(mallId, 'worker-2', NOW + 1, 10_000)).toBe(false);
      // Another mall is free meanwhile.
      expect(await store.mallLocks.acquire(other, 'worker-2', NOW + 1, 10_000)).toBe(true);
      // The holder renews; the lease now runs to NOW + 15,000.
      expect(await store.mallLocks.acquire(mallId, 'worker-1', NOW + 5_000, 10_000)).toBe(true);
      expect(await store.mallLocks.acquire(mallId, 'worker-2', NOW + 12_000, 10_000)).toBe(false);
      // The holder died: after its lease, another worker takes the mall over.
      expect(await store.mallLocks.acquire(mallId, 'worker-2', NOW + 15_001, 10_000)).toBe(true);
      // The old holder's late release does not free the new holder's lease.
      await store.mallLocks.release(mallId, 'worker-1');
      expect(await store.mallLocks.acquire(mallId, 'worker-3', NOW + 15_002, 10_000)).toBe(false);
      await store.mallLocks.release(mallId, 'worker-2');
      expect(await store.mallLocks.acquire(mallId, 'worker-3', NOW + 15_003, 10_000)).toBe(true);
    });
  });

  describe('audit log, gift checklist, backfill jobs', () => {
    it('appends audit entries and filters by target', async () => {
      const mallId = await installedMall();
      await store.auditLog.append(mallId, {
        actor: 'ops',
        action: 'flow.save',
        target: 'flow:island',
        details: { version: 1 },
        at: NOW,
      });
      await store.auditLog.append(mallId, {
        actor: 'ops',
        action: 'settings.update',
        target: 'settings',
        details: null,
        at: NOW + 1,
      });
      expect((await store.auditLog.list(mallId, { limit: 10 })).map((e) => e.action)).toEqual([
        'settings.update',
        'flow.save',
      ]);
      expect(await store.auditLog.list(mallId, { limit: 10, target: 'flow:island' })).toMatchObject([
        { details: { version: 1 } },
      ]);
    });

    it('adds a gift entry once per order and gift, and checks it off', async () => {
      const mallId = await installedMall();
      const entry = { orderId: 'o-1', gift: '텀블러', runId: 'run-1', createdAt: NOW };
      expect(await store.giftChecklist.add(mallId, entry)).toBe(true);
      expect(await store.giftChecklist.add(mallId, entry)).toBe(false);
      expect(await store.giftChecklist.check(mallId, 'o-1', '텀블러', { actor: 'packer', at: NOW + 1 })).toBe(
        true,
      );
      expect(await store.giftChecklist.list(mallId, { pendingOnly: true, limit: 10 })).toEqual([]);
      expect(await store.giftChecklist.list(mallId, { pendingOnly: false, limit: 10 })).toMatchObject([
        { checkedBy: 'packer' },
      ]);
    });

    it('tracks backfill progress and refuses progress after the end', async () => {
      const mallId = await installedMall();
      await store.backfillJobs.create(mallId, {
        jobId: 'bf-1',
        fromDate: '2026-01-01',
        toDate: '2026-01-31',
        total: null,
        now: NOW,
      });
      expect(
        await store.backfillJobs.progress(mallId, 'bf-1', {
          cursor: 'page-2',
          processed: 100,
          total: 250,
          now: NOW + 1,
        }),
      ).toBe(true);
      expect(await store.backfillJobs.finish(mallId, 'bf-1', { status: 'done', now: NOW + 2 })).toBe(true);
      expect(
        await store.backfillJobs.progress(mallId, 'bf-1', { cursor: 'x', processed: 1, now: NOW + 3 }),
      ).toBe(false);
      expect(await store.backfillJobs.get(mallId, 'bf-1')).toMatchObject({
        status: 'done',
        processed: 100,
        total: 250,
        cursor: 'page-2',
      });
      expect((await store.backfillJobs.list(mallId, 5)).map((j) => j.jobId)).toEqual(['bf-1']);
    });
  });
});
