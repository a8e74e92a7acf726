import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  ApiError,
  AuditQuery,
  BackfillRequest,
  CreateFlowRequest,
  CreateRequestRequest,
  DashboardQuery,
  FlowDiffQuery,
  GiftsQuery,
  IdParams,
  InstallTemplateRequest,
  MarkGiftRequest,
  ProductNoParams,
  ProductsQuery,
  RecentOrdersQuery,
  ReorderFlowsRequest,
  RollbackFlowRequest,
  RunsQuery,
  SaveChannelsRequest,
  SaveClosedDaysRequest,
  SaveLabelNamesRequest,
  SaveRegionOverridesRequest,
  SaveRetentionRequest,
  SetFlowEnabledRequest,
  SetLangRequest,
  SetProductTagsRequest,
  SimulateRequest,
  TemplatePreviewRequest,
  UpdateFlowRequest,
  ValidateFlowRequest,
  AuditResponse,
  BackfillListResponse,
  BackfillStatus,
  DashboardResponse,
  FactsResponse,
  FailedJobsResponse,
  FlowDetail,
  FlowDiffResponse,
  FlowListResponse,
  FlowVersionsResponse,
  GiftEntry,
  GiftsResponse,
  OkResponse,
  ProductRow,
  ProductsResponse,
  RecentOrdersResponse,
  RequestItem,
  RequestsResponse,
  RunDetail,
  RunsResponse,
  SessionResponse,
  SettingsResponse,
  SimulateResponse,
  TemplatePreviewResponse,
  TemplatesResponse,
  TestSendResponse,
  ValidateFlowResponse,
} from './api-contract.js';
import type { FieldIssue } from './api-contract.js';
import { CONSOLE_ERROR_STATUS, ConsoleRequestError } from './console-backend.js';
import type { ConsoleActor, ConsoleBackend } from './console-backend.js';

/** What the lead's auth hook puts on every authenticated console request. */
export interface ConsoleSession {
  mallId: string;
  userId: string;
  /** The operator's display name when the sign-in knows it (Cafe24 app launch `user_name`). */
  userName?: string;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook for signed-in requests; absent otherwise (→ 401 here). */
    session?: ConsoleSession;
  }
}

export interface ConsoleRoutesOptions {
  backend: ConsoleBackend;
}

const Empty = z.looseObject({});

/** One endpoint: how its inputs are parsed, what it answers and a one-line summary (OpenAPI). */
interface RouteSpec<P, Q, B> {
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  response: z.ZodType;
  summary: string;
}

type Method = 'GET' | 'POST' | 'PUT';

interface RouteInput<P, Q, B> {
  actor: ConsoleActor;
  /** The session's CSRF token (handed to the console by `GET /api/session`). */
  csrfToken: string;
  /** The operator's display name from the sign-in, or undefined when it gave none. */
  userName: string | undefined;
  params: P;
  query: Q;
  body: B;
}

/** Receives every endpoint of the console API: registers it with Fastify or documents it. */
type Route = <P = unknown, Q = unknown, B = unknown>(
  method: Method,
  url: string,
  spec: RouteSpec<P, Q, B>,
  run: (input: RouteInput<P, Q, B>) => Promise<unknown>,
) => void;

const errorBody = (code: string, message: string, details?: unknown): z.infer<typeof ApiError> => ({
  error: details === undefined ? { code, message } : { code, message, details },
});

const fieldIssues = (where: string, error: z.ZodError): FieldIssue[] =>
  error.issues.map((issue) => ({
    path: [where, ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))],
    message: issue.message,
  }));

/**
 * Thrown values → HTTP. Only ConsoleRequestError carries a message meant for the user; other
 * failures are logged and answered without internals.
 */
function sendFailure(request: FastifyRequest, reply: FastifyReply, failure: unknown): FastifyReply {
  if (failure instanceof ConsoleRequestError) {
    return reply
      .code(CONSOLE_ERROR_STATUS[failure.code])
      .send(errorBody(failure.code, failure.message, failure.details));
  }
  request.log.error({ err: failure }, 'console request failed');
  const operational =
    typeof failure === 'object' && failure !== null && (failure as { kind?: unknown }).kind === 'operational';
  return operational
    ? reply.code(503).send(errorBody('unavailable', 'Temporarily unavailable, please retry.'))
    : reply.code(500).send(errorBody('internal', 'Unexpected error.'));
}

/**
 * Registers the console API under `/api/`. Mall and user come from `request.session` (the auth hook
 * authenticates and enforces CSRF before these handlers run); every input is parsed with the
 * api-contract schemas and refused with 400 and field paths when it does not fit.
 */
