import { existsSync } from 'node:fs';
import { timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { verifyAppLaunch } from '../cafe24/app-launch.js';
import { MallId } from '../cafe24/cafe24-config.js';
import { ORDER_EVENTS_QUEUE, type OrderEventJob } from '../pipeline/order-event-job.js';
import { registerAdminLogin, requireAdmin } from './admin-auth.js';
import { preregistrationRoutes } from './landing/preregistration-routes.js';
import { registerOperatorRequests } from './operator-requests.js';
import type { NonceStore } from '../cafe24/nonce-store.js';
import { createWebhookIntake } from '../pipeline/intake-webhook.js';
import { completeInstall, orderCompleteScript, startInstall } from '../pipeline/install-mall.js';
import type { PipelineContext } from '../pipeline/pipeline-context.js';
import { TEMPLATES } from '../templates/index.js';
import type { ConsoleBackend } from './console-backend.js';
import { consoleOpenApi, consoleRoutes } from './console-routes.js';
import { HttpError, toHttpError } from './http-errors.js';
import { renderLandingPage } from './landing/landing-page.js';
import {
  SESSION_COOKIE,
  SESSION_HOURS,
  decodeSession,
  encodeSession,
  newSession,
  type Session,
} from './session-cookie.js';

export interface ServerOptions {
  ctx: PipelineContext;
  /** The console API; absent for a process that only takes webhooks (and in pipeline tests). */
  backend?: ConsoleBackend;
  /** Signs console session cookies. */
  sessionKey: Buffer;
  /** The secret path segment of the Cafe24 webhook URL. */
  webhookToken: string;
  /** Single use of OAuth states and app-launch signatures. */
  nonces: NonceStore;
  /** Built console (web/dist); absent in tests that do not need it. */
  webDir?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The full session (role, user name) behind `request.session`. */
    fullSession?: Session;
  }
}

const sameSecret = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * The HTTP side of PassWing: public landing page, Cafe24 install / launch / webhooks / beacon,
 * health and metrics, and the authenticated console API + app. Error bodies are
 * `{ "error": { code, message, details? } }` everywhere.
 */
