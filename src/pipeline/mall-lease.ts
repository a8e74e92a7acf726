import { randomUUID } from 'node:crypto';
import type { PipelineContext } from './pipeline-context.js';

/** The mall's lease stayed with another worker for too long, or was lost: the jobs are retried later. */
export class MallBusyError extends Error {
  readonly kind = 'operational';
  readonly code = 'MALL_BUSY';
}

/** The lease held by one batch: renewed in the background, and checked before each write. */
export interface MallLease {
  /** Renews the lease now; throws MallBusyError when another worker took the mall over meanwhile. */
  confirm(): Promise<void>;
}

/** How long a batch waits for a mall another worker is processing (its job lease keeps being renewed). */
const MAX_WAIT_MS = 5 * 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` holding the mall's lease: one order batch of a mall at a time across every worker
 * process, so two workers never evaluate the same order state at once nor diff labels against a
 * state the other is changing. Workers still share the load across malls. The lease is renewed
 * while `work` runs and lapses after `PASSWING_JOB_LEASE_SECONDS` if its holder dies; `work`
 * confirms it right before writing to Cafe24, so a holder that stalled past its lease stops there.
 */
export async function withMallLease<T>(
  ctx: PipelineContext,
  mallId: string,
  work: (lease: MallLease) => Promise<T>,
): Promise<T> {
  const locks = ctx.store.mallLocks;
  const owner = randomUUID();
  const leaseMs = ctx.config.jobLeaseSeconds * 1000;
  const giveUpAt = ctx.now() + Math.max(2 * leaseMs, MAX_WAIT_MS);
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
  const lease: MallLease = {
    async confirm() {
      if (!(await locks.acquire(mallId, owner, ctx.now(), leaseMs)))
        throw new MallBusyError(`mall ${mallId} was taken over by another worker; the batch is retried`);
    },
  };
  try {
    return await work(lease);
  } finally {
    clearInterval(renewal);
    await locks
      .release(mallId, owner)
      .catch((error: unknown) => ctx.logger.warn({ mallId, err: error }, 'mall lease release failed'));
  }
}
