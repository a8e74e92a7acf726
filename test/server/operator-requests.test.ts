import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPassWing, type Harness } from '../pipeline/passwing-harness.js';

const ADMIN_PASSWORD = 'operator-password-for-tests';

/** Signs in as the mall's merchant through a Cafe24 app launch; returns cookie and CSRF token. */
async function merchantSession(harness: Harness, mallId: string) {
  const launch = await fetch(
    harness.passwing.sandbox!.launchUrl(mallId, `${harness.passwing.url}/cafe24/launch`),
    {
      redirect: 'manual',
    },
  );
  const cookie = (launch.headers.get('set-cookie') ?? '').split(';')[0]!;
  const session = (await (
    await fetch(`${harness.passwing.url}/api/session`, { headers: { cookie } })
  ).json()) as {
    csrfToken: string;
  };
  return { cookie, csrf: session.csrfToken };
}

describe('merchant requests (운영 의견 / 자동화 기준 요청)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startPassWing({
      malls: ['req-a', 'req-b'],
      historyOrders: 3,
      env: { PASSWING_ADMIN_PASSWORD: ADMIN_PASSWORD },
    });
  });
  afterAll(async () => harness?.cleanup());

  it('are sent from a mall, seen only by that mall and by the operator, and answered by the operator', async () => {
    const base = harness.passwing.url;
    const a = await merchantSession(harness, 'req-a');
    const created = await fetch(`${base}/api/requests`, {
      method: 'POST',
      headers: { cookie: a.cookie, 'x-csrf-token': a.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'automation',
        title: '새벽 주문 분리',
        body: '새벽 2시~6시 주문에 라벨을 붙여 주세요',
      }),
    });
    expect(created.status).toBe(200);

    const b = await merchantSession(harness, 'req-b');
    const seenByB = (await (
      await fetch(`${base}/api/requests`, { headers: { cookie: b.cookie } })
    ).json()) as {
      requests: unknown[];
    };
    expect(seenByB.requests).toEqual([]);

    expect((await fetch(`${base}/admin/requests`)).status).toBe(401);
    const wrongLogin = await fetch(`${base}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=admin&password=wrong',
      redirect: 'manual',
    });
    expect(wrongLogin.status).toBe(401);
    const login = await fetch(`${base}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `username=admin&password=${ADMIN_PASSWORD}`,
      redirect: 'manual',
    });
    expect(login.status).toBe(302);
    const admin = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const list = await (await fetch(`${base}/admin/requests`, { headers: { cookie: admin } })).text();
    expect(list).toContain('새벽 주문 분리');
    expect(list).toContain('req-a');

    const mine = (await (await fetch(`${base}/api/requests`, { headers: { cookie: a.cookie } })).json()) as {
      requests: { id: string; status: string; reply: string | null }[];
    };
    const requestId = mine.requests[0]!.id;
    const answer = await fetch(`${base}/admin/requests`, {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        mall_id: 'req-a',
        request_id: requestId,
        status: 'planned',
        reply: '다음 템플릿에 반영합니다',
      }).toString(),
      redirect: 'manual',
    });
    expect(answer.status).toBe(302);
    const after = (await (await fetch(`${base}/api/requests`, { headers: { cookie: a.cookie } })).json()) as {
      requests: { status: string; reply: string | null }[];
    };
    expect(after.requests[0]).toMatchObject({ status: 'planned', reply: '다음 템플릿에 반영합니다' });
  });
});
