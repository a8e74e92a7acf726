import type { BatchHandler, Job, JobResult, ResolvedWorkOptions, StoredJobError } from './job-queue.js';
import { isUserError, toStoredError } from './retry-policy.js';

/** A fetched job plus the token proving this worker still holds its lease. */
export interface LeasedJob extends Job {
  leaseToken: string;
}

/**
 * The storage primitives a backend provides; the polling, batching, lease renewal, error policy and
 * shutdown logic is shared (JobWorker) so both backends behave the same by construction.
 * Every write is guarded by the lease token: a worker that lost its lease cannot complete a job
 * another worker now holds.
 */
export interface WorkerBackend {
  fetch(name: string, batchSize: number, leaseMs: number): Promise<LeasedJob[]>;
  renew(name: string, jobs: LeasedJob[], leaseMs: number): Promise<void>;
  complete(name: string, jobs: LeasedJob[]): Promise<void>;
  /** deadLetter: go to `failed` regardless of attempts left. */
  fail(name: string, job: LeasedJob, error: StoredJobError, deadLetter: boolean): Promise<void>;
  /** Hands jobs back without using up an attempt (shutdown before the handler finished). */
  release(name: string, jobs: LeasedJob[]): Promise<void>;
}

interface Batch {
  jobs: LeasedJob[];
  released: boolean;
  renewal?: NodeJS.Timeout;
}

/** Runs `concurrency` fetch → handle loops for one job name. */
export class JobWorker {
  private stopping = false;
  private readonly loops: Promise<void>[] = [];
  private readonly inFlight = new Set<Batch>();
  private readonly sleepers = new Set<() => void>();
  /** Bumped by wake(); a loop that saw a bump since its last fetch fetches again at once. */
  private wakeGeneration = 0;

  constructor(
    private readonly backend: WorkerBackend,
    private readonly name: string,
    private readonly options: ResolvedWorkOptions,
    private readonly handler: BatchHandler,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    for (let i = 0; i < this.options.concurrency; i++) this.loops.push(this.loop());
  }

  /** Ends the idle wait of every loop (a job was just enqueued here). */
  wake(): void {
    this.wakeGeneration += 1;
    for (const wakeUp of this.sleepers) wakeUp();
    this.sleepers.clear();
  }

  /**
   * Stops fetching. Graceful: waits up to timeoutMs for running handlers; whatever is still running
   * then (or at once when not graceful) is released so another worker can take it.
   */
  async stop(graceful: boolean, timeoutMs: number): Promise<void> {
    this.stopping = true;
    this.wake();
    if (graceful) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([Promise.all(this.loops), timeout]);
      clearTimeout(timer);
    }
    const unfinished = [...this.inFlight];
    for (const batch of unfinished) {
      // The handler may never settle; its renewal timer must not keep the process alive.
      batch.released = true;
      clearInterval(batch.renewal);
    }
    this.inFlight.clear();
    const jobs = unfinished.flatMap((batch) => batch.jobs);
    if (jobs.length > 0) await this.backend.release(this.name, jobs).catch(this.onError);
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      const generation = this.wakeGeneration;
      let jobs: LeasedJob[];
      try {
        jobs = await this.backend.fetch(this.name, this.options.batchSize, this.options.leaseMs);
      } catch (error) {
        this.onError(error);
        await this.idle(generation);
        continue;
      }
      if (this.stopping) {
        // Fetched while stop() ran: hand the jobs straight back.
        if (jobs.length > 0) await this.backend.release(this.name, jobs).catch(this.onError);
        return;
      }
      if (jobs.length === 0) await this.idle(generation);
      else await this.run(jobs);
    }
  }

  /** Waits pollIntervalMs, unless a job was enqueued here since the fetch that found nothing. */
  private idle(generation: number): Promise<void> {
    if (this.stopping || generation !== this.wakeGeneration) return Promise.resolve();
    return new Promise((resolve) => {
      const wakeUp = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(wakeUp);
        resolve();
      };
      const timer = setTimeout(wakeUp, this.options.pollIntervalMs);
      this.sleepers.add(wakeUp);
    });
  }

  private async run(jobs: LeasedJob[]): Promise<void> {
    const batch: Batch = { jobs, released: false };
    this.inFlight.add(batch);
    batch.renewal = setInterval(
      () => {
        if (!batch.released) this.backend.renew(this.name, jobs, this.options.leaseMs).catch(this.onError);
      },
      Math.max(250, Math.floor(this.options.leaseMs / 3)),
    );
    let results: JobResult[] | void = undefined;
    let thrown: { error: unknown } | null = null;
    try {
      results = await this.handler(jobs.map(toPublicJob));
    } catch (error) {
      thrown = { error };
    } finally {
      clearInterval(batch.renewal);
    }
    if (batch.released) return;
    this.inFlight.delete(batch);
    try {
      await this.settle(jobs, thrown, results ?? []);
    } catch (error) {
      // The leases run out and the jobs are handed out again: at-least-once.
      this.onError(error);
    }
  }

  private async settle(
    jobs: LeasedJob[],
    thrown: { error: unknown } | null,
    results: JobResult[],
  ): Promise<void> {
    const failures = new Map<string, unknown>();
    if (thrown) for (const job of jobs) failures.set(job.id, thrown.error);
    else for (const result of results) if (!result.ok) failures.set(result.jobId, result.error);

    const succeeded = jobs.filter((job) => !failures.has(job.id));
    if (succeeded.length > 0) await this.backend.complete(this.name, succeeded);
    for (const job of jobs) {
      if (!failures.has(job.id)) continue;
      const error = failures.get(job.id);
      await this.backend.fail(this.name, job, toStoredError(error), isUserError(error));
    }
  }
}

function toPublicJob({ id, name, payload, attempt, maxAttempts }: LeasedJob): Job {
  return { id, name, payload, attempt, maxAttempts };
}
