import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cafe24Client } from '../../src/cafe24/cafe24-client.js';
import { registerBackfillWorker, runBackfill } from '../../src/pipeline/backfill.js';
import { createConsoleBackend } from '../../src/server/create-console-backend.js';
import { kstDate } from '../../src/pipeline/order-pages.js';
import type { PipelineContext } from '../../src/pipeline/pipeline-context.js';
import { installTemplates, startPassWing, waitFor, type Harness } from './passwing-harness.js';

const MALL = 'backfill-mall';
const DAY_MS = 86_400_000;

describe('backfill and dry-run against the sandbox over HTTP', () => {
  let harness: Harness;
  let ctx: PipelineContext;
  const range = { fromDate: kstDate(Date.now() - 89 * DAY_MS), toDate: kstDate(Date.now()) };

  /** Label writes the sandbox received (bulk and per item). */
  const labelCalls = (): number =>
    Object.entries(harness.passwing.sandbox!.stats(MALL).callsByEndpoint)
      .filter(([endpoint]) => endpoint.includes('labels') && !endpoint.startsWith('GET'))
      .reduce((sum, [, count]) => sum + count, 0);

  const createJob = (jobId: string, kind: 'dryRun' | 'backfill') =>
    ctx.store.backfillJobs.create(MALL, {
      jobId,
      kind,
      ...range,
      total: null,
      options: { flowIds: [], pageSize: 10 },
      now: Date.now(),
    });

  beforeAll(async () => {
    harness = await startPassWing({ malls: [MALL], historyOrders: 40 });
    ctx = harness.passwing.runtime.ctx;
    await waitFor(
      async () =>
        (await ctx.store.backfillJobs.list(MALL, 5)).some(
          (job) => job.kind === 'import' && job.status === 'done',
        ),
      30_000,
      'install import',
    );
    await installTemplates(harness.passwing, MALL, [
      { id: 'HIGH_VALUE', params: { minAmount: 30_000 } },
      { id: 'ISLAND_SHIP' },
    ]);
  }, 60_000);
  afterAll(async () => harness?.cleanup());

  it('dry-run reports per label which orders would gain it and writes nothing to Cafe24 or the effects', async () => {
    const labelsBefore = labelCalls();
    expect(await runBackfill(ctx, { mallId: MALL, jobId: 'dry-full' }).catch(() => 'no job')).toBe('stopped');
    await createJob('dry-full', 'dryRun');
    expect(await runBackfill(ctx, { mallId: MALL, jobId: 'dry-full' })).toBe('done');
    const job = await ctx.store.backfillJobs.get(MALL, 'dry-full');
    expect(job).toMatchObject({ status: 'done', processed: 40, total: 40 });
    const report = job?.report as Record<string, { gained: number; lost: number; sampleGained: string[] }>;
    expect(report.HIGH_VALUE?.gained).toBeGreaterThan(0);
    expect(report.HIGH_VALUE?.lost).toBe(0);
    expect(labelCalls()).toBe(labelsBefore);
    expect(await ctx.store.runs.search(MALL, { limit: 10 })).toEqual([]);
    for (const orderId of report.HIGH_VALUE?.sampleGained ?? []) {
      expect(await ctx.store.labels.listForOrder(MALL, orderId)).toEqual([]);
    }
  }, 60_000);

  it('pauses between pages and resumes from its cursor to the same report', async () => {
    const full = await ctx.store.backfillJobs.get(MALL, 'dry-full');
    await createJob('dry-paused', 'dryRun');
    let pagesWithOrders = 0;
    // The real client, watched: a person presses "pause" once the second page of orders came back.
    const watched = (client: Cafe24Client): Cafe24Client =>
      new Proxy(client, {
        get(target, property, receiver) {
          if (property !== 'get') return Reflect.get(target, property, receiver) as unknown;
          return async (...args: Parameters<Cafe24Client['get']>) => {
            const result = await target.get(...args);
            if (((result as { orders?: unknown[] }).orders ?? []).length > 0 && ++pagesWithOrders === 2) {
              await ctx.store.backfillJobs.setPaused(MALL, 'dry-paused', true, Date.now());
            }
            return result;
          };
        },
      });
    const pausingCtx: PipelineContext = {
      ...ctx,
      cafe24: Object.assign(Object.create(ctx.cafe24) as PipelineContext['cafe24'], {
        client: (mallId: string) => watched(ctx.cafe24.client(mallId)),
      }),
    };
    expect(await runBackfill(pausingCtx, { mallId: MALL, jobId: 'dry-paused' })).toBe('stopped');
    const paused = await ctx.store.backfillJobs.get(MALL, 'dry-paused');
    expect(paused?.status).toBe('paused');
    expect(paused?.processed).toBeGreaterThan(0);
    expect(paused?.processed).toBeLessThan(40);
    expect(paused?.total).toBe(40);
    expect(await runBackfill(ctx, { mallId: MALL, jobId: 'dry-paused' })).toBe('stopped');
    expect(await ctx.store.backfillJobs.setPaused(MALL, 'dry-paused', false, Date.now())).toBe(true);
    expect(await runBackfill(ctx, { mallId: MALL, jobId: 'dry-paused' })).toBe('done');
    const resumed = await ctx.store.backfillJobs.get(MALL, 'dry-paused');
    expect(resumed?.processed).toBe(full?.processed);
    expect(resumed?.report).toEqual(full?.report);
  }, 60_000);

  it('runs dry-runs started from the console as queue jobs, also for an unsaved draft flow', async () => {
    await registerBackfillWorker(ctx);
    const backend = createConsoleBackend(ctx);
    const actor = { mallId: MALL, userId: 'operator' };
    const full = await ctx.store.backfillJobs.get(MALL, 'dry-full');
    const expected = (full?.report as Record<string, { gained: number }>).HIGH_VALUE?.gained;
    const saved = await backend.startBackfill(actor, {
      mode: 'dryRun',
      from: range.fromDate,
      to: range.toDate,
      flowIds: [],
    });
    const draft = await backend.startBackfill(actor, {
      mode: 'dryRun',
      from: range.fromDate,
      to: range.toDate,
      flowIds: [],
      draft: {
        name: '초안',
        enabled: false,
        priority: 1,
        triggers: ['order.created'],
        rules: [
          {
            id: 'all',
            name: '모든 주문',
            when: { kind: 'compare', fact: 'order.productAmount', op: 'gte', value: 0 },
            then: [{ type: 'addLabel', label: '초안라벨', scope: 'order' }],
          },
        ],
      },
    });
    for (const id of [saved.id, draft.id]) {
      await waitFor(
        async () => (await backend.getBackfill(actor, id)).state === 'completed',
        30_000,
        'dry-run',
      );
    }
    const savedStatus = await backend.getBackfill(actor, saved.id);
    expect(savedStatus).toMatchObject({ mode: 'dryRun', processed: 40, total: 40, error: null });
    expect(savedStatus.report.find((change) => change.label === 'HIGH_VALUE')?.gained).toBe(expected);
    const draftStatus = await backend.getBackfill(actor, draft.id);
    expect(draftStatus.report).toEqual([
      { label: '초안라벨', gained: 40, lost: 0, sampleGained: expect.any(Array) as unknown, sampleLost: [] },
    ]);
    expect((await backend.listBackfills(actor)).backfills.map((job) => job.id)).toEqual(
      expect.arrayContaining([saved.id, draft.id]),
    );
    expect(await ctx.store.runs.search(MALL, { limit: 10 })).toEqual([]);
  }, 60_000);

  it('backfill enqueues every order of the range as a manual re-evaluation that writes labels', async () => {
    const labelsBefore = labelCalls();
    await createJob('apply-1', 'backfill');
    expect(await runBackfill(ctx, { mallId: MALL, jobId: 'apply-1' })).toBe('done');
    await waitFor(
      async () => (await ctx.store.runs.search(MALL, { limit: 100 })).length >= 40,
      60_000,
      'runs',
    );
    const runs = await ctx.store.runs.search(MALL, { limit: 100 });
    expect(new Set(runs.map((run) => run.trigger))).toEqual(new Set(['manual']));
    expect(labelCalls()).toBeGreaterThan(labelsBefore);
    const dryAfter = await createJob('dry-after', 'dryRun').then(() =>
      runBackfill(ctx, { mallId: MALL, jobId: 'dry-after' }),
    );
    expect(dryAfter).toBe('done');
    const report = (await ctx.store.backfillJobs.get(MALL, 'dry-after'))?.report as Record<
      string,
      { gained: number }
    >;
    expect(Object.values(report).every((change) => change.gained === 0)).toBe(true);
  }, 90_000);
});
