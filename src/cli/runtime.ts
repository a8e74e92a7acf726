import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { Cafe24Config } from '../cafe24/cafe24-config.js';
import type { Config } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import { Cafe24Gateway } from '../pipeline/cafe24-gateway.js';
import { CompiledFlowsCache } from '../pipeline/compiled-flows-cache.js';
import type { PipelineContext } from '../pipeline/pipeline-context.js';
import { PipelineMetrics } from '../pipeline/pipeline-metrics.js';
import { createJobQueue, type JobQueueConfig } from '../queue/create-job-queue.js';
import { openStore } from '../store/open-store.js';
import { resolveSecretKey } from '../store/secret-box.js';

/**
 * The queue follows the store: PostgreSQL → pg-boss in the same database (schema `pgboss`, or
 * `<schema>_pgboss` when DATABASE_URL names a schema); SQLite → a queue file beside the database.
 */
export function jobQueueConfig(config: Config): JobQueueConfig {
  if (!config.databaseUrl?.startsWith('postgres')) {
    return { backend: 'sqlite', file: join(config.dataDir, 'queue.sqlite') };
  }
  const url = new URL(config.databaseUrl);
  const schema = url.searchParams.get('schema');
  url.searchParams.delete('schema');
  return {
    backend: 'postgres',
    connectionString: url.toString(),
    schema: schema ? `${schema}_pgboss` : 'pgboss',
    // pg-boss notices a lapsed lease at its next maintenance pass.
    maintenanceIntervalSeconds: Math.max(1, Math.min(30, Math.floor(config.jobLeaseSeconds / 2))),
  };
}

/** What a running process holds: the pipeline context and the keys the web role signs with. */
export interface Runtime {
  ctx: PipelineContext;
  /** HMAC key for console session cookies (derived from the secret key). */
  sessionKey: Buffer;
  /** The secret path token of the Cafe24 webhook URL (derived from the secret key). */
  webhookToken: string;
  close(): Promise<void>;
}

/** Cafe24 credentials: real ones from the config, or the sandbox's. */
export interface Cafe24Credentials {
  clientId: string;
  clientSecret: string;
  apiBaseUrlPattern: string;
}

/**
 * Opens the store (migrating it), the job queue and the Cafe24 gateway for one process. The queue
 * follows the store: PostgreSQL → pg-boss in the same database; SQLite → a queue file beside it.
 */
export async function openRuntime(
  config: Config,
  cafe24: Cafe24Credentials,
  logger?: Logger,
): Promise<Runtime> {
  const log = logger ?? createLogger({ level: config.logLevel });
  const store = openStore({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    dataDir: config.dataDir,
    ...(config.secretKey ? { secretKey: config.secretKey } : {}),
    logger: log,
  });
  const applied = await store.migrate();
  if (applied.length > 0) log.info({ migrations: applied }, 'database migrated');
  const queue = createJobQueue(jobQueueConfig(config), (error) =>
    log.error({ err: error }, 'queue background error'),
  );
  await queue.start();
  const key = resolveSecretKey({
    ...(config.secretKey ? { secretKey: config.secretKey } : {}),
    dataDir: config.dataDir,
  });
  const derive = (purpose: string) => createHmac('sha256', key).update(purpose).digest();
  const gateway = new Cafe24Gateway(
    Cafe24Config.parse({
      clientId: cafe24.clientId,
      clientSecret: cafe24.clientSecret,
      redirectUri: `${config.publicUrl}/cafe24/callback`,
      scopes: config.cafe24Scopes,
      apiBaseUrlPattern: cafe24.apiBaseUrlPattern,
      apiVersion: config.cafe24ApiVersion,
    }),
    store,
    { logger: log },
  );
  const metrics = new PipelineMetrics({ cafe24: gateway.metrics, queue });
  const ctx: PipelineContext = {
    config,
    store,
    queue,
    cafe24: gateway,
    flows: new CompiledFlowsCache(store, { maxLabelLength: config.maxLabelLength }),
    metrics,
    logger: log,
    now: Date.now,
  };
  return {
    ctx,
    sessionKey: derive('passwing:session'),
    webhookToken: derive('passwing:cafe24-webhook').toString('base64url').slice(0, 32),
    async close() {
      await queue.stop({ graceful: true, timeoutMs: 10_000 });
      await store.close();
    },
  };
}
