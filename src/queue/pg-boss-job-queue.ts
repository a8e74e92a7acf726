import PgBoss from 'pg-boss';
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
  JobState,
  QueueCapabilities,
  QueueCounts,
  RetryOutcome,
} from './job-queue.js';
import { JobWorker } from './job-worker.js';
import { parseEnqueueOptions, parseJobName } from './parse-job-request.js';
import type { LeasedJob, WorkerBackend } from './job-worker.js';
import { QueueNotStartedError, QueueStorageError, guardStorage, reportToStderr } from './queue-errors.js';
import { timeOrderedId } from './time-ordered-id.js';

export const PgBossJobQueueOptions = QueueRetryOptions.extend({
  connectionString: z.string().min(1),
  /** PostgreSQL schema holding pg-boss's tables (interpolated into SQL, hence the strict pattern). */
  schema: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/)
    .default('pgboss'),
  /** How often pg-boss looks for jobs whose lease ran out (its worker died). */
  maintenanceIntervalSeconds: z.number().int().min(1).default(30),
  poolSize: z.number().int().min(1).default(10),
});
export type PgBossJobQueueOptions = z.input<typeof PgBossJobQueueOptions>;

/** Our singleton rule (one queued-or-active job per name and key), which no pg-boss policy matches. */
const SINGLETON_INDEX = 'passwing_singleton';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const FailedRow = z.object({
  id: z.string(),
  name: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
  retry_count: z.number(),
  output: z.unknown(),
  completed_on: z.date().nullable(),
});

/**
 * The scale-out queue on pg-boss 10. Mapping: maxAttempts → retryLimit (+1), our backoff →
 * retryDelay/retryBackoff (whole seconds), lease → pg-boss's expire_in, renewed by moving
 * `started_on` while the handler runs; pg-boss's maintenance fails (and so retries) jobs whose lease
 * ran out. Dead letters are pg-boss's `failed` state; user errors get there at once by lowering
 * retry_limit to the attempts made before failing. pg-boss keeps failed jobs in its job table for
 * 7 days (then archives them), completed ones for 12 hours.
 */
export class PgBossJobQueue implements JobQueue {
  readonly capabilities: QueueCapabilities = { retryDelayResolutionMs: 1000, multiMachine: true };
  private readonly options: z.output<typeof PgBossJobQueueOptions>;
  private boss: PgBoss | null = null;
  private readonly queues = new Map<string, Promise<void>>();
  private readonly workers: { name: string; worker: JobWorker }[] = [];
  private readonly backend: WorkerBackend;

  constructor(
    options: PgBossJobQueueOptions,
    private readonly onError: (error: unknown) => void = reportToStderr,
  ) {
    this.options = PgBossJobQueueOptions.parse(options);
    this.backend = {
      fetch: (name, batchSize, leaseMs) => this.fetch(name, batchSize, leaseMs),
      renew: (name, jobs, leaseMs) => this.renew(name, jobs, leaseMs),
      complete: async (name, jobs) => {
        await this.requireBoss('complete').complete(
          name,
          jobs.map((job) => job.id),
        );
      },
      fail: (name, job, error, deadLetter) => this.fail(name, job, error, deadLetter),
      release: (name, jobs) => this.release(name, jobs),
    };
  }

  async start(): Promise<void> {
    if (this.boss) return;
    const boss = new PgBoss({
      connectionString: this.options.connectionString,
      schema: this.options.schema,
      max: this.options.poolSize,
      migrate: true,
      supervise: true,
      schedule: false,
      maintenanceIntervalSeconds: this.options.maintenanceIntervalSeconds,
    });
    boss.on('error', this.onError);
    try {
      await boss.start();
      await this.createSingletonIndex(boss);
    } catch (error) {
      await boss.stop({ graceful: false, close: true }).catch(() => undefined);
      throw new QueueStorageError('cannot start the pg-boss job queue', error);
    }
    this.boss = boss;
  }

  async enqueue(name: string, payload: JobPayload, options: EnqueueOptions = {}): Promise<string | null> {
    return guardStorage('enqueue', async () => {
      const boss = this.requireBoss('enqueue');
      await this.ensureQueue(parseJobName(name));
      const id = await boss.send(name, payload, this.sendOptions(parseEnqueueOptions(options)));
      if (id !== null) this.wake(name);
      return id;
    });
  }

