import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import {
  QueueRetryOptions,
  StopOptions,
  StoredJobError,
  WorkOptions,
  emptyStateCounts,
} from './job-queue.js';
import type {
  BatchHandler,
  EnqueueOptions,
  FailedJob,
  JobPayload,
  JobQueue,
  JobRequest,
  QueueCapabilities,
  QueueCounts,
  RetryOutcome,
} from './job-queue.js';
import { JobWorker } from './job-worker.js';
import { parseEnqueueOptions, parseJobName } from './parse-job-request.js';
import type { LeasedJob, WorkerBackend } from './job-worker.js';
import { QueueNotStartedError, QueueStorageError, guardStorage, reportToStderr } from './queue-errors.js';
import { retryDelayMs } from './retry-policy.js';
import { timeOrderedId } from './time-ordered-id.js';

export const SqliteJobQueueOptions = QueueRetryOptions.extend({
  /** The queue's own database file, e.g. `<dataDir>/queue.sqlite`. */
  file: z.string().min(1),
  busyTimeoutMs: z.number().int().min(0).default(5_000),
});
export type SqliteJobQueueOptions = z.input<typeof SqliteJobQueueOptions>;

/**
 * Times are epoch milliseconds. `attempts` counts started attempts. A row is available when it is
 * created/retry and due, or active with an expired lease (its worker died).
 * The partial unique index is the singleton rule: one queued-or-active job per (name, key).
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS job (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('created', 'retry', 'active', 'completed', 'failed')),
    priority INTEGER NOT NULL DEFAULT 0,
    singleton_key TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    start_after INTEGER NOT NULL,
    locked_until INTEGER,
    lease_token TEXT,
    created_at INTEGER NOT NULL,
    completed_at INTEGER,
    last_error TEXT
  );
  CREATE UNIQUE INDEX IF NOT EXISTS job_singleton ON job (name, singleton_key)
    WHERE singleton_key IS NOT NULL AND state IN ('created', 'retry', 'active');
  CREATE INDEX IF NOT EXISTS job_waiting ON job (name, state, start_after);
  CREATE INDEX IF NOT EXISTS job_done ON job (state, completed_at);
`;

const INSERT_JOB = `
  INSERT INTO job (id, name, payload, state, priority, singleton_key, max_attempts, start_after, created_at)
  VALUES (?, ?, ?, 'created', ?, ?, ?, ?, ?)
  ON CONFLICT DO NOTHING`;

const JobRow = z.object({
  id: z.string(),
  name: z.string(),
  payload: z.string(),
  attempts: z.number(),
  max_attempts: z.number(),
  last_error: z.string().nullable(),
  completed_at: z.number().nullable(),
});

const LEASE_EXPIRED: StoredJobError = {
  message: 'lease expired: the worker stopped before finishing',
  code: 'LEASE_EXPIRED',
};

/** The embedded default: one SQLite file in WAL mode, safe for several processes on one machine. */
export class SqliteJobQueue implements JobQueue {
  readonly capabilities: QueueCapabilities = { retryDelayResolutionMs: 1, multiMachine: false };
  private readonly options: z.output<typeof SqliteJobQueueOptions>;
  private db: Database.Database | null = null;
  /** Prepared once per open database: enqueueing is the webhook intake's hot path. */
  private insertJob: Database.Statement | null = null;
  private readonly workers: { name: string; worker: JobWorker }[] = [];
  private readonly backend: WorkerBackend;

  constructor(
    options: SqliteJobQueueOptions,
    private readonly onError: (error: unknown) => void = reportToStderr,
  ) {
    this.options = SqliteJobQueueOptions.parse(options);
    this.backend = {
      fetch: async (name, batchSize, leaseMs) => this.fetch(name, batchSize, leaseMs),
      renew: async (name, jobs, leaseMs) => this.renew(jobs, leaseMs),
      complete: async (name, jobs) => this.complete(jobs),
      fail: async (name, job, error, deadLetter) => this.fail(job, error, deadLetter),
      release: async (name, jobs) => this.release(jobs),
    };
  }

