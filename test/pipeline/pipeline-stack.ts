import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { installThroughOAuth, launchPassWing, type PassWing } from '../../src/cli/launch-passwing.js';
import { loadConfig } from '../../src/config.js';
import type { Order } from '../../src/domain/order.js';
import type { Flow } from '../../src/engine/flow-schema.js';
import { kstDate, ordersInRange } from '../../src/pipeline/order-pages.js';
import { ORDER_EVENTS_QUEUE, type OrderEventJob } from '../../src/pipeline/order-event-job.js';
import type { PipelineContext } from '../../src/pipeline/pipeline-context.js';
import { replayOrders } from '../../src/pipeline/replay-orders.js';
import { startWorker } from '../../src/pipeline/start-worker.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/start-sandbox.js';
import { waitFor } from './passwing-harness.js';

/** The PassWing app as the sandbox knows it (client id of our own writes). */
const CLIENT_ID = 'passwing-e2e-app';
const ADMIN_DATABASE = 'postgres://postgres@127.0.0.1:5432/test';

export type Dialect = 'sqlite' | 'postgres';

/** Backends under test: env DIALECTS=sqlite,postgres; SQLite only when unset (as the store and queue suites). */
export function dialectsUnderTest(): Dialect[] {
  const names = (process.env.DIALECTS ?? 'sqlite')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  for (const name of names)
    if (name !== 'sqlite' && name !== 'postgres') throw new Error(`unknown dialect in DIALECTS: ${name}`);
  return names as Dialect[];
}

/**
 * A fresh PostgreSQL database per stack. A database rather than a schema: the runtime puts pg-boss
 * in the fixed schema `pgboss`, so two stacks sharing a database would share (and steal) jobs.
 */
export async function createDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `passwing_e2e_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: `postgres://postgres@127.0.0.1:5432/${name}?schema=passwing`,
    async drop() {
      // Without FORCE first: connections still closing (a pool ending after its owner stopped) get
      // time to go, instead of being terminated under a live client (an unhandled 57P01 error).
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const client = new pg.Client({ connectionString: ADMIN_DATABASE });
        await client.connect();
        try {
          await client.query(`DROP DATABASE IF EXISTS ${name}${attempt === 19 ? ' WITH (FORCE)' : ''}`);
          return;
        } catch (error) {
          if ((error as { code?: string }).code !== '55006') throw error; // object in use
        } finally {
          await client.end();
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
  };
}

export interface Stack {
  sandbox: Sandbox;
  /** The in-process PassWing: always the web role, the worker role when asked. */
  passwing: PassWing;
  ctx: PipelineContext;
  /** Environment for `passwing worker` child processes sharing this stack's store and queue. */
  childEnv: Record<string, string>;
  cleanup(): Promise<void>;
}

export interface StackOptions {
  malls: string[];
  dialect?: Dialect;
  /** Run the worker role in this process (false: start it elsewhere, e.g. as a child process). */
  worker?: boolean;
  /** Sandbox fault spec, e.g. `drop=15,dup=15,reorder=1`. */
  faults?: string;
  seed?: number;
  historyOrders?: number;
  env?: Record<string, string>;
}

/**
 * A Cafe24 sandbox (with the given faults) and a PassWing configured against it as against a real
 * Cafe24 (client id/secret and API base from the environment, `PASSWING_SANDBOX=off`), the malls
 * installed through the real OAuth flow (their import of past orders runs on whichever worker runs). SQLite in a temporary data directory, or a fresh
 * PostgreSQL database; both are removed by `cleanup`.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const clientSecret = randomBytes(24).toString('base64url');
  const sandbox = await startSandbox({
    malls: options.malls,
    clientId: CLIENT_ID,
    clientSecret,
    autoApprove: true,
    seed: options.seed ?? 7,
    orders: options.historyOrders ?? 30,
    ...(options.faults ? { faults: options.faults } : {}),
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'passwing-stack-'));
  const database = options.dialect === 'postgres' ? await createDatabase() : null;
  const env: Record<string, string> = {
    PASSWING_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    PASSWING_SANDBOX: 'off',
    CAFE24_CLIENT_ID: CLIENT_ID,
    CAFE24_CLIENT_SECRET: clientSecret,
    CAFE24_API_BASE: `${sandbox.baseUrl}/{mall_id}`,
    PASSWING_BATCH_WINDOW_MS: '50',
    ...(database
      ? { DATABASE_URL: database.url, PASSWING_SECRET_KEY: Buffer.alloc(32, 7).toString('base64') }
      : {}),
    ...options.env,
  };
  let passwing: PassWing;
  try {
    passwing = await launchPassWing({
      config: loadConfig({ ...env, PORT: '0' }),
      web: true,
      worker: options.worker ?? true,
    });
  } catch (error) {
    await sandbox.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  sandbox.setWebhookUrl(passwing.webhookUrl);
  for (const mallId of options.malls) await installThroughOAuth(passwing, mallId);
  const port = new URL(passwing.url).port;
  return {
    sandbox,
    passwing,
    ctx: passwing.runtime.ctx,
    childEnv: { ...env, PORT: port, PUBLIC_URL: passwing.url },
    async cleanup() {
      await passwing.close();
      await sandbox.close();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** True when no job of `name` is waiting, retrying or running. */
export async function queueIdle(ctx: PipelineContext, name: string): Promise<boolean> {
  const counts = (await ctx.queue.counts()).byName[name];
  return counts === undefined || counts.created + counts.retry + counts.active === 0;
}

