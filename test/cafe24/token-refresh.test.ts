import { afterEach, describe, expect, it } from 'vitest';
import { refreshTokens } from '../../src/cafe24/oauth.js';
import { fetchCustomerGroups } from '../../src/cafe24/resources/customer-groups.js';
import { InMemoryTokenStore } from './in-memory-token-store.js';
import {
  configFor,
  install,
  passwingProcess,
  ShiftedClock,
  startTestSandbox,
  type Sandbox,
} from './sandbox-harness.js';

const HOUR = 3600_000;
let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('token refresh against the sandbox over HTTP', () => {
  it('50 concurrent calls across token expiry make exactly one refresh and none fails', async () => {
    const clock = new ShiftedClock();
    sandbox = await startTestSandbox({ clock });
    const store = new InMemoryTokenStore();
    await install(sandbox, store, 'm1', clock);
    const { client, tokens } = passwingProcess(sandbox, store, clock);
    await fetchCustomerGroups(client);
    clock.offsetMs = 2 * HOUR + 60_000; // the access token has expired
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => fetchCustomerGroups(client)));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(tokens.refreshCount).toBe(1);
    expect(store.saves).toHaveLength(1);
    expect(sandbox.stats('m1').status401).toBe(0);
  });

  it('refreshes proactively inside the five-minute margin', async () => {
    const clock = new ShiftedClock();
    sandbox = await startTestSandbox({ clock });
    const store = new InMemoryTokenStore();
    const { tokens: installed } = await install(sandbox, store, 'm1', clock);
    const { client, tokens } = passwingProcess(sandbox, store, clock);
    clock.offsetMs = 2 * HOUR - 4 * 60_000;
    await fetchCustomerGroups(client);
    expect(tokens.refreshCount).toBe(1);
    expect(store.tokens.get('m1')?.refreshToken).not.toBe(installed.refreshToken);
  });

  it('two processes refreshing at once share one refresh through the store lock', async () => {
    const clock = new ShiftedClock();
    sandbox = await startTestSandbox({ clock });
    const store = new InMemoryTokenStore();
    await install(sandbox, store, 'm1', clock);
    const a = passwingProcess(sandbox, store, clock);
    const b = passwingProcess(sandbox, store, clock);
    clock.offsetMs = 2 * HOUR + 60_000;
    await Promise.all([fetchCustomerGroups(a.client), fetchCustomerGroups(b.client)]);
    expect(a.tokens.refreshCount + b.tokens.refreshCount).toBe(1);
    expect(store.reconnectNeeded.size).toBe(0);
  });

  it('a rotated refresh token survives a crash between refresh and use', async () => {
    const clock = new ShiftedClock();
    sandbox = await startTestSandbox({ clock });
    const store = new InMemoryTokenStore();
    const { tokens: installed } = await install(sandbox, store, 'm1', clock);
    clock.offsetMs = 2 * HOUR + 60_000;
    // Process A refreshes and "crashes" before making the call it refreshed for.
    const crashed = passwingProcess(sandbox, store, clock);
    await crashed.tokens.accessToken('m1');
    expect(store.tokens.get('m1')?.refreshToken).not.toBe(installed.refreshToken);
    // Cafe24 rotated: the pre-crash refresh token is dead, so only the persisted one can work.
    await expect(
      refreshTokens({ config: configFor(sandbox), mallId: 'm1', refreshToken: installed.refreshToken }),
    ).rejects.toMatchObject({ oauthError: 'invalid_grant', kind: 'user' });
    // Process B starts later, after that access token expired too, and carries on.
    clock.offsetMs = 5 * HOUR;
    const restarted = passwingProcess(sandbox, store, clock);
    expect(await fetchCustomerGroups(restarted.client)).not.toHaveLength(0);
    expect(restarted.tokens.refreshCount).toBe(1);
    expect(store.reconnectNeeded.size).toBe(0);
  });

  it('a token rejected with 401 is refreshed once and the call succeeds', async () => {
    const clock = new ShiftedClock();
    sandbox = await startTestSandbox({ clock });
    const store = new InMemoryTokenStore();
    await install(sandbox, store, 'm1', clock);
    const { client, tokens } = passwingProcess(sandbox, store, clock);
    await fetchCustomerGroups(client);
    // Another process refreshed meanwhile; Cafe24 still honours our cached token until it expires,
    // so force a rejection by moving past expiry while the manager's margin thinks it is fine.
    const stored = store.tokens.get('m1')!;
    store.tokens.set('m1', { ...stored, accessTokenExpiresAt: stored.accessTokenExpiresAt + 10 * HOUR });
    const stale = passwingProcess(sandbox, store, clock);
    clock.offsetMs = 2 * HOUR + 60_000;
    expect(await fetchCustomerGroups(stale.client)).not.toHaveLength(0);
    expect(stale.tokens.refreshCount).toBe(1);
    expect(sandbox.stats('m1').status401).toBe(1);
    expect(tokens.refreshCount).toBe(0);
  });

  it('a revoked grant marks the mall reconnect-needed with a user error', async () => {
    const clock = new ShiftedClock();
    sandbox = await startTestSandbox({ clock });
    const store = new InMemoryTokenStore();
    await install(sandbox, store, 'm1', clock);
    const { client } = passwingProcess(sandbox, store, clock);
    sandbox.revokeGrant('m1');
    await expect(fetchCustomerGroups(client)).rejects.toMatchObject({
      code: 'CAFE24_RECONNECT_NEEDED',
      kind: 'user',
    });
    expect(store.reconnectNeeded.has('m1')).toBe(true);
  });

  it('refreshQuietMalls refreshes only tokens older than the threshold', async () => {
    const clock = new ShiftedClock();
    sandbox = await startTestSandbox({ clock, malls: ['m1', 'm2'] });
    const store = new InMemoryTokenStore();
    await install(sandbox, store, 'm1', clock);
    clock.offsetMs = 3 * 24 * HOUR;
    await install(sandbox, store, 'm2', clock);
    const { tokens } = passwingProcess(sandbox, store, clock);
    const report = await tokens.refreshQuietMalls(['m1', 'm2', 'm3'], 2);
    expect(report).toMatchObject({ refreshed: ['m1'], skipped: ['m2'], reconnectNeeded: ['m3'], failed: [] });
  });
});
