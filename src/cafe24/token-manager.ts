import type { Cafe24Config } from './cafe24-config.js';
import { Cafe24OAuthError, Cafe24ReconnectNeededError } from './errors.js';
import { refreshTokens, type Cafe24Tokens, type FetchFn } from './oauth.js';

/** Persistence of tokens, implemented by the lead over the store (tokens encrypted at rest). */
export interface TokenStore {
  /** The current tokens of the mall, or null when it has none (never installed, reconnect needed). */
  load(mallId: string): Promise<Cafe24Tokens | null>;
  /**
   * Compare-and-set: stores `tokens` only while the stored refresh token still equals
   * `previousRefreshToken`, durably, before resolving. Resolves false when another writer won.
   */
  saveRotated(mallId: string, previousRefreshToken: string, tokens: Cafe24Tokens): Promise<boolean>;
  /** Runs `fn` holding a cross-process lock for the mall (advisory/row lock, SQLite transaction). */
  withRefreshLock<T>(mallId: string, fn: () => Promise<T>): Promise<T>;
  /** Flags the mall "reconnect needed" (visible in the console) after the grant was refused. */
  markReconnectNeeded(mallId: string): Promise<void>;
}

/** What the transport needs: a usable access token, and a fresh one after Cafe24 refused one. */
export interface AccessTokenSource {
  accessToken(mallId: string): Promise<string>;
  /** Called after a 401 with the token Cafe24 refused; refreshes unless someone already did. */
  refreshAfterRejection(mallId: string, rejectedAccessToken: string): Promise<string>;
}

export interface TokenManagerOptions {
  config: Pick<Cafe24Config, 'clientId' | 'clientSecret' | 'apiBaseUrlPattern' | 'redirectUri'>;
  store: TokenStore;
  now?: () => number;
  fetchFn?: FetchFn;
  /** Refresh when the access token expires within this margin (default 5 minutes). */
  refreshMarginMs?: number;
  /** Malls whose tokens are kept in memory, least recently used dropped first (default 1000). */
  maxCachedMalls?: number;
}

export interface QuietRefreshReport {
  refreshed: string[];
  skipped: string[];
  reconnectNeeded: string[];
  failed: { mallId: string; error: unknown }[];
}

/**
 * Hands out access tokens per mall and refreshes them: proactively within the margin, after a 401,
 * and for quiet malls. A refresh is single-flight per mall in this process (callers share one
 * promise) and across processes (store lock, then re-read: another process may have refreshed).
 * The rotated pair is persisted before anyone uses it. Tokens are cached for the most recently used
 * malls only: the store holds them all, so a dropped mall costs one load on its next call.
 */
export class TokenManager implements AccessTokenSource {
  private readonly cache = new Map<string, Cafe24Tokens>();
  private readonly inflight = new Map<string, Promise<Cafe24Tokens>>();
  private readonly now: () => number;
  private readonly marginMs: number;
  private readonly maxCachedMalls: number;
  private refreshes = 0;

  constructor(private readonly options: TokenManagerOptions) {
    this.now = options.now ?? Date.now;
    this.marginMs = options.refreshMarginMs ?? 5 * 60 * 1000;
    this.maxCachedMalls = Math.max(1, options.maxCachedMalls ?? 1000);
  }

  /** Number of malls whose tokens are held in memory now. */
  get cachedMalls(): number {
    return this.cache.size;
  }

  /** Number of refresh calls this manager made to Cafe24 (for /metrics and tests). */
  get refreshCount(): number {
    return this.refreshes;
  }

  /** A token valid for at least the margin; refreshes first when needed. */
  async accessToken(mallId: string): Promise<string> {
    let tokens = this.cache.get(mallId) ?? (await this.loadOrThrow(mallId));
    if (this.expiresSoon(tokens)) tokens = await this.refresh(mallId, (t) => this.expiresSoon(t));
    this.remember(mallId, tokens);
    return tokens.accessToken;
  }

  async refreshAfterRejection(mallId: string, rejectedAccessToken: string): Promise<string> {
    const tokens = await this.refresh(
      mallId,
      (t) => t.accessToken === rejectedAccessToken || this.expiresSoon(t),
    );
    return tokens.accessToken;
  }

