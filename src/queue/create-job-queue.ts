import { z } from 'zod';
import type { JobQueue } from './job-queue.js';
import { PgBossJobQueue, PgBossJobQueueOptions } from './pg-boss-job-queue.js';
import { SqliteJobQueue, SqliteJobQueueOptions } from './sqlite-job-queue.js';

/** Which queue to run: the embedded SQLite file (default) or pg-boss on PostgreSQL (scale-out). */
export const JobQueueConfig = z.discriminatedUnion('backend', [
  SqliteJobQueueOptions.extend({ backend: z.literal('sqlite') }),
  PgBossJobQueueOptions.extend({ backend: z.literal('postgres') }),
]);
export type JobQueueConfig = z.input<typeof JobQueueConfig>;

/** Builds (does not start) the configured queue; `onError` receives background failures. */
export function createJobQueue(config: JobQueueConfig, onError?: (error: unknown) => void): JobQueue {
  const parsed = JobQueueConfig.parse(config);
  if (parsed.backend === 'sqlite') {
    const { backend: _backend, ...options } = parsed;
    return new SqliteJobQueue(options, onError);
  }
  const { backend: _backend, ...options } = parsed;
  return new PgBossJobQueue(options, onError);
}
