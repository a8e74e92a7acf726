import { AsyncLocalStorage } from 'node:async_hooks';
import type { Cafe24Tokens } from '../cafe24/oauth.js';
import type { TokenStore } from '../cafe24/token-manager.js';
import type { CredentialsRepository, StoredTokens } from '../store/repositories/credentials-repository.js';
import type { Store } from '../store/open-store.js';

/** Cafe24 access tokens live 2 hours; the issue time is derived, not stored. */
const ACCESS_TOKEN_LIFETIME_MS = 2 * 3600_000;

const toCafe24 = (mallId: string, stored: StoredTokens): Cafe24Tokens => ({
  mallId,
  accessToken: stored.accessToken,
  accessTokenExpiresAt: stored.accessExpiresAt,
  refreshToken: stored.refreshToken,
  refreshTokenExpiresAt: stored.refreshExpiresAt,
  issuedAt: stored.accessExpiresAt - ACCESS_TOKEN_LIFETIME_MS,
  scopes: [],
  userId: null,
  shopNo: 1,
});

/** The store's shape of a token pair. */
export const toStoredTokens = (tokens: Cafe24Tokens) => ({
  accessToken: tokens.accessToken,
  accessExpiresAt: tokens.accessTokenExpiresAt,
  refreshToken: tokens.refreshToken,
  refreshExpiresAt: tokens.refreshTokenExpiresAt,
});

interface LockScope {
  credentials: CredentialsRepository;
  reconnectNeeded: boolean;
}

/**
 * The Cafe24 token manager's persistence over the store: tokens sealed at rest, rotation by
 * compare-and-set on the stored refresh token, the store's cross-process refresh lock. Inside the
 * lock every call goes through the locked repository (on SQLite the store's one connection is held
 * by the lock's transaction); a "reconnect needed" mark is applied once the lock is released.
 */
export function createStoreTokenStore(store: Store, now: () => number): TokenStore {
  const scope = new AsyncLocalStorage<LockScope>();
  const credentials = () => scope.getStore()?.credentials ?? store.credentials;
  const markReconnect = (mallId: string) => store.malls.setState(mallId, 'reconnect_needed', now());
  return {
    async load(mallId) {
      const stored = await credentials().get(mallId);
      return stored ? toCafe24(mallId, stored) : null;
    },
    async saveRotated(mallId, previousRefreshToken, tokens) {
      const repository = credentials();
      const current = await repository.get(mallId);
      if (!current || current.refreshToken !== previousRefreshToken) return false;
      const result = await repository.compareAndSet(mallId, current.version, toStoredTokens(tokens), now());
      return result.ok;
    },
    async withRefreshLock(mallId, fn) {
      let lockScope: LockScope | undefined;
      try {
        return await store.credentials.withRefreshLock(mallId, (_current, locked) => {
          lockScope = { credentials: locked, reconnectNeeded: false };
          return scope.run(lockScope, fn);
        });
      } finally {
        if (lockScope?.reconnectNeeded) await markReconnect(mallId);
      }
    },
    async markReconnectNeeded(mallId) {
      const inLock = scope.getStore();
      if (inLock) inLock.reconnectNeeded = true;
      else await markReconnect(mallId);
    },
  };
}
