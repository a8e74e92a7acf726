import { afterEach, describe, expect, it } from 'vitest';
import { verifyAppLaunch } from '../../src/cafe24/app-launch.js';
import { InMemoryNonceStore } from '../../src/cafe24/nonce-store.js';
import { CLIENT_SECRET, ShiftedClock, startTestSandbox, type Sandbox } from './sandbox-harness.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

/** The raw query of the launch URL the sandbox's "앱 열기" link carries. */
async function launchQuery(clock: ShiftedClock): Promise<string> {
  sandbox = await startTestSandbox({ clock });
  return new URL(sandbox.launchUrl('m1', 'https://passwing.example/cafe24/launch')).search;
}

describe('app launch HMAC with the sandbox-signed URL', () => {
  it('accepts a good launch', async () => {
    const clock = new ShiftedClock();
    const query = await launchQuery(clock);
    const result = await verifyAppLaunch(query, {
      clientSecret: CLIENT_SECRET,
      now: clock.now(),
      nonceStore: new InMemoryNonceStore(),
    });
    expect(result).toMatchObject({ ok: true, launch: { mallId: 'm1', userName: '김운영', shopNo: 1 } });
  });

  it('refuses a tampered launch', async () => {
    const clock = new ShiftedClock();
    const query = (await launchQuery(clock)).replace('user_type=P', 'user_type=A');
    const result = await verifyAppLaunch(query, {
      clientSecret: CLIENT_SECRET,
      now: clock.now(),
      nonceStore: new InMemoryNonceStore(),
    });
    expect(result).toEqual({ ok: false, error: 'bad_hmac' });
  });

  it('refuses a stale launch', async () => {
    const clock = new ShiftedClock();
    const query = await launchQuery(clock);
    const result = await verifyAppLaunch(query, {
      clientSecret: CLIENT_SECRET,
      now: clock.now() + 11 * 60_000,
      nonceStore: new InMemoryNonceStore(),
    });
    expect(result).toEqual({ ok: false, error: 'stale' });
  });

  it('refuses a replayed launch', async () => {
    const clock = new ShiftedClock();
    const query = await launchQuery(clock);
    const nonceStore = new InMemoryNonceStore(() => clock.now());
    const options = { clientSecret: CLIENT_SECRET, now: clock.now(), nonceStore };
    expect((await verifyAppLaunch(query, options)).ok).toBe(true);
    expect(await verifyAppLaunch(query, options)).toEqual({ ok: false, error: 'replayed' });
  });
});
