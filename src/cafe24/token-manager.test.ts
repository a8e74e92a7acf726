import { describe, expect, it } from 'vitest';
import { InMemoryTokenStore } from '../../test/cafe24/in-memory-token-store.js';
import type { Cafe24Tokens } from './oauth.js';
import { TokenManager } from './token-manager.js';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const HOUR = 3600_000;

const tokensOf = (mallId: string, accessToken: string): Cafe24Tokens => ({
  mallId,
  accessToken,
  accessTokenExpiresAt: NOW + 2 * HOUR,
  refreshToken: `refresh-${mallId}`,
  refreshTokenExpiresAt: NOW + 14 * 24 * HOUR,
  issuedAt: NOW,
  scopes: [],
  userId: null,
  shopNo: 1,
});

/** A store that counts loads, to tell a cached answer from a re-read one. */
class CountingStore extends InMemoryTokenStore {
  loads = 0;
  override async load(mallId: string): Promise<Cafe24Tokens | null> {
    this.loads += 1;
    return super.load(mallId);
  }
}

function managerOf(maxCachedMalls: number) {
  const store = new CountingStore();
  for (const mallId of ['mall-a', 'mall-b', 'mall-c']) store.install(tokensOf(mallId, `access-${mallId}`));
  const manager = new TokenManager({
    config: {
      clientId: 'client',
      clientSecret: 'secret',
      apiBaseUrlPattern: 'http://cafe24.test/{mall_id}',
      redirectUri: 'http://passwing.test/cafe24/callback',
    },
    store,
    now: () => NOW,
    fetchFn: () => Promise.reject(new Error('no refresh expected')),
    maxCachedMalls,
  });
  return { store, manager };
}

describe('TokenManager token cache', () => {
  it('answers a cached mall without reading the store again', async () => {
    const { store, manager } = managerOf(2);
    expect(await manager.accessToken('mall-a')).toBe('access-mall-a');
    expect(await manager.accessToken('mall-a')).toBe('access-mall-a');
    expect(store.loads).toBe(1);
  });

  it('keeps the tokens of at most maxCachedMalls malls, dropping the least recently used', async () => {
    const { store, manager } = managerOf(2);
    await manager.accessToken('mall-a');
    await manager.accessToken('mall-b');
    await manager.accessToken('mall-a'); // a is now more recent than b
    await manager.accessToken('mall-c'); // drops b
    expect(manager.cachedMalls).toBe(2);
    expect(store.loads).toBe(3);
    await manager.accessToken('mall-a');
    expect(store.loads).toBe(3);
    // A dropped mall is read from the store again, and gets the store's current tokens.
    store.install(tokensOf('mall-b', 'access-mall-b-rotated-elsewhere'));
    expect(await manager.accessToken('mall-b')).toBe('access-mall-b-rotated-elsewhere');
    expect(store.loads).toBe(4);
  });
});
