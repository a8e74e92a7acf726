import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Flow } from '../../src/engine/flow-schema.js';
import { validateFlow } from '../../src/engine/validate-flow.js';
import { TEMPLATES } from '../../src/templates/index.js';
import { startPassWing, type Harness } from '../pipeline/passwing-harness.js';
import {
  expectClientErrorOrOk,
  injectRaw,
  signInMerchant,
  type ConsoleSession,
  type FuzzResponse,
} from './fuzz-session.js';
import { hostileJson, mutatedFrom } from './json-mutation.js';

/**
 * Hostile flow definitions (issue 8 item 2): random JSON and mutated template flows into the
 * engine's validateFlow and into the console's POST /api/flows and /api/flows/validate. The engine
 * never throws and names every problem with a path and a ko/en message; the API never answers 5xx,
 * refuses with field paths and stores no flow it refused.
 */

const MALL = 'fuzz-flow-mall';

/** Every template that builds with its defaults (EVENT_ORDER needs parameters). */
const TEMPLATE_FLOWS: Flow[] = TEMPLATES.flatMap((template) => {
  try {
    return [template.build()];
  } catch {
    return [];
  }
});
const DRAFTS = TEMPLATE_FLOWS.map(({ id: _id, version: _version, ...draft }) => draft);

const flowInput = fc.oneof(
  { weight: 3, arbitrary: mutatedFrom(TEMPLATE_FLOWS) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: hostileJson },
);

/** Checks a validateFlow answer: ok with the flow, or issues each with a path, a code and ko/en text. */
function expectWellFormedValidation(input: unknown): boolean {
  const result = validateFlow(input);
  if (result.ok) return true;
  expect(result.issues.length).toBeGreaterThan(0);
  for (const issue of result.issues) {
    expect(typeof issue.path).toBe('string');
    expect(issue.code).not.toBe('');
    expect(issue.message.ko.trim(), JSON.stringify(issue)).not.toBe('');
    expect(issue.message.en.trim(), JSON.stringify(issue)).not.toBe('');
  }
  // Only an input that is not an object at all may be blamed on the whole flow (path '').
  const isObject = typeof input === 'object' && input !== null && !Array.isArray(input);
  if (isObject) expect(result.issues.some((issue) => issue.path !== '')).toBe(true);
  return false;
}

describe('validateFlow under hostile input', () => {
  it('accepts every template flow as built', () => {
    expect(TEMPLATE_FLOWS.length).toBeGreaterThan(5);
    for (const flow of TEMPLATE_FLOWS) expect(validateFlow(flow).ok).toBe(true);
  });

  it('never throws and names every problem with a path and a message in both languages', () => {
    let rejected = 0;
    fc.assert(
      fc.property(flowInput, (input) => {
        if (!expectWellFormedValidation(input)) rejected += 1;
      }),
      { numRuns: 8000 },
    );
    expect(rejected).toBeGreaterThan(4000);
  });

  it('answers throwing getters with issues and deep nesting with an answer, never an exception', () => {
    const trap = { ...TEMPLATE_FLOWS[0] };
    Object.defineProperty(trap, 'rules', {
      enumerable: true,
      get() {
        throw new Error('getter trap');
      },
    });
    expect(validateFlow(trap).ok).toBe(false);
    let deep: unknown = { kind: 'leaf', fact: 'order.productAmount', op: 'gte', value: 1 };
    for (let depth = 0; depth < 5000; depth += 1) deep = { kind: 'not', condition: deep };
    const flow = { ...TEMPLATE_FLOWS[0], rules: [{ id: 'r', name: 'r', when: deep, then: [] }] };
    expect(typeof validateFlow(flow).ok).toBe('boolean');
  });
});

describe('console flow API under hostile drafts', () => {
  let harness: Harness;
  let session: ConsoleSession;

  beforeAll(async () => {
    harness = await startPassWing({ malls: [MALL], historyOrders: 0 });
    session = await signInMerchant(harness, MALL);
  });
  afterAll(async () => harness?.cleanup());

  const storedFlows = async (): Promise<number> =>
    (await harness.passwing.runtime.ctx.store.flows.list(MALL)).length;

  const post = (url: string, body: unknown): Promise<FuzzResponse> =>
    injectRaw(harness, {
      method: 'POST',
      url,
      payload: JSON.stringify(body),
      contentType: 'application/json',
      session,
    });

  /** A refusal names fields: 400 with zod issue paths, 422 with engine issue paths. */
  function expectFieldPaths(response: FuzzResponse): void {
    const details = (response.body as { error: { details?: { issues?: { path?: unknown }[] } } }).error
      .details;
    expect(details?.issues?.length, JSON.stringify(response.body)).toBeGreaterThan(0);
    for (const issue of details?.issues ?? []) {
      if (response.status === 400) expect(Array.isArray(issue.path)).toBe(true);
      else expect(typeof issue.path).toBe('string');
    }
  }

  it('creates flows from valid drafts', async () => {
    const before = await storedFlows();
    const response = await post('/api/flows', { flow: DRAFTS[0], changeNote: 'fuzz baseline' });
    expect(response.status).toBe(200);
    expect(await storedFlows()).toBe(before + 1);
  });

  it('refuses bad drafts with 400/422 and field paths, storing nothing', async () => {
    let refused = 0;
    const body = fc.oneof(
      { weight: 4, arbitrary: mutatedFrom(DRAFTS).map((flow) => ({ flow, changeNote: 'fuzz' })) },
      { weight: 1, arbitrary: mutatedFrom(DRAFTS.map((flow) => ({ flow, changeNote: 'fuzz' }))) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    );
    await fc.assert(
      fc.asyncProperty(body, async (input) => {
        const before = await storedFlows();
        const response = await post('/api/flows', input);
        expectClientErrorOrOk(response, [200, 400, 422]);
        if (response.status === 200) return;
        refused += 1;
        expectFieldPaths(response);
        expect(await storedFlows()).toBe(before);
      }),
      { numRuns: 1500 },
    );
    expect(refused).toBeGreaterThan(500);
  });

  it('validates any draft with 200 and issues, storing nothing', async () => {
    const before = await storedFlows();
    await fc.assert(
      fc.asyncProperty(flowInput, async (flow) => {
        const response = await post('/api/flows/validate', { flow });
        expectClientErrorOrOk(response, [200]);
        const answer = response.body as { ok: boolean; issues: { path: unknown }[] };
        expect(answer.ok === (answer.issues.length === 0)).toBe(true);
        for (const issue of answer.issues) expect(typeof issue.path).toBe('string');
      }),
      { numRuns: 700 },
    );
    expect(await storedFlows()).toBe(before);
  });
});
