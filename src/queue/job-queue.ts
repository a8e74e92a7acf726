import { z } from 'zod';

/**
 * The durable job queue contract shared by the embedded SQLite queue and the pg-boss queue.
 * Delivery is at-least-once: a job whose worker dies is handed out again after its lease expires,
 * so handlers must be idempotent (the pipeline's effects are: label diffs, dedupe keys, run ids).
 */

/** Job names the pipeline uses. The queue itself accepts any name matching `JobName`. */
export const PIPELINE_JOB_NAMES = [
  'order-events',
  'reconcile-mall',
  'import-range',
  'refresh-tokens',
  'purge-personal-data',
  'send-notification',
  'sync-catalogue',
  'backfill',
] as const;

/** Letters, digits, `-` and `_`, at most 50 characters (pg-boss's limit for queue names). */
export const JobName = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,49}$/);
export type JobName = z.infer<typeof JobName>;

/**
 * Lifecycle: created → active → completed; a failed attempt goes to `retry` (waiting for its
 * backoff) or, when attempts are used up or the error is a user error, to `failed` (dead letter).
 */
export const JobState = z.enum(['created', 'retry', 'active', 'completed', 'failed']);
export type JobState = z.infer<typeof JobState>;

export const EnqueueOptions = z.object({
  /** While a job with the same name and key is queued (created/retry) or active, enqueue is a no-op. */
  singletonKey: z.string().min(1).optional(),
  /** Not handed out before this instant. */
  startAfter: z.date().optional(),
  /** Total attempts including the first; defaults to the queue's `defaultMaxAttempts`. */
  maxAttempts: z.number().int().min(1).max(100).optional(),
  /** Higher first; equal priorities in creation order. */
  priority: z.number().int().optional(),
});
export type EnqueueOptions = z.infer<typeof EnqueueOptions>;

/** JSON payload; callers validate their payload with zod before enqueueing and after fetching. */
export type JobPayload = Record<string, unknown>;

export interface JobRequest {
  name: string;
  payload: JobPayload;
  options?: EnqueueOptions;
}

/** A job as handed to a handler. */
export interface Job {
  id: string;
  name: string;
  payload: JobPayload;
  /** 1 for the first attempt. */
  attempt: number;
  maxAttempts: number;
}

/**
 * Per-job outcome a batch handler may return. Jobs of the batch without an entry complete; a failed
 * entry follows the error policy (user error → dead letter at once, otherwise retry with backoff).
 */
export type JobResult = { jobId: string; ok: true } | { jobId: string; ok: false; error: unknown };

/**
 * A batch handler: receives the jobs of one fetch together (the pipeline batches them per mall).
 * Resolving with nothing completes all; throwing fails all with the thrown error.
 */
export type BatchHandler = (jobs: Job[]) => Promise<JobResult[] | void>;

export const WorkOptions = z.object({
  /** Jobs handed to one handler call. */
  batchSize: z.number().int().min(1).max(1000).default(1),
  /** Wait between fetches when nothing was found (enqueue on the same queue object wakes workers). */
  pollIntervalMs: z.number().int().min(10).default(1000),
  /** Handler calls running at the same time for this job name in this process. */
  concurrency: z.number().int().min(1).max(64).default(1),
  /**
   * How long a fetched job stays locked to this worker; renewed while the handler runs. A job of a
   * killed process becomes available again once its lease runs out.
   */
  leaseMs: z.number().int().min(1000).default(60_000),
});
export type WorkOptions = z.input<typeof WorkOptions>;
export type ResolvedWorkOptions = z.output<typeof WorkOptions>;

export const StopOptions = z.object({
  /** true: stop fetching and let in-flight handlers finish (up to timeoutMs); false: release at once. */
  graceful: z.boolean().default(true),
  /** After this, unfinished jobs are released (available again without using up an attempt). */
  timeoutMs: z.number().int().min(0).default(30_000),
});
export type StopOptions = z.input<typeof StopOptions>;

/** What a failed attempt recorded (never a stack: errors may carry personal data in frames). */
export const StoredJobError = z.object({
  message: z.string(),
  code: z.string().optional(),
  kind: z.string().optional(),
});
export type StoredJobError = z.infer<typeof StoredJobError>;

/** A dead-lettered job as the console and `passwing jobs failed` show it. */
export interface FailedJob {
  id: string;
  name: string;
  payload: JobPayload;
  attempts: number;
  error: StoredJobError | null;
  failedAt: Date;
}

export type StateCounts = Record<JobState, number>;

/** Job counts by state, overall and per job name (for the console and /metrics). */
export interface QueueCounts {
  total: StateCounts;
  byName: Record<string, StateCounts>;
}

/** Outcome of `retry(jobId)`; an unknown or non-failed job is an expected outcome, not a throw. */
export type RetryOutcome = { ok: true } | { ok: false; error: 'not_found' | 'not_failed' };

/** What differs between backends, stated once instead of scattered checks. */
export interface QueueCapabilities {
  /** Retry delays are rounded up to this resolution (pg-boss stores whole seconds). */
  retryDelayResolutionMs: number;
  /** Several processes on several machines may work the same queue. */
  multiMachine: boolean;
}

export interface JobQueue {
  readonly capabilities: QueueCapabilities;
  /** Opens storage and creates/migrates its schema; idempotent. */
  start(): Promise<void>;
  /** Returns the job id, or null when a job with the same singletonKey is still queued or active. */
  enqueue(name: string, payload: JobPayload, options?: EnqueueOptions): Promise<string | null>;
  /** Inserts several jobs at once; singleton duplicates are dropped silently. */
  enqueueMany(jobs: JobRequest[]): Promise<void>;
  /** Starts polling workers for `name`; resolves once they are registered. */
  work(name: string, options: WorkOptions, handler: BatchHandler): Promise<void>;
  /** Dead-lettered jobs, newest first. */
  failed(limit: number): Promise<FailedJob[]>;
  /** Puts a dead-lettered job back in the queue with one more attempt. */
  retry(jobId: string): Promise<RetryOutcome>;
  counts(): Promise<QueueCounts>;
  /** Deletes completed jobs finished before `olderThan`; returns how many were deleted. */
  purgeCompleted(olderThan: Date): Promise<number>;
  /** Stops workers (see StopOptions) and closes storage. */
  stop(options?: StopOptions): Promise<void>;
}

/** Retry defaults every backend applies. */
export const QueueRetryOptions = z.object({
  defaultMaxAttempts: z.number().int().min(1).max(100).default(5),
  /**
   * Exponential backoff with jitter, as pg-boss computes it: the n-th retry waits a random time in
   * [base·2^(n-1), base·2^n) (exponent capped at 16).
   */
  retryBaseDelayMs: z.number().int().min(0).default(5_000),
});
export type QueueRetryOptions = z.input<typeof QueueRetryOptions>;

export function emptyStateCounts(): StateCounts {
  return { created: 0, retry: 0, active: 0, completed: 0, failed: 0 };
}
