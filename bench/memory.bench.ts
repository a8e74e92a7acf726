// Memory benchmark (`npm run bench:memory [-- --malls N] [--orders K] [--json]`): resident memory
// (RSS, after a forced GC) of one PassWing process — web + worker on SQLite, the embedded default —
// with N malls installed through the real OAuth flow and K orders per mall processed, against a bare
// Node process running an empty Fastify server, measured side by side in one run (issue 8 item 5,
// target ≤ 250 MB). The Cafe24 sandbox runs in its own process (`passwing sandbox`), so its memory
// is not counted. Both measured processes run under the same loader (`node --import tsx`), so the
// ratio compares like with like.
//
// This file is three programs: the driver (default), `--role passwing` and `--role bare`; the two
// roles are forked by the driver and answer its IPC messages.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: options } = parseArgs({
  options: {
    role: { type: 'string', default: 'driver' },
    malls: { type: 'string', default: '100' },
    orders: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
  },
});
const MALLS = Array.from({ length: Number(options.malls) }, (_, index) => `m${index + 1}`);
const ORDERS_PER_MALL = Number(options.orders);
const TARGET_MB = 250;
const CLIENT_ID = 'passwing-memory-bench';
const CLIENT_SECRET = 'memory-bench-client-secret-0123456789';
const SELF = fileURLToPath(import.meta.url);
const CLI = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const TEMPLATE_IDS = ['HIGH_VALUE', 'ISLAND_SHIP', 'FIRST_ORDER', 'BANK_ALERT'];

/** Messages between the driver and a measured role. */
type ToRole =
  | { type: 'measure' }
  | { type: 'installTemplates'; malls: string[] }
  | { type: 'countRuns'; malls: string[] };
type FromRole =
  | { type: 'ready'; url: string; webhookUrl: string }
  | {
      type: 'measured';
      rssMb: number;
      heapUsedMb: number;
      heapTotalMb: number;
      externalMb: number;
      /** Linux: anonymous (heap, malloc) and file-backed (mapped code, the SQLite file) parts of RSS. */
      rssAnonMb: number | null;
      rssFileMb: number | null;
    }
  | { type: 'done' }
  | { type: 'runs'; count: number };

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** A `kB` line of /proc/self/status in MB, or null off Linux. */
function procStatusMb(field: string): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? mb(Number(match[1]) * 1024) : null;
  } catch {
    return null;
  }
}

/** RSS after two full collections (the roles run with --expose-gc). */
function measure(): FromRole {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  return {
    type: 'measured',
    rssMb: mb(usage.rss),
    heapUsedMb: mb(usage.heapUsed),
    heapTotalMb: mb(usage.heapTotal),
    externalMb: mb(usage.external),
    rssAnonMb: procStatusMb('RssAnon'),
    rssFileMb: procStatusMb('RssFile'),
  };
}

// ─── roles ────────────────────────────────────────────────────────────────────────────────────────

/** An empty Fastify server: the baseline a Node web process costs. */
async function runBare(): Promise<void> {
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ ok: true }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.on('message', (message: ToRole) => {
    if (message.type === 'measure') process.send?.(measure());
  });
  process.send?.({ type: 'ready', url: '', webhookUrl: '' } satisfies FromRole);
}

/** PassWing as `passwing start` runs it with Cafe24 credentials: web + worker, console included. */
async function runPassWing(): Promise<void> {
  const { loadConfig } = await import('../src/config.js');
  const { launchPassWing } = await import('../src/cli/launch-passwing.js');
  const { createConsoleBackend } = await import('../src/server/create-console-backend.js');
  const { installTemplates } = await import('../test/pipeline/passwing-harness.js');
  const passwing = await launchPassWing({
    config: loadConfig(),
    web: true,
    worker: true,
    createBackend: createConsoleBackend,
  });
  process.on('message', (message: ToRole) => {
    void (async () => {
      if (message.type === 'measure') process.send?.(measure());
      if (message.type === 'installTemplates') {
        for (const mall of message.malls)
          await installTemplates(
            passwing,
            mall,
            TEMPLATE_IDS.map((id) => ({ id })),
          );
        process.send?.({ type: 'done' } satisfies FromRole);
      }
      if (message.type === 'countRuns') {
        let count = 0;
        for (const mall of message.malls)
          count += (await passwing.runtime.ctx.store.runs.listRecent(mall, { limit: 1000 })).length;
        process.send?.({ type: 'runs', count } satisfies FromRole);
      }
    })();
  });
  process.send?.({ type: 'ready', url: passwing.url, webhookUrl: passwing.webhookUrl } satisfies FromRole);
}

