import { uninstallMall as uninstallMallInStore } from '../store/retention.js';
import type { PipelineContext } from './pipeline-context.js';

/**
 * Cafe24 event 90077 (app deleted): the mall's tokens go at once; its data is deleted after the
 * configured grace period by the maintenance job.
 */
export async function uninstallMall(ctx: PipelineContext, mallId: string): Promise<void> {
  await uninstallMallInStore(ctx.store, mallId, { now: ctx.now(), graceDays: ctx.config.uninstallGraceDays });
  ctx.logger.info({ mallId }, 'mall uninstalled: tokens deleted, data scheduled for deletion');
}
