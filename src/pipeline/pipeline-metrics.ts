import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Cafe24Metrics } from '../cafe24/cafe24-metrics.js';
import type { JobQueue } from '../queue/job-queue.js';

/**
 * The process's Prometheus metrics: webhook events, jobs by state, webhook → label latency, Cafe24
 * calls and 429s per mall, labels written. Also kept in memory for the console dashboard.
 */
export class PipelineMetrics {
  readonly registry = new Registry();
  private readonly events: Counter<'mall' | 'event'>;
  private readonly latency: Histogram<'mall'>;
  private readonly labels: Counter<'mall' | 'change'>;
  private readonly latencies = new Map<string, number[]>();

  constructor(sources: { cafe24: Cafe24Metrics; queue: JobQueue }) {
    this.events = new Counter({
      name: 'passwing_webhook_events_total',
      help: 'Cafe24 webhook events received',
      labelNames: ['mall', 'event'],
      registers: [this.registry],
    });
    this.latency = new Histogram({
      name: 'passwing_order_latency_seconds',
      help: 'Time from the first event of an order to its recorded run (labels written)',
      labelNames: ['mall'],
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
      registers: [this.registry],
    });
    this.labels = new Counter({
      name: 'passwing_labels_written_total',
      help: 'Item labels added or removed in Cafe24',
      labelNames: ['mall', 'change'],
      registers: [this.registry],
    });
    new Gauge({
      name: 'passwing_jobs',
      help: 'Jobs by queue and state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        const counts = await sources.queue.counts();
        for (const [queue, states] of Object.entries(counts.byName)) {
          for (const [state, count] of Object.entries(states)) this.set({ queue, state }, count);
        }
      },
    });
    new Gauge({
      name: 'passwing_cafe24_calls',
      help: 'Cafe24 API calls, 429 answers, retries and failures since start',
      labelNames: ['counter'],
      registers: [this.registry],
      collect() {
        for (const [counter, value] of Object.entries(sources.cafe24.snapshot()))
          this.set({ counter }, value);
      },
    });
  }

  webhookReceived(mallId: string, eventNo: number): void {
    this.events.inc({ mall: mallId, event: String(eventNo) });
  }

  observeLatency(mallId: string, ms: number): void {
    this.latency.observe({ mall: mallId }, ms / 1000);
    const recent = this.latencies.get(mallId) ?? [];
    recent.push(ms);
    if (recent.length > 1000) recent.shift();
    this.latencies.set(mallId, recent);
  }

  labelsWritten(mallId: string, added: number, removed: number): void {
    this.labels.inc({ mall: mallId, change: 'added' }, added);
    this.labels.inc({ mall: mallId, change: 'removed' }, removed);
  }

  /** p50/p95 of the latest (up to 1000) latencies of a mall in this process, ms. */
  latencyPercentiles(mallId: string): { p50: number | null; p95: number | null } {
    const sorted = [...(this.latencies.get(mallId) ?? [])].sort((a, b) => a - b);
    const at = (q: number) =>
      sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    return { p50: at(0.5), p95: at(0.95) };
  }
}
