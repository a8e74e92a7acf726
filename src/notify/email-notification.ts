import { createTransport } from 'nodemailer';
import type { NotificationChannel, NotificationMessage } from './notification-channel.js';
import { NotificationRejectedError, NotificationUnavailableError } from './notify-errors.js';

type EmailChannel = Extract<NotificationChannel, { type: 'email' }>;

/** nodemailer error codes that mean the configuration is wrong, not that the server is busy. */
const CONFIG_CODES = new Set(['EAUTH', 'ENOAUTH', 'ECONFIG', 'EENVELOPE', 'EMESSAGE', 'EMAXRECIPIENTS']);

/** Sends one plain-text mail over SMTP; returns the server's message id. */
export async function sendEmail(
  channel: EmailChannel,
  message: NotificationMessage,
  timeoutMs: number,
): Promise<{ messageId: string }> {
  const transport = createTransport({
    url: channel.smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  try {
    const info = await transport.sendMail({
      from: channel.from,
      to: channel.to,
      subject: message.subject,
      text: message.text,
      headers: { 'X-PassWing-Dedupe-Key': message.dedupeKey },
    });
    return { messageId: String(info.messageId) };
  } catch (error) {
    throw classifySmtpError(error, new URL(channel.smtpUrl).host);
  } finally {
    transport.close();
  }
}

/**
 * An SMTP reply decides when there is one (5xx permanent, 4xx transient); without a reply,
 * configuration errors are permanent and connection trouble is transient.
 */
function classifySmtpError(error: unknown, host: string): Error {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  const reply = typeof responseCode === 'number' ? responseCode : null;
  const what = `SMTP ${host}${reply === null ? '' : ` replied ${reply}`}${typeof code === 'string' ? ` (${code})` : ''}`;
  const permanent = reply !== null ? reply >= 500 : typeof code === 'string' && CONFIG_CODES.has(code);
  if (permanent) return new NotificationRejectedError(`${what}: message refused`, reply, error);
  return new NotificationUnavailableError(`${what}: message not sent`, reply, error);
}
