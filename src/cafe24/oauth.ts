import { z } from 'zod';
import { apiBaseFor, type Cafe24Config } from './cafe24-config.js';
import { Cafe24OAuthError, Cafe24ResponseError, Cafe24TransportError } from './errors.js';
import { parseKstTimestamp } from './kst-time.js';

/** The tokens of one mall as PassWing keeps them (times in epoch ms). The store persists this shape. */
export const Cafe24Tokens = z.object({
  mallId: z.string(),
  accessToken: z.string().min(1),
  accessTokenExpiresAt: z.number(),
  refreshToken: z.string().min(1),
  refreshTokenExpiresAt: z.number(),
  issuedAt: z.number(),
  scopes: z.array(z.string()),
  userId: z.string().nullable(),
  shopNo: z.number().int(),
});
export type Cafe24Tokens = z.infer<typeof Cafe24Tokens>;

const kstTime = z.string().transform((text, ctx) => {
  const ms = parseKstTimestamp(text);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: 'not a Cafe24 timestamp' });
    return z.NEVER;
  }
  return ms;
});

/** The token endpoint's JSON (reference §1.2): KST times without offset, `shop_no` as a string. */
const TokenResponse = z.object({
  access_token: z.string().min(1),
  expires_at: kstTime,
  refresh_token: z.string().min(1),
  refresh_token_expires_at: kstTime,
  mall_id: z.string(),
  user_id: z.string().nullish(),
  scopes: z.array(z.string()).default([]),
  issued_at: kstTime,
  shop_no: z.coerce.number().int().default(1),
});

const OAuthErrorBody = z.union([
  z.object({ error: z.string() }),
  z.object({ error: z.object({ code: z.union([z.string(), z.number()]) }) }),
]);

export type FetchFn = typeof fetch;

/** What every token-endpoint call needs. `fetchFn` defaults to the global fetch. */
export interface OAuthCallOptions {
  config: Pick<Cafe24Config, 'clientId' | 'clientSecret' | 'apiBaseUrlPattern' | 'redirectUri'>;
  mallId: string;
  fetchFn?: FetchFn;
  timeoutMs?: number;
}

/** The browser URL that asks the merchant to grant PassWing access (reference §1.1). */
export function buildAuthorizeUrl(args: {
  mallId: string;
  clientId: string;
  redirectUri: string;
  scopes: readonly string[];
  state: string;
  apiBaseUrlPattern?: string;
  scopeSeparator?: ',' | ' ';
}): string {
  const base = apiBaseFor(
    { apiBaseUrlPattern: args.apiBaseUrlPattern ?? 'https://{mall_id}.cafe24api.com' },
    args.mallId,
  );
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: args.clientId,
    state: args.state,
    redirect_uri: args.redirectUri,
    scope: args.scopes.join(args.scopeSeparator ?? ','),
  });
  return `${base}/api/v2/oauth/authorize?${query.toString()}`;
}

async function postForm(
  options: OAuthCallOptions,
  path: string,
  form: Record<string, string>,
): Promise<Response> {
  const { config, mallId } = options;
  const basic = Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64');
  try {
    return await (options.fetchFn ?? fetch)(`${apiBaseFor(config, mallId)}${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${basic}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
      },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (cause) {
    throw new Cafe24TransportError(`Cafe24 OAuth ${path} for mall ${mallId} failed before an answer`, {
      cause,
    });
  }
}

async function oauthErrorOf(response: Response): Promise<Cafe24OAuthError> {
  const body: unknown = await response.json().catch(() => null);
  const parsed = OAuthErrorBody.safeParse(body);
  const code = !parsed.success
    ? null
    : typeof parsed.data.error === 'string'
      ? parsed.data.error
      : String(parsed.data.error.code);
  return new Cafe24OAuthError(response.status, code);
}

async function tokensFrom(response: Response, mallId: string): Promise<Cafe24Tokens> {
  if (!response.ok) throw await oauthErrorOf(response);
  const parsed = TokenResponse.safeParse(await response.json().catch(() => null));
  if (!parsed.success) {
    throw new Cafe24ResponseError(`Cafe24 token response for mall ${mallId} is malformed`, {
      cause: parsed.error,
    });
  }
  const t = parsed.data;
  return {
    mallId: t.mall_id || mallId,
    accessToken: t.access_token,
    accessTokenExpiresAt: t.expires_at,
    refreshToken: t.refresh_token,
    refreshTokenExpiresAt: t.refresh_token_expires_at,
    issuedAt: t.issued_at,
    scopes: t.scopes,
    userId: t.user_id ?? null,
    shopNo: t.shop_no,
  };
}

/** Trades the authorization code (valid 1 minute) for tokens. Basic auth, form-encoded. */
export async function exchangeCode(options: OAuthCallOptions & { code: string }): Promise<Cafe24Tokens> {
  const response = await postForm(options, '/api/v2/oauth/token', {
    grant_type: 'authorization_code',
    code: options.code,
    redirect_uri: options.config.redirectUri,
  });
  return tokensFrom(response, options.mallId);
}

/**
 * Trades a refresh token for a new pair. The old refresh token stops working as soon as Cafe24
 * answers, so the caller must persist the result before anything else (see TokenManager).
 * Throws Cafe24OAuthError with oauthError 'invalid_grant' (kind 'user') when the grant is gone.
 */
export async function refreshTokens(
  options: OAuthCallOptions & { refreshToken: string },
): Promise<Cafe24Tokens> {
  const response = await postForm(options, '/api/v2/oauth/token', {
    grant_type: 'refresh_token',
    refresh_token: options.refreshToken,
  });
  return tokensFrom(response, options.mallId);
}

/** Revokes a token (on uninstall). Resolves when Cafe24 answers 2xx. */
export async function revokeToken(
  options: OAuthCallOptions & { token: string; tokenHint?: 'access_token' | 'refresh_token' },
): Promise<void> {
  const response = await postForm(options, '/api/v2/oauth/revoke', {
    token: options.token,
    token_hint: options.tokenHint ?? 'refresh_token',
  });
  if (!response.ok) throw await oauthErrorOf(response);
}
