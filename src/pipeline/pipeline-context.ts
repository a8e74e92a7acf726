import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { JobQueue } from '../queue/job-queue.js';
import type { Store } from '../store/open-store.js';
import type { Cafe24Gateway } from './cafe24-gateway.js';
import type { CompiledFlowsCache } from './compiled-flows-cache.js';
import type { PipelineMetrics } from './pipeline-metrics.js';

/** Everything a use-case needs, wired once per process by the CLI. */
export interface PipelineContext {
  config: Config;
  store: Store;
  queue: JobQueue;
  cafe24: Cafe24Gateway;
  flows: CompiledFlowsCache;
  metrics: PipelineMetrics;
  logger: Logger;
  now: () => number;
}
