import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowDetail, SessionResponse } from '../../src/server/api-contract.js';
import { ConsoleRequestError } from '../../src/server/console-backend.js';
import type { ConsoleActor, ConsoleBackend } from '../../src/server/console-backend.js';
import { consoleOpenApi, consoleRoutes } from '../../src/server/console-routes.js';

/** A backend double: the given methods, every other one fails the test when called. */
function backendWith(methods: Partial<ConsoleBackend>): ConsoleBackend {
  return new Proxy(methods, {
    get: (target, name: string) =>
      target[name as keyof ConsoleBackend] ??
      (() => {
        throw new Error(`unexpected backend call ${name}`);
      }),
  }) as ConsoleBackend;
}

/** Stands in for the lead's auth hook: the `x-test-mall` header signs in as that mall. */
async function appWith(backend: ConsoleBackend): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.addHook('onRequest', async (request) => {
    const mall = request.headers['x-test-mall'];
    if (typeof mall === 'string') request.session = { mallId: mall, userId: 'user-1', csrfToken: 't' };
  });
  await app.register(consoleRoutes, { backend });
  await app.ready();
  return app;
}

const session: SessionResponse = {
  mall: { id: 'demo-mall', shopNo: 1, name: '데모몰' },
  user: { id: 'user-1', name: '운영자', role: 'owner' },
  plan: { state: 'trial', until: null },
  lang: 'ko',
  csrfToken: 't',
};

