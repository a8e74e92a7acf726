import { describe, expect, it } from 'vitest';
import { InMemoryNonceStore } from './nonce-store.js';
import { createOAuthState, STATE_TTL_MS, verifyOAuthState } from './oauth-state.js';

const secret = 'state-secret-for-tests';
const now = Date.parse('2026-01-05T03:00:00Z');

describe('OAuth state', () => {
  it('accepts a fresh state once and names its mall', async () => {
    const store = new InMemoryNonceStore(() => now);
    const state = createOAuthState({ mallId: 'm1', secret, now });
    expect(await verifyOAuthState(state, { secret, now: now + 1000, store })).toEqual({
      ok: true,
      mallId: 'm1',
    });
    expect(await verifyOAuthState(state, { secret, now: now + 2000, store })).toEqual({
      ok: false,
      error: 'replayed',
    });
  });

  it('refuses a state older than ten minutes', async () => {
    const store = new InMemoryNonceStore(() => now);
    const state = createOAuthState({ mallId: 'm1', secret, now });
    const result = await verifyOAuthState(state, { secret, now: now + STATE_TTL_MS + 1, store });
    expect(result).toEqual({ ok: false, error: 'expired' });
  });

  it('refuses a state whose mall id was swapped', async () => {
    const store = new InMemoryNonceStore(() => now);
    const state = createOAuthState({ mallId: 'm1', secret, now }).replace(/^m1\./, 'm2.');
    expect(await verifyOAuthState(state, { secret, now, store })).toEqual({
      ok: false,
      error: 'bad_signature',
    });
  });

  it('refuses a state signed with another secret', async () => {
    const store = new InMemoryNonceStore(() => now);
    const state = createOAuthState({ mallId: 'm1', secret: 'other', now });
    expect(await verifyOAuthState(state, { secret, now, store })).toEqual({
      ok: false,
      error: 'bad_signature',
    });
  });

  it('calls garbage malformed', async () => {
    const store = new InMemoryNonceStore(() => now);
    expect(await verifyOAuthState('abc', { secret, now, store })).toEqual({ ok: false, error: 'malformed' });
  });
});
