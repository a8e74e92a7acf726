import type { IncomingMessage, ServerResponse } from 'node:http';
import { matchRoute } from './admin-routes.js';
import type { FaultPlan } from './fault-plan.js';
import { BodyTooLargeError, contentType, readBody, sendApiError, sendJson } from './http-kit.js';
import type { LeakyBucket } from './leaky-bucket.js';
import { hasScope, type OAuthServer } from './oauth-server.js';
import type { SimulatedMall } from './simulated-mall.js';
import type { WebhookPayload } from './webhook-payloads.js';

/** Usage quota (reference §3, numbers UNCONFIRMED): 3,000 calls per 10 minutes per mall. */
const QUOTA_CALLS = 3000;
const QUOTA_WINDOW_MS = 10 * 60 * 1000;
/** Simulated processing time charged per call against a 600 s budget. */
const QUOTA_SECONDS = 600;
const SECONDS_PER_CALL = 0.05;

/** Per-mall counters reported by `Sandbox.stats`. */
export interface MallStats {
  /** Every Admin API request received, whatever its outcome. */
  calls: number;
  status401: number;
  status403: number;
  status429: number;
  /** Of status429: answered during a storm (`rateLimitStorm`), not caused by this client's own pace. */
  stormRejected: number;
  status5xx: number;
  timeouts: number;
  /** `GET /admin/orders` → count; unmatched paths count under `METHOD (unknown)`. */
  callsByEndpoint: Record<string, number>;
}

export function emptyStats(): MallStats {
  return {
    calls: 0,
    status401: 0,
    status403: 0,
    status429: 0,
    stormRejected: 0,
    status5xx: 0,
    timeouts: 0,
    callsByEndpoint: {},
  };
}

export interface MallRuntime {
  mall: SimulatedMall;
  bucket: LeakyBucket;
  stats: MallStats;
  quota: { windowStart: number; calls: number };
  /** Until this time every authenticated call is answered 429 with a full bucket (another app's storm). */
  stormUntil: number;
}

export interface GatewayDeps {
  oauth: OAuthServer;
  faults: FaultPlan;
  clock: () => number;
  clientId: string;
  apiBase: string;
  emit(mall: SimulatedMall, payload: WebhookPayload): void;
  /** Holds a "timeout" call; resolves early when the sandbox closes. */
  hang(ms: number): Promise<void>;
}

function quotaHeaders(
  runtime: MallRuntime,
  now: number,
): { headers: Record<string, string>; exhausted: boolean } {
  if (now - runtime.quota.windowStart >= QUOTA_WINDOW_MS) runtime.quota = { windowStart: now, calls: 0 };
  const callUsage = (runtime.quota.calls / QUOTA_CALLS) * 100;
  const timeUsage = ((runtime.quota.calls * SECONDS_PER_CALL) / QUOTA_SECONDS) * 100;
  const headers: Record<string, string> = {
    'x-cafe24-call-usage': callUsage.toFixed(2),
    'x-cafe24-time-usage': timeUsage.toFixed(2),
  };
  const exhausted = callUsage >= 100;
  if (exhausted) {
    headers['x-cafe24-call-remain'] = String(
      Math.ceil((runtime.quota.windowStart + QUOTA_WINDOW_MS - now) / 1000),
    );
  }
  return { headers, exhausted };
}

/**
 * One Admin API request, in Cafe24's order of checks: token (401), leaky bucket (429, with
 * `X-Api-Call-Limit` on every response), usage quota, injected faults (5xx, timeout → 504),
 * route (404), scope (403), body (400/422), then the handler.
 */
export async function handleAdmin(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  subPath: string,
  runtime: MallRuntime,
  deps: GatewayDeps,
): Promise<void> {
  const method = request.method ?? 'GET';
  const stats = runtime.stats;
  const matched = matchRoute(method, subPath);
  const endpoint = matched?.route.endpoint ?? `${method} (unknown)`;
  stats.calls += 1;
  stats.callsByEndpoint[endpoint] = (stats.callsByEndpoint[endpoint] ?? 0) + 1;

  const auth = deps.oauth.authenticate(runtime.mall.mallId, request.headers.authorization);
  if (!auth.ok) {
    stats.status401 += 1;
    sendApiError(response, auth.status, auth.message, { 'x-api-call-limit': `${runtime.bucket.used()}/40` });
    return;
  }
  const now = deps.clock();
  if (now < runtime.stormUntil) {
    stats.status429 += 1;
    stats.stormRejected += 1;
    sendApiError(response, 429, 'Too Many Requests', { 'x-api-call-limit': '40/40' });
    return;
  }
  const decision = runtime.bucket.take();
  const headers: Record<string, string> = { 'x-api-call-limit': `${decision.used}/${decision.capacity}` };
  if (!decision.allowed) {
    stats.status429 += 1;
    sendApiError(response, 429, 'Too Many Requests', headers);
    return;
  }
  runtime.quota.calls += 1;
  const quota = quotaHeaders(runtime, now);
  Object.assign(headers, quota.headers);
  if (quota.exhausted) {
    stats.status429 += 1;
    sendApiError(response, 429, 'API usage limit exceeded', headers);
    return;
  }
  const fault = deps.faults.nextApiFault();
  if (fault === 'http5xx') {
    stats.status5xx += 1;
    sendApiError(response, 503, 'Service Unavailable (injected fault)', headers);
    return;
  }
  if (fault === 'timeout') {
    stats.timeouts += 1;
    await deps.hang(deps.faults.spec.hang);
    if (!response.destroyed) sendApiError(response, 504, 'Gateway Timeout (injected fault)', headers);
    return;
  }
  if (matched === null) {
    sendApiError(response, 404, `No API found: ${method} ${subPath}`, headers);
    return;
  }
  const { route, params } = matched;
  if (!hasScope(auth.scopes, route.scope)) {
    stats.status403 += 1;
    sendApiError(response, 403, `Insufficient scope: ${route.scope} is required`, headers);
    return;
  }
  let body: unknown;
  if (method === 'POST' || method === 'PUT') {
    if (contentType(request) !== 'application/json') {
      sendApiError(response, 400, 'Content-Type must be application/json', headers);
      return;
    }
    try {
      body = JSON.parse(await readBody(request));
    } catch (error) {
      const status = error instanceof BodyTooLargeError ? 413 : 400;
      sendApiError(
        response,
        status,
        status === 413 ? 'Request body too large' : 'Malformed JSON body',
        headers,
      );
      return;
    }
  }
  const result = route.handle(
    {
      mall: runtime.mall,
      query: url.searchParams,
      body,
      now,
      clientId: deps.clientId,
      scopes: auth.scopes,
      apiBase: deps.apiBase,
      emit: (payload) => deps.emit(runtime.mall, payload),
    },
    params,
  );
  sendJson(response, result.status, result.body, headers);
}
