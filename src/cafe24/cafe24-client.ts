import type { z } from 'zod';
import { apiBaseFor, type Cafe24Config } from './cafe24-config.js';
import { systemClock, type Clock } from './clock.js';
import type { Cafe24Error } from './errors.js';
import { Cafe24ApiError, Cafe24ResponseError, Cafe24TransportError } from './errors.js';
import { Cafe24Metrics } from './cafe24-metrics.js';
import type { FetchFn } from './oauth.js';
import { LeakyBucketLimiter, type RateLimiter } from './rate-limiter.js';
import { readRateLimitHints, retryDelayMs, type BackoffOptions } from './retry-policy.js';
import type { AccessTokenSource } from './token-manager.js';

/** The subset of a pino logger the transport uses. Only method, path (no query), status, attempt. */
export interface Cafe24Logger {
  debug(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;

export interface Cafe24Request<T> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path under the API origin, e.g. `/api/v2/admin/orders`. Segments must already be encoded. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Parses the JSON body of a 2xx answer (an empty body is parsed as `{}`). */
  schema: z.ZodType<T>;
  /**
   * Whether repeating the request is harmless. Non-idempotent requests (memo POST) are retried only
   * when Cafe24 certainly did not process them (429), never after a timeout or 5xx.
   */
  idempotent?: boolean;
  /** Statuses to hand back as `null` instead of throwing (e.g. 404 on an idempotent DELETE). */
  acceptStatuses?: readonly number[];
}

export interface Cafe24ClientOptions {
  mallId: string;
  config: Pick<Cafe24Config, 'apiBaseUrlPattern' | 'apiVersion'>;
  tokens: AccessTokenSource;
  rateLimiter?: RateLimiter;
  metrics?: Cafe24Metrics;
  logger?: Cafe24Logger;
  fetchFn?: FetchFn;
  clock?: Clock;
  backoff?: BackoffOptions;
  /** Per-attempt timeout (default 20 s). */
  timeoutMs?: number;
  /** Attempts after the first for 429/5xx/timeouts (default 8). */
  maxRetries?: number;
  /** Multi-shop number sent with writes and reads (default 1). */
  shopNo?: number;
}

const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

/**
 * One mall's Cafe24 Admin API transport over fetch: per-mall leaky bucket, pinned API version,
 * jittered retries of 429/5xx/timeouts honouring Cafe24's quota headers, one token refresh on 401,
 * zod-parsed answers, typed errors. Never logs tokens, query strings or bodies.
 */
export class Cafe24Client {
  readonly mallId: string;
  readonly shopNo: number;
  readonly metrics: Cafe24Metrics;
  private readonly base: string;
  private readonly limiter: RateLimiter;
  private readonly clock: Clock;
  private readonly fetchFn: FetchFn;

  constructor(private readonly options: Cafe24ClientOptions) {
    this.mallId = options.mallId;
    this.shopNo = options.shopNo ?? 1;
    this.base = apiBaseFor(options.config, options.mallId);
    this.clock = options.clock ?? systemClock;
    this.limiter = options.rateLimiter ?? new LeakyBucketLimiter({ clock: this.clock });
    this.metrics = options.metrics ?? new Cafe24Metrics();
    this.fetchFn = options.fetchFn ?? fetch;
  }

  get<T>(path: string, query: Record<string, QueryValue>, schema: z.ZodType<T>): Promise<T> {
    return this.request({ method: 'GET', path, query: { shop_no: this.shopNo, ...query }, schema });
  }

  /** Sends the request; resolves with the parsed body (or null for an accepted status). */
  async request<T>(request: Cafe24Request<T> & { acceptStatuses: readonly number[] }): Promise<T | null>;
  async request<T>(request: Cafe24Request<T>): Promise<T>;
  async request<T>(request: Cafe24Request<T>): Promise<T | null> {
    try {
      return await this.attempt(request);
    } catch (error) {
      this.metrics.increment(this.mallId, 'failures');
      throw error;
    }
  }