/** Waits for the install's import of past orders and the catalogue, so history facts are complete. */
export async function waitForInstallImport(ctx: PipelineContext, mallId: string): Promise<void> {
  await waitFor(
    async () =>
      (await ctx.store.backfillJobs.list(mallId, 5)).some(
        (job) => job.kind === 'import' && job.status === 'done',
      ),
    60_000,
    `import of ${mallId}`,
  );
  await waitFor(
    async () => (await ctx.store.products.list(mallId)).length > 0,
    60_000,
    `catalogue of ${mallId}`,
  );
}

/** Waits until every order has at least `runs` runs recorded. */
export async function waitForRuns(
  ctx: PipelineContext,
  mallId: string,
  orderIds: readonly string[],
  timeoutMs = 90_000,
  runs = 1,
): Promise<void> {
  const pending = new Set(orderIds);
  await waitFor(
    async () => {
      for (const orderId of [...pending])
        if ((await ctx.store.runs.listForOrder(mallId, orderId)).length >= runs) pending.delete(orderId);
      return pending.size === 0;
    },
    timeoutMs,
    `runs of ${orderIds.length} orders of ${mallId}`,
  );
}

/** Every order of the mall in the last 89 days, fetched back through the authenticated API. */
export async function fetchAllOrders(ctx: PipelineContext, mallId: string): Promise<Order[]> {
  const client = ctx.cafe24.client(mallId);
  const orders: Order[] = [];
  const now = Date.now();
  for await (const page of ordersInRange(
    client,
    { from: kstDate(now - 89 * 86_400_000), to: kstDate(now), dateType: 'order_date' },
    (error) => {
      throw error;
    },
  )) {
    orders.push(...page);
  }
  return orders;
}

/** What `passwing replay` decides for every order of the mall: order id → sorted labels. */
export async function replayedLabels(
  ctx: PipelineContext,
  mallId: string,
  flows: Flow[],
): Promise<Map<string, string[]>> {
  const replayed = await replayOrders(await fetchAllOrders(ctx, mallId), {
    flows,
    catalogue: await ctx.store.products.list(mallId),
  });
  return new Map(replayed.map((line) => [line.order_id, [...line.labels].sort()]));
}

/** The union of the labels on the order's items in the sandbox, sorted. */
export function sandboxLabels(sandbox: Sandbox, mallId: string, orderId: string): string[] {
  return [...new Set(Object.values(sandbox.orderLabels(mallId, orderId)).flat())].sort();
}

/** The labels PassWing's ownership record says it put on the order, sorted and de-duplicated. */
export async function ownedLabels(ctx: PipelineContext, mallId: string, orderId: string): Promise<string[]> {
  const owned = await ctx.store.labels.listForOrder(mallId, orderId);
  return [...new Set(owned.map((entry) => entry.label))].sort();
}

/** The order's runs, oldest first, one line each (trigger, source, state, label actions): for failure messages. */
export async function describeRuns(ctx: PipelineContext, mallId: string, orderId: string): Promise<string[]> {
  return (await ctx.store.runs.listForOrder(mallId, orderId))
    .sort((a, b) => a.finishedAt - b.finishedAt)
    .map((run) => {
      const decision = run.decision as { source?: string; reevaluation?: boolean; stateHash?: string } | null;
      const labels = run.actions.filter((action) => action.type === 'labels');
      return `${run.trigger}/${decision?.source ?? '?'}${decision?.reevaluation ? '/re' : ''} state ${decision?.stateHash?.slice(0, 8)} finished ${run.finishedAt % 1e6} ${JSON.stringify(labels)}`;
    });
}

/** The job a 90023 "order placed" webhook becomes, for tests that process orders themselves. */
export function placedOrderJob(mallId: string, orderId: string): OrderEventJob {
  return { mallId, orderId, trigger: 'order.created', source: 'webhook', receivedAt: Date.now() };
}

/** Two orders of one member, placed the given minutes ago (earlier first); their ids. */
export async function placeTwoOrders(
  sandbox: Sandbox,
  mallId: string,
  memberId: string,
  minutesAgo: { earlier: number; later: number },
): Promise<{ earlier: string; later: string }> {
  const now = Date.now();
  const [earlier] = await sandbox.generateOrders(mallId, 1, {
    memberId,
    placedAt: now - minutesAgo.earlier * 60_000,
  });
  const [later] = await sandbox.generateOrders(mallId, 1, {
    memberId,
    placedAt: now - minutesAgo.later * 60_000,
  });
  if (earlier === undefined || later === undefined) throw new Error('the sandbox generated no order');
  return { earlier, later };
}

/** Runs a worker until no order event is queued (the re-evaluations a test's own processing queued). */
export async function drainOrderEvents(ctx: PipelineContext): Promise<void> {
  const worker = await startWorker(ctx);
  try {
    await waitFor(() => queueIdle(ctx, ORDER_EVENTS_QUEUE), 30_000, 'order events');
  } finally {
    await worker.stop();
  }
}

/** Label write calls the sandbox received (bulk and per item). */
export function labelWriteCalls(sandbox: Sandbox, mallId: string): number {
  return Object.entries(sandbox.stats(mallId).callsByEndpoint)
    .filter(([endpoint]) => endpoint.includes('labels') && !endpoint.startsWith('GET'))
    .reduce((sum, [, count]) => sum + count, 0);
}
