import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditQuery, RecentOrdersQuery, RunsQuery, type FlowDraft } from '../../src/server/api-contract.js';
import {
  ConsoleRequestError,
  type ConsoleActor,
  type ConsoleBackend,
} from '../../src/server/console-backend.js';
import { createConsoleBackend } from '../../src/server/create-console-backend.js';
import type { PipelineContext } from '../../src/pipeline/pipeline-context.js';
import { makeOrder } from '../store/order-fixtures.js';
import { storeTargets, uniqueMallId } from '../store/store-targets.js';
import { openBackendContext } from './backend-context.js';

const NOW = Date.parse('2026-03-02T12:00:00+09:00');

const highValueDraft = (minAmount: number, label = '고액'): FlowDraft => ({
  name: '고액 주문',
  enabled: true,
  priority: 100,
  triggers: ['order.created', 'order.paid', 'order.changed', 'manual'],
  rules: [
    {
      id: 'r1',
      name: '금액 기준',
      when: { kind: 'compare', fact: 'order.productAmount', op: 'gte', value: minAmount },
      then: [{ type: 'addLabel', label, scope: 'order' }],
    },
  ],
});

/** Resolves with the refusal a backend call ends in (fails the test when it succeeds). */
async function refusal(call: Promise<unknown>): Promise<ConsoleRequestError> {
  const outcome = await call.then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(ConsoleRequestError);
  return outcome as ConsoleRequestError;
}

