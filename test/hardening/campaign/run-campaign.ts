import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { installThroughOAuth } from '../../../src/cli/launch-passwing.js';
import { openRuntime, type Runtime } from '../../../src/cli/runtime.js';
import { loadConfig } from '../../../src/config.js';
import type { Flow } from '../../../src/engine/flow-schema.js';
import { notificationDedupeKey } from '../../../src/notify/notification-dedupe-key.js';
import { NOTIFICATION_QUEUE } from '../../../src/pipeline/notification-job.js';
import { ORDER_EVENTS_QUEUE } from '../../../src/pipeline/order-event-job.js';
import type { PipelineContext } from '../../../src/pipeline/pipeline-context.js';
import { SeededRandom } from '../../../src/sandbox/seeded-random.js';
import { startSandbox, type Sandbox } from '../../../src/sandbox/start-sandbox.js';
import { findTemplate } from '../../../src/templates/index.js';
import {
  startNotificationReceiver,
  type NotificationReceiver,
} from '../../pipeline/notification-receiver.js';
import { waitFor } from '../../pipeline/passwing-harness.js';
import {
  createDatabase,
  describeRuns,
  fetchAllOrders,
  ownedLabels,
  queueIdle,
  sandboxLabels,
  waitForInstallImport,
  type Dialect,
} from '../../pipeline/pipeline-stack.js';
import { replayOrders } from '../../../src/pipeline/replay-orders.js';
import { SupervisedProcess } from './process-supervisor.js';
import { freePort, startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy.js';

const CLIENT_ID = 'passwing-campaign-app';
const CHANNEL = 'ops-webhook';
const TEMPLATES = ['FIRST_ORDER', 'ISLAND_SHIP', 'HIGH_VALUE', 'BUNDLE_SHIP', 'VIP_GIFT', 'SAME_DAY'];
const execFileAsync = promisify(execFile);
/** An exit within this time of starting is a failed start, not a crash. */
const STARTUP_MS = 15_000;
const ADMIN_DATABASE = 'postgres://postgres@127.0.0.1:5432/test';

export interface CampaignOptions {
  dialect: Dialect;
  malls: number;
  ordersPerMall: number;
  /** The burst's pace: orders generated per second across all malls. */
  ordersPerSecond: number;
  webProcesses: number;
  workerProcesses: number;
  /** kill -9 of a random worker this many times during the burst (each replaced a second later). */
  workerKills: number;
  /** kill -9 of a web process this many times (restarted on its port two seconds later). */
  webKills: number;
  /**
   * PostgreSQL outage in the middle of the burst. `database`: every connection to the campaign's
   * database is terminated (57P01, what a restart sends) and new ones refused for `outageMs` — the
   * other suites sharing the server are untouched. `server`: the cluster itself is restarted
   * (`pg_ctlcluster … restart`; only when nothing else uses the server, e.g. the benchmark).
   */
  databaseOutage: 'none' | 'database' | 'server';
  outageMs: number;
  /** The sandbox's fault spec (API 5xx and timeouts, webhook drops, duplicates, reordering). */
  faults: string;
  /** Malls hit by a 429 storm (another app filling their bucket) for `stormMs`. */
  stormMalls: number;
  stormMs: number;
  seed: number;
  leaseSeconds: number;
  convergenceTimeoutMs: number;
  log(line: string): void;
}

/** What the campaign measured; `problems` lists every broken promise (empty when all held). */
export interface CampaignReport {
  dialect: Dialect;
  processes: { web: number; worker: number; workerKills: number; webKills: number };
  databaseOutage: CampaignOptions['databaseOutage'];
  malls: number;
  orders: number;
  paidLater: number;
  webhooks: {
    deliveries: number;
    dropped: number;
    duplicatesSent: number;
    reordered: number;
    duplicatesSuppressed: number;
    rejectedDuringOutage: number;
    /** Deliveries the load balancer could not place: every web process was down at that moment. */
    noWebProcess: number;
  };
  cafe24: {
    calls: number;
    callsPerOrder: number;
    injected5xx: number;
    injectedTimeouts: number;
    expiredTokens401: number;
    storm429: number;
    /** 429s not caused by a storm: PassWing's processes exceeding the mall's bucket together. */
    racing429: number;
  };
  /** Failed Cafe24 calls and job attempts that were retried (5xx, timeouts, 401 refresh, 429). */
  retries: number;
  ordersCaughtByReconciliation: number;
  deadLetters: number;
  /** Process starts that failed (database down) and were repeated by the supervisor. */
  failedStarts: number;
  /** Processes that died on their own after starting. */
  crashes: number;
  notifications: { expected: number; delivered: number; sentTwice: number; uncertain: number };
  labelMismatches: number;
  ownershipMismatches: number;
  ordersProcessedTwice: number;
  /** Label adds Cafe24 received for a label already there (idempotent re-writes after a crash). */
  labelsRewritten: number;
  burstSeconds: number;
  convergenceSeconds: number;
  problems: string[];
}

interface CampaignOrder {
  mallId: string;
  orderId: string;
  cash: boolean;
  paid: boolean;
}

/** Runs a whole campaign against a fresh sandbox and database; everything it starts is stopped. */
export async function runCampaign(options: CampaignOptions): Promise<CampaignReport> {
  const resources: (() => Promise<void>)[] = [];
  try {
    return await campaign(options, resources);
  } finally {
    for (const release of resources.reverse()) await release().catch(() => undefined);
  }
}

async function campaign(
  options: CampaignOptions,
  resources: (() => Promise<void>)[],
): Promise<CampaignReport> {
  const { log } = options;
  const random = new SeededRandom(options.seed);
  const mallIds = Array.from({ length: options.malls }, (_, index) => `campaign-${index + 1}`);
  const clientSecret = randomBytes(24).toString('base64url');

  const receiver: NotificationReceiver = await startNotificationReceiver();
  resources.push(() => receiver.close());
  const proxy: RoundRobinProxy = await startRoundRobinProxy();
  resources.push(() => proxy.close());
  const sandbox: Sandbox = await startSandbox({
    malls: mallIds,
    clientId: CLIENT_ID,
    clientSecret,
    autoApprove: true,
    seed: options.seed,
    orders: 20,
    faults: options.faults,
  });
  resources.push(() => sandbox.close());
  const dataDir = mkdtempSync(join(tmpdir(), 'passwing-campaign-'));
  resources.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const database = options.dialect === 'postgres' ? await createDatabase() : null;
  if (database) resources.push(() => database.drop());

  const env: Record<string, string> = {
    PASSWING_DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    PASSWING_SANDBOX: 'off',
    CAFE24_CLIENT_ID: CLIENT_ID,
    CAFE24_CLIENT_SECRET: clientSecret,
    CAFE24_API_BASE: `${sandbox.baseUrl}/{mall_id}`,
    PUBLIC_URL: proxy.url,
    PASSWING_SECRET_KEY: randomBytes(32).toString('base64'),
    PASSWING_BATCH_WINDOW_MS: '50',
    PASSWING_RECONCILE_MINUTES: '1',
    PASSWING_JOB_LEASE_SECONDS: String(options.leaseSeconds),
    ...(database ? { DATABASE_URL: database.url } : {}),
  };
  // This process's own view of the shared store and queue: it migrates first, then observes and
  // verifies (its Cafe24 calls go through the same shared call budget as the workers').
  const runtime: Runtime = await openRuntime(loadConfig({ ...env, PORT: '0', LOG_LEVEL: 'silent' }), {
    clientId: CLIENT_ID,
    clientSecret,
    apiBaseUrlPattern: env.CAFE24_API_BASE!,
  });
  resources.push(() => runtime.close());
  const ctx = runtime.ctx;
  sandbox.setWebhookUrl(`${proxy.url}/webhooks/cafe24/${runtime.webhookToken}`);

  const webPorts: number[] = [];
  const webs: SupervisedProcess[] = [];
  const workers: SupervisedProcess[] = [];
  resources.push(async () => {
    await Promise.all([...webs, ...workers].map((child) => child.stop()));
  });
  for (let index = 0; index < options.webProcesses; index += 1) {
    const port = await freePort();
    webPorts.push(port);
    webs.push(new SupervisedProcess('web', { ...env, PORT: String(port) }, 2000));
  }
  for (const [index, port] of webPorts.entries()) {
    await waitFor(
      () =>
        fetch(`http://127.0.0.1:${port}/healthz`).then(
          (response) => response.ok,
          () => false,
        ),
      60_000,
      `web process on ${port}: ${webs[index]!.current.stderr()}`,
    );
  }
  proxy.setBackends(webPorts);
  for (let index = 0; index < options.workerProcesses; index += 1)
    workers.push(new SupervisedProcess('worker', env, 1000));
  log(
    `${options.dialect}: ${options.webProcesses} web + ${options.workerProcesses} worker processes, ${options.malls} malls`,
  );

  for (const mallId of mallIds) await installThroughOAuth({ url: proxy.url }, mallId);
  const flows = new Map<string, Flow[]>();
  for (const mallId of mallIds) {
    await waitForInstallImport(ctx, mallId);
    await ctx.store.settings.update(
      mallId,
      { notificationChannels: [{ name: CHANNEL, config: { type: 'webhook', url: receiver.url } }] },
      Date.now(),
    );
    const mallFlows = [
      ...TEMPLATES.map((id) => findTemplate(id)!.build()),
      findTemplate('BANK_ALERT')!.build({ channel: CHANNEL }),
    ];
    for (const flow of mallFlows)
      await ctx.store.flows.save(mallId, flow, { author: 'campaign', note: 'install', now: Date.now() });
    flows.set(mallId, mallFlows);
  }
  log('malls installed through OAuth, past orders imported, flows enabled');

  // The burst, with the faults scheduled at fractions of it.
  const total = options.malls * options.ordersPerMall;
  const events = chaosSchedule(options, total);
  const orders: CampaignOrder[] = [];
  const stats0 = totalStats(sandbox, mallIds);
  const startedAt = Date.now();
  let generated = 0;
  const chunk = Math.max(1, Math.round(options.ordersPerSecond / 10));
  while (generated < total) {
    for (let index = 0; index < chunk && generated < total; index += 1) {
      const mallId = mallIds[generated % mallIds.length]!;
      const cash = generated % 5 === 0;
      const [orderId] = await sandbox.generateOrders(mallId, 1, cash ? { payment: 'cash' } : {});
      orders.push({ mallId, orderId: orderId!, cash, paid: false });
      generated += 1;
    }
    while (events.length > 0 && events[0]!.atOrder <= generated) {
      const event = events.shift()!;
      log(`  at order ${generated}: ${event.name}`);
      await event.run({ sandbox, random, mallIds, workers, webs, database, options });
    }
    // Deposits arrive for half of the bank-transfer orders placed a little earlier.
    for (const order of orders.slice(-chunk * 20, -chunk * 10))
      if (order.cash && !order.paid && random.next() < 0.5) {
        sandbox.payOrder(order.mallId, order.orderId);
        order.paid = true;
      }
    await sleep(Math.max(0, (generated / options.ordersPerSecond) * 1000 - (Date.now() - startedAt)));
  }
  for (const event of events) await event.run({ sandbox, random, mallIds, workers, webs, database, options });
  const burstSeconds = (Date.now() - startedAt) / 1000;
  log(`burst of ${total} orders generated in ${burstSeconds.toFixed(1)} s; waiting for convergence`);

  // Converged: every order is settled and the queues are empty.
  await sandbox.webhooksIdle();
  // An order is settled when PassWing has saved its latest state (paid, if it was paid) and a run
  // evaluated exactly that state.
  const settled = async (order: CampaignOrder) => {
    const stored = await ctx.store.orders.get(order.mallId, order.orderId);
    if (stored === null || (order.paid && stored.paid !== 'T')) return false;
    const hash = await ctx.store.orders.getStateHash(order.mallId, order.orderId);
    const runs = await ctx.store.runs.listForOrder(order.mallId, order.orderId);
    return runs.some((run) => (run.decision as { stateHash?: string } | null)?.stateHash === hash);
  };
  const pending = new Set(orders);
  let lastError: unknown = null;
  await waitFor(
    async () => {
      try {
        for (const order of [...pending]) if (await settled(order)) pending.delete(order);
        return (
          pending.size === 0 &&
          (await queueIdle(ctx, ORDER_EVENTS_QUEUE)) &&
          (await queueIdle(ctx, NOTIFICATION_QUEUE))
        );
      } catch (error) {
        lastError = error; // the database may be restarting
        return false;
      }
    },
    options.convergenceTimeoutMs,
    'convergence',
  ).catch(async (error: unknown) => {
    const counts = await ctx.queue.counts().catch(() => null);
    const failed = await ctx.queue.failed(3).catch(() => []);
    const tails = [...webs, ...workers]
      .map((child) => `--- ${child.role}:\n${child.current.stderr().slice(-1500)}`)
      .join('\n');
    throw new Error(
      `${String(error)}: ${pending.size} orders not settled; queue ${JSON.stringify(counts?.byName)}; failed ${JSON.stringify(failed.map((job) => job.error))}; last error ${String(lastError)}\n${tails}`,
    );
  });
  const convergenceSeconds = (Date.now() - startedAt) / 1000;
  log(`converged ${convergenceSeconds.toFixed(1)} s after the burst began; verifying`);

  const report = await verify(ctx, sandbox, receiver, proxy, flows, orders, stats0, mallIds);
  // A process may fail to start while the database is down (the supervisor starts it again); one
  // that ran and then died without being killed is a crash.
  const exits = [...webs, ...workers].flatMap((child) => child.unexpectedExits);
  const crashes = exits.filter((exit) => exit.afterMs > STARTUP_MS);
  for (const crash of crashes)
    report.problems.push(
      `a ${crash.role} process crashed after ${crash.afterMs} ms:\n${crash.stderr.slice(-3000)}`,
    );
  return {
    ...report,
    failedStarts: exits.length - crashes.length,
    crashes: crashes.length,
    dialect: options.dialect,
    processes: {
      web: options.webProcesses,
      worker: options.workerProcesses,
      workerKills: options.workerKills,
      webKills: options.webKills,
    },
    databaseOutage: options.dialect === 'postgres' ? options.databaseOutage : 'none',
    malls: options.malls,
    orders: total,
    paidLater: orders.filter((order) => order.paid).length,
    burstSeconds,
    convergenceSeconds,
  };
}

interface ChaosContext {
  sandbox: Sandbox;
  random: SeededRandom;
  mallIds: string[];
  workers: SupervisedProcess[];
  webs: SupervisedProcess[];
  database: { name: string } | null;
  options: CampaignOptions;
}

interface ChaosEvent {
  atOrder: number;
  name: string;
  run(context: ChaosContext): Promise<void>;
}

/** The faults of the campaign besides the sandbox's random ones, at fixed fractions of the burst. */
function chaosSchedule(options: CampaignOptions, total: number): ChaosEvent[] {
  const events: ChaosEvent[] = [];
  const at = (fraction: number) => Math.max(1, Math.round(total * fraction));
  for (let kill = 0; kill < options.workerKills; kill += 1) {
    events.push({
      atOrder: at(0.15 + (0.7 * kill) / Math.max(1, options.workerKills)),
      name: 'kill -9 of a worker (restarted 1 s later)',
      async run({ workers, random }) {
        await workers[Math.floor(random.next() * workers.length)]!.kill9();
      },
    });
  }
  for (let kill = 0; kill < options.webKills; kill += 1) {
    events.push({
      atOrder: at(0.5 + (0.3 * kill) / Math.max(1, options.webKills)),
      name: 'kill -9 of a web process (restarted 2 s later)',
      async run({ webs }) {
        await webs[kill % webs.length]!.kill9();
      },
    });
  }
  events.push({
    atOrder: at(0.3),
    name: 'every access token expires',
    async run({ sandbox, mallIds }) {
      for (const mallId of mallIds) sandbox.expireAccessTokens(mallId);
    },
  });
  if (options.stormMalls > 0) {
    events.push({
      atOrder: at(0.45),
      name: `429 storm on ${options.stormMalls} malls for ${options.stormMs} ms`,
      async run({ sandbox, mallIds }) {
        for (const mallId of mallIds.slice(0, options.stormMalls))
          sandbox.rateLimitStorm(mallId, options.stormMs);
      },
    });
  }
  if (options.dialect === 'postgres' && options.databaseOutage !== 'none') {
    events.push({
      atOrder: at(0.65),
      name: `PostgreSQL ${options.databaseOutage === 'server' ? 'server restart' : 'outage'} (${options.outageMs} ms)`,
      async run({ database }) {
        if (options.databaseOutage === 'server') await restartPostgresServer(options.outageMs);
        else await databaseOutage(database!.name, options.outageMs);
      },
    });
  }
  return events.sort((a, b) => a.atOrder - b.atOrder);
}

/** Terminates every connection to the database and refuses new ones for `ms`. */
async function databaseOutage(name: string, ms: number): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
    await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    );
    await sleep(ms);
    await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`);
  } finally {
    await admin.end();
  }
}

/** Stops the PostgreSQL cluster (fast shutdown: connections terminated), waits, starts it again. */
async function restartPostgresServer(ms: number): Promise<void> {
  const version = readdirSync('/etc/postgresql')[0]!;
  const cluster = (action: string, ...extra: string[]) =>
    execFileAsync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', action, ...extra]);
  await cluster('stop', '-m', 'fast');
  await sleep(ms);
  await cluster('start');
}

function totalStats(sandbox: Sandbox, mallIds: string[]) {
  const sum = { calls: 0, status401: 0, status429: 0, stormRejected: 0, status5xx: 0, timeouts: 0 };
  for (const mallId of mallIds) {
    const stats = sandbox.stats(mallId);
    sum.calls += stats.calls;
    sum.status401 += stats.status401;
    sum.status429 += stats.status429;
    sum.stormRejected += stats.stormRejected;
    sum.status5xx += stats.status5xx;
    sum.timeouts += stats.timeouts;
  }
  return sum;
}

async function verify(
  ctx: PipelineContext,
  sandbox: Sandbox,
  receiver: NotificationReceiver,
  proxy: RoundRobinProxy,
  flows: Map<string, Flow[]>,
  orders: CampaignOrder[],
  stats0: ReturnType<typeof totalStats>,
  mallIds: string[],
): Promise<
  Omit<
    CampaignReport,
    | 'dialect'
    | 'processes'
    | 'databaseOutage'
    | 'malls'
    | 'orders'
    | 'paidLater'
    | 'burstSeconds'
    | 'convergenceSeconds'
    | 'failedStarts'
    | 'crashes'
  >
> {
  const problems: string[] = [];
  const stats = totalStats(sandbox, mallIds);
  let labelMismatches = 0;
  let ownershipMismatches = 0;
  let ordersProcessedTwice = 0;
  let labelsRewritten = 0;
  let caught = 0;
  const expectedKeys: string[] = [];
  const byMall = new Map<string, CampaignOrder[]>();
  for (const order of orders) byMall.set(order.mallId, [...(byMall.get(order.mallId) ?? []), order]);
  for (const [mallId, mallOrders] of byMall) {
    const fetched = await fetchAllOrders(ctx, mallId);
    const replayed = await replayOrders(fetched, {
      flows: flows.get(mallId)!,
      catalogue: await ctx.store.products.list(mallId),
    });
    const expected = new Map(replayed.map((line) => [line.order_id, [...line.labels].sort()]));
    for (const order of mallOrders) {
      const labels = sandboxLabels(sandbox, mallId, order.orderId);
      const want = expected.get(order.orderId) ?? [];
      if (JSON.stringify(labels) !== JSON.stringify(want)) {
        labelMismatches += 1;
        if (labelMismatches <= 5)
          problems.push(
            `${mallId}/${order.orderId}: labels ${labels.join(',')} but replay says ${want.join(',')}; runs:\n      ${(await describeRuns(ctx, mallId, order.orderId)).join('\n      ')}\n      changes ${JSON.stringify(sandbox.labelChanges(mallId, order.orderId))}`,
          );
      }
      const owned = await ownedLabels(ctx, mallId, order.orderId);
      if (JSON.stringify(owned) !== JSON.stringify(labels)) ownershipMismatches += 1;
      // Cafe24's own record of a label PassWing wrote to an item that already had it: after a worker
      // died between its label write and its run record, the write's outcome is unknown, and adding
      // again is the safe (idempotent) choice. Counted, not a failure.
      labelsRewritten += sandbox
        .labelChanges(mallId, order.orderId)
        .filter((entry) => entry.change === 'already-there').length;
      const runs = await ctx.store.runs.listForOrder(mallId, order.orderId);
      const first = runs.reduce(
        (earliest, run) => (run.startedAt < earliest.startedAt ? run : earliest),
        runs[0]!,
      );
      if ((first.decision as { source?: string } | null)?.source === 'reconcile') caught += 1;
      // One run per state of the order and trigger; re-evaluations (an earlier order of the
      // customer changed its history) are runs of their own.
      const perState = new Map<string, number>();
      for (const run of runs) {
        const decision = run.decision as { stateHash?: string; reevaluation?: boolean } | null;
        if (decision?.reevaluation === true) continue;
        const key = `${decision?.stateHash ?? '?'} ${run.trigger}`;
        perState.set(key, (perState.get(key) ?? 0) + 1);
      }
      if ([...perState.values()].some((count) => count > 1)) {
        ordersProcessedTwice += 1;
        if (ordersProcessedTwice <= 5)
          problems.push(
            `${mallId}/${order.orderId}: ${runs.length} runs (${runs.map((run) => run.trigger).join(', ')})`,
          );
      }
      const hadAlert = runs.some((run) =>
        run.actions.some((action) => action.type === 'notify' && action.outcome === 'pending'),
      );
      if (hadAlert)
        expectedKeys.push(
          notificationDedupeKey({
            mallId,
            orderId: order.orderId,
            ruleId: 'BANK_ALERT/BANK_ALERT',
            channelId: CHANNEL,
          }),
        );
    }
  }
  if (labelMismatches > 0) problems.push(`${labelMismatches} orders differ from replay`);
  if (ownershipMismatches > 0)
    problems.push(`${ownershipMismatches} orders' ownership records differ from Cafe24`);
  if (ordersProcessedTwice > 0)
    problems.push(`${ordersProcessedTwice} orders processed more than once per state`);

  // Notifications: each at most once; one not delivered must be marked uncertain.
  let uncertain = 0;
  let delivered = 0;
  let sentTwice = 0;
  for (const mallId of mallIds) {
    for (const entry of await ctx.store.notifications.list(mallId, 100_000)) {
      if (!entry.dedupeKey.startsWith('notify:')) continue;
      const count = receiver.deliveries.get(entry.dedupeKey) ?? 0;
      if (count > 1) sentTwice += 1;
      if (count >= 1) delivered += 1;
      if (entry.status === 'uncertain') uncertain += 1;
      else if (entry.status !== 'sent' || count !== 1)
        problems.push(`notification ${entry.dedupeKey}: status ${entry.status}, delivered ${count} times`);
    }
  }
  const missing = expectedKeys.filter((key) => !receiver.deliveries.has(key));
  if (sentTwice > 0) problems.push(`${sentTwice} notifications sent twice`);
  if (missing.length > uncertain) problems.push(`${missing.length - uncertain} notifications never sent`);

  const failedJobs = await ctx.queue.failed(1000);
  const deadLetters = failedJobs.length;
  if (deadLetters > 0)
    problems.push(
      `${deadLetters} dead-lettered jobs, e.g. ${failedJobs
        .slice(0, 3)
        .map((job) => `${job.name} after ${job.attempts} attempts: ${JSON.stringify(job.error)}`)
        .join('; ')}`,
    );
  const racing429 = stats.status429 - stats.stormRejected;
  if (racing429 > 0) problems.push(`${racing429} × 429 caused by PassWing's own processes`);

  const webhookLog = mallIds.flatMap((mallId) => sandbox.webhookLog(mallId));
  const outcome = (body: string | null) => {
    try {
      return (JSON.parse(body ?? '{}') as { outcome?: string }).outcome;
    } catch {
      return undefined;
    }
  };
  return {
    webhooks: {
      deliveries: webhookLog.length,
      dropped: webhookLog.filter((entry) => entry.fault === 'dropped').length,
      duplicatesSent: webhookLog.filter((entry) => entry.fault === 'duplicate').length,
      reordered: webhookLog.filter((entry) => entry.fault === 'reordered').length,
      duplicatesSuppressed: webhookLog.filter((entry) => outcome(entry.responseBody) === 'duplicate').length,
      noWebProcess: proxy.counts().unavailable,
      rejectedDuringOutage: webhookLog.filter(
        (entry) =>
          entry.fault !== 'dropped' && (entry.responseHttpCode === null || entry.responseHttpCode >= 500),
      ).length,
    },
    cafe24: {
      calls: stats.calls - stats0.calls,
      callsPerOrder: (stats.calls - stats0.calls) / orders.length,
      injected5xx: stats.status5xx - stats0.status5xx,
      injectedTimeouts: stats.timeouts - stats0.timeouts,
      expiredTokens401: stats.status401 - stats0.status401,
      storm429: stats.stormRejected - stats0.stormRejected,
      racing429,
    },
    retries:
      stats.status5xx -
      stats0.status5xx +
      stats.timeouts -
      stats0.timeouts +
      stats.status401 -
      stats0.status401 +
      stats.status429 -
      stats0.status429,
    ordersCaughtByReconciliation: caught,
    deadLetters,
    notifications: { expected: expectedKeys.length, delivered, sentTwice, uncertain },
    labelMismatches,
    ownershipMismatches,
    ordersProcessedTwice,
    labelsRewritten,
    problems,
  };
}

