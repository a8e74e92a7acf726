import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { PgBossJobQueue } from './pg-boss-job-queue.js';
import { QueueNotStartedError, QueueStorageError } from './queue-errors.js';
import { SqliteJobQueue } from './sqlite-job-queue.js';

describe('queue storage failures', () => {
  it('reports a SQLite file that cannot be opened as an operational storage error', async () => {
    const dir = mkdtempSync(`${tmpdir()}/passwing-queue-dir-`);
    try {
      const queue = new SqliteJobQueue({ file: dir }, () => undefined); // a directory, not a file
      const error = await queue.start().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QueueStorageError);
      expect(error).toMatchObject({ code: 'QUEUE_STORAGE', kind: 'operational' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports an unreachable PostgreSQL as an operational storage error', async () => {
    const queue = new PgBossJobQueue(
      { connectionString: 'postgres://nobody@127.0.0.1:1/none' },
      () => undefined,
    );
    await expect(queue.start()).rejects.toMatchObject({ code: 'QUEUE_STORAGE', kind: 'operational' });
  });

  it('refuses work before start() with a stable code', async () => {
    const queue = new SqliteJobQueue({ file: `${tmpdir()}/never-opened.sqlite` }, () => undefined);
    await expect(queue.enqueue('backfill', {})).rejects.toBeInstanceOf(QueueNotStartedError);
  });
});