export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
  const { ctx } = options;
  const app = Fastify({
    logger: false,
    bodyLimit: 256 * 1024,
    trustProxy: ctx.config.trustProxy,
    // Router-level refusals (malformed URL, a path segment over maxParamLength → 414) bypass the
    // error handler; without this they answer Fastify's own body instead of the API error body.
    frameworkErrors: (error, _request, reply) => {
      const { status, body } = toHttpError(error);
      void (reply as FastifyReply).code(status).send(body);
    },
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'self'", 'https://*.cafe24.com'],
        formAction: ["'self'"],
      },
    },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  await app.register(cookie);
  await app.register(formbody);
  await app.register(rateLimit, { global: false });

  app.setErrorHandler((error, request, reply) => {
    const { status, body } = toHttpError(error);
    if (status >= 500) ctx.logger.error({ err: error, url: request.routeOptions.url }, 'request failed');
    void reply.code(status).send(body);
  });
  app.setNotFoundHandler((_request, reply) => {
    void reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'No such page or endpoint' } });
  });

  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.publicUrl.startsWith('https://'),
    maxAge: SESSION_HOURS * 3600,
  };
  const signIn = (reply: FastifyReply, session: Session) =>
    reply.setCookie(SESSION_COOKIE, encodeSession(session, options.sessionKey), cookieOptions);

  app.addHook('onRequest', async (request) => {
    const session = decodeSession(request.cookies[SESSION_COOKIE], options.sessionKey, ctx.now());
    if (session) request.fullSession = session;
  });

  // ---- public ----
  app.get('/', async (request, reply) => {
    const lang = (request.query as { lang?: string }).lang === 'en' ? 'en' : 'ko';
    const templates = TEMPLATES.map((template) => ({
      id: template.id,
      name: template.name[lang],
      description: template.description[lang],
    }));
    return reply.type('text/html; charset=utf-8').send(renderLandingPage(lang, templates));
  });
  registerAdminLogin(app, { store: ctx.store, now: ctx.now, signIn });
  registerOperatorRequests(app, { store: ctx.store, now: ctx.now, adminGuard: requireAdmin });
  await app.register(preregistrationRoutes, {
    store: ctx.store,
    now: ctx.now,
    logger: ctx.logger,
    adminGuard: requireAdmin,
  });

  app.get('/healthz', async () => ({ ok: true }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await ctx.store.malls.get('__readiness__');
      await ctx.queue.counts();
      return { ok: true };
    } catch (error) {
      ctx.logger.warn({ err: error }, 'not ready');
      return reply.code(503).send({ error: { code: 'NOT_READY', message: 'Database or queue unavailable' } });
    }
  });
  app.get('/metrics', async (_request, reply) =>
    reply.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics()),
  );

  // Cafe24 delivers every mall's webhooks from a few sender addresses: the per-IP limit must carry an
  // event-day flood (issue 5: 500 req/s) — 3,000 a minute answered 429 after six seconds of it. It
  // sits above what group-committed intake sustains (issue 8: ≥ 0.3 of a bare route, thousands a
  // second), so it only stops a sender far beyond any real delivery rate, never a flood we could take.
  const webhookLimit = { rateLimit: { max: 600_000, timeWindow: '1 minute' } };
  // Concurrent webhooks share one inbox commit and one enqueue. Fastify closes the server (letting
  // requests in flight finish) before onClose hooks run, so nothing is waiting when this one does.
  const intake = createWebhookIntake(ctx);
  app.addHook('onClose', () => intake.close());
  app.post<{ Params: { token: string } }>(
    '/webhooks/cafe24/:token',
    // No helmet headers: they guard documents in browsers, and computing them per request (CSP
    // directives are re-parsed each time) cost this route about 40% of its throughput.
    { bodyLimit: 64 * 1024, config: webhookLimit, helmet: false },
    async (request, reply) => {
      if (!sameSecret(request.params.token, options.webhookToken))
        throw new HttpError(404, 'NOT_FOUND', 'Unknown webhook');
      const allowList = ctx.config.webhookIpAllowList;
      if (allowList && allowList.length > 0 && !allowList.includes(request.ip)) {
        throw new HttpError(403, 'FORBIDDEN', 'Sender not allowed');
      }
      const result = await intake.accept(request.body);
      if (!result.ok) throw new HttpError(400, result.error.code, result.error.message);
      return reply.send({ ok: true, outcome: result.outcome });
    },
  );

  app.get<{ Querystring: { mall_id?: string } }>(
    '/cafe24/install',
    { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const mallId = request.query.mall_id;
      if (!mallId || !/^[a-z0-9][a-z0-9_-]{0,63}$/i.test(mallId)) {
        throw new HttpError(400, 'BAD_REQUEST', 'mall_id is required (the Cafe24 mall id)');
      }
      return reply.redirect(startInstall(ctx, mallId));
    },
  );

  app.get<{ Querystring: { code?: string; state?: string; error?: string } }>(
    '/cafe24/callback',
    { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const { code, state } = request.query;
      if (!code || !state) throw new HttpError(400, 'BAD_REQUEST', 'code and state are required');
      const result = await completeInstall(ctx, { code, state, nonces: options.nonces });
      if (!result.ok)
        throw new HttpError(
          400,
          'INVALID_STATE',
          `The install link is not valid (${result.detail}); start again from Cafe24`,
        );
      signIn(
        reply,
        newSession({ mallId: result.mallId, userId: 'installer', userName: '', role: 'merchant' }, ctx.now()),
      );
      return reply.redirect('/app/');
    },
  );

  app.get(
    '/cafe24/launch',
    { config: { rateLimit: { max: 120, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const rawQuery = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
      const verified = await verifyAppLaunch(rawQuery, {
        clientSecret: ctx.cafe24.config.clientSecret,
        now: ctx.now(),
        nonceStore: options.nonces,
      });
      if (!verified.ok) throw new HttpError(401, 'UNAUTHORIZED', `App launch refused (${verified.error})`);
      const { launch } = verified;
      const [mall, credentials] = await Promise.all([
        ctx.store.malls.get(launch.mallId),
        ctx.store.credentials.get(launch.mallId),
      ]);
      if (!mall || mall.state !== 'installed' || !credentials) {
        return reply.redirect(`/cafe24/install?mall_id=${encodeURIComponent(launch.mallId)}`);
      }
      signIn(
        reply,
        newSession(
          { mallId: launch.mallId, userId: launch.userId, userName: launch.userName, role: 'merchant' },
          ctx.now(),
        ),
      );
      return reply.redirect('/app/');
    },
  );

  const MallQuery = z.object({ mall_id: MallId });
  app.get('/beacon/order-complete.js', async (request, reply) => {
    const query = MallQuery.safeParse(request.query);
    if (!query.success) throw new HttpError(400, 'BAD_REQUEST', 'mall_id is required');
    return reply
      .type('application/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(orderCompleteScript(ctx, query.data.mall_id));
  });
  // The storefront beacon (sendBeacon, text/plain): the buyer's IP for an order just placed. The order
  // is re-fetched from Cafe24 by the worker, and the IP is used only if the order is recent.
  app.addContentTypeParser('text/plain', { parseAs: 'string', bodyLimit: 1024 }, (_request, body, done) =>
    done(null, body),
  );
  const BeaconBody = z.object({ order_id: z.string().regex(/^\d{8}-\d{7}$/) });
  app.post(
    '/beacon/order-complete',
    { bodyLimit: 1024, config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const query = MallQuery.safeParse(request.query);
      let raw: unknown = request.body;
      if (typeof raw === 'string') {
        try {
          raw = JSON.parse(raw);
        } catch {
          raw = null;
        }
      }
      const body = BeaconBody.safeParse(raw);
      if (!query.success || !body.success)
        throw new HttpError(400, 'BAD_REQUEST', 'mall_id and order_id are required');
      const mall = await ctx.store.malls.get(query.data.mall_id);
      if (!mall || mall.state !== 'installed') return reply.code(202).send({ ok: true });
      const job: OrderEventJob = {
        mallId: mall.mallId,
        orderId: body.data.order_id,
        trigger: 'order.changed',
        source: 'beacon',
        receivedAt: ctx.now(),
        clientIp: request.ip,
      };
      await ctx.queue.enqueue(ORDER_EVENTS_QUEUE, job, {
        singletonKey: `${mall.mallId}:${job.orderId}:beacon`,
      });
      return reply.code(202).send({ ok: true });
    },
  );

  app.post('/api/logout', async (_request, reply) => {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });
  app.get('/api/openapi.json', async () => consoleOpenApi());

  // ---- console ----
  const backend = options.backend;
  if (backend) {
    await app.register(async (consoleScope) => {
      consoleScope.addHook('onRequest', async (request: FastifyRequest) => {
        const session = request.fullSession;
        if (!session) return; // console-routes answers 401
        if (request.method !== 'GET' && request.method !== 'HEAD') {
          const token = request.headers['x-csrf-token'];
          if (typeof token !== 'string' || !sameSecret(token, session.csrfToken)) {
            throw new HttpError(403, 'CSRF', 'Missing or wrong CSRF token');
          }
        }
        request.session = {
          mallId: session.mallId,
          userId: session.userId,
          userName: session.userName,
          csrfToken: session.csrfToken,
        };
      });
      await consoleRoutes(consoleScope, { backend });
    });
  }

  if (options.webDir && existsSync(options.webDir)) {
    await app.register(fastifyStatic, { root: options.webDir, prefix: '/app/', index: 'index.html' });
    app.get('/app', async (_request, reply) => reply.redirect('/app/'));
  }
  return app;
}
