import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LeakyBucketLimiter, SharedBucketLimiter } from '../../src/cafe24/rate-limiter.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { deleteMallData, uninstallMall } from '../../src/store/retention.js';
import {
  hammer,
  MIN_INTERVAL_MS,
  noWaitClock,
  peakLevel,
  recording,
  ROOM,
  smallestGap,
} from './call-budget-recorder.js';
import { storeTargets, TEST_SECRET_KEY, uniqueMallId, type OpenedStore } from './store-targets.js';

const NOW = Date.parse('2026-03-02T12:00:00+09:00');
const DAY = 86_400_000;
const PROCESS = join(import.meta.dirname, 'call-budget-process.ts');

/** How another process opens the same database as `opened`. */
function sameDatabase(opened: OpenedStore) {
  const target = opened.store.target;
  const where =
    target.kind === 'sqlite'
      ? { databaseUrl: `sqlite:${target.path}` }
      : {
          databaseUrl: target.connectionString,
          ...(target.schema === null ? {} : { schema: target.schema }),
        };
  return { ...where, dataDir: opened.dataDir, secretKey: TEST_SECRET_KEY };
}

/** Runs one PassWing process reserving `calls` slots; resolves with the slots it was given. */
function runProcess(args: Record<string, unknown>): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', PROCESS, JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(stdout) as number[]);
      else reject(new Error(`budget process exited ${String(code)}: ${stderr}`));
    });
  });
}

describe('the oracle of these tests', () => {
  it('(control) catches two in-process limiters, one per process, overfilling the bucket', async () => {
    const slots: number[] = [];
    // Each mirrors the bucket alone; record its grant times on one clock that never waits.
    const clock = { time: 0, now: () => clock.time, sleep: async (ms: number) => void (clock.time += ms) };
    const limiters = [1, 2].map(() => new LeakyBucketLimiter({ clock, minIntervalMs: MIN_INTERVAL_MS }));
    for (let i = 0; i < 120; i += 1) {
      clock.time = 0;
      await limiters[i % 2]!.acquire('m1');
      slots.push(clock.time);
    }
    expect(peakLevel(slots)).toBeGreaterThan(ROOM);
    expect(smallestGap(slots)).toBeLessThan(MIN_INTERVAL_MS);
  });
});

// An in-memory SQLite cannot be shared with another process.
const targets = storeTargets().filter((target) => target.name !== 'sqlite-memory');

describe.each(targets)('Cafe24 call budget shared through $name', (target) => {
  let opened: OpenedStore;
  let first: Store;
  /** A second Store on the same database. Its calls here never overlap the first's transactions: on
   * SQLite two connections of one process would wait for each other synchronously. */
  let second: Store;

  beforeAll(async () => {
    opened = await target.open();
    first = opened.store;
    second = openStore(sameDatabase(opened));
  });
  afterAll(async () => {
    await second.close();
    await opened.cleanup();
  });

  const installedMall = async (): Promise<string> => {
    const mallId = uniqueMallId('budget');
    await first.malls.install(mallId, { shopNo: 1, plan: 'free', now: NOW });
    return mallId;
  };

  const limiterOver = (store: Store, slots: number[]) =>
    new SharedBucketLimiter({
      budget: recording(store.cafe24CallBudget, slots),
      clock: noWaitClock,
      minIntervalMs: MIN_INTERVAL_MS,
    });

  it(
    'never lets two processes hand out more calls than the bucket allows, and spaces them',
    { timeout: 60_000 },
    async () => {
      const mallId = await installedMall();
      const common = { ...sameDatabase(opened), mallId, calls: 60, parallel: 6 };
      const [a, b] = await Promise.all([runProcess(common), runProcess(common)]);
      expect(a).toHaveLength(60);
      expect(b).toHaveLength(60);
      const slots = [...a!, ...b!];
      expect(peakLevel(slots)).toBeLessThanOrEqual(ROOM + 1e-6);
      expect(smallestGap(slots)).toBeGreaterThanOrEqual(MIN_INTERVAL_MS - 1e-6);
      // 120 calls need (120 − 38) / 2 s of drain whatever the interleaving; they got no more.
      const span = Math.max(...slots) - Math.min(...slots);
      expect(span).toBeGreaterThanOrEqual(((120 - ROOM) / 2) * 1000 - 1);
    },
  );

  it("folds one process's observation into its next reservation, which the other queues behind", async () => {
    const mallId = await installedMall();
    const slotsA: number[] = [];
    const slotsB: number[] = [];
    const a = limiterOver(first, slotsA);
    const b = limiterOver(second, slotsB);
    await a.acquire(mallId);
    a.observe(mallId, 38, 40); // another app filled the bucket: Cafe24 counts 38
    await a.acquire(mallId);
    await b.acquire(mallId);
    // A waits for one call to drain (500 ms), B for one more after A's.
    expect(slotsA[1]! - slotsA[0]!).toBeGreaterThanOrEqual(500 - 1);
    expect(slotsB[0]! - slotsA[1]!).toBeCloseTo(500, 3);
  });

  it('holds the other process during a pause one process saw (a 429 or quota header)', async () => {
    const mallId = await installedMall();
    const a = limiterOver(first, []);
    const slotsB: number[] = [];
    const b = limiterOver(second, slotsB);
    await b.acquire(mallId);
    a.pause(mallId, 60_000);
    await vi.waitFor(async () => {
      const shared = await second.cafe24CallBudget.read(mallId, Date.now);
      expect(shared!.bucket.pausedUntil - shared!.now).toBeGreaterThan(50_000);
    });
    await b.acquire(mallId);
    expect(slotsB[1]! - slotsB[0]!).toBeGreaterThanOrEqual(59_000);
  });

  it("shows either process the shared level, and forgets a mall's budget with its data", async () => {
    const mallId = await installedMall();
    await hammer([limiterOver(first, [])], mallId, 10, 1);
    const gauge = new SharedBucketLimiter({ budget: second.cafe24CallBudget });
    // Ten calls 110 ms apart, each drained 0.22 since the previous one: about 8 at the last slot.
    const level = await gauge.levelOf(mallId);
    expect(level).toBeGreaterThan(7);
    expect(level).toBeLessThanOrEqual(10);

    await uninstallMall(first, mallId, { now: NOW, graceDays: 30 });
    expect(await deleteMallData(first, mallId, { now: NOW + 30 * DAY })).toBe(true);
    expect(await second.cafe24CallBudget.read(mallId, Date.now)).toBeNull();
  });

  it('refuses a budget for a mall the store does not know', async () => {
    const failure = await limiterOver(first, [])
      .acquire(uniqueMallId('unknown'))
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'reference_missing' });
  });
});
