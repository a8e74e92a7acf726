import { afterEach, describe, expect, it } from 'vitest';
import { fetchOrdersByIds } from '../../src/cafe24/resources/orders.js';
import { createScriptTag, ensureScriptTag, listScriptTags } from '../../src/cafe24/resources/scripttags.js';
import { revokeToken } from '../../src/cafe24/oauth.js';
import { verifyOAuthState } from '../../src/cafe24/oauth-state.js';
import { InMemoryTokenStore } from './in-memory-token-store.js';
import {
  configFor,
  install,
  passwingProcess,
  REDIRECT_URI,
  ShiftedClock,
  startTestSandbox,
  STATE_SECRET,
  type Sandbox,
} from './sandbox-harness.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('install against the sandbox over HTTP', () => {
  it('authorizes, exchanges the code and can call the Admin API with the stored tokens', async () => {
    const clock = new ShiftedClock();
    sandbox = await startTestSandbox({ clock });
    const store = new InMemoryTokenStore();
    const { tokens, location } = await install(sandbox, store, 'm1', clock);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(tokens.mallId).toBe('m1');
    // expires_at is KST without offset: read right, the token lives two hours from now.
    expect(Math.abs(tokens.accessTokenExpiresAt - clock.now() - 2 * 3600_000)).toBeLessThan(5000);
    expect(tokens.scopes).toContain('mall.write_order');

    const ids = await sandbox.generateOrders('m1', 3);
    const { client } = passwingProcess(sandbox, store, clock);
    const orders = (await fetchOrdersByIds(client, ids)) as { order_id: string; items: unknown[] }[];
    expect(orders.map((o) => o.order_id).sort()).toEqual([...ids].sort());
    expect(orders.every((o) => o.items.length > 0)).toBe(true);
  });

  it('refuses to reuse the state of a finished install', async () => {
    const clock = new ShiftedClock();
    sandbox = await startTestSandbox({ clock });
    const { location, stateStore } = await install(sandbox, new InMemoryTokenStore(), 'm1', clock);
    const replay = await verifyOAuthState(location.searchParams.get('state') ?? '', {
      secret: STATE_SECRET,
      now: clock.now(),
      store: stateStore,
    });
    expect(replay).toEqual({ ok: false, error: 'replayed' });
  });

  it('registers the storefront script once, however often install runs', async () => {
    const clock = new ShiftedClock();
    sandbox = await startTestSandbox({ clock });
    const store = new InMemoryTokenStore();
    await install(sandbox, store, 'm1', clock);
    const { client } = passwingProcess(sandbox, store, clock);
    const src = 'https://passwing.example/beacon/order-complete.js?mall=m1';
    const first = await ensureScriptTag(client, { src });
    const second = await ensureScriptTag(client, { src });
    expect(second.scriptNo).toBe(first.scriptNo);
    expect(first.displayLocation).toEqual(['ORDER_ORDERRESULT']);
    expect((await listScriptTags(client)).filter((t) => t.src === src)).toHaveLength(1);
    await expect(createScriptTag(client, { src: 'not a url' })).rejects.toMatchObject({ status: 422 });
  });

  it('revokes the refresh token on uninstall so it can no longer be used', async () => {
    const clock = new ShiftedClock();
    sandbox = await startTestSandbox({ clock });
    const store = new InMemoryTokenStore();
    const { tokens } = await install(sandbox, store, 'm1', clock);
    const config = configFor(sandbox);
    await revokeToken({ config, mallId: 'm1', token: tokens.refreshToken });
    const { tokens: manager } = passwingProcess(sandbox, store, clock);
    clock.offsetMs = 3 * 3600_000;
    await expect(manager.accessToken('m1')).rejects.toMatchObject({
      code: 'CAFE24_RECONNECT_NEEDED',
      kind: 'user',
    });
    expect(store.reconnectNeeded.has('m1')).toBe(true);
  });
});

describe('client pool', () => {
  it('hands out one client per mall sharing metrics', async () => {
    const clock = new ShiftedClock();
    sandbox = await startTestSandbox({ clock, malls: ['m1', 'm2'] });
    const store = new InMemoryTokenStore();
    await install(sandbox, store, 'm1', clock);
    await install(sandbox, store, 'm2', clock);
    const { pool } = passwingProcess(sandbox, store, clock);
    expect(pool.forMall('m1')).toBe(pool.forMall('m1'));
    await listScriptTags(pool.forMall('m1'));
    await listScriptTags(pool.forMall('m2'));
    expect(pool.metrics.snapshot().calls).toBe(2);
    expect(pool.metrics.snapshotOf('m2').calls).toBe(1);
    expect(() => pool.forMall('../evil')).toThrow(/not a Cafe24 mall id/);
  });
});
