import { z } from 'zod';

export const NOTIFICATION_QUEUE = 'send-notification';

/** A notification to send once: reserved in the notifications log (dedupe key) before enqueueing. */
export const NotificationJob = z.object({
  mallId: z.string(),
  /** Name of a channel in the mall's settings. */
  channel: z.string(),
  orderId: z.string().nullable(),
  text: z.string(),
  dedupeKey: z.string(),
  /** Its entry in the notifications log. */
  notificationId: z.number().int(),
});
export type NotificationJob = z.infer<typeof NotificationJob>;