  async start(): Promise<void> {
    if (this.db) return;
    try {
      mkdirSync(dirname(this.options.file), { recursive: true });
      const db = new Database(this.options.file);
      db.pragma('journal_mode = WAL');
      db.pragma(`busy_timeout = ${this.options.busyTimeoutMs}`);
      // NORMAL in WAL mode survives a killed process; only an OS crash may lose the last commits.
      db.pragma('synchronous = NORMAL');
      db.exec(SCHEMA);
      this.insertJob = db.prepare(INSERT_JOB);
      this.db = db;
    } catch (error) {
      throw new QueueStorageError(`cannot open the job queue at ${this.options.file}`, error);
    }
  }

  async enqueue(name: string, payload: JobPayload, options: EnqueueOptions = {}): Promise<string | null> {
    return guardStorage('enqueue', async () => {
      this.requireDb('enqueue');
      const id = timeOrderedId();
      const inserted = this.insert(id, { name, payload, options });
      if (inserted) this.wake(name);
      return inserted ? id : null;
    });
  }

  async enqueueMany(jobs: JobRequest[]): Promise<void> {
    return guardStorage('enqueueMany', async () => {
      const db = this.requireDb('enqueueMany');
      db.transaction(() => {
        for (const job of jobs) this.insert(timeOrderedId(), job);
      }).immediate();
      for (const name of new Set(jobs.map((job) => job.name))) this.wake(name);
    });
  }

  async work(name: string, options: WorkOptions, handler: BatchHandler): Promise<void> {
    this.requireDb('work');
    const worker = new JobWorker(
      this.backend,
      parseJobName(name),
      WorkOptions.parse(options),
      handler,
      this.onError,
    );
    this.workers.push({ name, worker });
    worker.start();
  }

  async failed(limit: number): Promise<FailedJob[]> {
    return guardStorage('failed', async () => {
      const rows = this.requireDb('failed')
        .prepare(`SELECT * FROM job WHERE state = 'failed' ORDER BY completed_at DESC, id LIMIT ?`)
        .all(limit);
      return rows.map((raw) => {
        const row = JobRow.parse(raw);
        return {
          id: row.id,
          name: row.name,
          payload: JSON.parse(row.payload) as JobPayload,
          attempts: row.attempts,
          error: row.last_error === null ? null : StoredJobError.parse(JSON.parse(row.last_error)),
          failedAt: new Date(row.completed_at ?? 0),
        };
      });
    });
  }

  async retry(jobId: string): Promise<RetryOutcome> {
    return guardStorage('retry', async () => {
      const db = this.requireDb('retry');
      const row = db.prepare(`SELECT name, state FROM job WHERE id = ?`).get(jobId) as
        { name: string; state: string } | undefined;
      if (!row) return { ok: false, error: 'not_found' };
      const changed = db
        .prepare(
          `UPDATE job SET state = 'retry', max_attempts = attempts + 1, start_after = ?, completed_at = NULL
           WHERE id = ? AND state = 'failed'`,
        )
        .run(Date.now(), jobId).changes;
      if (changed === 0) return { ok: false, error: 'not_failed' };
      this.wake(row.name);
      return { ok: true };
    });
  }

  async counts(): Promise<QueueCounts> {
    return guardStorage('counts', async () => {
      const rows = this.requireDb('counts')
        .prepare(`SELECT name, state, COUNT(*) AS n FROM job GROUP BY name, state`)
        .all() as { name: string; state: keyof QueueCounts['total']; n: number }[];
      const result: QueueCounts = { total: emptyStateCounts(), byName: {} };
      for (const { name, state, n } of rows) {
        const forName = (result.byName[name] ??= emptyStateCounts());
        forName[state] += n;
        result.total[state] += n;
      }
      return result;
    });
  }

  async purgeCompleted(olderThan: Date): Promise<number> {
    return guardStorage('purgeCompleted', async () => {
      return this.requireDb('purgeCompleted')
        .prepare(`DELETE FROM job WHERE state = 'completed' AND completed_at < ?`)
        .run(olderThan.getTime()).changes;
    });
  }

  async stop(options: StopOptions = {}): Promise<void> {
    if (!this.db) return;
    const { graceful, timeoutMs } = StopOptions.parse(options);
    await Promise.all(this.workers.map(({ worker }) => worker.stop(graceful, timeoutMs)));
    this.workers.length = 0;
    this.db.close();
    this.db = null;
    this.insertJob = null;
  }

