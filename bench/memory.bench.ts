// Memory benchmark (`npm run bench:memory [-- --malls N] [--orders K] [--history H] [--heap-snapshots DIR] [--json]`):
// resident memory of the process production runs — `node bin/passwing.js start` over the built dist/,
// web + worker on SQLite, the embedded default — with N malls installed through the real OAuth flow and
// K orders per mall processed (issue 8, target ≤ 250 MB with 100 malls). Side by side in one run: an
// empty Fastify server under the same runtime (plain node), PassWing with no malls, and PassWing
// loaded, each as it stands and after a forced full GC. The Cafe24 sandbox and all the driving run in
// this process, so only PassWing's own memory is counted; the measured processes report
// `process.memoryUsage()` over IPC through bench/memory/memory-probe.js.
//
// With --heap-snapshots DIR, V8 heap snapshots of PassWing with no malls and loaded are written there,
// and the object kinds that grew most in between are printed. Writing a snapshot takes native memory
// the process keeps, so the RSS of such a run is inflated: use it for the breakdown, not the figure.
// Settings are production's defaults except the Cafe24 address, the admin password (set, so nothing
// is printed) and a trusted proxy (each merchant and buyer has its own X-Forwarded-For address).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startSandbox } from '../src/sandbox/start-sandbox.js';
import { heapGrowthLines } from './memory/heap-snapshot-summary.js';
import { startMeasuredProcess, type MemoryFigures } from './memory/measured-process.js';
import {
  buyerIp,
  consoleJson,
  installThroughOAuth,
  merchantIp,
  ordersWithRuns,
  sendBeacon,
  type MallSession,
} from './memory/merchant-traffic.js';

