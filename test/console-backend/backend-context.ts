import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cafe24Config } from '../../src/cafe24/cafe24-config.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { Cafe24Gateway } from '../../src/pipeline/cafe24-gateway.js';
import { CompiledFlowsCache } from '../../src/pipeline/compiled-flows-cache.js';
import type { PipelineContext } from '../../src/pipeline/pipeline-context.js';
import { PipelineMetrics } from '../../src/pipeline/pipeline-metrics.js';
import { createJobQueue } from '../../src/queue/create-job-queue.js';
import type { StoreTarget } from '../store/store-targets.js';

/** A PipelineContext over a real store of the target and a real embedded queue; Cafe24 is never reached. */
export async function openBackendContext(
  target: StoreTarget,
  now: () => number,
): Promise<{ ctx: PipelineContext; cleanup(): Promise<void> }> {
  const opened = await target.open();
  const queueDir = mkdtempSync(join(tmpdir(), 'passwing-console-queue-'));
  const queue = createJobQueue({ backend: 'sqlite', file: join(queueDir, 'queue.sqlite') });
  await queue.start();
  const config = loadConfig({
    PASSWING_DATA_DIR: opened.dataDir,
    LOG_LEVEL: 'silent',
    PASSWING_SANDBOX: 'off',
  });
  const cafe24 = new Cafe24Gateway(
    Cafe24Config.parse({
      clientId: 'unused',
      clientSecret: 'unused',
      redirectUri: 'http://127.0.0.1:1/cafe24/callback',
      apiBaseUrlPattern: 'http://127.0.0.1:1/{mall_id}',
    }),
    opened.store,
    { now },
  );
  const ctx: PipelineContext = {
    config,
    store: opened.store,
    queue,
    cafe24,
    flows: new CompiledFlowsCache(opened.store, { maxLabelLength: config.maxLabelLength }),
    metrics: new PipelineMetrics({ cafe24: cafe24.metrics, queue }),
    logger: createLogger({ level: 'silent' }),
    now,
  };
  return {
    ctx,
    async cleanup() {
      await queue.stop({ graceful: false });
      await opened.cleanup();
      rmSync(queueDir, { recursive: true, force: true });
    },
  };
}
