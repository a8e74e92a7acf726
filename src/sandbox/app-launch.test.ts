import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signedLaunchUrl } from './app-launch.js';

const user = {
  mallId: 'demo-mall',
  userId: 'demo-mall',
  userName: '김운영',
  userType: 'P' as const,
  shopNo: 1,
  timestamp: 1_700_000_000,
};

describe('signedLaunchUrl', () => {
  it('lists the launch parameters in alphabetical order before the hmac', () => {
    const url = new URL(signedLaunchUrl('http://127.0.0.1:3000/launch', user, 'secret'));
    expect([...url.searchParams.keys()]).toEqual([
      'is_multi_shop',
      'lang',
      'mall_id',
      'nation',
      'shop_no',
      'timestamp',
      'user_id',
      'user_name',
      'user_type',
      'hmac',
    ]);
    expect(url.searchParams.get('user_name')).toBe('김운영');
  });

  it('signs the raw query string without the hmac with the client secret', () => {
    const url = signedLaunchUrl('http://127.0.0.1:3000/launch', user, 'secret');
    const rawQuery = url.slice(url.indexOf('?') + 1);
    const [signed, hmacPart] = rawQuery.split('&hmac=');
    const expected = createHmac('sha256', 'secret')
      .update(signed ?? '')
      .digest('base64');
    expect(decodeURIComponent(hmacPart ?? '')).toBe(expected);
  });

  it('gives a different signature for another secret', () => {
    const a = new URL(signedLaunchUrl('http://x/launch', user, 'one')).searchParams.get('hmac');
    const b = new URL(signedLaunchUrl('http://x/launch', user, 'two')).searchParams.get('hmac');
    expect(a).not.toBe(b);
  });
});
