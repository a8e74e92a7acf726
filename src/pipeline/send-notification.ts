import { NotificationChannel } from '../notify/notification-channel.js';
import { sendNotification } from '../notify/send-notification.js';
import { deliverOnce } from './deliver-once.js';
import type { NotificationJob } from './notification-job.js';
import type { PipelineContext } from './pipeline-context.js';

/**
 * Sends one reserved notification through the mall's named channel, at most once (see
 * deliverOnce); operational failures are retried by the queue, with the log showing the last error.
 */
export async function sendNotificationJob(ctx: PipelineContext, job: NotificationJob): Promise<void> {
  const settings = await ctx.store.settings.get(job.mallId);
  const configured = settings?.notificationChannels.find((entry) => entry.name === job.channel);
  if (!configured) {
    // A configuration gap, not a delivery failure: recorded in the notifications log (visible in the
    // console) and not retried.
    await ctx.store.notifications.markFailed(
      job.mallId,
      job.notificationId,
      `channel "${job.channel}" is not configured`,
    );
    ctx.logger.warn({ mallId: job.mallId, channel: job.channel }, 'notification channel not configured');
    return;
  }
  const channel = NotificationChannel.parse(configured.config);
  await deliverOnce(ctx, job.mallId, job.notificationId, async () => {
    await sendNotification(channel, {
      subject: `[PassWing] ${job.orderId ?? ''}`.trim(),
      text: job.text,
      dedupeKey: job.dedupeKey,
      ...(job.orderId ? { orderId: job.orderId } : {}),
    });
  });
}
