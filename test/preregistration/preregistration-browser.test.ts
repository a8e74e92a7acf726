/**
 * The pre-registration form in a real browser (Debian chromium through playwright-core): the landing
 * page served as the lead serves it, the real routes and a real SQLite store.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderLandingPage } from '../../src/server/landing/landing-page.js';
import { preregistrationRoutes } from '../../src/server/landing/preregistration-routes.js';
import { storeTargets, type OpenedStore } from '../store/store-targets.js';

const BROWSER = process.env.PASSWING_BROWSER ?? '/usr/bin/chromium';

const browserMissing = !existsSync(BROWSER);
if (browserMissing) console.warn(`pre-registration browser tests skipped: no chromium at ${BROWSER}`);

describe.skipIf(browserMissing)('pre-registration form in a browser', () => {
  let opened: OpenedStore;
  let app: FastifyInstance;
  let browser: Browser;
  let origin: string;
  let page: Page;

  beforeAll(async () => {
    const [target] = storeTargets();
    if (target === undefined) throw new Error('no store target');
    opened = await target.open();
    app = Fastify();
    app.get('/', async (request, reply) => {
      const lang = (request.query as { lang?: string }).lang === 'en' ? 'en' : 'ko';
      return reply.type('text/html; charset=utf-8').send(renderLandingPage(lang, []));
    });
    await app.register(preregistrationRoutes, {
      store: opened.store,
      now: () => Date.parse('2026-12-03T10:00:00+09:00'),
      logger: { info: () => undefined },
      adminGuard: async () => undefined,
      rateLimit: { max: 100, timeWindow: '1 minute' },
      templates: () => [],
    });
    origin = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: BROWSER,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await opened?.cleanup();
  });

  afterEach(async () => page?.close());

  const fillValid = async (overrides: Record<string, string> = {}) => {
    page = await browser.newPage();
    await page.goto(`${origin}/?lang=ko`);
    const values = {
      name: '테스트 사용자',
      email: 'browser@example.com',
      phone: '010-0000-5678',
      mall: 'browsermall1',
      volume: '80',
      ...overrides,
    };
    await page.getByLabel('이름', { exact: true }).fill(values.name);
    await page.getByLabel('이메일', { exact: true }).fill(values.email);
    await page.getByLabel('휴대폰 번호').fill(values.phone);
    await page.getByLabel('카페24 쇼핑몰 아이디 또는 주소').fill(values.mall);
    await page.getByLabel('하루 평균 주문 수 (선택)').fill(values.volume);
    await page.getByLabel('제주·도서산간 주문을 주소를 보고 골라낸다').check();
  };
  const submit = async () => {
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: '사전 등록하기' }).click(),
    ]);
    await page.waitForLoadState('load');
  };

  it('refuses a missing consent in the page and keeps what was typed', async () => {
    await fillValid();
    await submit();
    await expect(page.locator('#consent-error').textContent()).resolves.toBe(
      '개인정보 수집·이용에 동의해야 사전 등록할 수 있습니다.',
    );
    expect(await page.getByLabel('이메일', { exact: true }).inputValue()).toBe('browser@example.com');
    expect(await page.getByLabel('제주·도서산간 주문을 주소를 보고 골라낸다').isChecked()).toBe(true);
    expect((await opened.store.preregistrations.counts()).total).toBe(0);
  });

  it('shows the message of an invalid field next to it', async () => {
    await fillValid({ phone: '1234' });
    await page.getByLabel('위 내용에 동의합니다').check();
    await submit();
    expect(await page.locator('#f-phone-error').textContent()).toBe(
      '휴대폰 번호 형식이 올바르지 않습니다. 예: 010-1234-5678',
    );
    expect(await page.getByLabel('휴대폰 번호').getAttribute('aria-invalid')).toBe('true');
  });

  it('registers a valid form, then answers a duplicate with the same confirmation', async () => {
    await fillValid();
    await page.getByLabel('위 내용에 동의합니다').check();
    await submit();
    expect(await page.locator('h1').textContent()).toBe('사전 등록이 접수되었습니다');
    await page.close();

    await fillValid({ email: 'BROWSER@example.com', mall: 'anothermall2' });
    await page.getByLabel('위 내용에 동의합니다').check();
    await submit();
    expect(await page.locator('h1').textContent()).toBe('사전 등록이 접수되었습니다');
    const rows = await opened.store.preregistrations.list();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ mall: 'browsermall1', pains: [1], dailyOrders: 80 });
  });
});
