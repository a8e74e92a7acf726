import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../src/templates/index.js';
import { startPassWing, type Harness } from '../pipeline/passwing-harness.js';
import {
  expectErrorBody,
  injectRaw,
  signInMerchant,
  type ConsoleSession,
  type FuzzResponse,
} from './fuzz-session.js';
import { hostileJson, mutatedFrom } from './json-mutation.js';

/**
 * Every JSON body and query of the console API (issue 8 items 2 and 5): random and mutated bodies on
 * each POST/PUT route, random queries on each GET route, with a merchant session. Never a 5xx;
 * refusals carry the error body (400 with field paths), and a refused request writes no audit entry.
 */

const MALL = 'fuzz-api-mall';
const highValue = TEMPLATES.find((template) => template.id === 'HIGH_VALUE');
if (!highValue) throw new Error('HIGH_VALUE template missing');
const { id: _id, version: _version, ...DRAFT } = highValue.build();

let harness: Harness;
let session: ConsoleSession;
/** A flow that exists in the mall (installed from a template), so :id routes reach their handlers. */
let flowId: string;

beforeAll(async () => {
  harness = await startPassWing({ malls: [MALL], historyOrders: 5 });
  session = await signInMerchant(harness, MALL);
  const installed = await injectRaw(harness, {
    method: 'POST',
    url: '/api/templates/HIGH_VALUE/install',
    payload: JSON.stringify({ params: {} }),
    contentType: 'application/json',
    session,
  });
  expect(installed.status).toBe(200);
  flowId = (installed.body as { flow: { id: string } }).flow.id;
});
afterAll(async () => harness?.cleanup());

/** Path ids: real ones and hostile text (encoded, so the URL itself stays valid). */
const idArb = fc.oneof(
  fc.constant('$flow'),
  fc.constantFrom('HIGH_VALUE', 'EVENT_ORDER', '1', '0', '-1', 'x'.repeat(300), '..', '%00'),
  fc.string({ minLength: 1, maxLength: 30 }),
);
const encodeId = (id: string): string => (id === '$flow' ? flowId : encodeURIComponent(id));

interface BodyRoute {
  method: 'POST' | 'PUT';
  url: string;
  /** Valid bodies the mutations start from. */
  examples: unknown[];
}

const BODY_ROUTES: BodyRoute[] = [
  { method: 'PUT', url: '/api/session/lang', examples: [{ lang: 'en' }, { lang: 'ko' }] },
  { method: 'POST', url: '/api/flows', examples: [{ flow: DRAFT, changeNote: 'fuzz' }] },
  { method: 'POST', url: '/api/flows/validate', examples: [{ flow: DRAFT }] },
  { method: 'POST', url: '/api/flows/reorder', examples: [{ flowIds: ['$flow'] }] },
  {
    method: 'PUT',
    url: '/api/flows/:id',
    examples: [{ flow: DRAFT, baseVersion: 1, changeNote: 'fuzz edit' }],
  },
  { method: 'POST', url: '/api/flows/:id/enabled', examples: [{ enabled: false }, { enabled: true }] },
  { method: 'POST', url: '/api/flows/:id/rollback', examples: [{ version: 1, changeNote: 'back' }] },
  {
    method: 'POST',
    url: '/api/templates/:id/preview',
    examples: [{ params: { minAmount: 50000 }, days: 30 }],
  },
  {
    method: 'POST',
    url: '/api/templates/:id/install',
    examples: [{ params: {}, label: '고액', enabled: false }],
  },
  {
    method: 'POST',
    url: '/api/simulate',
    examples: [{ flow: DRAFT, source: { kind: 'order', orderId: '20260301-0000001' } }],
  },
  {
    method: 'POST',
    url: '/api/backfills',
    examples: [
      { mode: 'dryRun', from: '2026-03-01', to: '2026-03-02', flowIds: [] },
      { mode: 'dryRun', from: '2026-03-01', to: '2026-03-01', draft: DRAFT },
    ],
  },
  { method: 'POST', url: '/api/backfills/:id/pause', examples: [{}] },
  { method: 'POST', url: '/api/backfills/:id/resume', examples: [{}] },
  {
    method: 'PUT',
    url: '/api/settings/channels',
    examples: [
      {
        channels: [
          { kind: 'webhook', name: '주문 알림', enabled: false, target: 'https://hooks.example.invalid/a' },
        ],
      },
    ],
  },
  { method: 'POST', url: '/api/settings/channels/:id/test', examples: [{}] },
  {
    method: 'PUT',
    url: '/api/settings/region-overrides',
    examples: [{ overrides: [{ fromZip: '63000', toZip: '63644', zone: 'JEJU', areaName: '제주' }] }],
  },
  {
    method: 'PUT',
    url: '/api/settings/closed-days',
    examples: [{ closedDays: [{ date: '2026-05-01', name: '근로자의 날' }] }],
  },
  {
    method: 'PUT',
    url: '/api/settings/label-names',
    examples: [{ labelNames: [{ templateId: 'HIGH_VALUE', name: '고액' }] }],
  },
  { method: 'PUT', url: '/api/settings/retention', examples: [{ retentionDays: 90 }] },
  { method: 'PUT', url: '/api/products/:id/tags', examples: [{ tags: ['NEW', 'SAME_DAY'] }] },
  { method: 'POST', url: '/api/gifts/:id/handed', examples: [{ handed: true }] },
  { method: 'POST', url: '/api/jobs/:id/retry', examples: [{}] },
  {
    method: 'POST',
    url: '/api/requests',
    examples: [{ kind: 'feedback', title: '제안', body: '라벨 색을 바꾸고 싶어요' }],
  },
];