  /**
   * For the scheduler: refreshes every listed mall whose tokens were issued at least
   * `olderThanDays` ago, so a quiet mall's 14-day refresh token never lapses. Never throws.
   */
  async refreshQuietMalls(mallIds: readonly string[], olderThanDays: number): Promise<QuietRefreshReport> {
    const olderThanMs = olderThanDays * 24 * 60 * 60 * 1000;
    const report: QuietRefreshReport = { refreshed: [], skipped: [], reconnectNeeded: [], failed: [] };
    const isOld = (t: Cafe24Tokens): boolean => this.now() - t.issuedAt >= olderThanMs;
    for (const mallId of mallIds) {
      try {
        const stored = await this.options.store.load(mallId);
        if (!stored) {
          report.reconnectNeeded.push(mallId);
          continue;
        }
        if (!isOld(stored)) {
          report.skipped.push(mallId);
          continue;
        }
        await this.refresh(mallId, isOld);
        report.refreshed.push(mallId);
      } catch (error) {
        if (error instanceof Cafe24ReconnectNeededError) report.reconnectNeeded.push(mallId);
        else report.failed.push({ mallId, error });
      }
    }
    return report;
  }

  /** Caches the mall's tokens as the most recently used (a Map iterates in insertion order). */
  private remember(mallId: string, tokens: Cafe24Tokens): void {
    this.cache.delete(mallId);
    this.cache.set(mallId, tokens);
    if (this.cache.size > this.maxCachedMalls) this.cache.delete(this.cache.keys().next().value!);
  }

  private expiresSoon(tokens: Cafe24Tokens): boolean {
    return tokens.accessTokenExpiresAt - this.now() <= this.marginMs;
  }

  private async loadOrThrow(mallId: string): Promise<Cafe24Tokens> {
    const tokens = await this.options.store.load(mallId);
    if (!tokens) throw new Cafe24ReconnectNeededError(mallId);
    return tokens;
  }

  /** Single-flight refresh; `stillNeeded` is re-checked on the tokens read under the lock. */
  private refresh(mallId: string, stillNeeded: (tokens: Cafe24Tokens) => boolean): Promise<Cafe24Tokens> {
    const running = this.inflight.get(mallId);
    if (running) return running;
    const promise = this.options.store
      .withRefreshLock(mallId, () => this.refreshLocked(mallId, stillNeeded))
      .then((tokens) => {
        this.remember(mallId, tokens);
        return tokens;
      })
      .finally(() => this.inflight.delete(mallId));
    this.inflight.set(mallId, promise);
    return promise;
  }

  private async refreshLocked(
    mallId: string,
    stillNeeded: (tokens: Cafe24Tokens) => boolean,
  ): Promise<Cafe24Tokens> {
    const { store } = this.options;
    const current = await this.loadOrThrow(mallId);
    if (!stillNeeded(current)) return current;
    if (current.refreshTokenExpiresAt <= this.now()) return this.reconnectNeeded(mallId);
    let fresh: Cafe24Tokens;
    try {
      this.refreshes += 1;
      fresh = await refreshTokens({
        config: this.options.config,
        mallId,
        refreshToken: current.refreshToken,
        ...(this.options.fetchFn ? { fetchFn: this.options.fetchFn } : {}),
      });
    } catch (error) {
      if (error instanceof Cafe24OAuthError && error.oauthError === 'invalid_grant') {
        // A writer outside our lock may have rotated the token first: then the grant is fine.
        const stored = await store.load(mallId);
        if (stored && stored.refreshToken !== current.refreshToken) return stored;
        return this.reconnectNeeded(mallId, error);
      }
      throw error;
    }
    if (await store.saveRotated(mallId, current.refreshToken, fresh)) return fresh;
    // Another writer rotated despite the lock (a lock implementation gap); its tokens are the live ones.
    return this.loadOrThrow(mallId);
  }

  private async reconnectNeeded(mallId: string, cause?: unknown): Promise<never> {
    this.cache.delete(mallId);
    await this.options.store.markReconnectNeeded(mallId);
    throw new Cafe24ReconnectNeededError(mallId, { cause });
  }
}
