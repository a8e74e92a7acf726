import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NotificationChannel, NotificationMessage } from '../../src/notify/notification-channel.js';
import {
  NotificationConfigError,
  NotificationRejectedError,
  NotificationUnavailableError,
} from '../../src/notify/notify-errors.js';
import { sendNotification } from '../../src/notify/send-notification.js';
import { startHttpTestReceiver } from './http-test-receiver.js';
import type { HttpTestReceiver } from './http-test-receiver.js';
import { startSmtpTestServer } from './smtp-test-server.js';

const message: NotificationMessage = {
  subject: '무통장입금 확인 필요',
  text: '주문 20260101-0000001 (김○○, 010-****-5678) 입금 대기',
  dedupeKey: 'notify:v1:demo-mall:20260101-0000001:BANK_ALERT:ops-hook',
  orderId: '20260101-0000001',
};

/** A port nothing listens on: bound, then closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('sendNotification over HTTP', () => {
  let receiver: HttpTestReceiver;

  beforeAll(async () => {
    receiver = await startHttpTestReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.respondWith({ status: 200, body: 'ok' });
  });

  it('POSTs the message as JSON to a webhook, with its headers and the dedupe key as Idempotency-Key', async () => {
    const channel: NotificationChannel = {
      type: 'webhook',
      url: `${receiver.url}/hooks/passwing`,
      headers: { authorization: 'Bearer test-token' },
    };
    const receipt = await sendNotification(channel, message);

    expect(receipt).toEqual({ channel: 'webhook', dedupeKey: message.dedupeKey, reference: '200' });
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/hooks/passwing');
    expect(request?.headers['authorization']).toBe('Bearer test-token');
    expect(request?.headers['idempotency-key']).toBe(message.dedupeKey);
    expect(request?.headers['content-type']).toContain('application/json');
    expect(request?.body).toEqual({
      subject: message.subject,
      text: message.text,
      dedupeKey: message.dedupeKey,
      orderId: '20260101-0000001',
    });
  });

  it('posts a Slack incoming-webhook payload with the subject as a bold first line, escaping <, > and &', async () => {
    const channel: NotificationChannel = {
      type: 'slack',
      webhookUrl: `${receiver.url}/services/T000/B000/XXXX`,
    };
    await sendNotification(channel, { ...message, subject: 'A & B', text: 'see <here>' });

    expect(receiver.received.map((request) => request.body)).toEqual([
      { text: '*A &amp; B*\nsee &lt;here&gt;' },
    ]);
  });

  it.each([500, 503, 429, 408])('treats HTTP %i as operational (retry)', async (status) => {
    receiver.respondWith({ status });
    const error = await sendNotification({ type: 'webhook', url: receiver.url }, message).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(NotificationUnavailableError);
    expect(error).toMatchObject({ kind: 'operational', code: 'NOTIFY_UNAVAILABLE', status });
  });

  it.each([400, 403, 404, 410])('treats HTTP %i as a user error (fix the channel)', async (status) => {
    receiver.respondWith({ status, body: 'invalid_token' });
    const error = await sendNotification({ type: 'slack', webhookUrl: receiver.url }, message).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(NotificationRejectedError);
    expect(error).toMatchObject({ kind: 'user', code: 'NOTIFY_REJECTED', status });
  });

  it('does not follow a redirect', async () => {
    receiver.respondWith({ status: 302 });
    await expect(sendNotification({ type: 'webhook', url: receiver.url }, message)).rejects.toMatchObject({
      kind: 'user',
      status: 302,
    });
    expect(receiver.received).toHaveLength(1);
  });

  it('gives up on a receiver that does not answer within the timeout, as an operational error', async () => {
    receiver.respondWith('hang');
    const error = await sendNotification({ type: 'webhook', url: receiver.url }, message, {
      timeoutMs: 200,
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NotificationUnavailableError);
    expect((error as Error).message).toContain('did not answer within 200 ms');
  });

  it('reports an unreachable receiver as operational, naming the host but not the secret path', async () => {
    const port = await closedPort();
    const error = await sendNotification(
      { type: 'slack', webhookUrl: `http://127.0.0.1:${port}/services/T000/B000/SECRET` },
      message,
    ).catch((e: unknown) => e);

    expect(error).toMatchObject({ kind: 'operational', code: 'NOTIFY_UNAVAILABLE' });
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
    expect((error as Error).message).not.toContain('SECRET');
  });

  it('rejects an invalid channel as a user error before sending anything', async () => {
    const channel = { type: 'webhook', url: 'ftp://example.com/hook' } as unknown as NotificationChannel;
    await expect(sendNotification(channel, message)).rejects.toBeInstanceOf(NotificationConfigError);
    await expect(sendNotification(channel, message)).rejects.toMatchObject({ kind: 'user' });
    expect(receiver.received).toHaveLength(0);
  });
});

describe('sendNotification by e-mail', () => {
  const channelFor = (url: string): NotificationChannel => ({
    type: 'email',
    smtpUrl: url,
    from: 'PassWing <alerts@example.com>',
    to: ['ops@example.com', 'cs@example.com'],
  });

  it('delivers the message to every recipient through the SMTP server', async () => {
    const smtp = await startSmtpTestServer();
    try {
      const receipt = await sendNotification(channelFor(smtp.url), {
        ...message,
        subject: 'Bank transfer pending',
        text: 'Order 20260101-0000001 waits for payment.',
      });

      expect(receipt.channel).toBe('email');
      expect(smtp.received).toHaveLength(1);
      const [mail] = smtp.received;
      expect(mail?.from).toBe('alerts@example.com');
      expect(mail?.to).toEqual(['ops@example.com', 'cs@example.com']);
      expect(mail?.data).toContain('Subject: Bank transfer pending');
      expect(mail?.data).toContain('Order 20260101-0000001 waits for payment.');
      const unfolded = (mail?.data ?? '').replace(/\r\n(?=[ \t])/g, '');
      expect(/^X-PassWing-Dedupe-Key: (.*)$/im.exec(unfolded)?.[1]?.trim()).toBe(message.dedupeKey);
    } finally {
      await smtp.close();
    }
  });

  it('encodes a Korean subject so it arrives intact', async () => {
    const smtp = await startSmtpTestServer();
    try {
      await sendNotification(channelFor(smtp.url), message);
      const encoded = /^Subject: =\?UTF-8\?B\?([^?]+)\?=/m.exec(smtp.received[0]?.data ?? '')?.[1] ?? '';
      expect(Buffer.from(encoded, 'base64').toString('utf8')).toBe(message.subject);
    } finally {
      await smtp.close();
    }
  });

  it('treats a permanent SMTP refusal (550) as a user error', async () => {
    const smtp = await startSmtpTestServer({ rcptReply: '550 5.1.1 mailbox unavailable' });
    try {
      const error = await sendNotification(channelFor(smtp.url), message).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotificationRejectedError);
      expect(error).toMatchObject({ kind: 'user', status: 550 });
      expect(smtp.received).toHaveLength(0);
    } finally {
      await smtp.close();
    }
  });

  it('treats a transient SMTP refusal (451) as operational', async () => {
    const smtp = await startSmtpTestServer({ rcptReply: '451 4.3.0 try again later' });
    try {
      const error = await sendNotification(channelFor(smtp.url), message).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotificationUnavailableError);
      expect(error).toMatchObject({ kind: 'operational', status: 451 });
    } finally {
      await smtp.close();
    }
  });

  it('treats an unreachable SMTP server as operational without revealing the password', async () => {
    const port = await closedPort();
    const error = await sendNotification(
      channelFor(`smtp://alerts:hunter2-fake@127.0.0.1:${port}`),
      message,
      {
        timeoutMs: 2_000,
      },
    ).catch((e: unknown) => e);

    expect(error).toMatchObject({ kind: 'operational', code: 'NOTIFY_UNAVAILABLE' });
    expect((error as Error).message).not.toContain('hunter2');
  });
});
