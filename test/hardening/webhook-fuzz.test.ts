import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InboxStatus } from '../../src/store/repositories/webhook-inbox-repository.js';
import { startPassWing, type Harness } from '../pipeline/passwing-harness.js';
import { expectClientErrorOrOk, injectRaw, type FuzzResponse } from './fuzz-session.js';

/**
 * Hostile webhook bodies (issue 8 item 2): random JSON, random bytes and mutated documented samples
 * into POST /webhooks/cafe24/:token of a real PassWing. Never a 5xx; refusals carry the API error
 * body; a refused body leaves no inbox row behind.
 */

const MALL = 'fuzz-hook-mall';
const FIXTURE_DIR = join(import.meta.dirname, '../fixtures/cafe24-webhooks');
const SAMPLES = readdirSync(FIXTURE_DIR)
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(join(FIXTURE_DIR, name), 'utf8')) as Record<string, unknown>);
const ALLOWED = [200, 400, 404, 413, 415];

let harness: Harness;
let path: string;

beforeAll(async () => {
  harness = await startPassWing({ malls: [MALL], historyOrders: 0 });
  path = new URL(harness.passwing.webhookUrl).pathname;
});
afterAll(async () => harness?.cleanup());

/** Inbox rows of the mall in any status (the worker moves rows between statuses, never removes them). */
async function inboxRows(): Promise<number> {
  const { webhookInbox } = harness.passwing.runtime.ctx.store;
  let total = 0;
  for (const status of InboxStatus.options)
    total += (await webhookInbox.listByStatus(MALL, status, 100_000)).length;
  return total;
}

/** Posts one body and checks the contract: allowed status, error body, nothing kept when refused. */
async function postAndCheck(payload: string | Buffer, contentType?: string): Promise<FuzzResponse> {
  const before = await inboxRows();
  const response = await injectRaw(harness, {
    method: 'POST',
    url: path,
    payload,
    ...(contentType === undefined ? {} : { contentType }),
  });
  expectClientErrorOrOk(response, ALLOWED);
  if (response.status !== 200) expect(await inboxRows()).toBe(before);
  return response;
}

const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    '',
    null,
    MALL,
    '../../etc/passwd',
    "'; DROP TABLE webhook_inbox; --",
    '20200717-0029236,,',
    ',',
    -1,
    0,
    1e308,
    '9'.repeat(40),
    '\u0000',
    '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
    { __proto__: { polluted: true } },
  ),
);

/** A documented sample with fields of its resource replaced, removed or moved to the top level. */
const mutatedSample = fc
  .record({
    sample: fc.constantFrom(...SAMPLES),
    installedMall: fc.boolean(),
    edits: fc.array(
      fc.record({ keyIndex: fc.nat(), value: hostileValue, op: fc.constantFrom('set', 'delete', 'flatten') }),
      { minLength: 1, maxLength: 4 },
    ),
    eventNo: fc.option(hostileValue, { freq: 4 }),
  })
  .map(({ sample, installedMall, edits, eventNo }) => {
    const body = structuredClone(sample);
    const resource = (body.resource ?? {}) as Record<string, unknown>;
    if (installedMall) resource.mall_id = MALL;
    for (const { keyIndex, value, op } of edits) {
      const keys = Object.keys(resource);
      const key = keys[keyIndex % Math.max(keys.length, 1)] ?? 'mall_id';
      if (op === 'delete') delete resource[key];
      else if (op === 'set') resource[key] = value;
      else body[key] = resource[key];
    }
    if (eventNo !== null) body.event_no = eventNo;
    return body;
  });

describe('webhook intake under hostile bodies', () => {
  it('answers random JSON documents with 200 or a 4xx error body and keeps nothing it refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
        await postAndCheck(JSON.stringify(value), 'application/json');
      }),
      { numRuns: 3000 },
    );
  });

  it('answers mutated documented samples without a 5xx and keeps nothing it refused', async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(mutatedSample, async (body) => {
        const response = await postAndCheck(JSON.stringify(body), 'application/json');
        if (response.status === 200) accepted += 1;
        else refused += 1;
      }),
      { numRuns: 5000 },
    );
    // The mutations must exercise both sides of intake, or the property says little.
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });

  it('answers random bytes, broken JSON and odd content types with a 4xx error body', async () => {
    const payload = fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
      fc.string({ maxLength: 200 }),
      fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value).slice(0, -1)),
    );
    const contentType = fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/octet-stream',
      'multipart/form-data; boundary=x',
      'application/xml',
    );
    await fc.assert(
      fc.asyncProperty(payload, contentType, async (body, type) => {
        await postAndCheck(body, type);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses an oversized body with 413 and a wrong token with 404, keeping nothing', async () => {
    const sample = structuredClone(SAMPLES[0] ?? {});
    const huge = JSON.stringify({ ...sample, padding: 'x'.repeat(70 * 1024) });
    expect((await postAndCheck(huge, 'application/json')).status).toBe(413);
    const before = await inboxRows();
    const wrongToken = await injectRaw(harness, {
      method: 'POST',
      url: '/webhooks/cafe24/not-the-token',
      payload: JSON.stringify({ event_no: 90023, resource: { mall_id: MALL, order_id: '20200717-0000001' } }),
      contentType: 'application/json',
    });
    expect(wrongToken.status).toBe(404);
    expect(await inboxRows()).toBe(before);
  });
});
