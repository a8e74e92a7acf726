import { z } from 'zod';

const HttpUrl = z.url({ protocol: /^https?$/ });

/**
 * Where a notification goes, as configured per mall. URLs and the SMTP URL may embed secrets
 * (Slack webhook paths, SMTP passwords): they are never logged or put into error messages.
 */
export const NotificationChannel = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('webhook'),
    url: HttpUrl,
    /** Extra request headers, e.g. an Authorization the receiver expects. */
    headers: z.record(z.string(), z.string()).optional(),
  }),
  z.object({ type: z.literal('slack'), webhookUrl: HttpUrl }),
  z.object({
    type: z.literal('email'),
    /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`. */
    smtpUrl: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'smtpUrl must start with smtp:// or smtps://'),
    /** `PassWing <alerts@example.com>` or a bare address. */
    from: z.string().min(3),
    to: z.array(z.email()).min(1).max(50),
  }),
]);
export type NotificationChannel = z.infer<typeof NotificationChannel>;

/** One message; text is already rendered and masked (see maskPersonal). */
export const NotificationMessage = z.object({
  subject: z.string().min(1).max(200),
  text: z.string().max(20_000),
  /** See notificationDedupeKey; sent along so receivers can drop duplicates too. */
  dedupeKey: z.string().min(1).max(500),
  orderId: z.string().min(1).optional(),
});
export type NotificationMessage = z.infer<typeof NotificationMessage>;

/** A display name for logs, the console and error reports: type and host, never a path or password. */
export function describeChannel(channel: NotificationChannel): string {
  switch (channel.type) {
    case 'webhook':
      return `webhook ${new URL(channel.url).host}`;
    case 'slack':
      return `slack ${new URL(channel.webhookUrl).host}`;
    case 'email':
      return `email via ${new URL(channel.smtpUrl).host} to ${channel.to.length} recipient(s)`;
  }
}
