/**
 * The console in a real browser (Debian chromium through playwright-core) against the real console
 * routes, the real engine (catalogue, validation, explanations) and the real templates. The store
 * behind the routes is an in-memory stand-in, since the console only sees the ConsoleBackend
 * contract. Screenshots of every main page land in .test-artifacts/console/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderFacts } from '../../src/domain/order-facts.js';
import { describeFactCatalogue } from '../../src/engine/fact-catalogue.js';
import { Flow } from '../../src/engine/flow-schema.js';
import { interpretFlows } from '../../src/engine/interpret-flows.js';
import { validateFlow } from '../../src/engine/validate-flow.js';
import type {
  FlowDetail,
  FlowDraft,
  FlowSummary,
  FlowVersionInfo,
  TemplateParam,
} from '../../src/server/api-contract.js';
import { ConsoleRequestError } from '../../src/server/console-backend.js';
import type { ConsoleActor, ConsoleBackend } from '../../src/server/console-backend.js';
import { consoleRoutes } from '../../src/server/console-routes.js';
import { TEMPLATES, describeTemplateParams, findTemplate } from '../../src/templates/index.js';

const BROWSER = process.env.PASSWING_BROWSER ?? '/usr/bin/chromium';
const ARTIFACTS = join(process.cwd(), '.test-artifacts', 'console');
const PLACED_AT = Date.parse('2026-03-12T23:12:00+09:00');

/** A made-up order (fake buyer, no personal data): 128,000원 to Jeju, a member's first order. */
const ORDER_FACTS: OrderFacts = {
  order: {
    id: '20260312-0000213',
    productAmount: 128000,
    paymentAmount: 131000,
    placedAt: PLACED_AT,
    hour: 23,
    minuteOfDay: 23 * 60 + 12,
    weekday: 4,
    date: '2026-03-12',
    isHoliday: false,
    channel: 'mobile',
    paymentMethods: ['card'],
    paid: 'T',
    canceled: false,
    itemCount: 1,
    quantity: 2,
    clientIp: null,
    ipCountry: null,
    isOverseasIp: false,
  },
  shipping: { zip: '63309', address: null, zone: 'JEJU', areaName: '제주', international: false },
  customer: {
    kind: 'member',
    memberId: 'test-member',
    key: 'm:test-member',
    grade: 1,
    gradeName: '일반',
    isFirstOrder: true,
    previousOrderCount: 0,
    lifetimeAmount: 128000,
    history: [],
  },
  items: [
    {
      itemCode: '20260312-0000213-01',
      productNo: 11,
      productCode: 'P000000L',
      variantCode: 'P000000L000A',
      name: '테스트 상품',
      quantity: 2,
      price: 64000,
      status: 'N00',
      tags: ['BEST'],
      stock: 12,
    },
  ],
};

interface StoredFlow {
  versions: { flow: Flow; info: FlowVersionInfo }[];
}

/** Per-mall flows with versions, like the real store: nothing is shared between malls. */
class InMemoryConsole {
  readonly malls = new Map<string, Map<string, StoredFlow>>();
  private nextId = 1;

  flowsOf(mallId: string): Map<string, StoredFlow> {
    let flows = this.malls.get(mallId);
    if (!flows) this.malls.set(mallId, (flows = new Map()));
    return flows;
  }

  private stored(actor: ConsoleActor, flowId: string): StoredFlow {
    const stored = this.flowsOf(actor.mallId).get(flowId);
    if (!stored) throw new ConsoleRequestError('not_found', 'No such flow.');
    return stored;
  }

  private current(stored: StoredFlow): { flow: Flow; info: FlowVersionInfo } {
    return stored.versions[stored.versions.length - 1]!;
  }

  /** Validates with the engine and stores the draft as the flow's next version. */
  save(actor: ConsoleActor, flowId: string | null, draft: FlowDraft, changeNote: string): FlowDetail {
    const id = flowId ?? `flow-${this.nextId++}`;
    const stored = this.flowsOf(actor.mallId).get(id) ?? { versions: [] };
    const version = stored.versions.length + 1;
    const checked = validateFlow({ ...draft, id, version });
    if (!checked.ok)
      throw new ConsoleRequestError('flow_invalid', 'Invalid flow.', { issues: checked.issues });
    const info = { version, changeNote, createdAt: new Date().toISOString(), createdBy: actor.userId };
    stored.versions.push({ flow: checked.flow, info });
    this.flowsOf(actor.mallId).set(id, stored);
    return { flow: checked.flow, current: info };
  }

