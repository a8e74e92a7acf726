import { NotificationChannel } from '../notify/notification-channel.js';
import { sendNotification } from '../notify/send-notification.js';
import type { NotificationJob } from './notification-job.js';
import type { PipelineContext } from './pipeline-context.js';

/** A channel name no longer in the mall's settings: retrying would not help. */
class UnknownChannelError extends Error {
  readonly kind = 'user';
  readonly code = 'UNKNOWN_CHANNEL';
}

/**
 * Sends one reserved notification through the mall's named channel and records the outcome.
 * The reservation (dedupe key) was made when the job was created, so a notification is sent once;
 * operational failures are retried by the queue, with the log showing the last error.
 */
export async function sendNotificationJob(ctx: PipelineContext, job: NotificationJob): Promise<void> {
  const settings = await ctx.store.settings.get(job.mallId);
  const configured = settings?.notificationChannels.find((entry) => entry.name === job.channel);
  if (!configured) {
    if (job.notificationId !== undefined) {
      await ctx.store.notifications.markFailed(
        job.mallId,
        job.notificationId,
        `unknown channel ${job.channel}`,
      );
    }
    throw new UnknownChannelError(`notification channel "${job.channel}" is not configured`);
  }
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
