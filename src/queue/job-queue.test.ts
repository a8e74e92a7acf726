import { describe, expect, it } from 'vitest';
import { JobName, PIPELINE_JOB_NAMES, WorkOptions } from './job-queue.js';

describe('job queue contract types', () => {
  it('accepts every job name the pipeline uses', () => {
    for (const name of PIPELINE_JOB_NAMES) expect(JobName.safeParse(name).success).toBe(true);
  });

  it('refuses names pg-boss could not use as a queue name', () => {
    expect(JobName.safeParse('order events').success).toBe(false);
    expect(JobName.safeParse('1st').success).toBe(false);
    expect(JobName.safeParse('x'.repeat(51)).success).toBe(false);
  });

  it('fills in work defaults: one job per batch, one loop, a one-minute lease', () => {
    expect(WorkOptions.parse({})).toEqual({
      batchSize: 1,
      pollIntervalMs: 1000,
      concurrency: 1,
      leaseMs: 60_000,
    });
  });
});
