import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Job, JobQueue } from '../../src/queue/job-queue.js';
import { InvalidJobError } from '../../src/queue/queue-errors.js';
import { createLocation, dialectsUnderTest, openQueue, waitFor } from './queue-fixture.js';
import type { QueueLocation } from './queue-fixture.js';

/** A failure no retry can fix, recognised by the queue through `kind: 'user'`. */
class RejectedOrderError extends Error {
  readonly code = 'TEST_REJECTED';
  readonly kind = 'user';
}

/** A promise with its resolve function, for holding a handler open. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

let sequence = 0;
/** Each test works its own job name, so tests sharing one store do not see each other's jobs. */
function uniqueName(): string {
  sequence += 1;
  return `contract-${sequence}`;
}

const fast = { pollIntervalMs: 20, leaseMs: 5_000 };

describe.each(dialectsUnderTest())('job queue contract on %s', (dialect) => {
  let location: QueueLocation;
  let removeLocation: () => Promise<void>;
  const open: JobQueue[] = [];

  async function startQueue(): Promise<JobQueue> {
    const queue = openQueue(location);
    await queue.start();
    open.push(queue);
    return queue;
  }

  async function stateCount(
    queue: JobQueue,
    name: string,
    state: 'created' | 'completed' | 'failed' | 'active',
  ) {
    const counts = await queue.counts();
    return counts.byName[name]?.[state] ?? 0;
  }

  beforeAll(() => {
    ({ location, remove: removeLocation } = createLocation(dialect));
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((queue) => queue.stop({ graceful: false })));
  });

  afterAll(async () => {
    await removeLocation();
  });

  it('hands an enqueued job to a worker with its payload, then counts it completed', async () => {
    const queue = await startQueue();
    const name = uniqueName();
    const seen: Job[] = [];
    await queue.work(name, fast, async (jobs) => {
      seen.push(...jobs);
    });
    const id = await queue.enqueue(name, { mallId: 'demo-mall', orderIds: ['20260101-0000001'] });

    await waitFor('job completed', async () => (await stateCount(queue, name, 'completed')) === 1);
    expect(seen).toEqual([
      {
        id,
        name,
        payload: { mallId: 'demo-mall', orderIds: ['20260101-0000001'] },
        attempt: 1,
        maxAttempts: 3,
      },
    ]);
  });

  it('wakes an idle worker of the same queue object when a job is enqueued, instead of waiting for the poll', async () => {
    const queue = await startQueue();
    const name = uniqueName();
    await queue.work(name, { pollIntervalMs: 600_000 }, async () => undefined);
    await queue.enqueue(name, {});
    await waitFor(
      'handled long before the next poll',
      async () => (await stateCount(queue, name, 'completed')) === 1,
    );
  });

  it('hands the jobs of one fetch to the handler together, at most batchSize at a time', async () => {
    const queue = await startQueue();
    const name = uniqueName();
    await queue.enqueueMany([1, 2, 3, 4, 5].map((n) => ({ name, payload: { n } })));
    const batches: number[][] = [];
    await queue.work(name, { ...fast, batchSize: 3 }, async (jobs) => {
      batches.push(jobs.map((job) => job.payload.n as number));
    });

    await waitFor('all completed', async () => (await stateCount(queue, name, 'completed')) === 5);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('fails single jobs of a batch while completing the others', async () => {
    const queue = await startQueue();
    const name = uniqueName();
    await queue.enqueueMany(['ok-1', 'bad', 'ok-2'].map((key) => ({ name, payload: { key } })));
    await queue.work(name, { ...fast, batchSize: 10 }, async (jobs) =>
      jobs
        .filter((job) => job.payload.key === 'bad')
        .map((job) => ({ jobId: job.id, ok: false as const, error: new RejectedOrderError('rejected') })),
    );

    await waitFor('batch settled', async () => (await stateCount(queue, name, 'completed')) === 2);
    await waitFor('bad one dead-lettered', async () => (await stateCount(queue, name, 'failed')) === 1);
    const failed = (await queue.failed(100)).filter((job) => job.name === name);
    expect(failed.map((job) => job.payload)).toEqual([{ key: 'bad' }]);
  });

  it('ignores an enqueue whose singletonKey is still queued or active, and accepts it once done', async () => {
    const queue = await startQueue();
    const name = uniqueName();
    const first = await queue.enqueue(name, { v: 1 }, { singletonKey: 'mall-a' });
    expect(first).not.toBeNull();
    expect(await queue.enqueue(name, { v: 2 }, { singletonKey: 'mall-a' })).toBeNull();
    expect(await queue.enqueue(name, { v: 3 }, { singletonKey: 'mall-b' })).not.toBeNull();

    const hold = gate();
    const started = gate();
    const handled: number[] = [];
    await queue.work(name, fast, async (jobs) => {
      for (const job of jobs) handled.push(job.payload.v as number);
      started.open();
      await hold.opened;
    });
    await started.opened;
    expect(handled).toEqual([1]); // mall-a's job is active now
    expect(await queue.enqueue(name, { v: 4 }, { singletonKey: 'mall-a' })).toBeNull();
    hold.open();

    await waitFor('both done', async () => (await stateCount(queue, name, 'completed')) === 2);
    expect(handled.sort()).toEqual([1, 3]);
    expect(await queue.enqueue(name, { v: 5 }, { singletonKey: 'mall-a' })).not.toBeNull();
  });

  it('retries an operational error with a rising attempt number, then dead-letters it after maxAttempts', async () => {
    const queue = await startQueue();
    const name = uniqueName();
    const attempts: number[] = [];
    await queue.work(name, fast, async (jobs) => {
      attempts.push(...jobs.map((job) => job.attempt));
      throw Object.assign(new Error('Cafe24 answered 503'), {
        code: 'CAFE24_UNAVAILABLE',
        kind: 'operational',
      });
    });
    const id = await queue.enqueue(name, { orderId: 'x' }, { maxAttempts: 3 });

    await waitFor('dead-lettered', async () => (await stateCount(queue, name, 'failed')) === 1);
    expect(attempts).toEqual([1, 2, 3]);
    const [failed] = (await queue.failed(100)).filter((job) => job.id === id);
    expect(failed).toMatchObject({
      name,
      payload: { orderId: 'x' },
      attempts: 3,
      error: { message: 'Cafe24 answered 503', code: 'CAFE24_UNAVAILABLE', kind: 'operational' },
    });
  });

  it('dead-letters a user error at once, without retrying', async () => {
    const queue = await startQueue();
    const name = uniqueName();
    let calls = 0;
    await queue.work(name, fast, async () => {
      calls += 1;
      throw new RejectedOrderError('payload names an unknown mall');
    });
    const id = await queue.enqueue(name, {}, { maxAttempts: 5 });

    await waitFor('dead-lettered', async () => (await stateCount(queue, name, 'failed')) === 1);
    expect(calls).toBe(1);
    const [failed] = (await queue.failed(100)).filter((job) => job.id === id);
    expect(failed?.error).toEqual({
      message: 'payload names an unknown mall',
      code: 'TEST_REJECTED',
      kind: 'user',
    });
    expect(failed?.attempts).toBe(1);
  });

  it('retry(jobId) gives a dead-lettered job one more attempt', async () => {
    const queue = await startQueue();
    const name = uniqueName();
    const attempts: number[] = [];
    await queue.work(name, fast, async (jobs) => {
      attempts.push(...jobs.map((job) => job.attempt));
      if (attempts.length === 1) throw new RejectedOrderError('first time rejected');
    });
    const id = await queue.enqueue(name, {});
    if (id === null) throw new Error('enqueue returned null');
    await waitFor('dead-lettered', async () => (await stateCount(queue, name, 'failed')) === 1);

    expect(await queue.retry(id)).toEqual({ ok: true });
    await waitFor('completed after retry', async () => (await stateCount(queue, name, 'completed')) === 1);
    expect(attempts).toEqual([1, 2]);
    expect(await queue.retry(id)).toEqual({ ok: false, error: 'not_failed' });
    expect(await queue.retry('00000000-0000-4000-8000-000000000000')).toEqual({
      ok: false,
      error: 'not_found',
    });
    expect(await queue.retry('not-a-job')).toEqual({ ok: false, error: 'not_found' });
  });

  it('does not hand out a job before its startAfter, and hands out higher priority first', async () => {
    const queue = await startQueue();
    const name = uniqueName();
    await queue.enqueue(name, { key: 'tomorrow' }, { startAfter: new Date(Date.now() + 24 * 3_600_000) });
    await queue.enqueueMany([
      { name, payload: { key: 'low' }, options: { priority: 0 } },
      { name, payload: { key: 'high' }, options: { priority: 10 } },
    ]);
    const order: string[] = [];
    await queue.work(name, { ...fast, batchSize: 1 }, async (jobs) => {
      order.push(...jobs.map((job) => job.payload.key as string));
    });

    await waitFor('both due jobs done', async () => (await stateCount(queue, name, 'completed')) === 2);
    expect(order).toEqual(['high', 'low']);
    expect(await stateCount(queue, name, 'created')).toBe(1);
  });

  it('graceful stop waits for the running handler to finish and complete its job', async () => {
    const queue = await startQueue();
    const name = uniqueName();
    const started = gate();
    const hold = gate();
    await queue.work(name, fast, async () => {
      started.open();
      await hold.opened;
    });
    await queue.enqueue(name, {});
    await started.opened;

    const stopped = queue.stop({ graceful: true, timeoutMs: 20_000 });
    hold.open();
    await stopped;

    const reopened = await startQueue();
    expect(await stateCount(reopened, name, 'completed')).toBe(1);
  });

  it('stop releases a job whose handler outlives the timeout, without using up an attempt', async () => {
    const queue = await startQueue();
    const name = uniqueName();
    const started = gate();
    await queue.work(name, fast, async () => {
      started.open();
      await new Promise(() => undefined); // never finishes
    });
    await queue.enqueue(name, {}, { maxAttempts: 1 });
    await started.opened;
    await queue.stop({ graceful: true, timeoutMs: 50 });

    const reopened = await startQueue();
    const attempts: number[] = [];
    await reopened.work(name, fast, async (jobs) => {
      attempts.push(...jobs.map((job) => job.attempt));
    });
    await waitFor(
      'taken by the next worker',
      async () => (await stateCount(reopened, name, 'completed')) === 1,
    );
    expect(attempts).toEqual([1]);
  });

  it('renews the lease of a running handler, so no other worker takes its job meanwhile', async () => {
    const first = await startQueue();
    const second = await startQueue();
    const name = uniqueName();
    const handledBy: string[] = [];
    const leaseMs = 1_000;
    await first.work(name, { pollIntervalMs: 20, leaseMs }, async () => {
      handledBy.push('first');
      await new Promise((resolve) => setTimeout(resolve, 3 * leaseMs));
    });
    await first.enqueue(name, {});
    await waitFor('first took it', () => handledBy.length === 1);
    await second.work(name, { pollIntervalMs: 20, leaseMs }, async () => {
      handledBy.push('second');
    });

    await waitFor('completed', async () => (await stateCount(first, name, 'completed')) === 1);
    expect(handledBy).toEqual(['first']);
  });

  it('purgeCompleted deletes completed jobs finished before the cutoff only', async () => {
    const queue = await startQueue();
    const name = uniqueName();
    await queue.work(name, fast, async () => undefined);
    await queue.enqueueMany([
      { name, payload: { n: 1 } },
      { name, payload: { n: 2 } },
    ]);
    await waitFor('completed', async () => (await stateCount(queue, name, 'completed')) === 2);

    expect(await queue.purgeCompleted(new Date(Date.now() - 3_600_000))).toBe(0);
    expect(await stateCount(queue, name, 'completed')).toBe(2);
    expect(await queue.purgeCompleted(new Date(Date.now() + 3_600_000))).toBeGreaterThanOrEqual(2);
    expect(await stateCount(queue, name, 'completed')).toBe(0);
  });

  it('rejects an invalid job name as a user error', async () => {
    const queue = await startQueue();
    await expect(queue.enqueue('order events!', {})).rejects.toBeInstanceOf(InvalidJobError);
    await expect(queue.enqueue('order events!', {})).rejects.toMatchObject({ kind: 'user' });
  });
});
