// Store benchmark (`npx tsx bench/store.bench.ts [--orders N] [--batch N] [--dialects sqlite,postgres] [--json]`):
// ledger update + history read per order on SQLite and PostgreSQL, next to a raw better-sqlite3
// insert of the same ledger rows as the reference. Orders go in worker-sized batches: one
// transaction records a batch in the ledger and reads every order's history in one query.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { customerKeyOf } from '../src/domain/customer-key.js';
import type { Order } from '../src/domain/order.js';
import { openStore, type Store } from '../src/store/open-store.js';

const { values: options } = parseArgs({
  options: {
    orders: { type: 'string', default: '20000' },
    batch: { type: 'string', default: '500' },
    repeat: { type: 'string', default: '3' },
    dialects: { type: 'string', default: 'sqlite,postgres' },
    'postgres-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    json: { type: 'boolean', default: false },
  },
});
const ORDER_COUNT = Number(options.orders);
const BATCH = Number(options.batch);
const REPEAT = Math.max(1, Number(options.repeat));
const MALL = 'bench-mall';
const NOW = Date.parse('2026-03-02T12:00:00+09:00');
const secretKey = randomBytes(32).toString('base64');

/** Orders of 2,000 customers (a tenth of them guests) over about a month, with some cancellations and returns. */
function makeOrders(count: number): Order[] {
  const start = Date.parse('2026-02-01T00:00:00+09:00');
  return Array.from({ length: count }, (_, index): Order => {
    const customer = (index * 7919) % 2000;
    const guest = customer % 10 === 0;
    const orderId = `20260201-${String(index).padStart(7, '0')}`;
    return {
      orderId,
      placedAt: new Date(start + index * 97_000).toISOString(),
      memberId: guest ? null : `member-${customer}`,
      groupNo: 1,
      firstOrder: null,
      productAmount: 10_000 + (index % 50) * 1_000,
      paymentAmount: 12_500,
      channel: 'cafe24',
      paymentMethods: ['card'],
      paid: 'T',
      canceled: index % 41 === 0,
      international: false,
      zip: '06236',
      items: [
        {
          itemCode: `${orderId}-01`,
          productNo: 1,
          productCode: 'P000001',
          variantCode: 'P000001000A',
          name: '상품',
          quantity: 1,
          price: 10_000,
          status: index % 23 === 0 ? 'R40' : 'N40',
          labels: [],
        },
      ],
      personal: {
        buyerName: null,
        buyerEmail: null,
        buyerCellphone: null,
        receiverName: `게스트${customer}`,
        receiverCellphone: '010-0000-0000',
        address: null,
        clientIp: null,
      },
    };
  });
}

interface Result {
  name: string;
  ordersPerSecond: number;
  seconds: number;
  historyRows: number;
}

