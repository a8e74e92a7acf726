/**
 * Thrown failures of the Cafe24 adapter. Expected outcomes (a bad launch HMAC, a replayed state, a
 * malformed webhook) are returned values instead. Every class carries a stable `code`, a `kind`
 * (operational = retry later, user = needs a person, unexpected = a bug or a contract change) and the
 * underlying `cause`. Messages never contain tokens or personal data.
 */
export type Cafe24ErrorKind = 'user' | 'operational' | 'unexpected';

export abstract class Cafe24Error extends Error {
  abstract readonly code: string;
  abstract readonly kind: Cafe24ErrorKind;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A non-retryable Cafe24 API answer (4xx other than 401/429, or retries exhausted on 429/5xx). */
export class Cafe24ApiError extends Cafe24Error {
  readonly code = 'CAFE24_API_ERROR';
  readonly kind: Cafe24ErrorKind;
  /** HTTP status Cafe24 answered with. */
  readonly status: number;
  /** Cafe24's own `error.code` (a string or number in the body), null when the body had none. */
  readonly cafe24Code: string | null;
  readonly cafe24Message: string | null;
  readonly method: string;
  /** Path without query string (queries may hold member ids or phone numbers). */
  readonly path: string;

  constructor(args: {
    status: number;
    cafe24Code: string | null;
    cafe24Message: string | null;
    method: string;
    path: string;
    cause?: unknown;
  }) {
    super(
      `Cafe24 ${args.method} ${args.path} answered ${args.status}` +
        (args.cafe24Code ? ` (${args.cafe24Code}: ${args.cafe24Message ?? ''})` : ''),
      { cause: args.cause },
    );
    this.status = args.status;
    this.cafe24Code = args.cafe24Code;
    this.cafe24Message = args.cafe24Message;
    this.method = args.method;
    this.path = args.path;
    // 429/5xx that survive every retry are still transient; 403 (scope missing, app deleted) needs
    // the merchant; any other 4xx is a request we built wrongly.
    this.kind =
      args.status === 429 || args.status >= 500 ? 'operational' : args.status === 403 ? 'user' : 'unexpected';
  }
}

/** Network failure or timeout that survived every retry. */
export class Cafe24TransportError extends Cafe24Error {
  readonly code = 'CAFE24_TRANSPORT_ERROR';
  readonly kind = 'operational' as const;
}

/** A Cafe24 response that does not match the documented shape. */
export class Cafe24ResponseError extends Cafe24Error {
  readonly code = 'CAFE24_RESPONSE_INVALID';
  readonly kind = 'unexpected' as const;
}

/** The grant is gone (refresh token expired/revoked, app removed): the merchant must reconnect. */
export class Cafe24ReconnectNeededError extends Cafe24Error {
  readonly code = 'CAFE24_RECONNECT_NEEDED';
  readonly kind = 'user' as const;
  readonly mallId: string;

  constructor(mallId: string, options?: { cause?: unknown }) {
    super(`Cafe24 grant for mall ${mallId} is no longer valid; the merchant must reconnect the app`, options);
    this.mallId = mallId;
  }
}

/** The OAuth token endpoint refused a request for a reason other than an invalid grant. */
export class Cafe24OAuthError extends Cafe24Error {
  readonly code = 'CAFE24_OAUTH_ERROR';
  readonly kind: Cafe24ErrorKind;
  readonly status: number;
  readonly oauthError: string | null;

  constructor(status: number, oauthError: string | null, options?: { cause?: unknown }) {
    super(`Cafe24 OAuth endpoint answered ${status}${oauthError ? ` (${oauthError})` : ''}`, options);
    this.status = status;
    this.oauthError = oauthError;
    // invalid_grant: the code or refresh token is expired, used or revoked; only a person fixes that.
    this.kind =
      status === 429 || status >= 500
        ? 'operational'
        : oauthError === 'invalid_grant'
          ? 'user'
          : 'unexpected';
  }
}

/** A caller asked for something Cafe24 cannot serve (e.g. an order window longer than 3 months). */
export class Cafe24UsageError extends Cafe24Error {
  readonly code = 'CAFE24_USAGE_ERROR';
  readonly kind = 'unexpected' as const;
}