  async enqueueMany(jobs: JobRequest[]): Promise<void> {
    return guardStorage('enqueueMany', async () => {
      const boss = this.requireBoss('enqueueMany');
      const names = new Set(jobs.map((job) => parseJobName(job.name)));
      for (const name of names) await this.ensureQueue(name);
      await boss.insert(
        jobs.map((job): PgBoss.JobInsert => {
          const { startAfter, ...options } = this.sendOptions(parseEnqueueOptions(job.options));
          return {
            name: job.name,
            data: job.payload,
            ...options,
            ...(startAfter instanceof Date ? { startAfter } : {}),
          };
        }),
      );
      for (const name of names) this.wake(name);
    });
  }

  async work(name: string, options: WorkOptions, handler: BatchHandler): Promise<void> {
    this.requireBoss('work');
    await this.ensureQueue(parseJobName(name));
    const worker = new JobWorker(this.backend, name, WorkOptions.parse(options), handler, this.onError);
    this.workers.push({ name, worker });
    worker.start();
  }

  async failed(limit: number): Promise<FailedJob[]> {
    return guardStorage('failed', async () => {
      const rows = await this.sql(
        `SELECT id, name, data, retry_count, output, completed_on FROM ${this.table()}
         WHERE state = 'failed' ORDER BY completed_on DESC, id LIMIT $1`,
        [limit],
      );
      return rows.map((raw) => {
        const row = FailedRow.parse(raw);
        return {
          id: row.id,
          name: row.name,
          payload: row.data ?? {},
          attempts: row.retry_count + 1,
          error: toStoredJobError(row.output),
          failedAt: row.completed_on ?? new Date(0),
        };
      });
    });
  }

  async retry(jobId: string): Promise<RetryOutcome> {
    return guardStorage('retry', async () => {
      if (!UUID.test(jobId)) return { ok: false, error: 'not_found' };
      const rows = await this.sql(`SELECT name, state FROM ${this.table()} WHERE id = $1`, [jobId]);
      const row = rows[0] as { name: string; state: string } | undefined;
      if (!row) return { ok: false, error: 'not_found' };
      if (row.state !== 'failed') return { ok: false, error: 'not_failed' };
      // pg-boss's retry: state → retry and retry_limit + 1, i.e. exactly one more attempt.
      await this.requireBoss('retry').retry(row.name, jobId);
      this.wake(row.name);
      return { ok: true };
    });
  }

  async counts(): Promise<QueueCounts> {
    return guardStorage('counts', async () => {
      const rows = (await this.sql(
        `SELECT name, state::text AS state, count(*)::int AS n FROM ${this.table()} GROUP BY name, state`,
        [],
      )) as { name: string; state: string; n: number }[];
      const result: QueueCounts = { total: emptyStateCounts(), byName: {} };
      for (const { name, state, n } of rows) {
        if (!isOurState(state)) continue; // 'cancelled': we never cancel
        const forName = (result.byName[name] ??= emptyStateCounts());
        forName[state] += n;
        result.total[state] += n;
      }
      return result;
    });
  }

  async purgeCompleted(olderThan: Date): Promise<number> {
    return guardStorage('purgeCompleted', async () => {
      const [live, archived] = await Promise.all(
        [this.table(), this.table('archive')].map((table) =>
          this.sql(
            `WITH gone AS (DELETE FROM ${table} WHERE state = 'completed' AND completed_on < $1 RETURNING 1)
             SELECT count(*)::int AS n FROM gone`,
            [olderThan],
          ),
        ),
      );
      return ((live?.[0] as { n: number }).n ?? 0) + ((archived?.[0] as { n: number }).n ?? 0);
    });
  }

  async stop(options: StopOptions = {}): Promise<void> {
    const boss = this.boss;
    if (!boss) return;
    const { graceful, timeoutMs } = StopOptions.parse(options);
    await Promise.all(this.workers.map(({ worker }) => worker.stop(graceful, timeoutMs)));
    this.workers.length = 0;
    this.boss = null;
    this.queues.clear();
    await boss.stop({ graceful: false, close: true, wait: true });
  }

  private sendOptions(options: EnqueueOptions): PgBoss.SendOptions {
    const retryDelay = Math.ceil(this.options.retryBaseDelayMs / 1000);
    return {
      id: timeOrderedId(),
      retryLimit: (options.maxAttempts ?? this.options.defaultMaxAttempts) - 1,
      retryDelay,
      // pg-boss raises a backoff delay below one second to one second; no delay means no backoff.
      retryBackoff: retryDelay > 0,
      ...(options.singletonKey !== undefined ? { singletonKey: options.singletonKey } : {}),
      ...(options.startAfter !== undefined ? { startAfter: options.startAfter } : {}),
      ...(options.priority !== undefined ? { priority: options.priority } : {}),
    };
  }

