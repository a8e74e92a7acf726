import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyAppLaunch } from './app-launch.js';
import { InMemoryNonceStore } from './nonce-store.js';

const clientSecret = 'launch-secret-for-tests';
const nowSeconds = 1_767_600_000;
const now = nowSeconds * 1000;

/** Builds a launch query the way Cafe24 does: alphabetical params, hmac appended last. */
function launchQuery(timestamp = nowSeconds, secret = clientSecret): string {
  const query =
    `is_multi_shop=F&lang=ko_KR&mall_id=m1&nation=KR&shop_no=1&timestamp=${timestamp}` +
    `&user_id=tester&user_name=${encodeURIComponent('김테스트')}&user_type=P`;
  const hmac = createHmac('sha256', secret).update(query).digest('base64');
  return `${query}&hmac=${encodeURIComponent(hmac)}`;
}

describe('verifyAppLaunch', () => {
  it('accepts a genuine launch and reads mall, user and shop', async () => {
    const result = await verifyAppLaunch(`?${launchQuery()}`, {
      clientSecret,
      now,
      nonceStore: new InMemoryNonceStore(),
    });
    expect(result).toEqual({
      ok: true,
      launch: {
        mallId: 'm1',
        userId: 'tester',
        userName: '김테스트',
        shopNo: 1,
        userType: 'P',
        lang: 'ko_KR',
        timestamp: nowSeconds,
      },
    });
  });

  it('refuses a launch whose mall id was changed', async () => {
    const tampered = launchQuery().replace('mall_id=m1', 'mall_id=m2');
    expect(
      await verifyAppLaunch(tampered, { clientSecret, now, nonceStore: new InMemoryNonceStore() }),
    ).toEqual({
      ok: false,
      error: 'bad_hmac',
    });
  });

  it('refuses a launch signed with another secret', async () => {
    const query = launchQuery(nowSeconds, 'not-our-secret');
    expect(
      (await verifyAppLaunch(query, { clientSecret, now, nonceStore: new InMemoryNonceStore() })).ok,
    ).toBe(false);
  });

  it('refuses a launch older than the window', async () => {
    const query = launchQuery(nowSeconds - 601);
    expect(await verifyAppLaunch(query, { clientSecret, now, nonceStore: new InMemoryNonceStore() })).toEqual(
      {
        ok: false,
        error: 'stale',
      },
    );
  });

  it('accepts a launch just inside a custom window', async () => {
    const query = launchQuery(nowSeconds - 119);
    const result = await verifyAppLaunch(query, {
      clientSecret,
      now,
      maxAgeSeconds: 120,
      nonceStore: new InMemoryNonceStore(),
    });
    expect(result.ok).toBe(true);
  });

  it('refuses the same launch URL the second time', async () => {
    const nonceStore = new InMemoryNonceStore(() => now);
    const query = launchQuery();
    expect((await verifyAppLaunch(query, { clientSecret, now, nonceStore })).ok).toBe(true);
    expect(await verifyAppLaunch(query, { clientSecret, now: now + 1000, nonceStore })).toEqual({
      ok: false,
      error: 'replayed',
    });
  });

  it('calls a query without hmac malformed', async () => {
    const result = await verifyAppLaunch('mall_id=m1&timestamp=1', {
      clientSecret,
      now,
      nonceStore: new InMemoryNonceStore(),
    });
    expect(result).toEqual({ ok: false, error: 'malformed' });
  });
});
