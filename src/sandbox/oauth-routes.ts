import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentType, escapeHtml, readBody, redirect, sendHtml, sendJson } from './http-kit.js';
import { KNOWN_SCOPES, parseScopeList, type OAuthServer } from './oauth-server.js';

/** Where the last successful authorization of a mall redirected to (for the "앱 열기" fallback). */
export type RedirectSink = (mallId: string, redirectUri: string) => void;

interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  state: string;
  scopes: string[];
}

function oauthError(response: ServerResponse, status: number, error: string, description: string): void {
  sendJson(response, status, { error, error_description: description });
}

type ParamsResult = { ok: true; params: AuthorizeParams } | { ok: false; error: string; description: string };

function authorizeParams(oauth: OAuthServer, source: URLSearchParams): ParamsResult {
  const clientId = source.get('client_id') ?? '';
  const redirectUri = source.get('redirect_uri') ?? '';
  const state = source.get('state') ?? '';
  const scopes = parseScopeList(source.get('scope') ?? '');
  if (source.get('response_type') !== 'code') {
    return { ok: false, error: 'unsupported_response_type', description: 'response_type must be code' };
  }
  if (!oauth.isClientId(clientId))
    return { ok: false, error: 'invalid_client', description: 'Unknown client_id' };
  if (!/^https?:\/\//.test(redirectUri)) {
    return { ok: false, error: 'invalid_request', description: 'redirect_uri is required' };
  }
  if (state === '') return { ok: false, error: 'invalid_request', description: 'state is required' };
  const unknown = scopes.find((scope) => !KNOWN_SCOPES.has(scope));
  if (scopes.length === 0 || unknown !== undefined) {
    return { ok: false, error: 'invalid_scope', description: `Invalid scope ${unknown ?? '(empty)'}` };
  }
  return { ok: true, params: { clientId, redirectUri, state, scopes } };
}

function redirectWithCode(
  response: ServerResponse,
  oauth: OAuthServer,
  mallId: string,
  params: AuthorizeParams,
  onRedirect: RedirectSink,
): void {
  const code = oauth.issueCode(mallId, params.redirectUri, params.scopes);
  const target = new URL(params.redirectUri);
  target.searchParams.set('code', code);
  target.searchParams.set('state', params.state);
  onRedirect(mallId, params.redirectUri);
  redirect(response, target.toString());
}

function consentPage(mallId: string, params: AuthorizeParams): string {
  const hidden = (name: string, value: string) =>
    `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  return `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>앱 설치 동의 - ${escapeHtml(mallId)}</title>
<style>body{font-family:sans-serif;background:#f4f5f7;display:flex;justify-content:center;padding-top:60px}
.box{background:#fff;border:1px solid #d5d9de;padding:24px 32px;max-width:460px}
button{padding:8px 18px;margin-right:8px}</style></head>
<body><div class="box">
<h1>앱 설치 동의</h1>
<p><strong>${escapeHtml(mallId)}</strong> 쇼핑몰 운영자로 로그인되어 있습니다 (샌드박스).</p>
<p>앱이 다음 권한을 요청합니다:</p>
<ul>${params.scopes.map((scope) => `<li>${escapeHtml(scope)}</li>`).join('')}</ul>
<form method="post">
${hidden('response_type', 'code')}${hidden('client_id', params.clientId)}${hidden('redirect_uri', params.redirectUri)}
${hidden('state', params.state)}${hidden('scope', params.scopes.join(','))}
<button type="submit" name="decision" value="approve">동의하고 설치</button>
<button type="submit" name="decision" value="deny">취소</button>
</form></div></body></html>
`;
}

/** `GET|POST /{mall}/api/v2/oauth/authorize`: consent page (or immediate redirect), then code + state. */
export async function handleAuthorize(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  context: { mallId: string; oauth: OAuthServer; autoApprove: boolean; onRedirect: RedirectSink },
): Promise<void> {
  const source = request.method === 'POST' ? new URLSearchParams(await readBody(request)) : url.searchParams;
  const parsed = authorizeParams(context.oauth, source);
  if (!parsed.ok) {
    oauthError(response, 400, parsed.error, parsed.description);
    return;
  }
  if (request.method === 'POST') {
    if (source.get('decision') !== 'approve') {
      const target = new URL(parsed.params.redirectUri);
      target.searchParams.set('error', 'access_denied');
      target.searchParams.set('state', parsed.params.state);
      redirect(response, target.toString());
      return;
    }
    redirectWithCode(response, context.oauth, context.mallId, parsed.params, context.onRedirect);
    return;
  }
  if (context.autoApprove) {
    redirectWithCode(response, context.oauth, context.mallId, parsed.params, context.onRedirect);
    return;
  }
  sendHtml(response, 200, consentPage(context.mallId, parsed.params));
}

/** Client credentials from `Authorization: Basic …`, else from the form (docs-new alternative). */
function clientCredentials(
  request: IncomingMessage,
  form: URLSearchParams,
): { id: string; secret: string } | null {
  const match = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (match?.[1] !== undefined) {
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? null : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  }
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  return id !== null && secret !== null ? { id, secret } : null;
}

async function readForm(request: IncomingMessage, response: ServerResponse): Promise<URLSearchParams | null> {
  if (contentType(request) !== 'application/x-www-form-urlencoded') {
    oauthError(response, 400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
    return null;
  }
  return new URLSearchParams(await readBody(request));
}

/** `POST /{mall}/api/v2/oauth/token` for `authorization_code` and `refresh_token`. */
export async function handleToken(
  request: IncomingMessage,
  response: ServerResponse,
  context: { mallId: string; oauth: OAuthServer },
): Promise<void> {
  const form = await readForm(request, response);
  if (form === null) return;
  const client = clientCredentials(request, form);
  if (client === null || !context.oauth.checkClient(client.id, client.secret)) {
    oauthError(response, 401, 'invalid_client', 'Client authentication failed');
    return;
  }
  const grantType = form.get('grant_type');
  let result;
  if (grantType === 'authorization_code') {
    result = context.oauth.exchangeCode(
      context.mallId,
      form.get('code') ?? '',
      form.get('redirect_uri') ?? undefined,
    );
  } else if (grantType === 'refresh_token') {
    result = context.oauth.refresh(context.mallId, form.get('refresh_token') ?? '');
  } else {
    oauthError(
      response,
      400,
      'unsupported_grant_type',
      'grant_type must be authorization_code or refresh_token',
    );
    return;
  }
  if (result.ok) sendJson(response, 200, result.body, { 'cache-control': 'no-store' });
  else oauthError(response, result.status, result.error, result.description);
}

/** `POST /{mall}/api/v2/oauth/revoke`. */
export async function handleRevoke(
  request: IncomingMessage,
  response: ServerResponse,
  context: { mallId: string; oauth: OAuthServer },
): Promise<void> {
  const form = await readForm(request, response);
  if (form === null) return;
  const client = clientCredentials(request, form);
  if (client === null || !context.oauth.checkClient(client.id, client.secret)) {
    oauthError(response, 401, 'invalid_client', 'Client authentication failed');
    return;
  }
  context.oauth.revokeToken(context.mallId, form.get('token') ?? '');
  sendJson(response, 200, {});
}