  private async attempt<T>(request: Cafe24Request<T>): Promise<T | null> {
    const { method, path } = request;
    const url = this.urlOf(path, request.query);
    const idempotent = request.idempotent ?? method !== 'POST';
    const maxRetries = this.options.maxRetries ?? 8;
    let refreshedAfter401 = false;
    for (let attempt = 0; ; attempt += 1) {
      await this.limiter.acquire(this.mallId);
      const token = await this.options.tokens.accessToken(this.mallId);
      this.metrics.increment(this.mallId, 'calls');
      let response: Response;
      try {
        response = await this.send(url, method, token, request.body);
      } catch (cause) {
        const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
        if (timedOut) this.metrics.increment(this.mallId, 'timeouts');
        if (!idempotent || attempt >= maxRetries) {
          throw new Cafe24TransportError(
            `Cafe24 ${method} ${path} ${timedOut ? 'timed out' : 'failed'} after ${attempt + 1} attempt(s)`,
            { cause },
          );
        }
        await this.backOff(attempt, null, { method, path, status: timedOut ? 'timeout' : 'network' });
        continue;
      }
      const hints = readRateLimitHints(response.headers);
      if (hints.callLimit) this.limiter.observe(this.mallId, hints.callLimit.used, hints.callLimit.capacity);
      if (hints.quotaRemainMs !== null) this.limiter.pause(this.mallId, hints.quotaRemainMs);

      if (response.ok) return this.parse(response, request);
      if (request.acceptStatuses?.includes(response.status)) {
        await response.body?.cancel();
        return null;
      }
      if (response.status === 401 && !refreshedAfter401) {
        await response.body?.cancel();
        refreshedAfter401 = true;
        this.metrics.increment(this.mallId, 'retries');
        await this.options.tokens.refreshAfterRejection(this.mallId, token);
        continue;
      }
      if (response.status === 429) this.metrics.increment(this.mallId, 'throttled');
      const retryable =
        RETRYABLE_STATUSES.has(response.status) &&
        (idempotent || response.status === 429) &&
        attempt < maxRetries;
      if (!retryable) throw await this.apiErrorOf(response, method, path);
      await response.body?.cancel();
      if (response.status === 429 && hints.quotaRemainMs === null) {
        // Bucket full: let the mirrored bucket drain a little before anyone sends again.
        this.limiter.pause(this.mallId, retryDelayMs(0, null, this.options.backoff));
      }
      await this.backOff(attempt, hints.quotaRemainMs, { method, path, status: response.status });
    }
  }

  private async send(url: string, method: string, token: string, body: unknown): Promise<Response> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      'X-Cafe24-Api-Version': this.options.config.apiVersion,
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return this.fetchFn(url, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 20_000),
    });
  }

  private async backOff(
    attempt: number,
    quotaRemainMs: number | null,
    context: { method: string; path: string; status: number | string },
  ): Promise<void> {
    this.metrics.increment(this.mallId, 'retries');
    const delay = retryDelayMs(attempt, quotaRemainMs, this.options.backoff);
    this.options.logger?.warn(
      { mallId: this.mallId, ...context, attempt: attempt + 1, delayMs: Math.round(delay) },
      'cafe24 call retried',
    );
    await this.clock.sleep(delay);
  }

  private async parse<T>(response: Response, request: Cafe24Request<T>): Promise<T> {
    const text = await response.text();
    let json: unknown;
    try {
      json = text.trim() === '' ? {} : JSON.parse(text);
    } catch (cause) {
      throw new Cafe24ResponseError(`Cafe24 ${request.method} ${request.path} answered non-JSON`, { cause });
    }
    const parsed = request.schema.safeParse(json);
    if (!parsed.success) {
      throw new Cafe24ResponseError(`Cafe24 ${request.method} ${request.path} answered an unexpected shape`, {
        cause: parsed.error,
      });
    }
    this.options.logger?.debug(
      { mallId: this.mallId, method: request.method, path: request.path, status: response.status },
      'cafe24 call',
    );
    return parsed.data;
  }

  private async apiErrorOf(response: Response, method: string, path: string): Promise<Cafe24Error> {
    const body: unknown = await response.json().catch(() => null);
    const error =
      body && typeof body === 'object' && 'error' in body && body.error && typeof body.error === 'object'
        ? (body.error as { code?: unknown; message?: unknown })
        : null;
    return new Cafe24ApiError({
      status: response.status,
      cafe24Code: error?.code === undefined || error.code === null ? null : String(error.code),
      cafe24Message: typeof error?.message === 'string' ? error.message : null,
      method,
      path,
    });
  }

  private urlOf(path: string, query: Record<string, QueryValue> | undefined): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      params.set(key, Array.isArray(value) ? value.join(',') : String(value));
    }
    const search = params.toString();
    return `${this.base}${path}${search ? `?${search}` : ''}`;
  }
}
