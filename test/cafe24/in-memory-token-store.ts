import type { Cafe24Tokens } from '../../src/cafe24/oauth.js';
import type { TokenStore } from '../../src/cafe24/token-manager.js';

/**
 * A TokenStore with the store's contract (compare-and-set rotation, per-mall lock), shared by
 * several TokenManagers to play several processes. `saves` records every accepted rotation.
 */
export class InMemoryTokenStore implements TokenStore {
  readonly tokens = new Map<string, Cafe24Tokens>();
  readonly reconnectNeeded = new Set<string>();
  readonly saves: { mallId: string; refreshToken: string }[] = [];
  private readonly locks = new Map<string, Promise<unknown>>();

  async load(mallId: string): Promise<Cafe24Tokens | null> {
    return this.reconnectNeeded.has(mallId) ? null : (this.tokens.get(mallId) ?? null);
  }

  async saveRotated(mallId: string, previousRefreshToken: string, tokens: Cafe24Tokens): Promise<boolean> {
    if (this.tokens.get(mallId)?.refreshToken !== previousRefreshToken) return false;
    this.tokens.set(mallId, tokens);
    this.saves.push({ mallId, refreshToken: tokens.refreshToken });
    return true;
  }

  async withRefreshLock<T>(mallId: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(mallId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(fn);
    this.locks.set(mallId, run);
    return run;
  }

  async markReconnectNeeded(mallId: string): Promise<void> {
    this.reconnectNeeded.add(mallId);
  }

  /** Stores the tokens of a fresh install. */
  install(tokens: Cafe24Tokens): void {
    this.reconnectNeeded.delete(tokens.mallId);
    this.tokens.set(tokens.mallId, tokens);
  }
}