/** GET routes and the query keys they read. */
const QUERY_ROUTES: { url: string; keys: string[] }[] = [
  { url: '/api/dashboard', keys: ['days'] },
  { url: '/api/flows/:id/diff', keys: ['from', 'to'] },
  { url: '/api/orders/recent', keys: ['q', 'limit'] },
  { url: '/api/runs', keys: ['orderId', 'label', 'flowId', 'outcome', 'from', 'to', 'cursor', 'limit'] },
  { url: '/api/products', keys: ['q', 'tag', 'cursor', 'limit'] },
  { url: '/api/gifts', keys: ['status'] },
  { url: '/api/audit', keys: ['cursor', 'limit'] },
  { url: '/api/runs/:id', keys: [] },
  { url: '/api/backfills/:id', keys: [] },
  { url: '/api/flows/:id/versions', keys: [] },
];

/** Replaces the `$flow` placeholder inside example bodies with the installed flow's id. */
const withFlowId = (value: unknown): unknown =>
  JSON.parse((JSON.stringify(value) ?? 'null').replaceAll('"$flow"', JSON.stringify(flowId)));

const latestAuditId = async (): Promise<number> =>
  (await harness.passwing.runtime.ctx.store.auditLog.list(MALL, { limit: 1 }))[0]?.id ?? 0;

/** The contract for every console answer under fuzzing. */
async function expectWellBehaved(response: FuzzResponse, auditBefore: number): Promise<void> {
  expect(response.status, JSON.stringify(response.body)).toBeLessThan(500);
  if (response.status < 400) return;
  expectErrorBody(response);
  const error = (response.body as { error: { code: string; details?: { issues?: { path: unknown }[] } } })
    .error;
  if (error.code === 'bad_request') {
    expect(error.details?.issues?.length).toBeGreaterThan(0);
    for (const issue of error.details?.issues ?? []) expect(Array.isArray(issue.path)).toBe(true);
  }
  expect(await latestAuditId(), `a refused request was audited: ${JSON.stringify(response.body)}`).toBe(
    auditBefore,
  );
}

/** 23 body routes × 340 + 10 query routes × 250 = 10,320 requests. */
const RUNS_PER_BODY_ROUTE = 340;
const RUNS_PER_QUERY_ROUTE = 250;

describe('console API under hostile bodies', () => {
  it.each(BODY_ROUTES)('$method $url never answers 5xx', async (route) => {
    const body = fc.oneof(
      { weight: 4, arbitrary: mutatedFrom(route.examples) },
      { weight: 1, arbitrary: fc.constantFrom(...route.examples) },
      { weight: 1, arbitrary: hostileJson },
    );
    /** A JSON document (its flow placeholder filled in later) or raw text under a JSON or text type. */
    const raw = fc.oneof(
      { weight: 8, arbitrary: body.map((value) => ({ value, text: null, contentType: 'application/json' })) },
      {
        weight: 2,
        arbitrary: fc.record({
          value: fc.constant(null),
          text: fc.string({ maxLength: 80 }),
          contentType: fc.constantFrom('application/json', 'text/plain'),
        }),
      },
    );
    await fc.assert(
      fc.asyncProperty(idArb, raw, async (id, { value, text, contentType }) => {
        const auditBefore = await latestAuditId();
        const response = await injectRaw(harness, {
          method: route.method,
          url: route.url.replace(':id', encodeId(id)),
          payload: text ?? JSON.stringify(withFlowId(value)),
          contentType,
          session,
        });
        await expectWellBehaved(response, auditBefore);
      }),
      { numRuns: RUNS_PER_BODY_ROUTE },
    );
  });
});

describe('console API under hostile paths', () => {
  it('answers a path segment over the router limit (414) and a malformed URL with the API error body', async () => {
    const tooLong = await injectRaw(harness, {
      method: 'GET',
      url: `/api/flows/${'x'.repeat(300)}`,
      session,
    });
    expect(tooLong.status).toBe(414);
    expectErrorBody(tooLong);
    const malformed = await injectRaw(harness, { method: 'GET', url: '/api/flows/%E0%A4%A', session });
    expect(malformed.status).toBe(400);
    expectErrorBody(malformed);
  });
});

describe('console API under hostile queries', () => {
  it.each(QUERY_ROUTES)('GET $url never answers 5xx', async (route) => {
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.integer().map(String),
      fc.constantFrom('', '0', '-1', '1e9', '2026-02-30', 'labelled', 'all', 'x'.repeat(500)),
    );
    const query = fc.array(fc.tuple(fc.constantFrom(...route.keys, 'extra', '__proto__'), value), {
      maxLength: 5,
    });
    await fc.assert(
      fc.asyncProperty(idArb, query, async (id, pairs) => {
        const search = new URLSearchParams(pairs).toString();
        const auditBefore = await latestAuditId();
        const response = await injectRaw(harness, {
          method: 'GET',
          url: `${route.url.replace(':id', encodeId(id))}${search ? `?${search}` : ''}`,
          session,
        });
        await expectWellBehaved(response, auditBefore);
      }),
      { numRuns: RUNS_PER_QUERY_ROUTE },
    );
  });
});