// ─── driver ───────────────────────────────────────────────────────────────────────────────────────

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** Forks a role of this file and waits for its `ready`. */
async function forkRole(
  role: 'passwing' | 'bare',
  env: Record<string, string>,
): Promise<{
  child: ChildProcess;
  ready: Extract<FromRole, { type: 'ready' }>;
}> {
  const child = fork(SELF, ['--role', role], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Extract<FromRole, { type: 'ready' }>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${role} exited with ${code} before ready`)));
    child.on('message', (message: FromRole) => {
      if (message.type === 'ready') resolve(message);
    });
  });
  return { child, ready };
}

/**
 * The same empty Fastify server under plain `node` (no TypeScript loader): what the loader itself
 * costs shows as the difference from the `bare` role.
 */
async function measurePlainNode(): Promise<Extract<FromRole, { type: 'measured' }>> {
  const script = `
    import Fastify from 'fastify';
    const app = Fastify({ logger: false });
    app.get('/', async () => ({ ok: true }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    process.on('message', () => {
      globalThis.gc(); globalThis.gc();
      const u = process.memoryUsage();
      const mb = (b) => Math.round((b / 1024 / 1024) * 10) / 10;
      process.send({ type: 'measured', rssMb: mb(u.rss), heapUsedMb: mb(u.heapUsed), heapTotalMb: mb(u.heapTotal), externalMb: mb(u.external), rssAnonMb: null, rssFileMb: null });
    });
    process.send({ type: 'ready', url: '', webhookUrl: '' });
  `;
  const child = spawn(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`plain node exited with ${code}`)));
      child.on('message', (message: FromRole) => {
        if (message.type === 'ready') resolve();
      });
    });
    return await ask(child, { type: 'measure' }, 'measured');
  } finally {
    child.kill('SIGTERM');
  }
}

/** Sends a message to a role and waits for the answer of the given type. */
function ask<T extends FromRole['type']>(
  child: ChildProcess,
  message: ToRole,
  answer: T,
): Promise<Extract<FromRole, { type: T }>> {
  return new Promise((resolve) => {
    const onMessage = (reply: FromRole) => {
      if (reply.type !== answer) return;
      child.off('message', onMessage);
      resolve(reply as Extract<FromRole, { type: T }>);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

/** Installs through our /cafe24/install → sandbox authorize (auto-approved) → our callback. */
async function installThroughOAuth(passwingUrl: string, mallId: string): Promise<void> {
  let next = `${passwingUrl}/cafe24/install?mall_id=${encodeURIComponent(mallId)}`;
  for (let hop = 0; hop < 8; hop += 1) {
    const response = await fetch(next, { redirect: 'manual' });
    await response.body?.cancel();
    if (response.status === 429) {
      // The install endpoints are rate-limited per IP (60/min): wait as told, then retry the hop.
      await sleep((Number(response.headers.get('retry-after') ?? '5') + 1) * 1000);
      continue;
    }
    if (response.status >= 400) throw new Error(`install of ${mallId}: HTTP ${response.status} at ${next}`);
    const location = response.headers.get('location');
    if (!location) return;
    next = new URL(location, next).toString();
    if (new URL(next).pathname.startsWith('/app')) return;
  }
  throw new Error(`install of ${mallId} did not finish`);
}

async function startSandboxProcess(port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      CLI,
      'sandbox',
      '--port',
      String(port),
      '--mall',
      MALLS.join(','),
      '--client-id',
      CLIENT_ID,
      '--client-secret',
      CLIENT_SECRET,
      '--auto-approve',
      '--orders',
      String(ORDERS_PER_MALL),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sandbox exited with ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/${MALLS[0]}/admin/order/list`, {
        headers: { accept: 'application/json' },
      });
      if (response.ok) return child;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error('sandbox did not start');
}

/** Announces each mall's sandbox orders to PassWing as Cafe24 would (order placed, 90023). */
async function announceOrders(sandboxUrl: string, webhookUrl: string): Promise<number> {
  let sent = 0;
  for (const mall of MALLS) {
    const list = (await (
      await fetch(`${sandboxUrl}/${mall}/admin/order/list?limit=${ORDERS_PER_MALL}`, {
        headers: { accept: 'application/json' },
      })
    ).json()) as { orders: { order_id: string }[] };
    for (const { order_id } of list.orders) {
      const response = await fetch(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          event_no: 90023,
          resource: { mall_id: mall, event_shop_no: '1', event_code: 'create_order', order_id },
        }),
      });
      await response.body?.cancel();
      if (response.ok) sent += 1;
    }
  }
  return sent;
}