const flowDetail: FlowDetail = {
  flow: {
    id: 'f1',
    name: '고액 주문',
    enabled: true,
    priority: 100,
    triggers: ['order.created'],
    version: 2,
    rules: [],
  },
  current: {
    version: 2,
    changeNote: '기준 변경',
    createdAt: '2026-01-01T00:00:00+09:00',
    createdBy: 'user-1',
  },
};

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('consoleRoutes', () => {
  it('refuses a request without a session with 401 and the error body', async () => {
    app = await appWith(backendWith({}));
    const response = await app.inject({ method: 'GET', url: '/api/session' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ error: { code: 'unauthenticated', message: 'Sign in first.' } });
  });

  it('passes the session mall and user to the backend', async () => {
    const seen: ConsoleActor[] = [];
    app = await appWith(
      backendWith({
        getSession: async (actor) => {
          seen.push(actor);
          return session;
        },
      }),
    );
    const response = await app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { 'x-test-mall': 'mall-b' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(session);
    expect(seen).toEqual([{ mallId: 'mall-b', userId: 'user-1' }]);
  });

  it('names the operator as the sign-in named them, not by their user id', async () => {
    const named = Fastify({ logger: false });
    named.addHook('onRequest', async (request) => {
      request.session = { mallId: 'mall-b', userId: 'user-1', userName: '김운영', csrfToken: 't' };
    });
    await named.register(consoleRoutes, { backend: backendWith({ getSession: async () => session }) });
    app = named;
    const response = await named.inject({ method: 'GET', url: '/api/session' });
    expect((response.json() as SessionResponse).user).toEqual({ ...session.user, name: '김운영' });
  });

  it('coerces query strings and applies defaults', async () => {
    const days: number[] = [];
    app = await appWith(
      backendWith({
        getDashboard: async (_actor, query) => {
          days.push(query.days);
          throw new ConsoleRequestError('not_found', 'stop here');
        },
      }),
    );
    await app.inject({ method: 'GET', url: '/api/dashboard?days=14', headers: { 'x-test-mall': 'm' } });
    await app.inject({ method: 'GET', url: '/api/dashboard', headers: { 'x-test-mall': 'm' } });
    expect(days).toEqual([14, 7]);
  });

  it('answers 400 with the field paths of a bad query', async () => {
    app = await appWith(backendWith({}));
    const response = await app.inject({
      method: 'GET',
      url: '/api/dashboard?days=365',
      headers: { 'x-test-mall': 'm' },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json() as { error: { code: string; details: { issues: { path: unknown[] }[] } } };
    expect(body.error.code).toBe('bad_request');
    expect(body.error.details.issues.map((issue) => issue.path)).toEqual([['query', 'days']]);
  });

  it('refuses saving a flow version without a change note, naming the field', async () => {
    app = await appWith(backendWith({}));
    const response = await app.inject({
      method: 'PUT',
      url: '/api/flows/f1',
      headers: { 'x-test-mall': 'm' },
      payload: { flow: { name: 'x', rules: [] }, baseVersion: 1, changeNote: '  ' },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json() as { error: { details: { issues: { path: unknown[] }[] } } };
    expect(body.error.details.issues.map((issue) => issue.path)).toContainEqual(['body', 'changeNote']);
  });

  it('saves a new flow version with the parsed body and defaults filled in', async () => {
    const calls: unknown[] = [];
    app = await appWith(
      backendWith({
        updateFlow: async (_actor, flowId, body) => {
          calls.push({ flowId, body });
          return flowDetail;
        },
      }),
    );
    const response = await app.inject({
      method: 'PUT',
      url: '/api/flows/f1',
      headers: { 'x-test-mall': 'm' },
      payload: { flow: { name: '고액 주문', rules: [] }, baseVersion: 1, changeNote: '기준 변경' },
    });
    expect(response.statusCode).toBe(200);
    expect(calls).toEqual([
      {
        flowId: 'f1',
        body: {
          flow: {
            name: '고액 주문',
            rules: [],
            enabled: true,
            priority: 100,
            triggers: ['order.created', 'order.paid', 'order.changed', 'manual'],
          },
          baseVersion: 1,
          changeNote: '기준 변경',
        },
      },
    ]);
  });

  it('maps backend refusals to their status with code and details', async () => {
    app = await appWith(
      backendWith({
        getFlow: async () => {
          throw new ConsoleRequestError('not_found', 'No such flow.');
        },
        createFlow: async () => {
          throw new ConsoleRequestError('flow_invalid', 'Invalid flow.', { issues: [{ path: ['rules'] }] });
        },
      }),
    );
    const missing = await app.inject({
      method: 'GET',
      url: '/api/flows/nope',
      headers: { 'x-test-mall': 'm' },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'not_found', message: 'No such flow.' } });
    const invalid = await app.inject({
      method: 'POST',
      url: '/api/flows',
      headers: { 'x-test-mall': 'm' },
      payload: { flow: { name: 'x', rules: [] } },
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json()).toEqual({
      error: { code: 'flow_invalid', message: 'Invalid flow.', details: { issues: [{ path: ['rules'] }] } },
    });
  });

  it('hides internals of unexpected failures and answers 503 for operational ones', async () => {
    app = await appWith(
      backendWith({
        listFlows: async () => {
          throw new Error('database password is hunter2');
        },
        listTemplates: async () => {
          throw Object.assign(new Error('pool exhausted'), { kind: 'operational', code: 'db_busy' });
        },
      }),
    );
    const unexpected = await app.inject({
      method: 'GET',
      url: '/api/flows',
      headers: { 'x-test-mall': 'm' },
    });
    expect(unexpected.statusCode).toBe(500);
    expect(unexpected.body).not.toContain('hunter2');
    const operational = await app.inject({
      method: 'GET',
      url: '/api/templates',
      headers: { 'x-test-mall': 'm' },
    });
    expect(operational.statusCode).toBe(503);
  });

  it('hands even a malformed draft to the engine validation and returns its issues', async () => {
    const seen: unknown[] = [];
    app = await appWith(
      backendWith({
        validateFlow: async (_actor, candidate) => {
          seen.push(candidate);
          return {
            ok: false,
            issues: [
              { path: 'rules[0].when.kind', code: 'shape', message: { ko: '형식 오류', en: 'Bad shape' } },
            ],
          };
        },
      }),
    );
    const draft = { name: 'x', rules: [{ id: 'r1', name: 'r', when: { kind: 'nope' }, then: [] }] };
    const response = await app.inject({
      method: 'POST',
      url: '/api/flows/validate',
      headers: { 'x-test-mall': 'm' },
      payload: { flow: draft },
    });
    expect(response.statusCode).toBe(200);
    expect(seen).toEqual([draft]);
    expect((response.json() as { issues: { path: string }[] }).issues[0]?.path).toBe('rules[0].when.kind');
  });

  it('refuses a backfill whose period ends before it starts', async () => {
    app = await appWith(backendWith({}));
    const response = await app.inject({
      method: 'POST',
      url: '/api/backfills',
      headers: { 'x-test-mall': 'm' },
      payload: { mode: 'dryRun', from: '2026-03-10', to: '2026-03-01' },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json() as { error: { details: { issues: { path: unknown[] }[] } } };
    expect(body.error.details.issues.map((issue) => issue.path)).toEqual([['body', 'to']]);
  });
});

describe('consoleOpenApi', () => {
  type Operation = { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } };

  it('documents every registered endpoint, with path parameters in OpenAPI form', async () => {
    const registered: string[] = [];
    const app = Fastify({ logger: false });
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        if (method !== 'HEAD') registered.push(`${method} ${route.url.replace(/:(\w+)/g, '{$1}')}`);
      }
    });
    await app.register(consoleRoutes, { backend: backendWith({}) });
    await app.ready();
    await app.close();
    const paths = consoleOpenApi().paths as Record<string, Record<string, unknown>>;
    const documented = Object.entries(paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(registered.sort());
    expect(documented).toContain('PUT /api/flows/{id}');
  });

  it('documents request bodies from the same schemas the routes parse with', () => {
    const paths = consoleOpenApi().paths as Record<string, Record<string, Operation>>;
    const save = paths['/api/flows/{id}']?.put?.requestBody?.content['application/json']?.schema;
    expect(save?.required).toEqual(expect.arrayContaining(['flow', 'baseVersion', 'changeNote']));
  });
});
