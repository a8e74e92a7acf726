import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import {
  preregistrationRoutes,
  type PreregistrationRoutesOptions,
} from '../../src/server/landing/preregistration-routes.js';
import { storeTargets, type OpenedStore } from '../store/store-targets.js';

const NOW = Date.parse('2026-12-03T10:00:00+09:00');

const validForm = {
  name: '테스트 사용자',
  email: 'tester@example.com',
  phone: '010-0000-1234',
  mall: 'testmall01.cafe24.com',
  volume: '120',
  tools: '엑셀 시트',
  consent: 'yes',
};

const encode = (fields: Record<string, string | string[]>): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const item of [value].flat()) params.append(key, item);
  }
  return params.toString();
};

/** Test stand-in for the lead's admin session check: a header. */
const adminGuard = async (request: FastifyRequest, reply: FastifyReply) => {
  if (request.headers['x-test-admin'] !== 'yes') {
    await reply.code(401).send({ error: { code: 'UNAUTHORIZED', message: 'Sign in as an operator' } });
  }
};

describe.each(storeTargets())('pre-registration routes on $name', (target) => {
  let opened: OpenedStore | undefined;
  let app: FastifyInstance | undefined;
  const logged: object[] = [];
  afterEach(async () => {
    await app?.close();
    await opened?.cleanup();
    app = undefined;
    opened = undefined;
    logged.length = 0;
  });

  const start = async (overrides: Partial<PreregistrationRoutesOptions> = {}) => {
    opened = await target.open();
    app = Fastify();
    await app.register(preregistrationRoutes, {
      store: opened.store,
      now: () => NOW,
      logger: { info: (details) => logged.push(details) },
      adminGuard,
      rateLimit: { max: 100, timeWindow: '1 minute' },
      ...overrides,
    });
    return { app, store: opened.store };
  };
  const post = (server: FastifyInstance, fields: Record<string, string | string[]>, lang = 'ko') =>
    server.inject({
      method: 'POST',
      url: `/preregister?lang=${lang}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: encode(fields),
    });

  it('accepts a valid registration with the confirmation page and stores it', async () => {
    const { app, store } = await start();
    const response = await post(app, { ...validForm, pains: ['0', '3'] });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('사전 등록이 접수되었습니다');
    const [row] = await store.preregistrations.list();
    expect(row).toMatchObject({
      email: 'tester@example.com',
      mall: 'testmall01',
      pains: [0, 3],
      dailyOrders: 120,
    });
    expect(JSON.stringify(logged)).not.toContain('tester@example.com');
  });

  it.each([
    ['name', '', '이름을 입력해 주세요.'],
    ['email', 'tester-at-example', '이메일 주소 형식이 올바르지 않습니다. 예: name@example.com'],
    ['phone', '02-000-1234', '휴대폰 번호 형식이 올바르지 않습니다. 예: 010-1234-5678'],
    [
      'mall',
      '!!!',
      '쇼핑몰 아이디(영문 소문자·숫자 4~16자) 또는 주소(예: myshop.cafe24.com)를 입력해 주세요.',
    ],
    ['volume', '많음', '하루 평균 주문 수는 0 이상의 숫자로 입력해 주세요.'],
  ])(
    'refuses an invalid %s with its message, keeps the other values, stores nothing',
    async (field, value, message) => {
      const { app, store } = await start();
      const response = await post(app, { ...validForm, [field]: value });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain(
        `<div class="error" id="f-${field}-error">${message.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</div>`,
      );
      expect(response.body).toContain('입력 내용을 확인해 주세요 (1개 항목).');
      for (const [other, kept] of Object.entries(validForm)) {
        if (other !== field && other !== 'consent') expect(response.body).toContain(`value="${kept}"`);
      }
      expect((await store.preregistrations.counts()).total).toBe(0);
    },
  );

  it('requires consent', async () => {
    const { app, store } = await start();
    const { consent: _consent, ...withoutConsent } = validForm;
    const response = await post(app, withoutConsent);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(
      'id="consent-error">개인정보 수집·이용에 동의해야 사전 등록할 수 있습니다.',
    );
    expect((await store.preregistrations.counts()).total).toBe(0);
  });

  it('answers in English for lang=en', async () => {
    const { app } = await start();
    const response = await post(app, { ...validForm, email: '' }, 'en');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Please enter your e-mail address.');
    expect(response.body).toContain('<html lang="en">');
  });

  it('answers a duplicate e-mail or mall exactly like a new registration and stores it once', async () => {
    const { app, store } = await start();
    const first = await post(app, validForm);
    const sameEmail = await post(app, { ...validForm, mall: 'othermall02', email: 'TESTER@example.com' });
    const sameMall = await post(app, { ...validForm, email: 'other@example.com' });
    for (const response of [sameEmail, sameMall]) {
      expect(response.statusCode).toBe(first.statusCode);
      expect(response.body).toBe(first.body);
    }
    expect((await store.preregistrations.counts()).total).toBe(1);
  });

  it('pretends success to a bot that fills the honeypot and stores nothing', async () => {
    const { app, store } = await start();
    const response = await post(app, { ...validForm, website: 'http://spam.example' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('사전 등록이 접수되었습니다');
    expect((await store.preregistrations.counts()).total).toBe(0);
  });

  it('limits registrations per IP and says so in a page', async () => {
    const { app } = await start({ rateLimit: { max: 2, timeWindow: '1 minute' } });
    await post(app, validForm);
    await post(app, { ...validForm, email: 'b@example.com', mall: 'othermall02' });
    const limited = await post(app, { ...validForm, email: 'c@example.com', mall: 'thirdmall03' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('text/html');
    expect(limited.body).toContain('잠시 후 다시 시도해 주세요');
  });

  it('lists registrations to the operator only, masked, with counts', async () => {
    const { app } = await start();
    await post(app, { ...validForm, pains: ['1'] });
    expect((await app.inject({ method: 'GET', url: '/admin/preregistrations' })).statusCode).toBe(401);
    const page = await app.inject({
      method: 'GET',
      url: '/admin/preregistrations',
      headers: { 'x-test-admin': 'yes' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<strong data-count="total">1</strong>');
    expect(page.body).toContain('t***@example.com');
    expect(page.body).toContain('010-****-1234');
    expect(page.body).toContain('te********');
    for (const clear of ['tester@example.com', '010-0000-1234', '테스트 사용자', 'testmall01']) {
      expect(page.body).not.toContain(clear);
    }
  });

  it('exports a CSV for Excel: BOM, Korean header, one row per registration, operator only', async () => {
    const { app } = await start();
    await post(app, { ...validForm, pains: ['0', '2'] });
    await post(app, { ...validForm, name: '=cmd|calc', email: 'b@example.com', mall: 'othermall02' });
    expect((await app.inject({ method: 'GET', url: '/admin/preregistrations.csv' })).statusCode).toBe(401);
    const response = await app.inject({
      method: 'GET',
      url: '/admin/preregistrations.csv',
      headers: { 'x-test-admin': 'yes' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain('attachment');
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      '번호,등록 일시,이름,이메일,휴대폰,쇼핑몰,하루 주문 수,불편한 점,사용 도구,동의 버전,동의 일시,혜택 적용 일시,파기 일시',
    );
    expect(lines[2]).toContain(
      '2026-12-03 10:00,테스트 사용자,tester@example.com,010-0000-1234,testmall01,120,',
    );
    expect(lines[1]).toContain(",'=cmd|calc,");
  });

  it('after destruction the operator sees counts only and the export has no personal field', async () => {
    const { app, store } = await start();
    await post(app, validForm);
    await store.preregistrations.destroyPersonalData(NOW + 1);
    const page = await app.inject({
      method: 'GET',
      url: '/admin/preregistrations',
      headers: { 'x-test-admin': 'yes' },
    });
    expect(page.body).toContain('<strong data-count="destroyed">1</strong>');
    expect(page.body).toContain('파기됨');
    const csv = await app.inject({
      method: 'GET',
      url: '/admin/preregistrations.csv',
      headers: { 'x-test-admin': 'yes' },
    });
    const [, row] = csv.body.trimEnd().split('\r\n');
    expect(row).toMatch(/^\d+,2026-12-03 10:00,,,,,120,/);
    expect(csv.body).not.toContain('example.com');
  });

  it('works inside a server that registered formbody and rate-limit itself; other errors reach its handler', async () => {
    opened = await target.open();
    app = Fastify();
    await app.register(formbody);
    await app.register(rateLimit, { global: false });
    app.setErrorHandler(async (_error, _request, reply) =>
      reply.code(503).send({ error: { code: 'PARENT' } }),
    );
    const failingStore = {
      preregistrations: {
        ...opened.store.preregistrations,
        register: async () => {
          throw Object.assign(new Error('database down'), { kind: 'operational' });
        },
      },
    };
    await app.register(preregistrationRoutes, {
      store: failingStore,
      now: () => NOW,
      logger: { info: () => undefined },
      adminGuard,
      rateLimit: { max: 1, timeWindow: '1 minute' },
    });
    const failed = await post(app, validForm);
    expect(failed.statusCode).toBe(503);
    expect(failed.json()).toEqual({ error: { code: 'PARENT' } });
    expect((await post(app, validForm)).statusCode).toBe(429);
  });
});
