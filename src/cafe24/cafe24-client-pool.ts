import { Cafe24Client, type Cafe24ClientOptions } from './cafe24-client.js';
import { Cafe24Metrics } from './cafe24-metrics.js';
import { LeakyBucketLimiter } from './rate-limiter.js';

/**
 * One Cafe24Client per mall for a process, all sharing the token source, the rate limiter (whose
 * buckets are per mall), the metrics and the logger. Malls are created on first use.
 */
export class Cafe24ClientPool {
  readonly metrics: Cafe24Metrics;
  private readonly clients = new Map<string, Cafe24Client>();
  private readonly shared: Omit<Cafe24ClientOptions, 'mallId'>;

  constructor(shared: Omit<Cafe24ClientOptions, 'mallId'>) {
    this.metrics = shared.metrics ?? new Cafe24Metrics();
    this.shared = {
      ...shared,
      metrics: this.metrics,
      rateLimiter: shared.rateLimiter ?? new LeakyBucketLimiter(shared.clock ? { clock: shared.clock } : {}),
    };
  }

  /** The mall's client (throws for a malformed mall id). */
  forMall(mallId: string): Cafe24Client {
    let client = this.clients.get(mallId);
    if (!client) {
      client = new Cafe24Client({ ...this.shared, mallId });
      this.clients.set(mallId, client);
    }
    return client;
  }
}