async function runDriver(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'passwing-memory-'));
  const children: ChildProcess[] = [];
  try {
    const sandboxPort = await freePort();
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    children.push(await startSandboxProcess(sandboxPort));

    const { child: passwing, ready } = await forkRole('passwing', {
      PORT: '0',
      PASSWING_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      PASSWING_SANDBOX: 'off',
      PASSWING_BATCH_WINDOW_MS: '50',
      CAFE24_CLIENT_ID: CLIENT_ID,
      CAFE24_CLIENT_SECRET: CLIENT_SECRET,
      CAFE24_API_BASE: `${sandboxUrl}/{mall_id}`,
    });
    children.push(passwing);
    const idle = await ask(passwing, { type: 'measure' }, 'measured');

    const installStarted = Date.now();
    for (const mall of MALLS) await installThroughOAuth(ready.url, mall);
    const installSeconds = (Date.now() - installStarted) / 1000;
    await ask(passwing, { type: 'installTemplates', malls: MALLS }, 'done');

    const announced = await announceOrders(sandboxUrl, ready.webhookUrl);
    const deadline = Date.now() + 180_000;
    let processed = 0;
    while (Date.now() < deadline) {
      processed = (await ask(passwing, { type: 'countRuns', malls: MALLS }, 'runs')).count;
      if (processed >= announced) break;
      await sleep(1000);
    }
    await sleep(2000); // let queues drain and timers settle before measuring
    const loaded = await ask(passwing, { type: 'measure' }, 'measured');

    const { child: bare } = await forkRole('bare', {});
    children.push(bare);
    const baseline = await ask(bare, { type: 'measure' }, 'measured');
    const plainNode = await measurePlainNode();

    const report = {
      benchmark: 'resident memory',
      malls: MALLS.length,
      ordersAnnounced: announced,
      runsRecorded: processed,
      installSeconds: Math.round(installSeconds),
      bareFastify: baseline,
      bareFastifyPlainNode: plainNode,
      passwingIdle: idle,
      passwingLoaded: loaded,
      ratio: Math.round((loaded.rssMb / baseline.rssMb) * 100) / 100,
      targetMb: TARGET_MB,
      meets: loaded.rssMb <= TARGET_MB,
    };
    if (options.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
    } else {
      process.stdout.write(
        [
          `memory: ${MALLS.length} malls, ${announced} orders announced, ${processed} runs recorded (install ${report.installSeconds} s)`,
          `  bare Fastify          RSS ${baseline.rssMb} MB (heap ${baseline.heapUsedMb} MB)`,
          `  bare Fastify, no tsx  RSS ${plainNode.rssMb} MB (heap ${plainNode.heapUsedMb} MB)`,
          `  PassWing, no malls    RSS ${idle.rssMb} MB (heap ${idle.heapUsedMb} MB)`,
          `  PassWing, loaded      RSS ${loaded.rssMb} MB (heap ${loaded.heapUsedMb} of ${loaded.heapTotalMb} MB, external ${loaded.externalMb} MB; anon ${loaded.rssAnonMb} + file ${loaded.rssFileMb} MB)`,
          `  ratio loaded / bare   ${report.ratio}×   target ≤ ${TARGET_MB} MB: ${report.meets ? 'met' : 'NOT met'}`,
          '',
        ].join('\n'),
      );
    }
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await sleep(500);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const roles: Record<string, () => Promise<void>> = {
  driver: runDriver,
  passwing: runPassWing,
  bare: runBare,
};
const run = roles[options.role];
if (!run) throw new Error(`unknown role ${options.role}`);
await run();
