import { NotificationChannel, NotificationMessage } from './notification-channel.js';
import { sendEmail } from './email-notification.js';
import { NotificationConfigError } from './notify-errors.js';
import { postJson } from './post-json.js';

export interface SendOptions {
  /** Per request (HTTP) or per SMTP step (connect, greeting, each command). */
  timeoutMs?: number;
}

/** What the receiver acknowledged, for the delivery record. */
export interface NotificationReceipt {
  channel: NotificationChannel['type'];
  dedupeKey: string;
  /** HTTP status or SMTP message id. */
  reference: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Delivers one message to one channel, or throws a NotifyError whose `kind` says whether a retry
 * can help (operational) or the channel must be fixed (user). Sending is not deduplicated here:
 * the caller records `message.dedupeKey` and skips keys already sent.
 */
export async function sendNotification(
  channel: NotificationChannel,
  message: NotificationMessage,
  options: SendOptions = {},
): Promise<NotificationReceipt> {
  const parsedChannel = NotificationChannel.safeParse(channel);
  if (!parsedChannel.success)
    throw new NotificationConfigError('invalid notification channel', parsedChannel.error);
  const parsedMessage = NotificationMessage.safeParse(message);
  if (!parsedMessage.success)
    throw new NotificationConfigError('invalid notification message', parsedMessage.error);
  const target = parsedChannel.data;
  const msg = parsedMessage.data;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const receipt = (reference: string): NotificationReceipt => ({
    channel: target.type,
    dedupeKey: msg.dedupeKey,
    reference,
  });

  switch (target.type) {
    case 'webhook': {
      const body = {
        subject: msg.subject,
        text: msg.text,
        dedupeKey: msg.dedupeKey,
        orderId: msg.orderId ?? null,
      };
      const headers = { ...target.headers, 'idempotency-key': msg.dedupeKey };
      const { status } = await postJson(target.url, body, headers, timeoutMs, 'webhook');
      return receipt(String(status));
    }
    case 'slack': {
      // Incoming webhooks take mrkdwn text; the subject becomes a bold first line.
      const body = { text: `*${escapeSlack(msg.subject)}*\n${escapeSlack(msg.text)}` };
      const { status } = await postJson(target.webhookUrl, body, {}, timeoutMs, 'slack');
      return receipt(String(status));
    }
    case 'email': {
      const { messageId } = await sendEmail(target, msg, timeoutMs);
      return receipt(messageId);
    }
  }
}

/** Slack treats &, < and > as control characters in text (links, mentions). */
function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
