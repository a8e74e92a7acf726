import { afterEach, describe, expect, it } from 'vitest';
import {
  adminClient,
  authorize,
  basicAuth,
  CLIENT_ID,
  install,
  MALL,
  REDIRECT_URI,
  startReceiver,
  startTestSandbox,
  tokenRequest,
  type Harness,
  type TokenBody,
} from './sandbox-harness.js';

const KST_NAIVE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/;
const HOUR = 60 * 60 * 1000;

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.sandbox.close();
  harness = undefined;
});

describe('OAuth authorize', () => {
  it('shows a consent page without auto-approve and redirects with code and state after consent', async () => {
    harness = await startTestSandbox({ autoApprove: false });
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: CLIENT_ID,
      state: 'csrf-1',
      redirect_uri: REDIRECT_URI,
      scope: 'mall.read_order mall.write_order',
    });
    const page = await fetch(`${harness.sandbox.apiBase(MALL)}/oauth/authorize?${query}`, {
      redirect: 'manual',
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('mall.write_order');
    expect(html).toContain('<form method="post"');

    query.set('decision', 'approve');
    const consent = await fetch(`${harness.sandbox.apiBase(MALL)}/oauth/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: query,
      redirect: 'manual',
    });
    expect(consent.status).toBe(302);
    const location = new URL(consent.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe(REDIRECT_URI);
    expect(location.searchParams.get('state')).toBe('csrf-1');
    expect(location.searchParams.get('code')).toMatch(/^\S{10,}$/);
  });

  it('redirects at once with auto-approve', async () => {
    harness = await startTestSandbox();
    const { code, state } = await authorize(harness.sandbox);
    expect(code).not.toBe('');
    expect(state).toBe('state-123');
  });

  it.each([
    ['state', 'invalid_request'],
    ['client_id', 'invalid_client'],
    ['redirect_uri', 'invalid_request'],
  ])('refuses a request without %s', async (missing, error) => {
    harness = await startTestSandbox();
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: CLIENT_ID,
      state: 's',
      redirect_uri: REDIRECT_URI,
      scope: 'mall.read_order',
    });
    query.delete(missing);
    const response = await fetch(`${harness.sandbox.apiBase(MALL)}/oauth/authorize?${query}`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: error });
  });

  it('refuses unknown scopes', async () => {
    harness = await startTestSandbox();
    await expect(authorize(harness.sandbox, ['mall.read_everything'])).rejects.toThrow(/400/);
  });
});

describe('OAuth token endpoint', () => {
  it('answers the code exchange in the shape of the reference sample', async () => {
    harness = await startTestSandbox();
    const token = await install(harness.sandbox, ['mall.read_order']);
    expect(Object.keys(token).sort()).toEqual(
      [
        'access_token',
        'expires_at',
        'refresh_token',
        'refresh_token_expires_at',
        'client_id',
        'mall_id',
        'user_id',
        'scopes',
        'issued_at',
        'shop_no',
        'token_type',
      ].sort(),
    );
    expect(token).toMatchObject({ client_id: CLIENT_ID, mall_id: MALL, shop_no: '1', token_type: 'Bearer' });
    expect(token.scopes).toEqual(['mall.read_order']);
    // KST wall clock without offset: the test clock is 2026-03-02 10:00 KST.
    expect(token.issued_at).toBe('2026-03-02T10:00:00.000');
    expect(token.expires_at).toBe('2026-03-02T12:00:00.000');
    expect(token.refresh_token_expires_at).toBe('2026-03-16T10:00:00.000');
    expect(token.expires_at).toMatch(KST_NAIVE);
  });

  it('requires the client credentials in Basic auth', async () => {
    harness = await startTestSandbox();
    const { code } = await authorize(harness.sandbox);
    const response = await tokenRequest(
      harness.sandbox,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
      basicAuth(CLIENT_ID, 'wrong-secret'),
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('accepts a code only once', async () => {
    harness = await startTestSandbox();
    const { code } = await authorize(harness.sandbox);
    const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI };
    expect((await tokenRequest(harness.sandbox, form)).status).toBe(200);
    const again = await tokenRequest(harness.sandbox, form);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('lets a code expire after one minute', async () => {
    harness = await startTestSandbox();
    const { code } = await authorize(harness.sandbox);
    harness.clock.advance(61_000);
    const response = await tokenRequest(harness.sandbox, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
    });
    expect(response.status).toBe(400);
  });

  it('rotates refresh tokens: the used one is rejected afterwards', async () => {
    harness = await startTestSandbox();
    const first = await install(harness.sandbox);
    harness.clock.advance(HOUR);
    const refreshed = await tokenRequest(harness.sandbox, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    const second = (await refreshed.json()) as TokenBody;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.issued_at).toBe('2026-03-02T11:00:00.000');

    const reused = await tokenRequest(harness.sandbox, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    });
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ error: 'invalid_grant' });

    const api = adminClient(harness.sandbox, second.access_token);
    expect((await api('GET', '/admin/orders/count')).status).toBe(200);
  });

  it('expires access tokens after 2 hours and refresh tokens after 14 days', async () => {
    harness = await startTestSandbox();
    const token = await install(harness.sandbox);
    const api = adminClient(harness.sandbox, token.access_token);
    harness.clock.advance(2 * HOUR - 1000);
    expect((await api('GET', '/admin/orders/count')).status).toBe(200);
    harness.clock.advance(2000);
    const expired = await api('GET', '/admin/orders/count');
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ error: { code: 401 } });

    harness.clock.advance(14 * 24 * HOUR);
    const late = await tokenRequest(harness.sandbox, {
      grant_type: 'refresh_token',
      refresh_token: token.refresh_token,
    });
    expect(late.status).toBe(400);
  });

  it('revokes a single token through /oauth/revoke', async () => {
    harness = await startTestSandbox();
    const token = await install(harness.sandbox);
    const response = await fetch(`${harness.sandbox.apiBase(MALL)}/oauth/revoke`, {
      method: 'POST',
      headers: { authorization: basicAuth(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: token.access_token, token_hint: 'access_token' }),
    });
    expect(response.status).toBe(200);
    expect((await adminClient(harness.sandbox, token.access_token)('GET', '/admin/orders')).status).toBe(401);
  });
});

describe('token expiry on demand', () => {
  it('expires the access tokens of one mall at once; the refresh token still issues a new pair', async () => {
    harness = await startTestSandbox({ malls: [MALL, 'other-mall'] });
    const token = await install(harness.sandbox);
    const other = await install(harness.sandbox, undefined, 'other-mall');
    expect(harness.sandbox.expireAccessTokens(MALL)).toBe(1);
    const expired = await adminClient(harness.sandbox, token.access_token)('GET', '/admin/orders');
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ error: { code: 401, message: 'access_token time expired' } });
    expect(
      (await adminClient(harness.sandbox, other.access_token, 'other-mall')('GET', '/admin/orders')).status,
    ).toBe(200);
    const refreshed = await tokenRequest(harness.sandbox, {
      grant_type: 'refresh_token',
      refresh_token: token.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    const fresh = (await refreshed.json()) as { access_token: string };
    expect((await adminClient(harness.sandbox, fresh.access_token)('GET', '/admin/orders')).status).toBe(200);
  });
});

describe('grant revocation and scopes', () => {
  it('rejects the tokens of a mall that removed the app and sends 90077', async () => {
    const receiver = await startReceiver();
    try {
      harness = await startTestSandbox({ webhookUrl: receiver.url });
      const token = await install(harness.sandbox);
      harness.sandbox.revokeGrant(MALL);
      expect((await adminClient(harness.sandbox, token.access_token)('GET', '/admin/orders')).status).toBe(
        401,
      );
      const refresh = await tokenRequest(harness.sandbox, {
        grant_type: 'refresh_token',
        refresh_token: token.refresh_token,
      });
      expect(refresh.status).toBe(400);
      expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });
      await harness.sandbox.webhooksIdle();
      expect(receiver.bodies).toEqual([
        {
          event_no: 90077,
          resource: expect.objectContaining({ mall_id: MALL, client_id: CLIENT_ID }),
        },
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('answers 403 when the token lacks the endpoint scope', async () => {
    harness = await startTestSandbox();
    const token = await install(harness.sandbox, ['mall.read_product', 'mall.read_order']);
    const api = adminClient(harness.sandbox, token.access_token);
    expect((await api('GET', '/admin/products')).status).toBe(200);
    const customers = await api('GET', '/admin/customers?member_id=member001');
    expect(customers.status).toBe(403);
    expect(await customers.json()).toEqual({
      error: { code: 403, message: expect.stringContaining('mall.read_customer') },
    });
    const write = await api('POST', '/admin/labels', {
      shop_no: 1,
      requests: [{ name: 'X', order_item_code: ['20260302-0000001-01'] }],
    });
    expect(write.status).toBe(403);
  });

  it('treats a write scope as covering the read scope', async () => {
    harness = await startTestSandbox();
    const token = await install(harness.sandbox, ['mall.write_order']);
    expect((await adminClient(harness.sandbox, token.access_token)('GET', '/admin/orders')).status).toBe(200);
  });
});
