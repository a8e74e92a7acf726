import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobQueue } from '../../src/queue/job-queue.js';
import { createLocation, dialectsUnderTest, openQueue, waitFor } from './queue-fixture.js';
import type { QueueLocation } from './queue-fixture.js';

const childScript = fileURLToPath(new URL('./fixtures/kill-worker-child.ts', import.meta.url));

describe.each(dialectsUnderTest())('a worker process killed with SIGKILL on %s', (dialect) => {
  let location: QueueLocation;
  let removeLocation: () => Promise<void>;
  let queue: JobQueue;

  beforeAll(async () => {
    ({ location, remove: removeLocation } = createLocation(dialect));
    queue = openQueue(location);
    await queue.start();
  });

  afterAll(async () => {
    await queue.stop({ graceful: false });
    await removeLocation();
  });

  it(
    'leaves its job to another worker, which completes it exactly once after the lease ran out',
    { timeout: 90_000 },
    async () => {
      const name = 'order-events';
      const id = await queue.enqueue(name, { mallId: 'demo-mall' }, { maxAttempts: 3 });

      const child = spawn(process.execPath, ['--import', 'tsx', childScript], {
        env: { ...process.env, QUEUE_DIALECT: dialect, QUEUE_TARGET: location.target, QUEUE_JOB_NAME: name },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on('exit', (_code, signal) => resolve(signal)),
      );
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      try {
        await waitFor('child took the job', () => output.includes(`started ${id} 1`), 30_000);
      } finally {
        child.kill('SIGKILL');
      }
      expect(await exited).toBe('SIGKILL');
      expect((await queue.counts()).byName[name]?.active).toBe(1);

      const handled: { id: string; attempt: number }[] = [];
      await queue.work(name, { pollIntervalMs: 50, leaseMs: 5_000 }, async (jobs) => {
        handled.push(...jobs.map((job) => ({ id: job.id, attempt: job.attempt })));
      });
      await waitFor(
        'completed by the second worker',
        async () => (await queue.counts()).byName[name]?.completed === 1,
      );

      expect(handled).toEqual([{ id, attempt: 2 }]);
      const counts = (await queue.counts()).byName[name];
      expect(counts).toMatchObject({ created: 0, retry: 0, active: 0, completed: 1, failed: 0 });
    },
  );
});