export async function consoleRoutes(app: FastifyInstance, options: ConsoleRoutesOptions): Promise<void> {
  defineConsoleApi(options.backend, (method, url, spec, run) => {
    app.route({
      method,
      url,
      handler: async (request, reply) => {
        const session = request.session;
        if (!session) return reply.code(401).send(errorBody('unauthenticated', 'Sign in first.'));
        const issues: FieldIssue[] = [];
        const parse = <T>(where: string, schema: z.ZodType<T> | undefined, value: unknown): T => {
          const result = (schema ?? Empty).safeParse(value ?? {});
          if (!result.success) issues.push(...fieldIssues(where, result.error));
          return result.data as T;
        };
        const params = parse('params', spec.params, request.params);
        const query = parse('query', spec.query, request.query);
        const body = parse('body', spec.body, request.body);
        if (issues.length > 0) {
          return reply.code(400).send(errorBody('bad_request', 'The request is not valid.', { issues }));
        }
        try {
          const actor = { mallId: session.mallId, userId: session.userId };
          const csrfToken = session.csrfToken;
          const userName = session.userName?.trim() || undefined;
          return reply.send(await run({ csrfToken, userName, actor, params, query, body }));
        } catch (failure) {
          return sendFailure(request, reply, failure);
        }
      },
    });
  });
}

const jsonSchema = (type: z.ZodType, io: 'input' | 'output'): Record<string, unknown> =>
  z.toJSONSchema(type, { io, unrepresentable: 'any' }) as Record<string, unknown>;

const propertiesOf = (type: z.ZodType | undefined): Record<string, unknown> =>
  type ? ((jsonSchema(type, 'input').properties as Record<string, unknown> | undefined) ?? {}) : {};

/**
 * The console API as an OpenAPI 3.1 document, generated from the same zod schemas the routes parse
 * with (serve it, e.g., at `/api/openapi.json`).
 */