  private insert(id: string, job: JobRequest): boolean {
    if (!this.insertJob) throw new QueueNotStartedError('insert');
    const name = parseJobName(job.name);
    const options = parseEnqueueOptions(job.options);
    const now = Date.now();
    const result = this.insertJob.run(
      id,
      name,
      JSON.stringify(job.payload),
      options.priority ?? 0,
      options.singletonKey ?? null,
      options.maxAttempts ?? this.options.defaultMaxAttempts,
      options.startAfter?.getTime() ?? now,
      now,
    );
    return result.changes === 1;
  }

  private async fetch(name: string, batchSize: number, leaseMs: number): Promise<LeasedJob[]> {
    const db = this.requireDb('fetch');
    const now = Date.now();
    const token = timeOrderedId();
    return db
      .transaction((): LeasedJob[] => {
        // A dead worker's job whose attempts are used up is dead-lettered instead of run again.
        db.prepare(
          `UPDATE job SET state = 'failed', completed_at = ?, lease_token = NULL, last_error = ?
           WHERE name = ? AND state = 'active' AND locked_until < ? AND attempts >= max_attempts`,
        ).run(now, JSON.stringify(LEASE_EXPIRED), name, now);
        const rows = db
          .prepare(
            `UPDATE job SET state = 'active', attempts = attempts + 1, locked_until = ?, lease_token = ?
             WHERE id IN (
               SELECT id FROM job
               WHERE name = ? AND ((state IN ('created', 'retry') AND start_after <= ?)
                                   OR (state = 'active' AND locked_until < ?))
               ORDER BY priority DESC, created_at, rowid
               LIMIT ?)
             RETURNING id, name, payload, attempts, max_attempts, last_error, completed_at`,
          )
          .all(now + leaseMs, token, name, now, now, batchSize);
        return rows.map((raw) => {
          const row = JobRow.parse(raw);
          return {
            id: row.id,
            name: row.name,
            payload: JSON.parse(row.payload) as JobPayload,
            attempt: row.attempts,
            maxAttempts: row.max_attempts,
            leaseToken: token,
          };
        });
      })
      .immediate();
  }

  private renew(jobs: LeasedJob[], leaseMs: number): void {
    const db = this.requireDb('renew');
    const statement = db.prepare(
      `UPDATE job SET locked_until = ? WHERE id = ? AND state = 'active' AND lease_token = ?`,
    );
    const lockedUntil = Date.now() + leaseMs;
    db.transaction(() => {
      for (const job of jobs) statement.run(lockedUntil, job.id, job.leaseToken);
    }).immediate();
  }

  private complete(jobs: LeasedJob[]): void {
    const db = this.requireDb('complete');
    const statement = db.prepare(
      `UPDATE job SET state = 'completed', completed_at = ?, locked_until = NULL, lease_token = NULL
       WHERE id = ? AND state = 'active' AND lease_token = ?`,
    );
    const now = Date.now();
    db.transaction(() => {
      for (const job of jobs) statement.run(now, job.id, job.leaseToken);
    }).immediate();
  }

  private fail(job: LeasedJob, error: StoredJobError, deadLetter: boolean): void {
    const db = this.requireDb('fail');
    const now = Date.now();
    const exhausted = deadLetter || job.attempt >= job.maxAttempts;
    db.prepare(
      `UPDATE job SET state = ?, start_after = ?, completed_at = ?, last_error = ?,
                      locked_until = NULL, lease_token = NULL
       WHERE id = ? AND state = 'active' AND lease_token = ?`,
    ).run(
      exhausted ? 'failed' : 'retry',
      exhausted ? now : now + retryDelayMs(job.attempt, this.options.retryBaseDelayMs),
      exhausted ? now : null,
      JSON.stringify(error),
      job.id,
      job.leaseToken,
    );
  }

  private release(jobs: LeasedJob[]): void {
    const db = this.requireDb('release');
    const statement = db.prepare(
      `UPDATE job SET state = CASE WHEN attempts > 1 THEN 'retry' ELSE 'created' END,
                      attempts = attempts - 1, start_after = ?, locked_until = NULL, lease_token = NULL
       WHERE id = ? AND state = 'active' AND lease_token = ?`,
    );
    const now = Date.now();
    db.transaction(() => {
      for (const job of jobs) statement.run(now, job.id, job.leaseToken);
    }).immediate();
  }

  private wake(name: string): void {
    for (const worker of this.workers) if (worker.name === name) worker.worker.wake();
  }

  private requireDb(operation: string): Database.Database {
    if (!this.db) throw new QueueNotStartedError(operation);
    return this.db;
  }
}
