/**
 * The only place that knows HTTP status codes: maps thrown errors (with a stable `code` and a `kind`)
 * to the API error body `{ "error": { "code", "message", "details"? } }`.
 */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** An error raised by a route for a specific HTTP outcome. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const STATUS_BY_CODE: Record<string, number> = {
  NOT_FOUND: 404,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
};

interface CodedError {
  code?: unknown;
  kind?: unknown;
  statusCode?: unknown;
  message?: unknown;
  details?: unknown;
  validation?: unknown;
}

/** Status and body for any thrown value; unexpected errors never leak their message. */
export function toHttpError(error: unknown): { status: number; body: ApiErrorBody } {
  if (error instanceof HttpError) {
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message, details: error.details } },
    };
  }
  const coded = (typeof error === 'object' && error !== null ? error : {}) as CodedError;
  const code = typeof coded.code === 'string' ? coded.code : 'INTERNAL';
  const message = typeof coded.message === 'string' ? coded.message : 'Unexpected error';
  if (typeof coded.statusCode === 'number' && coded.statusCode >= 400 && coded.statusCode < 500) {
    // Fastify's own client errors: bad JSON, body too large, unsupported media type, rate limit.
    const status = coded.statusCode;
    const fastifyCode =
      status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST';
    return { status, body: { error: { code: fastifyCode, message } } };
  }
  const mapped = STATUS_BY_CODE[code];
  if (mapped) return { status: mapped, body: { error: { code, message, details: coded.details } } };
  if (coded.kind === 'user')
    return { status: 400, body: { error: { code, message, details: coded.details } } };
  if (coded.kind === 'operational') {
    return { status: 503, body: { error: { code, message: 'Temporarily unavailable, please retry' } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'Unexpected error' } } };
}
