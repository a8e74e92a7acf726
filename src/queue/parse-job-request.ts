import { EnqueueOptions, JobName } from './job-queue.js';
import { InvalidJobError } from './queue-errors.js';

/** Validates a job name at the queue boundary; throws InvalidJobError (a user error). */
export function parseJobName(name: string): string {
  const parsed = JobName.safeParse(name);
  if (!parsed.success) throw new InvalidJobError(`invalid job name: ${JSON.stringify(name)}`, parsed.error);
  return parsed.data;
}

/** Validates enqueue options at the queue boundary; throws InvalidJobError (a user error). */
export function parseEnqueueOptions(options: EnqueueOptions | undefined): EnqueueOptions {
  const parsed = EnqueueOptions.safeParse(options ?? {});
  if (!parsed.success) throw new InvalidJobError('invalid enqueue options', parsed.error);
  return parsed.data;
}
