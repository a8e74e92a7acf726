import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Cafe24Client } from '../../src/cafe24/cafe24-client.js';
import { LeakyBucketLimiter, SharedBucketLimiter, type RateLimiter } from '../../src/cafe24/rate-limiter.js';
import { TokenManager } from '../../src/cafe24/token-manager.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import {
  dropSchema,
  freshSchemaName,
  postgresChosen,
  POSTGRES_URL,
  TEST_SECRET_KEY,
} from '../store/store-targets.js';
import { InMemoryTokenStore } from './in-memory-token-store.js';
import { configFor, install, ShiftedClock, startTestSandbox, type Sandbox } from './sandbox-harness.js';

const MALL = 'm1';
const OrderCount = z.object({ count: z.number() });

/** Sandbox and PassWing time running `speed` times faster than the wall clock (Cafe24's 2 calls/s too). */
class FastClock extends ShiftedClock {
  private readonly origin = Date.now();
  constructor(private readonly speed: number) {
    super();
  }
  override now(): number {
    return this.origin + (Date.now() - this.origin) * this.speed + this.offsetMs;
  }
  override sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms) / this.speed));
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function installedSandbox(
  clock: ShiftedClock,
): Promise<{ sandbox: Sandbox; tokens: InMemoryTokenStore }> {
  const sandbox = await startTestSandbox({ clock });
  cleanups.push(() => sandbox.close());
  const tokens = new InMemoryTokenStore();
  await install(sandbox, tokens, MALL, clock);
  return { sandbox, tokens };
}

/** One PassWing process's client: its own token manager and limiter. */
function processClient(
  sandbox: Sandbox,
  tokens: InMemoryTokenStore,
  clock: ShiftedClock,
  limiter: RateLimiter,
) {
  const config = configFor(sandbox);
  return new Cafe24Client({
    mallId: MALL,
    config,
    tokens: new TokenManager({ config, store: tokens, now: () => clock.now() }),
    clock,
    rateLimiter: limiter,
    backoff: { baseMs: 200, maxMs: 3000 },
  });
}

/** Every client sends `callsEach` order counts, `parallel` at a time, all clients at once. */
async function hammer(clients: Cafe24Client[], callsEach: number, parallel: number) {
  const results = await Promise.allSettled(
    clients.flatMap((client) =>
      Array.from({ length: parallel }, async () => {
        for (let i = 0; i < callsEach / parallel; i += 1) {
          await client.get('/api/v2/admin/orders/count', {}, OrderCount);
        }
      }),
    ),
  );
  return results.filter((result) => result.status === 'rejected');
}

/** Opens a migrated store (closed and removed after the test); more opens share its database. */
function storeOpener(options: { databaseUrl?: string; schema?: string }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'passwing-budget-'));
  cleanups.push(async () => {
    if (options.schema !== undefined) await dropSchema(options.schema);
    rmSync(dataDir, { recursive: true, force: true });
  });
  return async (): Promise<Store> => {
    const store = openStore({ ...options, dataDir, secretKey: TEST_SECRET_KEY });
    cleanups.push(() => store.close());
    await store.migrate();
    return store;
  };
}

describe('one Cafe24 call budget per mall across PassWing processes, against the sandbox', () => {
  it(
    'keeps three processes sharing one SQLite store at zero 429s over 240 calls',
    { timeout: 60_000 },
    async () => {
      const clock = new FastClock(20);
      const { sandbox, tokens } = await installedSandbox(clock);
      // One Store for the three: two SQLite connections in one test process would block each other
      // synchronously (separate processes on one file: test/store/cafe24-call-budget.test.ts).
      const store = await storeOpener({})();
      await store.malls.install(MALL, { shopNo: 1, plan: 'free', now: clock.now() });
      const clients = [1, 2, 3].map(() =>
        processClient(
          sandbox,
          tokens,
          clock,
          new SharedBucketLimiter({ budget: store.cafe24CallBudget, clock }),
        ),
      );
      expect(await hammer(clients, 80, 4)).toEqual([]);
      expect(sandbox.stats(MALL)).toMatchObject({ calls: 240, status429: 0 });
    },
  );

  it(
    '(control) three processes with a bucket each overfill the mall and get 429s',
    { timeout: 60_000 },
    async () => {
      const clock = new FastClock(20);
      const { sandbox, tokens } = await installedSandbox(clock);
      const clients = [1, 2, 3].map(() =>
        processClient(sandbox, tokens, clock, new LeakyBucketLimiter({ clock })),
      );
      await hammer(clients, 80, 4);
      expect(sandbox.stats(MALL).status429).toBeGreaterThan(0);
    },
  );

  it.runIf(postgresChosen())(
    'keeps three processes with a PostgreSQL store each at zero 429s (real time, on the database clock)',
    { timeout: 60_000 },
    async () => {
      const clock = new ShiftedClock();
      const { sandbox, tokens } = await installedSandbox(clock);
      const open = storeOpener({ databaseUrl: POSTGRES_URL, schema: freshSchemaName() });
      const stores = [await open(), await open(), await open()];
      await stores[0]!.malls.install(MALL, { shopNo: 1, plan: 'free', now: clock.now() });
      const clients = stores.map((store) =>
        processClient(sandbox, tokens, clock, new SharedBucketLimiter({ budget: store.cafe24CallBudget })),
      );
      // 60 calls: the bucket's 38 at once, then 2/s for about 11 s.
      expect(await hammer(clients, 20, 2)).toEqual([]);
      expect(sandbox.stats(MALL)).toMatchObject({ calls: 60, status429: 0 });
    },
  );
});
