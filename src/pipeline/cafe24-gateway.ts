import type { Cafe24Client, Cafe24Logger } from '../cafe24/cafe24-client.js';
import { Cafe24ClientPool } from '../cafe24/cafe24-client-pool.js';
import type { Cafe24Config } from '../cafe24/cafe24-config.js';
import type { Cafe24Metrics } from '../cafe24/cafe24-metrics.js';
import { SharedBucketLimiter } from '../cafe24/rate-limiter.js';
import { TokenManager } from '../cafe24/token-manager.js';
import type { Store } from '../store/open-store.js';
import { createStoreTokenStore } from './store-token-store.js';

/**
 * Cafe24 for the use-cases: one client per mall sharing one token manager (single-flight refresh
 * over the store) and one metrics registry in this process, behind each mall's leaky bucket kept in
 * the store, so every process on the same database (web, workers) shares one call budget per mall.
 */
export class Cafe24Gateway {
  readonly tokens: TokenManager;
  readonly metrics: Cafe24Metrics;
  private readonly pool: Cafe24ClientPool;
  private readonly limiter: SharedBucketLimiter;

  constructor(
    readonly config: Cafe24Config,
    store: Store,
    options: { logger?: Cafe24Logger; now?: () => number } = {},
  ) {
    const now = options.now ?? Date.now;
    this.tokens = new TokenManager({ config, store: createStoreTokenStore(store, now), now });
    this.limiter = new SharedBucketLimiter({ budget: store.cafe24CallBudget });
    this.pool = new Cafe24ClientPool({
      config,
      tokens: this.tokens,
      rateLimiter: this.limiter,
      ...(options.logger ? { logger: options.logger } : {}),
    });
    this.metrics = this.pool.metrics;
  }

  client(mallId: string): Cafe24Client {
    return this.pool.forMall(mallId);
  }

  /** How full the mall's Cafe24 call bucket is now, as every process sees it (calls, of 40). */
  async bucketLevel(mallId: string): Promise<number> {
    return Math.round(await this.limiter.levelOf(mallId));
  }
}