  detail(actor: ConsoleActor, flowId: string): FlowDetail {
    const { flow, info } = this.current(this.stored(actor, flowId));
    return { flow, current: info };
  }

  summary(stored: StoredFlow): FlowSummary {
    const { flow, info } = this.current(stored);
    return {
      id: flow.id,
      name: flow.name,
      enabled: flow.enabled,
      priority: flow.priority,
      version: flow.version,
      templateId: flow.templateId ?? null,
      ruleCount: flow.rules.length,
      labels: flow.rules.flatMap((rule) =>
        rule.then.flatMap((action) => (action.type === 'addLabel' ? [action.label] : [])),
      ),
      updatedAt: info.createdAt,
      lastRun: null,
      matchedLast7Days: 0,
    };
  }

  backend(): ConsoleBackend {
    const methods: Partial<ConsoleBackend> = {
      getSession: async (actor) => ({
        mall: { id: actor.mallId, shopNo: 1, name: `테스트몰 ${actor.mallId}` },
        user: { id: actor.userId, name: '운영자', role: 'owner' },
        plan: { state: 'trial', until: null },
        lang: 'ko',
        csrfToken: `csrf-${actor.mallId}`,
      }),
      setLanguage: async () => ({ ok: true }),
      getDashboard: async (_actor, query) => ({
        days: query.days,
        today: { ordersProcessed: 12, ordersLabelled: 7, labelsApplied: 9 },
        labels: [{ label: '고액주문', count: 7 }],
        latency: { p50Ms: 800, p95Ms: 2100 },
        failures: { failedRuns: 0, deadLetterJobs: 0 },
        apiBudget: { bucketUsed: 4, bucketSize: 40, callsToday: 120, throttledToday: 0 },
        webhooks: {
          status: 'healthy',
          lastEventAt: new Date().toISOString(),
          eventsToday: 30,
          caughtByReconciliation: 1,
        },
        series: {
          granularity: 'day',
          points: Array.from({ length: query.days }, (_v, index) => ({
            at: new Date(Date.now() - (query.days - 1 - index) * 86_400_000).toISOString(),
            processed: 10 + index,
            labelled: 5 + index,
            failed: 0,
            p95Ms: 2000,
          })),
        },
      }),
      listFailedJobs: async () => ({ jobs: [] }),
      getFacts: async () => ({
        facts: describeFactCatalogue().facts,
        grades: [{ no: 1, name: '일반' }],
        labels: ['고액주문'],
        channels: [],
      }),
      listFlows: async (actor) => ({
        flows: [...this.flowsOf(actor.mallId).values()].map((stored) => this.summary(stored)),
      }),
      createFlow: async (actor, body) => this.save(actor, null, body.flow, body.changeNote),
      getFlow: async (actor, flowId) => this.detail(actor, flowId),
      updateFlow: async (actor, flowId, body) => {
        if (this.detail(actor, flowId).flow.version !== body.baseVersion) {
          throw new ConsoleRequestError('version_conflict', 'Saved by someone else.');
        }
        return this.save(actor, flowId, body.flow, body.changeNote);
      },
      validateFlow: async (_actor, candidate) => {
        const checked = validateFlow({ ...(candidate as object), id: 'draft', version: 1 });
        return checked.ok ? { ok: true, issues: [] } : { ok: false, issues: checked.issues };
      },
      listFlowVersions: async (actor, flowId) => ({
        versions: this.stored(actor, flowId)
          .versions.map((one) => one.info)
          .reverse(),
      }),
      diffFlowVersions: async (actor, flowId, query) => {
        const { versions } = this.stored(actor, flowId);
        const at = (version: number) => versions[version - 1] ?? versions[0]!;
        return { from: at(query.from), to: at(query.to) };
      },
      rollbackFlow: async (actor, flowId, body) => {
        const {
          id: _id,
          version: _version,
          ...draft
        } = this.stored(actor, flowId).versions[body.version - 1]!.flow;
        return this.save(actor, flowId, draft, body.changeNote ?? `rollback to v${body.version}`);
      },
      listTemplates: async (actor) => ({
        templates: TEMPLATES.map((template) => {
          const installed = [...this.flowsOf(actor.mallId).values()].find(
            (stored) => this.current(stored).flow.templateId === template.id,
          );
          return {
            id: template.id,
            kind: template.kind,
            group: 'order',
            name: template.name,
            description: template.description,
            defaultLabel: String(template.defaults?.label ?? template.id),
            params: describeTemplateParams(template)
              .filter((param) => param.key !== 'label')
              .map((param): TemplateParam => ({
                key: param.key,
                type:
                  param.type === 'number' ? (/amount|lifetime/i.test(param.key) ? 'won' : 'int') : 'string',
                label: { ko: param.key, en: param.key },
                required: param.required,
                default: param.defaultValue,
              })),
            installedFlowId: installed ? this.current(installed).flow.id : null,
          };
        }),
      }),
      installTemplate: async (actor, templateId, body) => {
        const template = findTemplate(templateId);
        if (!template) throw new ConsoleRequestError('not_found', 'No such template.');
        const {
          id: _id,
          version: _version,
          ...draft
        } = template.build({
          ...body.params,
          ...(body.label ? { label: body.label } : {}),
        });
        return this.save(actor, null, { ...draft, enabled: body.enabled }, `template ${templateId}`);
      },
      recentOrders: async () => ({
        orders: [
          {
            orderId: ORDER_FACTS.order.id,
            placedAt: new Date(PLACED_AT).toISOString(),
            productAmount: ORDER_FACTS.order.productAmount,
            buyerMasked: '김○○',
            zone: 'JEJU',
            itemCount: 1,
            labels: [],
          },
        ],
      }),
      simulate: async (_actor, body) => {
        const facts = body.source.kind === 'facts' ? body.source.facts : ORDER_FACTS;
        const flow = Flow.parse({
          ...body.flow,
          id: 'simulation',
          version: 1,
          enabled: true,
          triggers: ['manual'],
        });
        const decision = interpretFlows([flow], facts, { now: PLACED_AT, trigger: 'manual', explain: true });
        return {
          matched: decision.matched.length > 0,
          labelsAdded: decision.labels,
          labelsRemoved: decision.removedLabels,
          actions: decision.actions,
          trace: decision.trace!.flows[0]!,
          facts,
        };
      },
    };
    return methods as ConsoleBackend;
  }
}

