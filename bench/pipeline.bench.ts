// Order pipeline benchmark (`npm run bench:pipeline [-- --orders N] [--dialects sqlite,postgres] [--json]`):
// a burst of N orders (default 1,000, issue 6) across 3 sandbox malls, labelled by a whole PassWing
// (web + worker in one process, built-in templates) on SQLite and on PostgreSQL, side by side in
// one run: orders per second (first webhook sent → last run recorded), p50/p99 webhook → label
// latency (the runs' `timings.total`: webhook received → run recorded, labels written before),
// Cafe24 calls per order and 429s. Then single orders on a quiet mall with the default 300 ms
// batch window: p50 webhook → label (target ≤ 500 ms). PostgreSQL needs a server at
// 127.0.0.1:5432 (user postgres, database test); each run gets a fresh database, dropped after.
import { parseArgs } from 'node:util';
import type { PipelineContext } from '../src/pipeline/pipeline-context.js';
import { installTemplates } from '../test/pipeline/passwing-harness.js';
import { startStack, waitForInstallImport, type Dialect } from '../test/pipeline/pipeline-stack.js';

const { values: options } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000' },
    dialects: { type: 'string', default: 'sqlite,postgres' },
    quiet: { type: 'string', default: '15' },
    json: { type: 'boolean', default: false },
  },
});
const ORDERS = Number(options.orders);
const QUIET_ORDERS = Number(options.quiet);
const DIALECTS = options.dialects.split(',').map((name) => name.trim()) as Dialect[];
const MALLS = ['bench-a', 'bench-b', 'bench-c'];
const QUIET_MALL = 'bench-quiet';
const TEMPLATES = [
  'FIRST_ORDER',
  'ISLAND_SHIP',
  'HIGH_VALUE',
  'BUNDLE_SHIP',
  'BANK_ALERT',
  'VIP_GIFT',
  'SAME_DAY',
  'STOCK_ALERT',
];

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};

