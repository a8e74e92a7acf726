import { describe, expect, it } from 'vitest';
import { NotificationChannel, describeChannel } from './notification-channel.js';

describe('NotificationChannel', () => {
  it('accepts the three channel kinds', () => {
    const channels = [
      { type: 'webhook', url: 'https://example.com/hooks/passwing', headers: { authorization: 'Bearer x' } },
      { type: 'slack', webhookUrl: 'https://hooks.slack.com/services/T000/B000/XXXX' },
      {
        type: 'email',
        smtpUrl: 'smtps://user:pass@smtp.example.com:465',
        from: 'a@example.com',
        to: ['b@example.com'],
      },
    ];
    for (const channel of channels) expect(NotificationChannel.safeParse(channel).success).toBe(true);
  });

  it('refuses non-HTTP webhook URLs, non-SMTP mail URLs, bad recipients and unknown kinds', () => {
    const channels = [
      { type: 'webhook', url: 'file:///etc/passwd' },
      { type: 'slack', webhookUrl: 'not a url' },
      { type: 'email', smtpUrl: 'http://smtp.example.com', from: 'a@example.com', to: ['b@example.com'] },
      { type: 'email', smtpUrl: 'smtp://smtp.example.com', from: 'a@example.com', to: ['not-an-address'] },
      { type: 'email', smtpUrl: 'smtp://smtp.example.com', from: 'a@example.com', to: [] },
      { type: 'sms', number: '010-0000-0000' },
    ];
    for (const channel of channels) expect(NotificationChannel.safeParse(channel).success).toBe(false);
  });
});

describe('describeChannel', () => {
  it('names type and host only, leaving out secret paths and passwords', () => {
    expect(
      describeChannel({ type: 'slack', webhookUrl: 'https://hooks.slack.com/services/T0/B0/SECRET' }),
    ).toBe('slack hooks.slack.com');
    expect(
      describeChannel({
        type: 'email',
        smtpUrl: 'smtp://alerts:fake-password@smtp.example.com:587',
        from: 'a@example.com',
        to: ['b@example.com', 'c@example.com'],
      }),
    ).toBe('email via smtp.example.com:587 to 2 recipient(s)');
    expect(describeChannel({ type: 'webhook', url: 'https://example.com/hook?token=SECRET' })).toBe(
      'webhook example.com',
    );
  });
});
