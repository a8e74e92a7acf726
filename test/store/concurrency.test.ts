import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/open-store.js';
import {
  dropSchema,
  freshSchemaName,
  postgresChosen,
  POSTGRES_URL,
  TEST_SECRET_KEY,
} from './store-targets.js';

const NOW = Date.parse('2026-03-02T12:00:00+09:00');
const WRITER = join(import.meta.dirname, 'concurrent-writer.ts');

interface WriterSummary {
  worker: number;
  duplicates: number;
  casRetries: number;
}

/** Runs one writer as a real process; rejects with its stderr when it fails. */
function runWriter(args: Record<string, unknown>): Promise<WriterSummary> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(stdout) as WriterSummary);
      else reject(new Error(`writer ${String(args.worker)} exited ${String(code)}: ${stderr}`));
    });
  });
}

async function expectNothingLost(
  store: Store,
  mallId: string,
  writers: number,
  orders: number,
  increments: number,
) {
  const count = await store.db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('mall_id', '=', mallId)
    .executeTakeFirstOrThrow();
  expect(Number(count.n)).toBe(writers * orders);
  expect(await store.ledger.get(mallId, 'm:shared')).toMatchObject({
    orderCount: writers * orders,
    lifetimeAmount: writers * orders * 1000,
  });
  const events = await store.webhookInbox.listByStatus(mallId, 'received', 10_000);
  expect(events).toHaveLength(orders);
  const credentials = await store.credentials.get(mallId);
  expect(credentials?.accessToken).toBe(String(writers * increments));
  expect(credentials?.version).toBe(1 + writers * increments);
}

const seedMall = async (store: Store, mallId: string) => {
  await store.malls.install(mallId, { shopNo: 1, plan: 'free', now: NOW });
  await store.credentials.put(
    mallId,
    { accessToken: '0', accessExpiresAt: NOW, refreshToken: 'r', refreshExpiresAt: NOW },
    NOW,
  );
};

describe('two processes writing one SQLite file', () => {
  let dataDir: string;
  let store: Store;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'passwing-concurrency-'));
    store = openStore({ dataDir, secretKey: TEST_SECRET_KEY });
    await store.migrate();
  });
  afterAll(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('never corrupts the file or loses a row', { timeout: 120_000 }, async () => {
    const mallId = 'sqlite-concurrency';
    await seedMall(store, mallId);
    const common = { dataDir, secretKey: TEST_SECRET_KEY, mallId, orders: 60, increments: 25 };
    const summaries = await Promise.all([
      runWriter({ ...common, worker: 1 }),
      runWriter({ ...common, worker: 2 }),
    ]);
    expect(summaries.reduce((sum, s) => sum + s.duplicates, 0)).toBe(60);
    await expectNothingLost(store, mallId, 2, 60, 25);
    const check = await import('better-sqlite3').then(({ default: Database }) => {
      const raw = new Database(join(dataDir, 'passwing.sqlite'), { readonly: true });
      try {
        return raw.pragma('integrity_check', { simple: true });
      } finally {
        raw.close();
      }
    });
    expect(check).toBe('ok');
  });
});

describe.runIf(postgresChosen())('many writers on PostgreSQL', () => {
  const schema = freshSchemaName();
  let dataDir: string;
  let store: Store;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'passwing-concurrency-'));
    store = openStore({ databaseUrl: POSTGRES_URL, schema, dataDir, secretKey: TEST_SECRET_KEY });
    await store.migrate();
  });
  afterAll(async () => {
    await store.close();
    await dropSchema(schema);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'never loses a row or an update with four concurrent writer processes',
    { timeout: 120_000 },
    async () => {
      const mallId = 'pg-concurrency';
      await seedMall(store, mallId);
      const common = {
        databaseUrl: POSTGRES_URL,
        schema,
        dataDir,
        secretKey: TEST_SECRET_KEY,
        mallId,
        orders: 40,
        increments: 15,
      };
      const summaries = await Promise.all([1, 2, 3, 4].map((worker) => runWriter({ ...common, worker })));
      expect(summaries.reduce((sum, s) => sum + s.duplicates, 0)).toBe(3 * 40);
      await expectNothingLost(store, mallId, 4, 40, 15);
    },
  );
});
