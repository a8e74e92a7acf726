import { afterEach, describe, expect, it } from 'vitest';
import { adminClient, install, MALL, startTestSandbox, type Harness } from './sandbox-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.sandbox.close();
  harness = undefined;
});

describe('leaky bucket per mall', () => {
  it('answers 41 quick calls with 40 successes counting up in X-Api-Call-Limit, then a 429', async () => {
    harness = await startTestSandbox();
    const api = adminClient(harness.sandbox, (await install(harness.sandbox)).access_token);
    const limits: string[] = [];
    for (let call = 1; call <= 40; call += 1) {
      const response = await api('GET', '/admin/orders/count');
      expect(response.status).toBe(200);
      limits.push(response.headers.get('x-api-call-limit') ?? '');
    }
    expect(limits).toEqual(Array.from({ length: 40 }, (_, index) => `${index + 1}/40`));
    const refused = await api('GET', '/admin/orders/count');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-api-call-limit')).toBe('40/40');
    expect(await refused.json()).toEqual({ error: { code: 429, message: expect.any(String) } });
    expect(harness.sandbox.stats(MALL)).toMatchObject({ calls: 41, status429: 1 });
    expect(harness.sandbox.stats(MALL).callsByEndpoint).toEqual({ 'GET /admin/orders/count': 41 });
  });

  it('answers every call 429 with a full bucket during a storm, then serves again', async () => {
    harness = await startTestSandbox();
    const api = adminClient(harness.sandbox, (await install(harness.sandbox)).access_token);
    harness.sandbox.rateLimitStorm(MALL, 5_000);
    for (let call = 0; call < 3; call += 1) {
      const refused = await api('GET', '/admin/orders/count');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('x-api-call-limit')).toBe('40/40');
    }
    harness.clock.advance(5_000);
    const served = await api('GET', '/admin/orders/count');
    expect(served.status).toBe(200);
    // The storm's refusals were not charged to this app's own bucket.
    expect(served.headers.get('x-api-call-limit')).toBe('1/40');
    expect(harness.sandbox.stats(MALL)).toMatchObject({ calls: 4, status429: 3, stormRejected: 3 });
  });

  it('drains two calls per second of the injected clock', async () => {
    harness = await startTestSandbox();
    const api = adminClient(harness.sandbox, (await install(harness.sandbox)).access_token);
    for (let call = 0; call < 40; call += 1) await api('GET', '/admin/orders/count');
    harness.clock.advance(1000);
    const first = await api('GET', '/admin/orders/count');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-api-call-limit')).toBe('39/40');
    expect((await api('GET', '/admin/orders/count')).status).toBe(200);
    expect((await api('GET', '/admin/orders/count')).status).toBe(429);
    harness.clock.advance(20_000);
    const rested = await api('GET', '/admin/orders/count');
    expect(rested.headers.get('x-api-call-limit')).toBe('1/40');
  });

  it('sends the usage-quota headers and X-Api-Call-Limit on errors too', async () => {
    harness = await startTestSandbox();
    const api = adminClient(harness.sandbox, (await install(harness.sandbox)).access_token);
    const response = await api('GET', '/admin/orders/20200101-0000001');
    expect(response.status).toBe(404);
    expect(response.headers.get('x-api-call-limit')).toBe('1/40');
    expect(response.headers.get('x-cafe24-call-usage')).toMatch(/^\d+\.\d{2}$/);
    expect(response.headers.get('x-cafe24-time-usage')).toMatch(/^\d+\.\d{2}$/);
    expect(response.headers.get('x-cafe24-call-remain')).toBeNull();
  });

  it('keeps one bucket per mall', async () => {
    harness = await startTestSandbox({ malls: [MALL, 'other-mall'] });
    const api = adminClient(harness.sandbox, (await install(harness.sandbox)).access_token);
    const other = adminClient(
      harness.sandbox,
      (await install(harness.sandbox, undefined, 'other-mall')).access_token,
      'other-mall',
    );
    for (let call = 0; call < 40; call += 1) await api('GET', '/admin/orders/count');
    expect((await api('GET', '/admin/orders/count')).status).toBe(429);
    const response = await other('GET', '/admin/orders/count');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-api-call-limit')).toBe('1/40');
  });

  it('does not let a token of one mall call another mall', async () => {
    harness = await startTestSandbox({ malls: [MALL, 'other-mall'] });
    const token = (await install(harness.sandbox)).access_token;
    expect((await adminClient(harness.sandbox, token, 'other-mall')('GET', '/admin/orders')).status).toBe(
      401,
    );
  });
});