/** Polls until every order has a run; returns each order's first run's total and finish time. */
async function collectRuns(
  ctx: PipelineContext,
  mallId: string,
  orderIds: readonly string[],
  timeoutMs: number,
): Promise<{ totals: number[]; lastFinishedAt: number }> {
  const pending = new Set(orderIds);
  const totals: number[] = [];
  let lastFinishedAt = 0;
  const deadline = Date.now() + timeoutMs;
  while (pending.size > 0) {
    if (Date.now() > deadline)
      throw new Error(`${mallId}: ${pending.size} orders without a run after ${timeoutMs} ms`);
    for (const orderId of [...pending]) {
      const runs = await ctx.store.runs.listForOrder(mallId, orderId);
      const first = runs.reduce<(typeof runs)[number] | undefined>(
        (earliest, run) => (earliest === undefined || run.finishedAt < earliest.finishedAt ? run : earliest),
        undefined,
      );
      if (!first) continue;
      pending.delete(orderId);
      totals.push(Number((first.timings as { total?: number }).total ?? first.finishedAt - first.startedAt));
      lastFinishedAt = Math.max(lastFinishedAt, first.finishedAt);
    }
    if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { totals, lastFinishedAt };
}

interface DialectResult {
  dialect: Dialect;
  orders: number;
  seconds: number;
  ordersPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  cafe24CallsPerOrder: number;
  responses429: number;
  quietMallP50Ms: number;
  quietMallOrders: number;
}

async function runDialect(dialect: Dialect): Promise<DialectResult> {
  // The default batch window (300 ms) and batch size: what `passwing start` runs with.
  const stack = await startStack({
    dialect,
    malls: [...MALLS, QUIET_MALL],
    historyOrders: 30,
    env: { PASSWING_BATCH_WINDOW_MS: '300' },
  });
  try {
    const { ctx, sandbox } = stack;
    for (const mallId of [...MALLS, QUIET_MALL]) {
      await waitForInstallImport(ctx, mallId);
      await installTemplates(
        stack.passwing,
        mallId,
        TEMPLATES.map((id) => ({ id })),
      );
    }
    const callsBefore = MALLS.map((mallId) => sandbox.stats(mallId));

    const startedAt = Date.now();
    const orderIds = new Map<string, string[]>(MALLS.map((mallId) => [mallId, []]));
    for (let created = 0; created < ORDERS; created += 10) {
      const mallId = MALLS[(created / 10) % MALLS.length]!;
      const count = Math.min(10, ORDERS - created);
      orderIds.get(mallId)!.push(...(await sandbox.generateOrders(mallId, count)));
    }
    const totals: number[] = [];
    let lastFinishedAt = 0;
    for (const mallId of MALLS) {
      const collected = await collectRuns(ctx, mallId, orderIds.get(mallId)!, 600_000);
      totals.push(...collected.totals);
      lastFinishedAt = Math.max(lastFinishedAt, collected.lastFinishedAt);
    }
    const seconds = (lastFinishedAt - startedAt) / 1000;
    const callsAfter = MALLS.map((mallId) => sandbox.stats(mallId));
    const calls = callsAfter.reduce((sum, stats, index) => sum + stats.calls - callsBefore[index]!.calls, 0);
    const responses429 = callsAfter.reduce(
      (sum, stats, index) => sum + stats.status429 - callsBefore[index]!.status429,
      0,
    );

    // Quiet mall: one order at a time, each after the previous one is labelled.
    const quiet: number[] = [];
    for (let index = 0; index < QUIET_ORDERS; index += 1) {
      const [orderId] = await sandbox.generateOrders(QUIET_MALL, 1);
      const collected = await collectRuns(ctx, QUIET_MALL, [orderId!], 30_000);
      quiet.push(...collected.totals);
    }
    return {
      dialect,
      orders: ORDERS,
      seconds: Number(seconds.toFixed(2)),
      ordersPerSecond: Number((ORDERS / seconds).toFixed(1)),
      latencyP50Ms: percentile(totals, 50),
      latencyP99Ms: percentile(totals, 99),
      cafe24CallsPerOrder: Number((calls / ORDERS).toFixed(3)),
      responses429,
      quietMallP50Ms: percentile(quiet, 50),
      quietMallOrders: quiet.length,
    };
  } finally {
    await stack.cleanup();
  }
}

const results: DialectResult[] = [];
for (const dialect of DIALECTS) results.push(await runDialect(dialect));
const sqlite = results.find((result) => result.dialect === 'sqlite');
const postgres = results.find((result) => result.dialect === 'postgres');
const ratio =
  sqlite && postgres ? Number((postgres.ordersPerSecond / sqlite.ordersPerSecond).toFixed(2)) : null;

if (options.json) {
  process.stdout.write(
    `${JSON.stringify({ benchmark: 'order pipeline', malls: MALLS.length, results, postgresToSqliteThroughput: ratio, targets: { quietMallP50Ms: 500 } })}\n`,
  );
} else {
  const lines = [`order pipeline: ${ORDERS}-order burst across ${MALLS.length} sandbox malls, 8 templates`];
  lines.push('backend     orders/s   p50 ms   p99 ms   calls/order   429s   quiet p50 ms');
  for (const result of results) {
    lines.push(
      [
        result.dialect.padEnd(10),
        String(result.ordersPerSecond).padStart(9),
        String(result.latencyP50Ms).padStart(8),
        String(result.latencyP99Ms).padStart(8),
        String(result.cafe24CallsPerOrder).padStart(13),
        String(result.responses429).padStart(6),
        String(result.quietMallP50Ms).padStart(14),
      ].join(' '),
    );
  }
  if (ratio !== null) lines.push(`PostgreSQL / SQLite throughput: ${ratio}`);
  lines.push('quiet mall target: p50 webhook → label ≤ 500 ms');
  process.stdout.write(`${lines.join('\n')}\n`);
}
