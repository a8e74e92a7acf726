import { Cafe24Client, type Cafe24ClientOptions } from './cafe24-client.js';
import { Cafe24Metrics } from './cafe24-metrics.js';
import { LeakyBucketLimiter } from './rate-limiter.js';

/**
 * One Cafe24Client per mall for a process, all sharing the token source, the rate limiter (whose
 * buckets are per mall), the metrics and the logger. Malls are created on first use. A client holds
 * no state of its own (the shared parts do), so only the most recently used `maxMalls` are kept
 * (default 1000): a process serving many malls does not grow with every mall it ever served.
 */
export class Cafe24ClientPool {
  readonly metrics: Cafe24Metrics;
  private readonly clients = new Map<string, Cafe24Client>();
  private readonly shared: Omit<Cafe24ClientOptions, 'mallId'>;
  private readonly maxMalls: number;

  constructor(shared: Omit<Cafe24ClientOptions, 'mallId'> & { maxMalls?: number }) {
    const { maxMalls, ...options } = shared;
    this.maxMalls = Math.max(1, maxMalls ?? 1000);
    this.metrics = options.metrics ?? new Cafe24Metrics();
    this.shared = {
      ...options,
      metrics: this.metrics,
      rateLimiter:
        options.rateLimiter ?? new LeakyBucketLimiter(options.clock ? { clock: options.clock } : {}),
    };
  }

  /** Number of clients held now. */
  get size(): number {
    return this.clients.size;
  }

  /** The mall's client (throws for a malformed mall id). */
  forMall(mallId: string): Cafe24Client {
    const client = this.clients.get(mallId) ?? new Cafe24Client({ ...this.shared, mallId });
    // Re-inserting keeps the Map in least-recently-used-first order.
    this.clients.delete(mallId);
    this.clients.set(mallId, client);
    if (this.clients.size > this.maxMalls) this.clients.delete(this.clients.keys().next().value!);
    return client;
  }
}