async function runStore(name: string, store: Store, orders: Order[]): Promise<Result> {
  await store.migrate();
  await store.malls.install(MALL, { shopNo: 1, plan: 'free', now: NOW });
  let historyRows = 0;
  const started = process.hrtime.bigint();
  for (let offset = 0; offset < orders.length; offset += BATCH) {
    const batch = orders.slice(offset, offset + BATCH);
    await store.transaction(async (repositories) => {
      await repositories.ledger.record(MALL, batch);
      const histories = await repositories.ledger.earlierOrdersMany(
        MALL,
        batch.map((order) => ({
          customerKey: customerKeyOf(order),
          before: { orderId: order.orderId, placedAt: Date.parse(order.placedAt) },
        })),
      );
      for (const history of histories) historyRows += history.length;
    });
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { name, ordersPerSecond: orders.length / seconds, seconds, historyRows };
}

/**
 * The reference: the same ledger rows inserted with one prepared better-sqlite3 statement, in the
 * same batches, into the same migrated schema (same table and indexes), without Kysely or reads.
 */
async function runRawInsert(orders: Order[], dir: string): Promise<Result> {
  const rawDir = join(dir, 'raw');
  const schemaOnly = openStore({ dataDir: rawDir, secretKey });
  await schemaOnly.migrate();
  await schemaOnly.malls.install(MALL, { shopNo: 1, plan: 'free', now: NOW });
  await schemaOnly.close();
  const database = new SqliteDatabase(join(rawDir, 'passwing.sqlite'));
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  const insert = database.prepare(
    `insert into ledger_entries (mall_id, order_id, customer_key, placed_at, product_amount, has_return)
     values (?, ?, ?, ?, ?, ?)
     on conflict (mall_id, order_id) do update set customer_key = excluded.customer_key,
       placed_at = excluded.placed_at, product_amount = excluded.product_amount, has_return = excluded.has_return`,
  );
  const insertBatch = database.transaction((batch: Order[]) => {
    for (const order of batch) {
      if (order.canceled) continue;
      const hasReturn = order.items.some((item) => item.status.startsWith('R')) ? 1 : 0;
      insert.run(
        MALL,
        order.orderId,
        customerKeyOf(order),
        Date.parse(order.placedAt),
        order.productAmount,
        hasReturn,
      );
    }
  });
  const started = process.hrtime.bigint();
  for (let offset = 0; offset < orders.length; offset += BATCH)
    insertBatch(orders.slice(offset, offset + BATCH));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  database.close();
  return {
    name: 'raw better-sqlite3 insert',
    ordersPerSecond: orders.length / seconds,
    seconds,
    historyRows: 0,
  };
}

async function postgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The run with the median throughput: on a shared machine single runs are noisy. */
function median(runs: Result[]): Result {
  const sorted = [...runs].sort((a, b) => a.ordersPerSecond - b.ordersPerSecond);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Each measurement repeated REPEAT times, interleaved so load changes hit every backend alike. */
async function main(): Promise<void> {
  const orders = makeOrders(ORDER_COUNT);
  const dialects = options.dialects.split(',').map((name) => name.trim());
  const url = options['postgres-url'];
  const withPostgres = dialects.includes('postgres') && (await postgresReachable(url));
  const runs = new Map<string, Result[]>();
  const keep = (result: Result) => runs.set(result.name, [...(runs.get(result.name) ?? []), result]);
  const notes: string[] = [];
  if (dialects.includes('postgres') && !withPostgres)
    notes.push(`PostgreSQL not reachable at ${url}: skipped`);
  for (let round = 0; round < REPEAT; round += 1) {
    const dir = mkdtempSync(join(tmpdir(), 'passwing-bench-'));
    try {
      keep(await runRawInsert(orders, dir));
      if (dialects.includes('sqlite')) {
        const store = openStore({ dataDir: dir, secretKey });
        try {
          keep(await runStore('PassWing store, SQLite file', store, orders));
        } finally {
          await store.close();
        }
      }
      if (withPostgres) {
        const schema = `bench_${randomBytes(4).toString('hex')}`;
        const store = openStore({ databaseUrl: url, schema, dataDir: dir, secretKey });
        try {
          keep(await runStore('PassWing store, PostgreSQL', store, orders));
        } finally {
          await store.close();
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          await client.query(`drop schema if exists ${schema} cascade`);
          await client.end();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const results = [...runs.values()].map(median);
  const raw = results[0]!.ordersPerSecond;
  const rows = results.map((result) => ({ ...result, ratioToRaw: result.ordersPerSecond / raw }));
  const sqlite = rows.find((row) => row.name.includes('SQLite'));
  const targets = sqlite && {
    sqliteOrdersPerSecond: sqlite.ordersPerSecond >= 5000,
    sqliteRatio: sqlite.ratioToRaw >= 0.3,
  };
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ orders: ORDER_COUNT, batch: BATCH, repeat: REPEAT, results: rows, targets, notes })}\n`,
    );
    return;
  }
  console.log(
    `ledger update + history read, ${ORDER_COUNT} orders, batches of ${BATCH}, median of ${REPEAT}`,
  );
  console.log(
    `${'backend'.padEnd(30)} ${'orders/s'.padStart(10)} ${'seconds'.padStart(8)} ${'× raw'.padStart(7)} ${'history rows'.padStart(13)}`,
  );
  for (const row of rows) {
    console.log(
      `${row.name.padEnd(30)} ${Math.round(row.ordersPerSecond).toString().padStart(10)} ${row.seconds.toFixed(2).padStart(8)} ${row.ratioToRaw.toFixed(2).padStart(7)} ${row.historyRows.toString().padStart(13)}`,
    );
  }
  for (const note of notes) console.log(note);
  if (targets)
    console.log(
      `targets: ≥ 5000 orders/s on SQLite ${targets.sqliteOrdersPerSecond ? 'met' : 'MISSED'}; ratio ≥ 0.3 ${targets.sqliteRatio ? 'met' : 'MISSED'}`,
    );
}

await main();
