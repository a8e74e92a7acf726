import { startSandbox } from '../../src/sandbox/start-sandbox.js';
import { Cafe24ClientPool } from '../../src/cafe24/cafe24-client-pool.js';
import { Cafe24Config } from '../../src/cafe24/cafe24-config.js';
import type { Clock } from '../../src/cafe24/clock.js';
import { InMemoryNonceStore } from '../../src/cafe24/nonce-store.js';
import { buildAuthorizeUrl, exchangeCode } from '../../src/cafe24/oauth.js';
import { createOAuthState, verifyOAuthState } from '../../src/cafe24/oauth-state.js';
import { LeakyBucketLimiter } from '../../src/cafe24/rate-limiter.js';
import { TokenManager } from '../../src/cafe24/token-manager.js';
import type { InMemoryTokenStore } from './in-memory-token-store.js';

export const CLIENT_ID = 'passwing-test-client';
export const CLIENT_SECRET = 'passwing-test-secret';
export const STATE_SECRET = 'passwing-state-secret';
export const REDIRECT_URI = 'http://127.0.0.1:1/cafe24/callback';

/**
 * Wall clock plus an offset the test moves forward (token expiry without waiting). Shared by the
 * sandbox and PassWing's side so both agree on "now".
 */
export class ShiftedClock implements Clock {
  offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
  }
}

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export async function startTestSandbox(options: { malls?: string[]; faults?: string; clock: ShiftedClock }) {
  return startSandbox({
    port: 0,
    malls: options.malls ?? ['m1'],
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    autoApprove: true,
    seed: 7,
    clock: () => options.clock.now(),
    ...(options.faults ? { faults: options.faults } : {}),
  });
}

export function configFor(sandbox: Sandbox): Cafe24Config {
  return Cafe24Config.parse({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: REDIRECT_URI,
    apiBaseUrlPattern: `${sandbox.baseUrl}/{mall_id}`,
  });
}

/** The install round trip: authorize (auto-approved) → callback with code and state → token. */
export async function install(
  sandbox: Sandbox,
  store: InMemoryTokenStore,
  mallId: string,
  clock: ShiftedClock,
) {
  const config = configFor(sandbox);
  const stateStore = new InMemoryNonceStore(() => clock.now());
  const state = createOAuthState({ mallId, secret: STATE_SECRET, now: clock.now() });
  const authorizeUrl = buildAuthorizeUrl({
    mallId,
    clientId: config.clientId,
    redirectUri: config.redirectUri,
    scopes: config.scopes,
    state,
    apiBaseUrlPattern: config.apiBaseUrlPattern,
  });
  const redirect = await fetch(authorizeUrl, { redirect: 'manual' });
  const location = new URL(redirect.headers.get('location') ?? '');
  const verified = await verifyOAuthState(location.searchParams.get('state') ?? '', {
    secret: STATE_SECRET,
    now: clock.now(),
    store: stateStore,
  });
  if (!verified.ok) throw new Error(`state refused: ${verified.error}`);
  const tokens = await exchangeCode({
    config,
    mallId: verified.mallId,
    code: location.searchParams.get('code') ?? '',
  });
  store.install(tokens);
  return { tokens, redirect, location, stateStore };
}

/** A PassWing process: its own TokenManager and limiter over the shared store. */
export function passwingProcess(
  sandbox: Sandbox,
  store: InMemoryTokenStore,
  clock: ShiftedClock,
  options: { mallId?: string; minIntervalMs?: number; maxRetries?: number } = {},
) {
  const config = configFor(sandbox);
  const tokens = new TokenManager({ config, store, now: () => clock.now() });
  const limiter = new LeakyBucketLimiter({ clock, minIntervalMs: options.minIntervalMs ?? 20 });
  const pool = new Cafe24ClientPool({
    config,
    tokens,
    rateLimiter: limiter,
    clock,
    backoff: { baseMs: 200, maxMs: 3000 },
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
  });
  const client = pool.forMall(options.mallId ?? 'm1');
  return { config, tokens, limiter, pool, client };
}