  private async fetch(name: string, batchSize: number, leaseMs: number): Promise<LeasedJob[]> {
    const jobs = await this.requireBoss('fetch').fetch<JobPayload>(name, {
      batchSize,
      includeMetadata: true,
    });
    const leased = jobs.map((job) => ({
      id: job.id,
      name: job.name,
      payload: job.data ?? {},
      attempt: job.retryCount + 1,
      maxAttempts: job.retryLimit + 1,
      // pg-boss has no lease token; completion is guarded by state = 'active' only.
      leaseToken: '',
    }));
    // Failing to shorten the lease only delays recovery after a crash; the jobs are ours either way.
    if (leased.length > 0) await this.renew(name, leased, leaseMs).catch(this.onError);
    return leased;
  }

  /** Sets the lease to leaseMs from now (pg-boss expires a job at started_on + expire_in). */
  private async renew(name: string, jobs: LeasedJob[], leaseMs: number): Promise<void> {
    await this.sql(
      `UPDATE ${this.table()} SET started_on = now(), expire_in = make_interval(secs => $3)
       WHERE name = $1 AND id = ANY($2::uuid[]) AND state = 'active'`,
      [name, jobs.map((job) => job.id), Math.ceil(leaseMs / 1000)],
    );
  }

  private async fail(
    name: string,
    job: LeasedJob,
    error: StoredJobError,
    deadLetter: boolean,
  ): Promise<void> {
    if (deadLetter) {
      await this.sql(`UPDATE ${this.table()} SET retry_limit = retry_count WHERE name = $1 AND id = $2`, [
        name,
        job.id,
      ]);
    }
    await this.requireBoss('fail').fail(name, job.id, error);
  }

  /**
   * Back to waiting without using up an attempt: pg-boss counts an attempt when it fetches a job
   * that has started before, so a first attempt forgets its start and a later one gives back one count.
   */
  private async release(name: string, jobs: LeasedJob[]): Promise<void> {
    await this.sql(
      `UPDATE ${this.table()} SET
         state = (CASE WHEN retry_count > 0 THEN 'retry' ELSE 'created' END)::${this.options.schema}.job_state,
         started_on = CASE WHEN retry_count > 0 THEN started_on ELSE NULL END,
         retry_count = GREATEST(retry_count - 1, 0),
         start_after = now()
       WHERE name = $1 AND id = ANY($2::uuid[]) AND state = 'active'`,
      [name, jobs.map((job) => job.id)],
    );
  }

  private ensureQueue(name: string): Promise<void> {
    let created = this.queues.get(name);
    if (!created) {
      created = this.requireBoss('createQueue')
        .createQueue(name, { name, policy: 'standard' })
        .catch((error: unknown) => {
          this.queues.delete(name);
          throw new QueueStorageError(`cannot create queue ${name}`, error);
        });
      this.queues.set(name, created);
    }
    return created;
  }

  /** Several processes may start at once; losing the race to create the index is fine. */
  private async createSingletonIndex(boss: PgBoss): Promise<void> {
    const schema = this.options.schema;
    try {
      await boss.getDb().executeSql(
        `CREATE UNIQUE INDEX IF NOT EXISTS ${SINGLETON_INDEX} ON ${schema}.job (name, singleton_key)
           WHERE singleton_key IS NOT NULL AND state < 'completed'`,
        [],
      );
    } catch (error) {
      const { rows } = await boss
        .getDb()
        .executeSql(`SELECT 1 FROM pg_indexes WHERE schemaname = $1 AND indexname = $2`, [
          schema,
          SINGLETON_INDEX,
        ]);
      if (rows.length === 0) throw error;
    }
  }

  private async sql(text: string, values: unknown[]): Promise<unknown[]> {
    const { rows } = await this.requireBoss('sql').getDb().executeSql(text, values);
    return rows as unknown[];
  }

  private table(table: 'job' | 'archive' = 'job'): string {
    return `${this.options.schema}.${table}`;
  }

  private wake(name: string): void {
    for (const worker of this.workers) if (worker.name === name) worker.worker.wake();
  }

  private requireBoss(operation: string): PgBoss {
    if (!this.boss) throw new QueueNotStartedError(operation);
    return this.boss;
  }
}

function isOurState(state: string): state is JobState {
  return state in emptyStateCounts();
}

/** Our own failures store a StoredJobError; pg-boss's lease timeout stores `{ value: { message } }`. */
function toStoredJobError(output: unknown): StoredJobError | null {
  const ours = StoredJobError.safeParse(output);
  if (ours.success) return ours.data;
  const timeout = z.object({ value: z.object({ message: z.string() }) }).safeParse(output);
  if (timeout.success) return { message: timeout.data.value.message, code: 'LEASE_EXPIRED' };
  return null;
}
