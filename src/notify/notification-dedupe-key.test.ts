import { describe, expect, it } from 'vitest';
import { notificationDedupeKey } from './notification-dedupe-key.js';

describe('notificationDedupeKey', () => {
  const parts = { mallId: 'demo-mall', orderId: '20260101-0000001', ruleId: 'BANK_ALERT', channelId: 'ops' };

  it('is the same for the same order, rule and channel, so re-evaluation sends nothing twice', () => {
    expect(notificationDedupeKey(parts)).toBe('notify:v1:demo-mall:20260101-0000001:BANK_ALERT:ops');
    expect(notificationDedupeKey({ ...parts })).toBe(notificationDedupeKey(parts));
  });

  it('differs per channel and per occasion', () => {
    expect(notificationDedupeKey({ ...parts, channelId: 'mail' })).not.toBe(notificationDedupeKey(parts));
    expect(notificationDedupeKey({ ...parts, occasion: 'order.paid' })).toBe(
      'notify:v1:demo-mall:20260101-0000001:BANK_ALERT:ops:order.paid',
    );
  });

  it('cannot be made to collide by a colon inside a part', () => {
    const a = notificationDedupeKey({ ...parts, ruleId: 'A:B', channelId: 'C' });
    const b = notificationDedupeKey({ ...parts, ruleId: 'A', channelId: 'B:C' });
    expect(a).not.toBe(b);
  });
});