/** The report as a few readable lines. */
export function formatCampaignReport(report: CampaignReport): string {
  const { webhooks, cafe24, notifications } = report;
  return [
    `campaign on ${report.dialect}: ${report.orders} orders across ${report.malls} malls (${report.paidLater} paid later), ${report.processes.web} web + ${report.processes.worker} worker processes, ${report.processes.workerKills} worker kill -9, ${report.processes.webKills} web kill -9, database: ${report.databaseOutage}`,
    `  events: ${webhooks.deliveries} webhook deliveries, ${webhooks.dropped} dropped, ${webhooks.duplicatesSent} duplicated, ${webhooks.reordered} reordered; duplicates suppressed ${webhooks.duplicatesSuppressed}; answered ≥500 or unanswered ${webhooks.rejectedDuringOutage} (${webhooks.noWebProcess} while no web process was up)`,
    `  cafe24: ${cafe24.calls} calls (${cafe24.callsPerOrder.toFixed(3)}/order), injected 5xx ${cafe24.injected5xx}, timeouts ${cafe24.injectedTimeouts}, expired-token 401 ${cafe24.expiredTokens401}, storm 429 ${cafe24.storm429}, racing 429 ${cafe24.racing429}`,
    `  retries ${report.retries}; orders caught by reconciliation ${report.ordersCaughtByReconciliation}; dead letters ${report.deadLetters}; process starts repeated ${report.failedStarts}, crashes ${report.crashes}`,
    `  notifications: ${notifications.expected} expected, ${notifications.delivered} delivered, ${notifications.sentTwice} sent twice, ${notifications.uncertain} uncertain`,
    `  correctness: ${report.labelMismatches} label mismatches vs replay, ${report.ownershipMismatches} ownership mismatches, ${report.ordersProcessedTwice} processed twice; ${report.labelsRewritten} labels re-written after a crash (idempotent)`,
    `  burst ${report.burstSeconds.toFixed(1)} s; converged ${report.convergenceSeconds.toFixed(1)} s after it began`,
    report.problems.length === 0
      ? '  every promise held'
      : `  PROBLEMS:\n    ${report.problems.join('\n    ')}`,
  ].join('\n');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