const { values: options } = parseArgs({
  options: {
    malls: { type: 'string', default: '100' },
    orders: { type: 'string', default: '3' },
    history: { type: 'string', default: '3' },
    'heap-snapshots': { type: 'string' },
    /** Another build's bin/passwing.js (a tree with src/, dist/ and bin/), e.g. to compare two builds. */
    bin: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const MALLS = Array.from({ length: Number(options.malls) }, (_, index) => `m${index + 1}`);
const ORDERS_PER_MALL = Number(options.orders);
const TARGET_MB = 250;
const CLIENT_ID = 'passwing-memory-bench';
const CLIENT_SECRET = 'memory-bench-client-secret-0123456789';
const TEMPLATE_IDS = ['HIGH_VALUE', 'ISLAND_SHIP', 'FIRST_ORDER', 'BANK_ALERT'];
const BIN = options.bin
  ? resolve(options.bin)
  : fileURLToPath(new URL('../bin/passwing.js', import.meta.url));
const ROOT = resolve(dirname(BIN), '..');
const BARE = fileURLToPath(new URL('./memory/bare-fastify.js', import.meta.url));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Newest modification time of the files under `dir` whose names pass `keep`. */
function newestMtime(dir: string, keep: (name: string) => boolean): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && keep(entry.name))
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** The bench measures dist/: refuse to measure a missing or older build than the sources. */
function checkBuild(): void {
  const built = join(ROOT, 'dist/cli/main.js');
  const source = (name: string) => name.endsWith('.ts') && !name.endsWith('.test.ts');
  if (!existsSync(built)) throw new Error(`${ROOT}/dist is missing: run \`npm run build\` first`);
  if (newestMtime(join(ROOT, 'src'), source) > statSync(built).mtimeMs) {
    throw new Error(`${ROOT}/dist is older than its src/: run \`npm run build\` first`);
  }
}

/** Waits until every announced order of every mall has a recorded run; returns how many have one. */
async function waitForRuns(
  url: string,
  sessions: MallSession[],
  orders: Map<string, string[]>,
): Promise<number> {
  const deadline = Date.now() + 180_000;
  let done = 0;
  while (Date.now() < deadline) {
    done = 0;
    for (const session of sessions) {
      const withRuns = await ordersWithRuns(url, session);
      done += (orders.get(session.mallId) ?? []).filter((orderId) => withRuns.has(orderId)).length;
    }
    if (done === sessions.length * ORDERS_PER_MALL) return done;
    await sleep(1000);
  }
  return done;
}

interface Row {
  name: string;
  asIs: MemoryFigures;
  afterGc: MemoryFigures;
}

function formatRows(rows: Row[]): string[] {
  const cell = (value: number | null | undefined, width: number) => (value ?? NaN).toFixed(1).padStart(width);
  const lines = [
    `${''.padEnd(26)}        RSS        │    JS heap used    │ heap total  external (buffers)  RSS anon + file`,
    `${''.padEnd(26)}  as is  after GC │  as is  after GC   │ (as is)`,
  ];
  for (const { name, asIs, afterGc } of rows) {
    lines.push(
      `  ${name.padEnd(24)}${cell(asIs.rss, 7)}  ${cell(afterGc.rss, 8)} │${cell(asIs.heapUsed, 7)}  ${cell(afterGc.heapUsed, 8)}   │` +
        `${cell(asIs.heapTotal, 8)}  ${cell(asIs.external, 9)} (${cell(asIs.arrayBuffers, 5)})  ${cell(asIs.rssParts?.anon, 8)} + ${cell(asIs.rssParts?.file, 5)}`,
    );
  }
  return lines;
}

async function main(): Promise<void> {
  checkBuild();
  const snapshotDir = options['heap-snapshots'] ? resolve(options['heap-snapshots']) : null;
  if (snapshotDir) mkdirSync(snapshotDir, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'passwing-memory-'));
  const stops: (() => Promise<void>)[] = [];
  try {
    const bare = await startMeasuredProcess({
      name: 'bare Fastify',
      script: BARE,
      readyPatterns: [/^listening /],
    });
    stops.push(bare.stop);
    await sleep(500);
    const bareRow: Row = {
      name: 'bare Fastify',
      asIs: await bare.memory(false),
      afterGc: await bare.memory(true),
    };
    await bare.stop();

    const sandbox = await startSandbox({
      malls: MALLS,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      autoApprove: true,
      seed: 1,
      orders: Number(options.history),
    });
    stops.push(() => sandbox.close());

    const passwing = await startMeasuredProcess({
      name: 'passwing start',
      script: BIN,
      args: ['start'],
      env: {
        PORT: '0',
        PASSWING_DATA_DIR: dataDir,
        PASSWING_SANDBOX: 'off',
        PASSWING_TRUST_PROXY: 'true',
        PASSWING_ADMIN_PASSWORD: 'memory-bench-admin-password',
        CAFE24_CLIENT_ID: CLIENT_ID,
        CAFE24_CLIENT_SECRET: CLIENT_SECRET,
        CAFE24_API_BASE: `${sandbox.baseUrl}/{mall_id}`,
      },
      readyPatterns: [/PassWing\s+(http\S+?)\/?\s*$/, /webhook URL[^:]*:\s*(http\S+)/],
    });
    stops.push(passwing.stop);
    const url = passwing.ready[0]?.[1] ?? '';
    const webhookUrl = passwing.ready[1]?.[1] ?? '';
    sandbox.setWebhookUrl(webhookUrl);
    await sleep(1000);
    const idleRow: Row = {
      name: 'PassWing, no malls',
      asIs: await passwing.memory(false),
      afterGc: await passwing.memory(true),
    };
    const idleSnapshot = snapshotDir
      ? await passwing.heapSnapshot(join(snapshotDir, 'no-malls.heapsnapshot'))
      : null;

    const installStarted = Date.now();
    const sessions: MallSession[] = [];
    for (const [index, mallId] of MALLS.entries()) {
      const session = await installThroughOAuth(url, mallId, merchantIp(index));
      for (const id of TEMPLATE_IDS)
        await consoleJson(url, session, 'POST', `/api/templates/${id}/install`, {});
      sessions.push(session);
    }
    const installSeconds = Math.round((Date.now() - installStarted) / 1000);

    const ordersStarted = Date.now();
    const orders = new Map<string, string[]>();
    let beacons = 0;
    for (const mallId of MALLS) {
      const ids = await sandbox.generateOrders(mallId, ORDERS_PER_MALL);
      orders.set(mallId, ids);
      for (const orderId of ids) {
        await sendBeacon(url, mallId, orderId, buyerIp(beacons));
        beacons += 1;
      }
    }
    await sandbox.webhooksIdle();
    const processed = await waitForRuns(url, sessions, orders);
    const ordersSeconds = Math.round((Date.now() - ordersStarted) / 1000);
    await sleep(2000); // let the last beacon jobs finish and timers settle
    const loadedRow: Row = {
      name: `PassWing, ${MALLS.length} malls`,
      asIs: await passwing.memory(false),
      afterGc: await passwing.memory(true),
    };
    const loadedSnapshot = snapshotDir
      ? await passwing.heapSnapshot(join(snapshotDir, 'loaded.heapsnapshot'))
      : null;

    const rows = [bareRow, idleRow, loadedRow];
    const perMallMb = Math.round(((loadedRow.asIs.rss - idleRow.asIs.rss) / MALLS.length) * 100) / 100;
    // What the malls left in the JS heap once garbage is gone: caches, compiled flows, JIT code.
    const perMallHeapKb = Math.round(
      ((loadedRow.afterGc.heapUsed - idleRow.afterGc.heapUsed) * 1024) / MALLS.length,
    );
    const meets = loadedRow.asIs.rss <= TARGET_MB;
    if (options.json) {
      const report = {
        benchmark: 'resident memory (node dist/, MB)',
        malls: MALLS.length,
        ordersAnnounced: MALLS.length * ORDERS_PER_MALL,
        ordersWithRuns: processed,
        beacons,
        installSeconds,
        ordersSeconds,
        rows,
        perMallMb,
        perMallHeapKb,
        targetMb: TARGET_MB,
        meets,
      };
      process.stdout.write(`${JSON.stringify(report)}\n`);
    } else {
      process.stdout.write(
        [
          `memory (MB): node ${BIN} start — ${MALLS.length} malls installed in ${installSeconds} s, ` +
            `${processed} of ${MALLS.length * ORDERS_PER_MALL} orders processed (${beacons} beacons) in ${ordersSeconds} s`,
          ...formatRows(rows),
          `  per mall (loaded − no malls)  RSS ${perMallMb} MB as is; JS heap ${perMallHeapKb} KB after GC`,
          `  target ≤ ${TARGET_MB} MB (loaded, RSS as is): ${meets ? 'met' : 'NOT met'}`,
          '',
        ].join('\n'),
      );
    }
    if (idleSnapshot && loadedSnapshot) {
      process.stdout.write(
        [
          `heap growth, no malls → loaded (${idleSnapshot} → ${loadedSnapshot}):`,
          ...heapGrowthLines(idleSnapshot, loadedSnapshot),
          '',
        ].join('\n'),
      );
    }
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
