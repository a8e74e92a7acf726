import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { JobQueue } from '../../src/queue/job-queue.js';
import { PgBossJobQueue } from '../../src/queue/pg-boss-job-queue.js';
import { SqliteJobQueue } from '../../src/queue/sqlite-job-queue.js';

export type Dialect = 'sqlite' | 'postgres';

export const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** Backends under test: env DIALECTS=sqlite,postgres; SQLite only when unset. */
export function dialectsUnderTest(): Dialect[] {
  const names = (process.env.DIALECTS ?? 'sqlite')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  for (const name of names) {
    if (name !== 'sqlite' && name !== 'postgres') throw new Error(`unknown dialect in DIALECTS: ${name}`);
  }
  return names as Dialect[];
}

/** Where one test run keeps its queue: a temp SQLite file or a fresh PostgreSQL schema. */
export interface QueueLocation {
  dialect: Dialect;
  /** SQLite file, or PostgreSQL schema name. */
  target: string;
}

/** Small retry delays so retries happen within a test; pg-boss rounds up to whole seconds. */
export function openQueue(location: QueueLocation): JobQueue {
  if (location.dialect === 'sqlite') {
    return new SqliteJobQueue(
      { file: location.target, retryBaseDelayMs: 20, defaultMaxAttempts: 3 },
      () => undefined,
    );
  }
  return new PgBossJobQueue(
    {
      connectionString: POSTGRES_URL,
      schema: location.target,
      retryBaseDelayMs: 0,
      defaultMaxAttempts: 3,
      maintenanceIntervalSeconds: 1,
      poolSize: 4,
    },
    () => undefined,
  );
}

/** Creates a fresh location; the returned function removes it (drops the schema). */
export function createLocation(dialect: Dialect): { location: QueueLocation; remove: () => Promise<void> } {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'passwing-queue-'));
    return {
      location: { dialect, target: join(dir, 'queue.sqlite') },
      remove: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `pwq_${randomBytes(6).toString('hex')}`;
  return {
    location: { dialect, target: schema },
    remove: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Polls until `probe` returns a value other than undefined/false; fails after `timeoutMs`. */
export async function waitFor<T>(
  description: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
