import { randomBytes, timingSafeEqual } from 'node:crypto';
import { formatKstNaive } from './kst-time.js';

/** Lifetimes documented by Cafe24 (reference/cafe24-api.md §1). */
export const AUTH_CODE_TTL_MS = 60_000;
export const ACCESS_TOKEN_TTL_MS = 2 * 60 * 60 * 1000;
export const REFRESH_TOKEN_TTL_MS = 14 * 24 * 60 * 60 * 1000;

/** Every scope name Cafe24 defines (reference §1.5). */
export const KNOWN_SCOPES = new Set(
  [
    'category',
    'product',
    'collection',
    'supply',
    'personal',
    'order',
    'community',
    'customer',
    'notification',
    'store',
    'promotion',
    'design',
    'application',
    'salesreport',
    'privacy',
    'mileage',
    'shipping',
  ].flatMap((resource) => [`mall.read_${resource}`, `mall.write_${resource}`]),
);

/** Whether `granted` covers `required`; a write scope implies the read scope of the same resource. */
export function hasScope(granted: readonly string[], required: string): boolean {
  return granted.includes(required) || granted.includes(required.replace('.read_', '.write_'));
}

/** Splits an authorize `scope` parameter; commas and spaces are both in use (reference §1.1). */
export function parseScopeList(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((scope) => scope !== ''))];
}

interface AuthCode {
  mallId: string;
  redirectUri: string;
  scopes: string[];
  expiresAt: number;
}

interface IssuedToken {
  mallId: string;
  scopes: string[];
  expiresAt: number;
}

export type TokenResult =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; status: number; error: string; description: string };

export type AuthenticateResult =
  { ok: true; scopes: string[] } | { ok: false; status: 401 | 403; message: string };

function newToken(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * The authorization server of every simulated mall: 1-minute single-use codes, 2-hour access
 * tokens, 14-day rotating refresh tokens (a used refresh token is rejected), revocation.
 */
export class OAuthServer {
  private readonly codes = new Map<string, AuthCode>();
  private readonly accessTokens = new Map<string, IssuedToken>();
  private readonly refreshTokens = new Map<string, IssuedToken>();
  /** Malls whose owner removed the app: their existing tokens stop working. */
  private readonly revokedMalls = new Set<string>();

  constructor(
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly clock: () => number,
  ) {}

  /** Whether the client id/secret pair is the app's (timing-safe). */
  checkClient(clientId: string, clientSecret: string): boolean {
    const expected = Buffer.from(`${this.clientId}:${this.clientSecret}`);
    const given = Buffer.from(`${clientId}:${clientSecret}`);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  isClientId(clientId: string): boolean {
    return clientId === this.clientId;
  }

  issueCode(mallId: string, redirectUri: string, scopes: string[]): string {
    const code = newToken();
    this.codes.set(code, { mallId, redirectUri, scopes, expiresAt: this.clock() + AUTH_CODE_TTL_MS });
    this.revokedMalls.delete(mallId);
    return code;
  }

  exchangeCode(mallId: string, code: string, redirectUri: string | undefined): TokenResult {
    const entry = this.codes.get(code);
    this.codes.delete(code); // single use, whatever the outcome
    if (entry === undefined || entry.mallId !== mallId) {
      return { ok: false, status: 400, error: 'invalid_grant', description: 'Invalid authorization code' };
    }
    if (this.clock() > entry.expiresAt) {
      return { ok: false, status: 400, error: 'invalid_grant', description: 'Authorization code expired' };
    }
    if (redirectUri !== undefined && redirectUri !== entry.redirectUri) {
      return { ok: false, status: 400, error: 'invalid_grant', description: 'redirect_uri mismatch' };
    }
    return { ok: true, body: this.issueTokens(mallId, entry.scopes) };
  }

  refresh(mallId: string, refreshToken: string): TokenResult {
    const entry = this.refreshTokens.get(refreshToken);
    if (entry === undefined || entry.mallId !== mallId || this.revokedMalls.has(mallId)) {
      return { ok: false, status: 400, error: 'invalid_grant', description: 'Invalid refresh_token' };
    }
    this.refreshTokens.delete(refreshToken); // rotation: the old refresh token is dead from now on
    if (this.clock() > entry.expiresAt) {
      return { ok: false, status: 400, error: 'invalid_grant', description: 'refresh_token time expired' };
    }
    return { ok: true, body: this.issueTokens(mallId, entry.scopes) };
  }

  /** `POST /oauth/revoke`: forgets one access or refresh token. */
  revokeToken(mallId: string, token: string): void {
    for (const store of [this.accessTokens, this.refreshTokens]) {
      if (store.get(token)?.mallId === mallId) store.delete(token);
    }
  }

  /** The mall removed the app: every token of the mall is rejected from now on. */
  revokeGrant(mallId: string): void {
    this.revokedMalls.add(mallId);
    for (const store of [this.accessTokens, this.refreshTokens]) {
      for (const [token, entry] of store) if (entry.mallId === mallId) store.delete(token);
    }
  }

  /** Every access token of the mall expires now (its refresh tokens stay valid): token expiry mid-burst. */
  expireAccessTokens(mallId: string): number {
    const now = this.clock();
    let expired = 0;
    for (const entry of this.accessTokens.values()) {
      if (entry.mallId !== mallId || entry.expiresAt < now) continue;
      entry.expiresAt = now - 1;
      expired += 1;
    }
    return expired;
  }

  /** Checks a `Bearer` token for a mall (401 missing/invalid/expired). */
  authenticate(mallId: string, authorization: string | undefined): AuthenticateResult {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (match?.[1] === undefined) return { ok: false, status: 401, message: 'No access_token' };
    const entry = this.accessTokens.get(match[1]);
    if (entry === undefined || entry.mallId !== mallId) {
      return { ok: false, status: 401, message: 'Invalid access_token' };
    }
    if (this.clock() > entry.expiresAt)
      return { ok: false, status: 401, message: 'access_token time expired' };
    return { ok: true, scopes: entry.scopes };
  }

  private issueTokens(mallId: string, scopes: string[]): Record<string, unknown> {
    const now = this.clock();
    const accessToken = newToken();
    const refreshToken = newToken();
    this.accessTokens.set(accessToken, { mallId, scopes, expiresAt: now + ACCESS_TOKEN_TTL_MS });
    this.refreshTokens.set(refreshToken, { mallId, scopes, expiresAt: now + REFRESH_TOKEN_TTL_MS });
    return {
      access_token: accessToken,
      expires_at: formatKstNaive(now + ACCESS_TOKEN_TTL_MS),
      refresh_token: refreshToken,
      refresh_token_expires_at: formatKstNaive(now + REFRESH_TOKEN_TTL_MS),
      client_id: this.clientId,
      mall_id: mallId,
      user_id: mallId,
      scopes,
      issued_at: formatKstNaive(now),
      shop_no: '1',
      token_type: 'Bearer',
    };
  }
}