export function consoleOpenApi(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const json = (schema: unknown) => ({ 'application/json': { schema } });
  const refusal = { description: 'Error body', content: json(jsonSchema(ApiError, 'output')) };
  // Describing the endpoints never calls their handlers, so no backend is needed.
  defineConsoleApi({} as ConsoleBackend, (method, url, spec) => {
    const parameters = [
      ...Object.keys(propertiesOf(spec.params)).map((name) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...Object.entries(propertiesOf(spec.query)).map(([name, schema]) => ({ name, in: 'query', schema })),
    ];
    const path = url.replace(/:(\w+)/g, '{$1}');
    paths[path] = {
      ...paths[path],
      [method.toLowerCase()]: {
        summary: spec.summary,
        ...(parameters.length > 0 ? { parameters } : {}),
        ...(spec.body
          ? { requestBody: { required: true, content: json(jsonSchema(spec.body, 'input')) } }
          : {}),
        responses: {
          200: { description: 'OK', content: json(jsonSchema(spec.response, 'output')) },
          400: refusal,
          401: refusal,
          default: refusal,
        },
      },
    };
  });
  return {
    openapi: '3.1.0',
    info: { title: 'PassWing console API', version: '1' },
    components: {
      securitySchemes: { csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' } },
    },
    paths,
  };
}

/** Every endpoint of the console API with its handler, in one table. */
function defineConsoleApi(backend: ConsoleBackend, route: Route): void {
  route(
    'GET',
    '/api/session',
    { response: SessionResponse, summary: 'Session: mall, user, plan, language and the CSRF token' },
    async ({ actor, csrfToken, userName }) => {
      const session = await backend.getSession(actor);
      // The backend knows users by id only; the sign-in knows the name people recognise.
      return { ...session, user: { ...session.user, name: userName ?? session.user.name }, csrfToken };
    },
  );
  route(
    'PUT',
    '/api/session/lang',
    { body: SetLangRequest, response: OkResponse, summary: 'Remember the console language' },
    ({ actor, body }) => backend.setLanguage(actor, body.lang),
  );
  route(
    'GET',
    '/api/dashboard',
    { query: DashboardQuery, response: DashboardResponse, summary: 'Dashboard figures and chart series' },
    ({ actor, query }) => backend.getDashboard(actor, query),
  );
  route(
    'GET',
    '/api/facts',
    {
      response: FactsResponse,
      summary: 'Fact catalogue, customer grades, labels and channels for the rule builder',
    },
    ({ actor }) => backend.getFacts(actor),
  );

  route(
    'GET',
    '/api/flows',
    { response: FlowListResponse, summary: 'PassFlows in priority order' },
    ({ actor }) => backend.listFlows(actor),
  );
  route(
    'POST',
    '/api/flows',
    { body: CreateFlowRequest, response: FlowDetail, summary: 'Create a PassFlow (validated by the engine)' },
    ({ actor, body }) => backend.createFlow(actor, body),
  );
  route(
    'POST',
    '/api/flows/validate',
    { body: ValidateFlowRequest, response: ValidateFlowResponse, summary: 'Engine validation of a draft' },
    ({ actor, body }) => backend.validateFlow(actor, body.flow),
  );
  route(
    'POST',
    '/api/flows/reorder',
    { body: ReorderFlowsRequest, response: FlowListResponse, summary: 'Set the priority order' },
    ({ actor, body }) => backend.reorderFlows(actor, body),
  );
  route(
    'GET',
    '/api/flows/:id',
    { params: IdParams, response: FlowDetail, summary: 'A PassFlow at its current version' },
    ({ actor, params }) => backend.getFlow(actor, params.id),
  );
  route(
    'PUT',
    '/api/flows/:id',
    {
      params: IdParams,
      body: UpdateFlowRequest,
      response: FlowDetail,
      summary: 'Save a new version with a change note',
    },
    ({ actor, params, body }) => backend.updateFlow(actor, params.id, body),
  );
  route(
    'POST',
    '/api/flows/:id/enabled',
    { params: IdParams, body: SetFlowEnabledRequest, response: FlowDetail, summary: 'Enable or disable' },
    ({ actor, params, body }) => backend.setFlowEnabled(actor, params.id, body),
  );
  route(
    'GET',
    '/api/flows/:id/versions',
    { params: IdParams, response: FlowVersionsResponse, summary: 'Version history' },
    ({ actor, params }) => backend.listFlowVersions(actor, params.id),
  );
  route(
    'GET',
    '/api/flows/:id/diff',
    {
      params: IdParams,
      query: FlowDiffQuery,
      response: FlowDiffResponse,
      summary: 'Two versions to compare',
    },
    ({ actor, params, query }) => backend.diffFlowVersions(actor, params.id, query),
  );
  route(
    'POST',
    '/api/flows/:id/rollback',
    {
      params: IdParams,
      body: RollbackFlowRequest,
      response: FlowDetail,
      summary: 'Save an earlier version as the newest',
    },
    ({ actor, params, body }) => backend.rollbackFlow(actor, params.id, body),
  );

  route(
    'GET',
    '/api/templates',
    { response: TemplatesResponse, summary: 'Templates and example recipes' },
    ({ actor }) => backend.listTemplates(actor),
  );
  route(
    'POST',
    '/api/templates/:id/preview',
    {
      params: IdParams,
      body: TemplatePreviewRequest,
      response: TemplatePreviewResponse,
      summary: 'How many recent orders would match',
    },
    ({ actor, params, body }) => backend.previewTemplate(actor, params.id, body),
  );
  route(
    'POST',
    '/api/templates/:id/install',
    {
      params: IdParams,
      body: InstallTemplateRequest,
      response: FlowDetail,
      summary: 'Install a template as a PassFlow',
    },
    ({ actor, params, body }) => backend.installTemplate(actor, params.id, body),
  );

  route(
    'GET',
    '/api/orders/recent',
    { query: RecentOrdersQuery, response: RecentOrdersResponse, summary: 'Recent orders to simulate with' },
    ({ actor, query }) => backend.recentOrders(actor, query),
  );
  route(
    'POST',
    '/api/simulate',
    {
      body: SimulateRequest,
      response: SimulateResponse,
      summary: 'Evaluate a flow on an order or sample facts, with explanation',
    },
    ({ actor, body }) => backend.simulate(actor, body),
  );

  route(
    'GET',
    '/api/backfills',
    { response: BackfillListResponse, summary: 'Recent backfills and dry-runs' },
    ({ actor }) => backend.listBackfills(actor),
  );
  route(
    'POST',
    '/api/backfills',
    { body: BackfillRequest, response: BackfillStatus, summary: 'Start a backfill or dry-run' },
    ({ actor, body }) => backend.startBackfill(actor, body),
  );
  route(
    'GET',
    '/api/backfills/:id',
    { params: IdParams, response: BackfillStatus, summary: 'Progress and per-label report' },
    ({ actor, params }) => backend.getBackfill(actor, params.id),
  );
  route(
    'POST',
    '/api/backfills/:id/pause',
    { params: IdParams, response: BackfillStatus, summary: 'Pause' },
    ({ actor, params }) => backend.pauseBackfill(actor, params.id),
  );
  route(
    'POST',
    '/api/backfills/:id/resume',
    { params: IdParams, response: BackfillStatus, summary: 'Resume' },
    ({ actor, params }) => backend.resumeBackfill(actor, params.id),
  );

  route(
    'GET',
    '/api/runs',
    { query: RunsQuery, response: RunsResponse, summary: 'Search runs' },
    ({ actor, query }) => backend.listRuns(actor, query),
  );
  route(
    'GET',
    '/api/runs/:id',
    { params: IdParams, response: RunDetail, summary: 'One run: facts, trace, actions, timeline' },
    ({ actor, params }) => backend.getRun(actor, params.id),
  );

  route('GET', '/api/settings', { response: SettingsResponse, summary: 'All settings' }, ({ actor }) =>
    backend.getSettings(actor),
  );
  route(
    'PUT',
    '/api/settings/channels',
    { body: SaveChannelsRequest, response: SettingsResponse, summary: 'Save notification channels' },
    ({ actor, body }) => backend.saveChannels(actor, body),
  );
  route(
    'POST',
    '/api/settings/channels/:id/test',
    { params: IdParams, response: TestSendResponse, summary: 'Send a test notification' },
    ({ actor, params }) => backend.testChannel(actor, params.id),
  );
  route(
    'PUT',
    '/api/settings/region-overrides',
    { body: SaveRegionOverridesRequest, response: SettingsResponse, summary: 'Save zip range overrides' },
    ({ actor, body }) => backend.saveRegionOverrides(actor, body),
  );
  route(
    'PUT',
    '/api/settings/closed-days',
    { body: SaveClosedDaysRequest, response: SettingsResponse, summary: 'Save closed days' },
    ({ actor, body }) => backend.saveClosedDays(actor, body),
  );
  route(
    'PUT',
    '/api/settings/label-names',
    { body: SaveLabelNamesRequest, response: SettingsResponse, summary: 'Save label names' },
    ({ actor, body }) => backend.saveLabelNames(actor, body),
  );
  route(
    'PUT',
    '/api/settings/retention',
    { body: SaveRetentionRequest, response: SettingsResponse, summary: 'Save the personal data retention' },
    ({ actor, body }) => backend.saveRetention(actor, body),
  );

  route(
    'GET',
    '/api/products',
    { query: ProductsQuery, response: ProductsResponse, summary: 'Catalogue search with tags' },
    ({ actor, query }) => backend.listProducts(actor, query),
  );
  route(
    'PUT',
    '/api/products/:no/tags',
    {
      params: ProductNoParams,
      body: SetProductTagsRequest,
      response: ProductRow,
      summary: 'Set the tags of a product',
    },
    ({ actor, params, body }) => backend.setProductTags(actor, params.no, body.tags),
  );

  route(
    'GET',
    '/api/gifts',
    { query: GiftsQuery, response: GiftsResponse, summary: 'Gift checklist' },
    ({ actor, query }) => backend.listGifts(actor, query),
  );
  route(
    'POST',
    '/api/gifts/:id/handed',
    { params: IdParams, body: MarkGiftRequest, response: GiftEntry, summary: 'Mark a gift handed (or not)' },
    ({ actor, params, body }) => backend.markGift(actor, params.id, body.handed),
  );

  route(
    'GET',
    '/api/jobs/failed',
    { response: FailedJobsResponse, summary: 'Failed and dead-letter jobs' },
    ({ actor }) => backend.listFailedJobs(actor),
  );
  route(
    'POST',
    '/api/jobs/:id/retry',
    { params: IdParams, response: OkResponse, summary: 'Retry a failed job' },
    ({ actor, params }) => backend.retryJob(actor, params.id),
  );

  route(
    'GET',
    '/api/audit',
    { query: AuditQuery, response: AuditResponse, summary: 'Audit log' },
    ({ actor, query }) => backend.listAudit(actor, query),
  );

  route(
    'GET',
    '/api/requests',
    { response: RequestsResponse, summary: 'Feedback and automation requests of the mall' },
    ({ actor }) => backend.listRequests(actor),
  );
  route(
    'POST',
    '/api/requests',
    { body: CreateRequestRequest, response: RequestItem, summary: 'Send feedback or an automation request' },
    ({ actor, body }) => backend.createRequest(actor, body),
  );
}