describe.each(storeTargets())('console backend on $name', (target) => {
  let ctx: PipelineContext;
  let cleanup: () => Promise<void>;
  let backend: ConsoleBackend;
  let mallA: ConsoleActor;
  let mallB: ConsoleActor;

  beforeAll(async () => {
    ({ ctx, cleanup } = await openBackendContext(target, () => NOW));
    backend = createConsoleBackend(ctx, { csrfTokenFor: () => 'csrf-test' });
    mallA = { mallId: uniqueMallId('console-a'), userId: 'operator-a' };
    mallB = { mallId: uniqueMallId('console-b'), userId: 'operator-b' };
    for (const actor of [mallA, mallB]) {
      await ctx.store.malls.install(actor.mallId, { shopNo: 1, plan: 'trial', now: NOW });
    }
    await ctx.store.orders.saveMany(
      mallA.mallId,
      [
        makeOrder('A-big', { productAmount: 150_000, zip: '63000' }),
        makeOrder('A-small', { productAmount: 20_000, memberId: 'member-b' }),
      ],
      NOW,
    );
  });
  afterAll(async () => cleanup());

  it('installs a template with a changed parameter and a renamed label as an enabled flow', async () => {
    const detail = await backend.installTemplate(mallA, 'HIGH_VALUE', {
      params: { minAmount: 50_000 },
      label: '5만원이상',
      enabled: true,
    });
    const stored = await ctx.store.flows.get(mallA.mallId, detail.flow.id);
    expect(stored?.flow.templateId).toBe('HIGH_VALUE');
    expect(JSON.stringify(stored?.flow.rules)).toContain('50000');
    expect(JSON.stringify(stored?.flow.rules)).toContain('5만원이상');
    const templates = await backend.listTemplates(mallA);
    expect(templates.templates.find((t) => t.id === 'HIGH_VALUE')?.installedFlowId).toBe(detail.flow.id);
    expect((await backend.listTemplates(mallB)).templates.every((t) => t.installedFlowId === null)).toBe(
      true,
    );
    const audit = await backend.listAudit(mallA, AuditQuery.parse({ limit: 10 }));
    expect(audit.entries.some((entry) => entry.action === 'template.install')).toBe(true);
  });

  it("installs a template with the mall's label name for it when no label is given", async () => {
    const mallC = { mallId: uniqueMallId('console-c'), userId: 'operator-c' };
    await ctx.store.malls.install(mallC.mallId, { shopNo: 1, plan: 'trial', now: NOW });
    await backend.saveLabelNames(mallC, { labelNames: [{ templateId: 'ISLAND_SHIP', name: '도서산간' }] });
    const detail = await backend.installTemplate(mallC, 'ISLAND_SHIP', { params: {}, enabled: false });
    expect(detail.flow.enabled).toBe(false);
    expect(JSON.stringify(detail.flow.rules)).toContain('도서산간');
    const again = await backend.installTemplate(mallC, 'ISLAND_SHIP', { params: {}, enabled: true });
    expect(again.flow.id).toBe('ISLAND_SHIP-2');
    expect(
      (await refusal(backend.installTemplate(mallC, 'EVENT_ORDER', { params: {}, enabled: true }))).code,
    ).toBe('flow_invalid');
    expect(
      (await refusal(backend.installTemplate(mallC, 'NO_SUCH', { params: {}, enabled: true }))).code,
    ).toBe('not_found');
  });

  it('previews how many stored orders a template would match without saving anything', async () => {
    const preview = await backend.previewTemplate(mallA, 'HIGH_VALUE', {
      params: { minAmount: 100_000 },
      days: 30,
    });
    expect(preview).toMatchObject({ ordersConsidered: 2, ordersMatched: 1, sampleOrderIds: ['A-big'] });
  });

  it('refuses an invalid flow with the engine issues and their paths', async () => {
    const bad = highValueDraft(1000);
    const rule = bad.rules[0]!;
    const error = await refusal(
      backend.createFlow(mallA, {
        flow: {
          ...bad,
          rules: [{ ...rule, when: { kind: 'compare', fact: 'order.nope', op: 'gte', value: 1 } }],
        },
        changeNote: '',
      }),
    );
    expect(error.code).toBe('flow_invalid');
    const issues = (error.details as { issues: { path: string }[] }).issues;
    expect(issues.map((issue) => issue.path)).toContain('rules[0].when.fact');
    const validation = await backend.validateFlow(mallA, {
      name: 'x',
      rules: [
        {
          id: 'r',
          name: 'r',
          when: { kind: 'compare', fact: 'order.productAmount', op: 'gte', value: 'many' },
          then: [],
        },
      ],
    });
    expect(validation.ok).toBe(false);
    expect(validation.issues.some((issue) => issue.path.startsWith('rules[0]'))).toBe(true);
  });

  it('saves versions, refuses a stale base version and rolls back by adding a new version', async () => {
    const created = await backend.createFlow(mallA, { flow: highValueDraft(100_000), changeNote: 'first' });
    const id = created.flow.id;
    const updated = await backend.updateFlow(mallA, id, {
      flow: highValueDraft(200_000),
      baseVersion: 1,
      changeNote: '기준 상향',
    });
    expect(updated.flow.version).toBe(2);
    const stale = await refusal(
      backend.updateFlow(mallA, id, { flow: highValueDraft(300_000), baseVersion: 1, changeNote: 'late' }),
    );
    expect(stale.code).toBe('version_conflict');
    const rolledBack = await backend.rollbackFlow(mallA, id, { version: 1 });
    expect(rolledBack.flow.version).toBe(3);
    expect(JSON.stringify(rolledBack.flow.rules)).toContain('100000');
    const versions = await backend.listFlowVersions(mallA, id);
    expect(versions.versions.map((v) => v.version)).toEqual([3, 2, 1]);
    const diff = await backend.diffFlowVersions(mallA, id, { from: 2, to: 3 });
    expect(JSON.stringify(diff.from.flow.rules)).toContain('200000');
  });

  it('reorders flows into priorities and refuses a list that misses a flow', async () => {
    const { flows } = await backend.listFlows(mallA);
    const reversed = flows.map((flow) => flow.id).reverse();
    const after = await backend.reorderFlows(mallA, { flowIds: reversed });
    expect(after.flows.map((flow) => flow.id)).toEqual(reversed);
    const error = await refusal(backend.reorderFlows(mallA, { flowIds: reversed.slice(1) }));
    expect(error.code).toBe('invalid_order');
  });

  it('simulates an unsaved flow against a stored order with the value each condition saw, writing nothing', async () => {
    const result = await backend.simulate(mallA, {
      flow: highValueDraft(100_000),
      source: { kind: 'order', orderId: 'A-big' },
    });
    expect(result.matched).toBe(true);
    expect(result.labelsAdded).toEqual(['고액']);
    const condition = result.trace.rules[0]?.condition;
    expect(condition).toMatchObject({
      kind: 'compare',
      fact: 'order.productAmount',
      seen: 150_000,
      result: true,
    });
    expect(result.facts.shipping.zone).toBe('JEJU');
    const edited = await backend.simulate(mallA, {
      flow: highValueDraft(100_000),
      source: {
        kind: 'facts',
        facts: { ...result.facts, order: { ...result.facts.order, productAmount: 5_000 } },
      },
    });
    expect(edited.matched).toBe(false);
    expect(await ctx.store.runs.search(mallA.mallId, { limit: 10 })).toEqual([]);
    expect(await ctx.store.labels.listForOrder(mallA.mallId, 'A-big')).toEqual([]);
  });

  it('counts labels, orders and latency of runs on the dashboard and lists them in run history', async () => {
    const flowId = (await backend.listFlows(mallA)).flows[0]!.id;
    await ctx.store.runs.insert(mallA.mallId, {
      runId: 'run-1',
      orderId: 'A-big',
      trigger: 'order.created',
      startedAt: NOW - 60_000,
      finishedAt: NOW - 59_000,
      flowVersions: [{ flowId, version: 1 }],
      decision: {
        labels: ['고액'],
        matched: [{ flowId, flowVersion: 1, ruleId: 'r1', ruleName: 'r' }],
        actions: [],
      },
      trace: null,
      actions: [{ type: 'labels', outcome: 'applied', added: ['고액'], removed: [] }],
      timings: { total: 800, evaluatedAt: NOW - 59_500, labelledAt: NOW - 59_200 },
    });
    const dashboard = await backend.getDashboard(mallA, { days: 7 });
    expect(dashboard.today).toEqual({ ordersProcessed: 1, ordersLabelled: 1, labelsApplied: 1 });
    expect(dashboard.labels).toEqual([{ label: '고액', count: 1 }]);
    expect(dashboard.latency.p50Ms).toBe(800);
    expect(dashboard.series.points).toHaveLength(7);
    const runs = await backend.listRuns(mallA, RunsQuery.parse({ label: '고액', limit: 50 }));
    expect(runs.runs.map((run) => [run.id, run.outcome])).toEqual([['run-1', 'labelled']]);
    const detail = await backend.getRun(mallA, 'run-1');
    expect(detail.timeline.map((step) => step.step)).toEqual(['received', 'evaluated', 'labelled']);
    expect(detail.facts.order.productAmount).toBe(150_000);
    expect((await backend.getDashboard(mallB, { days: 7 })).today.ordersProcessed).toBe(0);
  });

  it("does not let mall B read or change mall A's flows, runs, orders or backfills", async () => {
    const flowId = (await backend.listFlows(mallA)).flows[0]!.id;
    expect((await backend.listFlows(mallB)).flows).toEqual([]);
    expect((await refusal(backend.getFlow(mallB, flowId))).code).toBe('not_found');
    expect((await refusal(backend.listFlowVersions(mallB, flowId))).code).toBe('not_found');
    expect((await refusal(backend.rollbackFlow(mallB, flowId, { version: 1 }))).code).toBe('not_found');
    expect((await refusal(backend.getRun(mallB, 'run-1'))).code).toBe('not_found');
    expect((await backend.listRuns(mallB, RunsQuery.parse({ limit: 50 }))).runs).toEqual([]);
    expect((await backend.recentOrders(mallB, RecentOrdersQuery.parse({ limit: 20 }))).orders).toEqual([]);
    expect(
      (
        await refusal(
          backend.simulate(mallB, { flow: highValueDraft(1), source: { kind: 'order', orderId: 'A-big' } }),
        )
      ).code,
    ).toBe('not_found');
    const job = await backend.startBackfill(mallA, {
      mode: 'dryRun',
      from: '2026-03-01',
      to: '2026-03-02',
      flowIds: [],
    });
    expect((await refusal(backend.getBackfill(mallB, job.id))).code).toBe('not_found');
    expect((await refusal(backend.pauseBackfill(mallB, job.id))).code).toBe('not_found');
    expect((await backend.listBackfills(mallB)).backfills).toEqual([]);
  });

  it('lists recent orders with masked buyers, zones and labels', async () => {
    const { orders } = await backend.recentOrders(mallA, RecentOrdersQuery.parse({ limit: 20 }));
    const big = orders.find((order) => order.orderId === 'A-big');
    expect(big?.zone).toBe('JEJU');
    expect(big?.buyerMasked).not.toContain('길동');
    expect(
      (await backend.recentOrders(mallA, RecentOrdersQuery.parse({ q: 'A-s', limit: 20 }))).orders.map(
        (o) => o.orderId,
      ),
    ).toEqual(['A-small']);
  });

  it('keeps notification channel targets out of responses and refuses an invalid target by field', async () => {
    const settings = await backend.saveChannels(mallA, {
      channels: [
        {
          kind: 'slack',
          name: '운영팀',
          enabled: true,
          target: 'https://hooks.slack.invalid/T000/SECRETPATH',
        },
      ],
    });
    expect(settings.channels).toEqual([
      {
        id: '운영팀',
        kind: 'slack',
        name: '운영팀',
        enabled: true,
        targetPreview: 'slack hooks.slack.invalid',
      },
    ]);
    expect(JSON.stringify(settings)).not.toContain('SECRETPATH');
    const kept = await backend.saveChannels(mallA, {
      channels: [{ id: '운영팀', kind: 'slack', name: '운영팀', enabled: false }],
    });
    expect(kept.channels[0]?.enabled).toBe(false);
    expect((await ctx.store.settings.get(mallA.mallId))?.notificationChannels[0]?.config).toMatchObject({
      webhookUrl: 'https://hooks.slack.invalid/T000/SECRETPATH',
    });
    const error = await refusal(
      backend.saveChannels(mallA, {
        channels: [{ kind: 'webhook', name: 'x', enabled: true, target: 'not a url' }],
      }),
    );
    expect(JSON.stringify(error.details)).toContain('target');
  });

  it('saves closed days with their names and region overrides, and audits the change', async () => {
    const saved = await backend.saveClosedDays(mallA, {
      closedDays: [
        { date: '2026-05-01', name: '근로자의 날' },
        { date: '2026-08-14', name: '택배 없는 날' },
      ],
    });
    expect(saved.closedDays).toEqual([
      { date: '2026-05-01', name: '근로자의 날' },
      { date: '2026-08-14', name: '택배 없는 날' },
    ]);
    const zoned = await backend.saveRegionOverrides(mallA, {
      overrides: [{ fromZip: '06000', toZip: '06999', zone: 'REMOTE', areaName: '테스트 지역' }],
    });
    expect(zoned.regionOverrides).toHaveLength(1);
    const { orders } = await backend.recentOrders(mallA, RecentOrdersQuery.parse({ q: 'A-small' }));
    expect(orders[0]?.zone).toBe('REMOTE');
    const audit = await backend.listAudit(mallA, AuditQuery.parse({ limit: 5 }));
    expect(audit.entries.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['settings.closedDays', 'settings.regionOverrides']),
    );
    await backend.saveRegionOverrides(mallA, { overrides: [] });
  });

  it('remembers the language per user and shows the plan and the CSRF token in the session', async () => {
    expect((await backend.getSession(mallA)).lang).toBe('ko');
    await backend.setLanguage(mallA, 'en');
    const session = await backend.getSession(mallA);
    expect(session).toMatchObject({ lang: 'en', plan: { state: 'trial' }, csrfToken: 'csrf-test' });
    expect((await backend.getSession({ ...mallA, userId: 'someone-else' })).lang).toBe('ko');
  });

  it('pages the audit trail newest first with a cursor', async () => {
    const first = await backend.listAudit(mallA, AuditQuery.parse({ limit: 2 }));
    expect(first.entries).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await backend.listAudit(mallA, AuditQuery.parse({ limit: 200, cursor: first.nextCursor }));
    const all = await backend.listAudit(mallA, AuditQuery.parse({ limit: 200 }));
    expect([...first.entries, ...second.entries].map((entry) => entry.id)).toEqual(
      all.entries.map((entry) => entry.id),
    );
    expect(second.nextCursor).toBeNull();
    expect((await backend.listAudit(mallB, AuditQuery.parse({ limit: 200 }))).entries).toEqual([]);
  });

  it('ticks a gift off and back on the checklist, for its own mall only', async () => {
    await ctx.store.giftChecklist.add(mallA.mallId, {
      orderId: 'A-big',
      gift: '사은품',
      runId: null,
      createdAt: NOW,
    });
    const [pending] = (await backend.listGifts(mallA, { status: 'pending' })).gifts;
    expect(pending).toMatchObject({ orderId: 'A-big', gift: '사은품', handedAt: null });
    expect((await refusal(backend.markGift(mallB, pending!.id, true))).code).toBe('not_found');
    const handed = await backend.markGift(mallA, pending!.id, true);
    expect(handed.handedBy).toBe(mallA.userId);
    expect((await backend.listGifts(mallA, { status: 'pending' })).gifts).toEqual([]);
    await backend.markGift(mallA, pending!.id, false);
    expect((await backend.listGifts(mallA, { status: 'pending' })).gifts).toHaveLength(1);
  });

  it('refuses a backfill of flows the mall does not have', async () => {
    const error = await refusal(
      backend.startBackfill(mallA, {
        mode: 'apply',
        from: '2026-03-01',
        to: '2026-03-02',
        flowIds: ['nope'],
      }),
    );
    expect(error.code).toBe('not_found');
  });

  it('records merchant requests per mall', async () => {
    const created = await backend.createRequest(mallA, {
      kind: 'automation',
      title: '제주 합포장',
      body: '제주 주문을 묶어 주세요',
    });
    expect(created.status).toBe('received');
    expect((await backend.listRequests(mallA)).requests.map((r) => r.id)).toEqual([created.id]);
    expect((await backend.listRequests(mallB)).requests).toEqual([]);
  });
});
