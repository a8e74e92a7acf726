import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPassWing, waitFor, type Harness } from '../pipeline/passwing-harness.js';

const MALL = 'route-mall';

describe('public HTTP routes', () => {
  let harness: Harness;
  let base: string;

  beforeAll(async () => {
    harness = await startPassWing({ malls: [MALL], historyOrders: 5 });
    base = harness.passwing.url;
  });
  afterAll(async () => harness?.cleanup());

  it('serves the Korean landing page at / and the English one with ?lang=en', async () => {
    const ko = await fetch(`${base}/`);
    expect(ko.status).toBe(200);
    expect(await ko.text()).toContain('사전 등록');
    expect(await (await fetch(`${base}/?lang=en`)).text()).toContain('Pre-register');
  });

  it('answers health, readiness and metrics', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('passwing_webhook_events_total');
    expect(metrics).toContain('passwing_jobs');
  });

  it('refuses webhooks with a wrong token (404) and malformed bodies (400), and acknowledges good ones', async () => {
    const post = (url: string, body: unknown) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const wrong = await post(`${base}/webhooks/cafe24/not-the-token`, {
      event_no: 90023,
      resource: { mall_id: MALL, order_id: '20260101-0000001' },
    });
    expect(wrong.status).toBe(404);
    const malformed = await post(harness.passwing.webhookUrl, { hello: 'world' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('INVALID_WEBHOOK');
    const ok = await post(harness.passwing.webhookUrl, {
      event_no: 90023,
      resource: { mall_id: 'unknown-mall', event_shop_no: '1', order_id: '20260101-0000001' },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, outcome: 'ignored' });
  });

  it('signs a merchant in through a valid Cafe24 app launch, and refuses tampered, stale and replayed ones', async () => {
    const sandbox = harness.passwing.sandbox!;
    const launch = sandbox.launchUrl(MALL, `${base}/cafe24/launch`);
    const good = await fetch(launch, { redirect: 'manual' });
    expect(good.status).toBe(302);
    expect(good.headers.get('location')).toBe('/app/');
    const cookie = good.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('passwing_session=');
    const session = await fetch(`${base}/api/session`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(session.status).toBe(200);

    const replayed = await fetch(launch, { redirect: 'manual' });
    expect(replayed.status).toBe(401);
    expect(replayed.headers.get('set-cookie')).toBeNull();

    const tampered = sandbox
      .launchUrl(MALL, `${base}/cafe24/launch`)
      .replace(`mall_id=${MALL}`, 'mall_id=other-mall');
    expect((await fetch(tampered, { redirect: 'manual' })).status).toBe(401);

    const url = new URL(sandbox.launchUrl(MALL, `${base}/cafe24/launch`));
    url.searchParams.set('timestamp', String(Math.floor(Date.now() / 1000) - 3600));
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(401);
  });

  it('refuses console API calls without a session (401) and state-changing calls without the CSRF token (403)', async () => {
    expect((await fetch(`${base}/api/flows`)).status).toBe(401);
    // A launch signature is single-use and second-grained: wait for a fresh one.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const launch = await fetch(harness.passwing.sandbox!.launchUrl(MALL, `${base}/cafe24/launch`), {
      redirect: 'manual',
    });
    const cookie = (launch.headers.get('set-cookie') ?? '').split(';')[0]!;
    const withoutToken = await fetch(`${base}/api/requests`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'feedback', text: '좋아요' }),
    });
    expect(withoutToken.status).toBe(403);
  });

  it('refuses an OAuth callback with a forged state', async () => {
    const forged = await fetch(
      `${base}/cafe24/callback?code=abc&state=${encodeURIComponent(`${MALL}.nonce.9999999999999.forged`)}`,
      {
        redirect: 'manual',
      },
    );
    expect(forged.status).toBe(400);
    expect(forged.headers.get('set-cookie')).toBeNull();
  });

  it('takes the storefront beacon and re-evaluates the order with the buyer IP', async () => {
    const { store } = harness.passwing.runtime.ctx;
    const [orderId] = await harness.passwing.sandbox!.generateOrders(MALL, 1);
    await waitFor(
      async () => (await store.runs.listForOrder(MALL, orderId!)).length > 0,
      30_000,
      'first run',
    );
    const beacon = await fetch(`${base}/beacon/order-complete?mall_id=${MALL}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ order_id: orderId }),
    });
    expect(beacon.status).toBe(202);
    await waitFor(
      async () => (await store.orders.get(MALL, orderId!))?.personal.clientIp != null,
      30_000,
      'client ip stored',
    );
    expect((await store.orders.get(MALL, orderId!))?.personal.clientIp).toMatch(/127\.0\.0\.1/);
    const script = await fetch(`${base}/beacon/order-complete.js?mall_id=${MALL}`);
    expect(await script.text()).toContain(`/beacon/order-complete?mall_id=${MALL}`);
  });
});
