import type { PipelineContext } from './pipeline-context.js';

/** How one delivery attempt of a reserved notification (or Cafe24 memo/hold) ended. */
export type DeliveryOutcome = 'sent' | 'already-sent' | 'uncertain';

/**
 * Runs `effect` for the reserved entry `id` of the notifications log at most once. The entry is
 * claimed (`sending`) before the effect and marked `sent` or `failed` after it; a failed attempt
 * may be retried. An entry found still `sending` was in flight when its worker died: whether it
 * reached the receiver cannot be known, so it is marked `uncertain` (visible in the log) and not
 * repeated — a merchant never gets the same alert or memo twice.
 */
export async function deliverOnce(
  ctx: PipelineContext,
  mallId: string,
  id: number,
  effect: () => Promise<void>,
): Promise<DeliveryOutcome> {
  const { notifications } = ctx.store;
  if (!(await notifications.claimForSending(mallId, id))) {
    if ((await notifications.status(mallId, id)) !== 'sending') return 'already-sent';
    await notifications.markUncertain(
      mallId,
      id,
      'the worker stopped while delivering; not sent again to avoid a duplicate',
    );
    ctx.logger.warn({ mallId, notificationId: id }, 'interrupted delivery marked uncertain, not repeated');
    return 'uncertain';
  }
  try {
    await effect();
  } catch (error) {
    await notifications.markFailed(mallId, id, error instanceof Error ? error.message : String(error));
    throw error;
  }
  await notifications.markSent(mallId, id, ctx.now());
  return 'sent';
}
