import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Cafe24Client } from './cafe24-client.js';
import type { Clock } from './clock.js';
import { Cafe24ApiError, Cafe24TransportError } from './errors.js';
import { LeakyBucketLimiter } from './rate-limiter.js';
import type { AccessTokenSource } from './token-manager.js';

/** Time moves only through sleeps, which return at once: retries cost no wall-clock time. */
class InstantClock implements Clock {
  time = 1_000_000;
  slept: number[] = [];
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    if (ms > 0) {
      this.slept.push(ms);
      this.time += ms;
    }
  }
}

/** Cafe24's side of the boundary: answers scripted per call, records what was sent. */
function scriptedFetch(answers: (Response | 'timeout')[]): { fetchFn: typeof fetch; sent: Request[] } {
  const sent: Request[] = [];
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    sent.push(new Request(input, init));
    const answer = answers.shift() ?? new Response('{}', { status: 200 });
    if (answer === 'timeout')
      throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    return answer;
  }) as typeof fetch;
  return { fetchFn, sent };
}

class FakeTokens implements AccessTokenSource {
  current = 'token-1';
  refreshed = 0;
  async accessToken(): Promise<string> {
    return this.current;
  }
  async refreshAfterRejection(_mallId: string, rejected: string): Promise<string> {
    if (rejected === this.current) {
      this.refreshed += 1;
      this.current = `token-${this.refreshed + 1}`;
    }
    return this.current;
  }
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function clientWith(
  answers: (Response | 'timeout')[],
  options: {
    maxRetries?: number;
    logger?: { debug(o: object, m: string): void; warn(o: object, m: string): void };
  } = {},
) {
  const clock = new InstantClock();
  const tokens = new FakeTokens();
  const { fetchFn, sent } = scriptedFetch(answers);
  const client = new Cafe24Client({
    mallId: 'm1',
    config: { apiBaseUrlPattern: 'http://127.0.0.1:9/{mall_id}', apiVersion: '2025-12-01' },
    tokens,
    fetchFn,
    clock,
    rateLimiter: new LeakyBucketLimiter({ clock, minIntervalMs: 0 }),
    backoff: { random: () => 0.5 },
    ...options,
  });
  return { client, clock, tokens, sent };
}

const Ok = z.object({ ok: z.boolean() });

describe('Cafe24Client', () => {
  it('sends the bearer token, pinned API version and shop_no', async () => {
    const { client, sent } = clientWith([json({ ok: true })]);
    expect(await client.get('/api/v2/admin/orders', { order_id: ['a', 'b'] }, Ok)).toEqual({ ok: true });
    const request = sent[0]!;
    expect(request.url).toBe('http://127.0.0.1:9/m1/api/v2/admin/orders?shop_no=1&order_id=a%2Cb');
    expect(request.headers.get('authorization')).toBe('Bearer token-1');
    expect(request.headers.get('x-cafe24-api-version')).toBe('2025-12-01');
  });

  it('refreshes once after a 401 and retries with the new token', async () => {
    const { client, tokens, sent } = clientWith([json({ error: { code: 401 } }, 401), json({ ok: true })]);
    await client.get('/api/v2/admin/orders', {}, Ok);
    expect(tokens.refreshed).toBe(1);
    expect(sent.map((r) => r.headers.get('authorization'))).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('gives up after a second 401 with a typed error', async () => {
    const unauthorized = () => json({ error: { code: 401, message: 'invalid' } }, 401);
    const { client } = clientWith([unauthorized(), unauthorized()]);
    await expect(client.get('/x', {}, Ok)).rejects.toMatchObject({ status: 401, code: 'CAFE24_API_ERROR' });
  });

  it('waits out a 429 for as long as the quota headers say, then succeeds', async () => {
    const { client, clock } = clientWith([
      json({ error: { code: 429 } }, 429, { 'X-Api-Call-Limit': '40/40', 'X-Cafe24-Call-Remain': '3' }),
      json({ ok: true }),
    ]);
    await client.get('/x', {}, Ok);
    expect(clock.slept.some((ms) => ms >= 3000)).toBe(true);
    expect(client.metrics.snapshot()).toMatchObject({ calls: 2, throttled: 1, retries: 1, failures: 0 });
  });

  it('retries 5xx and timeouts of idempotent requests', async () => {
    const { client } = clientWith([json({}, 503), 'timeout', json({}, 500), json({ ok: true })]);
    expect(await client.get('/x', {}, Ok)).toEqual({ ok: true });
    expect(client.metrics.snapshot()).toMatchObject({ calls: 4, retries: 3, timeouts: 1 });
  });

  it('does not repeat a non-idempotent write after a 5xx', async () => {
    const { client, sent } = clientWith([json({}, 500), json({ ok: true })]);
    const request = client.request({
      method: 'POST',
      path: '/memo',
      body: {},
      schema: Ok,
      idempotent: false,
    });
    await expect(request).rejects.toBeInstanceOf(Cafe24ApiError);
    expect(sent).toHaveLength(1);
  });

  it('throws other 4xx at once with Cafe24 code and message', async () => {
    const { client } = clientWith([json({ error: { code: 422, message: 'limit out of range' } }, 422)]);
    const error = await client.get('/x', {}, Ok).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Cafe24ApiError);
    expect(error).toMatchObject({
      status: 422,
      cafe24Code: '422',
      cafe24Message: 'limit out of range',
      kind: 'unexpected',
    });
  });

  it('reports a transport error once retries are exhausted', async () => {
    const { client } = clientWith(['timeout', 'timeout', 'timeout'], { maxRetries: 2 });
    await expect(client.get('/x', {}, Ok)).rejects.toBeInstanceOf(Cafe24TransportError);
    expect(client.metrics.snapshot().failures).toBe(1);
  });

  it('refuses an answer of the wrong shape', async () => {
    const { client } = clientWith([json({ ok: 'yes' })]);
    await expect(client.get('/x', {}, Ok)).rejects.toMatchObject({ code: 'CAFE24_RESPONSE_INVALID' });
  });

  it('hands back null for an accepted status', async () => {
    const { client } = clientWith([json({ error: { code: 404 } }, 404)]);
    expect(
      await client.request({ method: 'DELETE', path: '/x', schema: Ok, acceptStatuses: [404] }),
    ).toBeNull();
  });

  it('logs method, path and status but never the token or the query', async () => {
    const lines: string[] = [];
    const logger = {
      debug: (obj: object, msg: string) => lines.push(`${msg} ${JSON.stringify(obj)}`),
      warn: (obj: object, msg: string) => lines.push(`${msg} ${JSON.stringify(obj)}`),
    };
    const { client } = clientWith([json({}, 503), json({ ok: true })], { logger });
    await client.get(
      '/api/v2/admin/customers',
      { member_id: 'member-secret', cellphone: '010-0000-0000' },
      Ok,
    );
    expect(lines.some((line) => line.includes('/api/v2/admin/customers'))).toBe(true);
    for (const line of lines) {
      expect(line).not.toContain('token-1');
      expect(line).not.toContain('member-secret');
      expect(line).not.toContain('010-0000-0000');
    }
  });
});
