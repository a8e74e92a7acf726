import { NotificationChannel } from '../notify/notification-channel.js';
import { sendNotification } from '../notify/send-notification.js';
import type { NotificationJob } from './notification-job.js';
import type { PipelineContext } from './pipeline-context.js';

/**
 * Sends one reserved notification through the mall's named channel and records the outcome.
 * The reservation (dedupe key) was made when the job was created, so a notification is sent once;
 * operational failures are retried by the queue, with the log showing the last error.
 */
export async function sendNotificationJob(ctx: PipelineContext, job: NotificationJob): Promise<void> {
  const settings = await ctx.store.settings.get(job.mallId);
  const configured = settings?.notificationChannels.find((entry) => entry.name === job.channel);
  if (!configured) {
    // A configuration gap, not a delivery failure: recorded in the notifications log (visible in the
    // console) and not retried.
    if (job.notificationId !== undefined) {
      await ctx.store.notifications.markFailed(
        job.mallId,
        job.notificationId,
        `channel "${job.channel}" is not configured`,
      );
    }
    ctx.logger.warn({ mallId: job.mallId, channel: job.channel }, 'notification channel not configured');
    return;
  }
  if (await alreadySent(ctx, job)) return;
  const channel = NotificationChannel.parse(configured.config);
  try {
    await sendNotification(channel, {
      subject: `[PassWing] ${job.orderId ?? ''}`.trim(),
      text: job.text,
      dedupeKey: job.dedupeKey,
      ...(job.orderId ? { orderId: job.orderId } : {}),
    });
    if (job.notificationId !== undefined)
      await ctx.store.notifications.markSent(job.mallId, job.notificationId, ctx.now());
  } catch (error) {
    if (job.notificationId !== undefined) {
      await ctx.store.notifications.markFailed(
        job.mallId,
        job.notificationId,
        error instanceof Error ? error.message : String(error),
      );
    }
    throw error;
  }
}

/**
 * True when this notification was sent before: the job ran, but its worker died before the queue
 * recorded the job done (jobs of one fetch are acknowledged together), so the job came back.
 * The reservation answers with the stored status for a known dedupe key.
 */
async function alreadySent(ctx: PipelineContext, job: NotificationJob): Promise<boolean> {
  if (job.notificationId === undefined) return false;
  const reservation = await ctx.store.notifications.reserve(job.mallId, {
    dedupeKey: job.dedupeKey,
    channel: job.channel,
    orderId: job.orderId,
    runId: null,
    payload: { text: job.text },
    createdAt: ctx.now(),
  });
  return !reservation.ok && reservation.error.status === 'sent';
}
