import { randomUUID } from 'node:crypto';
import type { PipelineContext } from './pipeline-context.js';

/** The mall's lease stayed with another worker for too long: the jobs are retried later. */
export class MallBusyError extends Error {
  readonly kind = 'operational';
  readonly code = 'MALL_BUSY';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` holding the mall's lease: one order batch of a mall at a time across every worker
 * process, so two workers never evaluate the same order state at once nor write the same label
 * twice (the second sees the first's run). Workers still share the load across malls. The lease
 * is renewed while `work` runs and lapses after `PASSWING_JOB_LEASE_SECONDS` if the holder dies.
 */
export async function withMallLease<T>(
  ctx: PipelineContext,
  mallId: string,
  work: () => Promise<T>,
): Promise<T> {
  const locks = ctx.store.mallLocks;
  const owner = randomUUID();
  const leaseMs = ctx.config.jobLeaseSeconds * 1000;
  const giveUpAt = ctx.now() + 2 * leaseMs;
  while (!(await locks.acquire(mallId, owner, ctx.now(), leaseMs))) {
    if (ctx.now() > giveUpAt) throw new MallBusyError(`mall ${mallId} is being processed by another worker`);
    await sleep(50 + Math.random() * 100);
  }
  const renewal = setInterval(() => {
    locks.acquire(mallId, owner, ctx.now(), leaseMs).then(
      (held) => {
        if (!held) ctx.logger.warn({ mallId }, 'mall lease lost to another worker while processing');
      },
      (error: unknown) => ctx.logger.warn({ mallId, err: error }, 'mall lease renewal failed'),
    );
  }, leaseMs / 3);
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    await locks
      .release(mallId, owner)
      .catch((error: unknown) => ctx.logger.warn({ mallId, err: error }, 'mall lease release failed'));
  }
}
