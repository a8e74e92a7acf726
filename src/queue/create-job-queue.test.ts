import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJobQueue } from './create-job-queue.js';
import { PgBossJobQueue } from './pg-boss-job-queue.js';
import { SqliteJobQueue } from './sqlite-job-queue.js';

describe('createJobQueue', () => {
  it('builds the embedded queue for backend sqlite, which works once started', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passwing-create-queue-'));
    const queue = createJobQueue({ backend: 'sqlite', file: join(dir, 'queue.sqlite') });
    try {
      expect(queue).toBeInstanceOf(SqliteJobQueue);
      await queue.start();
      expect(await queue.enqueue('refresh-tokens', { mallId: 'demo-mall' })).toEqual(expect.any(String));
    } finally {
      await queue.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds the pg-boss queue for backend postgres without connecting', () => {
    const queue = createJobQueue({
      backend: 'postgres',
      connectionString: 'postgres://nobody@127.0.0.1:1/none',
    });
    expect(queue).toBeInstanceOf(PgBossJobQueue);
    expect(queue.capabilities.multiMachine).toBe(true);
  });

  it('refuses a schema name that could not be used safely in SQL', () => {
    expect(() =>
      createJobQueue({
        backend: 'postgres',
        connectionString: 'postgres://x@h/db',
        schema: 'jobs; drop table x',
      }),
    ).toThrow();
  });
});
