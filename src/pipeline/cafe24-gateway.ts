import type { Cafe24Client, Cafe24Logger } from '../cafe24/cafe24-client.js';
import { Cafe24ClientPool } from '../cafe24/cafe24-client-pool.js';
import type { Cafe24Config } from '../cafe24/cafe24-config.js';
import type { Cafe24Metrics } from '../cafe24/cafe24-metrics.js';
import { LeakyBucketLimiter } from '../cafe24/rate-limiter.js';
import { TokenManager } from '../cafe24/token-manager.js';
import type { Store } from '../store/open-store.js';
import { createStoreTokenStore } from './store-token-store.js';

/**
 * Cafe24 for the use-cases: one client per mall sharing one token manager (single-flight refresh
 * over the store), one per-mall leaky bucket and one metrics registry in this process.
 */
export class Cafe24Gateway {
  readonly tokens: TokenManager;
  readonly metrics: Cafe24Metrics;
  private readonly pool: Cafe24ClientPool;
  private readonly limiter = new LeakyBucketLimiter();

  constructor(
    readonly config: Cafe24Config,
    store: Store,
    options: { logger?: Cafe24Logger; now?: () => number } = {},
  ) {
    const now = options.now ?? Date.now;
    this.tokens = new TokenManager({ config, store: createStoreTokenStore(store, now), now });
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

  /** How full this process's mirror of the mall's Cafe24 call bucket is now (calls, of 40). */
  bucketLevel(mallId: string): number {
    return Math.round(this.limiter.levelOf(mallId));
  }
}