const readCookie = (header: string | undefined, name: string): string | undefined =>
  header
    ?.split(';')
    .map((part) => part.trim().split('='))
    .find(([key]) => key === name)?.[1];

describe.skipIf(!existsSync(BROWSER))('the console in a browser', () => {
  const store = new InMemoryConsole();
  let outDir: string;
  let app: FastifyInstance;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    outDir = mkdtempSync(join(tmpdir(), 'passwing-console-'));
    await build({
      configFile: 'web/vite.config.ts',
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    });
    app = Fastify({ logger: false });
    // Stands in for the auth hook: the `mall` cookie is the session; non-GET needs the CSRF header.
    app.addHook('onRequest', async (request, reply) => {
      const mallId = readCookie(request.headers.cookie, 'mall');
      if (!mallId || !request.url.startsWith('/api/')) return;
      if (request.method !== 'GET' && request.headers['x-csrf-token'] !== `csrf-${mallId}`) {
        return reply.code(403).send({ error: { code: 'csrf', message: 'CSRF token missing' } });
      }
      request.session = { mallId, userId: 'operator', csrfToken: `csrf-${mallId}` };
    });
    await app.register(fastifyStatic, { root: outDir, prefix: '/app/' });
    await app.register(consoleRoutes, { backend: store.backend() });
    origin = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: BROWSER,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  async function openAs(mallId: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ko-KR' });
    await context.addCookies([{ name: 'mall', value: mallId, url: origin }]);
    const page = await context.newPage();
    return { context, page };
  }

  const goto = async (page: Page, route: string): Promise<void> => {
    await page.goto(`${origin}/app/#/${route}`);
  };

  const seedFlow = (mallId: string, name: string, minAmount: number): FlowDetail =>
    store.save(
      { mallId, userId: 'seed' },
      null,
      {
        name,
        enabled: true,
        priority: 100,
        triggers: ['order.created'],
        rules: [
          {
            id: 'big',
            name: '고액 주문',
            when: {
              kind: 'all',
              conditions: [{ kind: 'compare', fact: 'order.productAmount', op: 'gte', value: minAmount }],
            },
            then: [{ type: 'addLabel', label: '고액주문', scope: 'order' }],
          },
        ],
      },
      '처음 만듦',
    );

  it('switches the console to English and keeps the choice after a reload', async () => {
    const { context, page } = await openAs('mall-a');
    await goto(page, 'dashboard');
    await expect.poll(() => page.locator('h1').textContent()).toBe('대시보드');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png') });
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Dashboard');
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Dashboard');
    await context.close();
  });

  it('shows the engine validation message at the action it concerns and saves once fixed', async () => {
    const { context, page } = await openAs('mall-a');
    await goto(page, 'flows/new');
    await page.getByRole('button', { name: '규칙 추가' }).click();
    const action = page.locator('[data-path="rules.0.then.0"]');
    await expect.poll(() => action.locator('.issue').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: '플로우 만들기' }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'flow-editor-invalid.png') });

    await action.getByLabel('라벨 이름').fill('고액주문');
    await expect.poll(() => action.locator('.issue').count()).toBe(0);
    await page.getByRole('button', { name: '플로우 만들기' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/flows\/flow-\d+$/);
    const flows = [...store.flowsOf('mall-a').values()];
    expect(flows.some((stored) => stored.versions[0]?.flow.rules[0]?.then[0]?.type === 'addLabel')).toBe(
      true,
    );
    await context.close();
  });

  it('installs a template with a changed parameter', async () => {
    const { context, page } = await openAs('mall-t');
    await goto(page, 'templates');
    await page
      .getByRole('button', { name: /HIGH_VALUE/ })
      .first()
      .click();
    const amount = page.getByLabel(/minAmount/);
    await amount.fill('250,000');
    await page.screenshot({ path: join(ARTIFACTS, 'templates.png') });
    await page.getByRole('button', { name: '설치하기' }).click();
    await expect.poll(() => page.locator('.notice-success').count()).toBe(1);
    const installed = [...store.flowsOf('mall-t').values()].map((stored) => stored.versions[0]!.flow);
    expect(installed).toHaveLength(1);
    expect(JSON.stringify(installed[0]!.rules[0]!.when)).toContain('250000');
    await context.close();
  });

  it('explains a simulation per condition with the value the engine saw', async () => {
    const flow = seedFlow('mall-a', '고액 주문 확인', 100000);
    const { context, page } = await openAs('mall-a');
    await goto(page, `simulation?flow=${flow.flow.id}`);
    await page.getByRole('radio', { name: /20260312-0000213/ }).check();
    await page.getByRole('button', { name: /시뮬레이션 실행/ }).click();
    const result = page.locator('.sim-result');
    await expect.poll(() => result.textContent()).toContain('128,000원');
    expect(await result.textContent()).toContain('100,000원');
    expect(await result.locator('.mark-yes').count()).toBeGreaterThan(0);
    expect(await result.locator('.badge-label').first().textContent()).toBe('고액주문');
    await page.screenshot({ path: join(ARTIFACTS, 'simulation.png'), fullPage: true });
    await context.close();
  });

  it('rolls a flow back to an earlier version as a new version', async () => {
    const first = seedFlow('mall-a', '롤백 테스트', 100000);
    const { id: _id, version: _version, ...draft } = first.flow;
    store.save(
      { mallId: 'mall-a', userId: 'seed' },
      first.flow.id,
      { ...draft, name: '롤백 테스트 (수정)' },
      '이름 변경',
    );
    const { context, page } = await openAs('mall-a');
    page.on('dialog', (dialog) => void dialog.accept());
    await goto(page, `flows/${first.flow.id}`);
    await page.getByRole('tab', { name: '버전 기록' }).click();
    await page.getByRole('button', { name: 'v1으로 되돌리기' }).click();
    await expect.poll(() => page.locator('.notice-success').textContent()).toContain('v3');
    const versions = store.flowsOf('mall-a').get(first.flow.id)!.versions;
    expect(versions).toHaveLength(3);
    expect(versions[2]!.flow.name).toBe('롤백 테스트');
    await page.screenshot({ path: join(ARTIFACTS, 'flow-history.png'), fullPage: true });
    await context.close();
  });

  it("shows a second mall none of the first mall's flows", async () => {
    seedFlow('mall-a', '몰 A 전용 플로우', 50000);
    const a = await openAs('mall-a');
    await goto(a.page, 'flows');
    await expect.poll(() => a.page.locator('table').textContent()).toContain('몰 A 전용 플로우');
    await a.page.screenshot({ path: join(ARTIFACTS, 'flows.png') });
    await a.context.close();

    const b = await openAs('mall-b');
    await goto(b.page, 'flows');
    await expect.poll(() => b.page.locator('.empty-title').textContent()).toBe('아직 패스플로우가 없습니다');
    expect(await b.page.content()).not.toContain('몰 A 전용 플로우');
    await b.context.close();
  });
});
