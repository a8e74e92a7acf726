import { isOwnWrite, parseWebhookEvent } from '../cafe24/webhook-event.js';
import type { PipelineContext } from './pipeline-context.js';
import { uninstallMall } from './uninstall-mall.js';
import { WebhookIntakeBatcher, type WebhookIntakeBatcherOptions } from './webhook-intake-batcher.js';

export type IntakeResult =
  | { ok: true; outcome: 'queued' | 'duplicate' | 'ignored' | 'uninstalled'; jobs: number }
  | { ok: false; error: { code: 'INVALID_WEBHOOK'; message: string } };

/** The webhook intake of one web process. */
export interface WebhookIntake {
  /**
   * Accepts one Cafe24 webhook: parse, ignore our own writes and unknown malls, persist it in the
   * inbox (dedupe by mall + event + order + state) and enqueue the orders it names. Resolves only
   * once the event is durably stored and its jobs queued; a storage failure is thrown. The body is
   * only a hint: the worker re-fetches every order through the authenticated API.
   */
  accept(body: unknown): Promise<IntakeResult>;
  /** Persists the webhooks still waiting for their batch and refuses new ones (shutdown). */
  close(): Promise<void>;
}

/** An intake whose concurrent webhooks are persisted together (see WebhookIntakeBatcher). */
export function createWebhookIntake(
  ctx: PipelineContext,
  options: WebhookIntakeBatcherOptions = {},
): WebhookIntake {
  const batcher = new WebhookIntakeBatcher(ctx, options);
  return {
    async accept(body) {
      const parsed = parseWebhookEvent(body);
      if (!parsed.ok) return { ok: false, error: { code: 'INVALID_WEBHOOK', message: parsed.error } };
      const event = parsed.event;
      const receivedAt = ctx.now();
      ctx.metrics.webhookReceived(event.mallId, event.eventNo);
      if (event.trigger === 'ignored' || isOwnWrite(event, ctx.cafe24.config.clientId)) {
        return { ok: true, outcome: 'ignored', jobs: 0 };
      }
      if (event.trigger === 'app.deleted') {
        // Rare and not batched: it changes the mall's state that batches read.
        const mall = await ctx.store.malls.get(event.mallId);
        if (!mall || mall.state === 'uninstalled') return { ok: true, outcome: 'ignored', jobs: 0 };
        if (event.appClientId && event.appClientId !== ctx.cafe24.config.clientId) {
          return { ok: true, outcome: 'ignored', jobs: 0 };
        }
        await uninstallMall(ctx, event.mallId);
        return { ok: true, outcome: 'uninstalled', jobs: 0 };
      }
      const { outcome, jobs } = await batcher.submit({ event, payload: body, receivedAt });
      return { ok: true, outcome, jobs };
    },
    close: () => batcher.close(),
  };
}
