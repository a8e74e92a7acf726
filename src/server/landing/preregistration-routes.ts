import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Store } from '../../store/open-store.js';
import { TEMPLATES } from '../../templates/index.js';
import type { LandingLang } from './landing-content.js';
import {
  renderLandingPage,
  renderPreregistrationDone,
  renderPreregistrationRateLimited,
  type LandingTemplate,
} from './landing-page.js';
import { honeypotFilled, parsePreregistrationForm } from './preregistration-form.js';
import { renderPreregistrationsAdminPage } from './preregistrations-admin-page.js';
import { preregistrationsCsv } from './preregistrations-csv.js';

/** The subset of the process logger these routes use; never given personal data. */
export interface PreregistrationLogger {
  info(details: object, message: string): void;
}

export interface PreregistrationRoutesOptions {
  store: Pick<Store, 'preregistrations'>;
  now: () => number;
  logger: PreregistrationLogger;
  /** preHandler of the operator pages: replies 401/403 itself (or throws) when the caller is no admin. */
  adminGuard: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  /** Per-IP limit of `POST /preregister`; default 10 per 10 minutes. */
  rateLimit?: { max: number; timeWindow: string | number };
  /** The template cards of the landing page shown again with form errors; default: the built-in ones. */
  templates?: (lang: LandingLang) => LandingTemplate[];
}

const langOf = (request: FastifyRequest): LandingLang =>
  (request.query as { lang?: unknown } | undefined)?.lang === 'en' ? 'en' : 'ko';

const builtInTemplates = (lang: LandingLang): LandingTemplate[] =>
  TEMPLATES.map((template) => ({
    id: template.id,
    name: template.name[lang],
    description: template.description[lang],
  }));

const html = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

/**
 * Pre-registration (issue 9), as a Fastify plugin:
 * - `POST /preregister?lang=ko|en` (form-urlencoded): invalid → 400 with the landing page again, values
 *   kept and one message per field; valid, duplicate (same e-mail or mall) and honeypot-filled posts all
 *   get the same 200 confirmation page, so nobody learns whether someone registered. Rate-limited per IP.
 * - `GET /admin/preregistrations` (HTML, personal data masked) and `GET /admin/preregistrations.csv`
 *   (UTF-8 with BOM), both behind `adminGuard`.
 * Registers @fastify/formbody and @fastify/rate-limit only when the parent did not.
 */
export async function preregistrationRoutes(
  app: FastifyInstance,
  options: PreregistrationRoutesOptions,
): Promise<void> {
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody);
  if (!app.hasDecorator('rateLimit')) await app.register(rateLimit, { global: false });
  const templates = options.templates ?? builtInTemplates;

  // Only this plugin's routes: a refused (429) form post gets a page, not the API's JSON error.
  app.setErrorHandler((error, request, reply) => {
    if ((error as { statusCode?: unknown }).statusCode === 429) {
      return html(reply, 429, renderPreregistrationRateLimited(langOf(request)));
    }
    throw error;
  });

  app.post(
    '/preregister',
    { config: { rateLimit: options.rateLimit ?? { max: 10, timeWindow: '10 minutes' } } },
    async (request, reply) => {
      const lang = langOf(request);
      if (honeypotFilled(request.body)) {
        options.logger.info({ outcome: 'honeypot' }, 'pre-registration ignored');
        return html(reply, 200, renderPreregistrationDone(lang));
      }
      const form = parsePreregistrationForm(request.body, lang);
      if (!form.ok) return html(reply, 400, renderLandingPage(lang, templates(lang), form.state));
      const result = await options.store.preregistrations.register(form.input, options.now());
      options.logger.info(
        result.ok ? { outcome: 'registered', id: result.id } : { outcome: 'duplicate' },
        'pre-registration received',
      );
      return html(reply, 200, renderPreregistrationDone(lang));
    },
  );

  app.get('/admin/preregistrations', { preHandler: options.adminGuard }, async (request, reply) => {
    const lang = langOf(request);
    const [rows, counts] = await Promise.all([
      options.store.preregistrations.list(),
      options.store.preregistrations.counts(),
    ]);
    return html(reply, 200, renderPreregistrationsAdminPage(lang, rows, counts));
  });

  app.get('/admin/preregistrations.csv', { preHandler: options.adminGuard }, async (request, reply) => {
    const rows = await options.store.preregistrations.list();
    options.logger.info({ rows: rows.length }, 'pre-registrations exported');
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="preregistrations.csv"')
      .send(preregistrationsCsv(rows, langOf(request)));
  });
}
