import { expect } from 'vitest';
import type { Harness } from '../pipeline/passwing-harness.js';

/** A merchant console session of one mall: the cookie and the CSRF token to send back. */
export interface ConsoleSession {
  cookie: string;
  csrfToken: string;
}

/** A response as the fuzz suites judge it. */
export interface FuzzResponse {
  status: number;
  body: unknown;
}

/**
 * Signs in as the mall's operator the way Cafe24 does it: the sandbox's signed launch URL on our
 * /cafe24/launch (redirect not followed), then GET /api/session for the CSRF token.
 */
export async function signInMerchant(harness: Harness, mallId: string): Promise<ConsoleSession> {
  const { passwing } = harness;
  if (!passwing.sandbox || !passwing.server) throw new Error('harness without sandbox or web role');
  const launch = await fetch(passwing.sandbox.launchUrl(mallId, `${passwing.url}/cafe24/launch`), {
    redirect: 'manual',
  });
  await launch.body?.cancel();
  const setCookie = launch.headers.get('set-cookie');
  if (launch.status !== 302 || !setCookie) throw new Error(`launch of ${mallId} answered ${launch.status}`);
  const cookie = setCookie.split(';')[0] ?? '';
  const session = await passwing.server.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
  const csrfToken = (session.json() as { csrfToken?: unknown }).csrfToken;
  if (typeof csrfToken !== 'string') throw new Error(`GET /api/session answered ${session.statusCode}`);
  return { cookie, csrfToken };
}

/** Sends a request through Fastify's inject (no network), raw payload as given. */
export async function injectRaw(
  harness: Harness,
  request: {
    method: 'GET' | 'POST' | 'PUT';
    url: string;
    payload?: string | Buffer;
    contentType?: string;
    session?: ConsoleSession;
  },
): Promise<FuzzResponse> {
  const server = harness.passwing.server;
  if (!server) throw new Error('harness without web role');
  const headers: Record<string, string> = {};
  if (request.contentType !== undefined) headers['content-type'] = request.contentType;
  if (request.session) {
    headers.cookie = request.session.cookie;
    headers['x-csrf-token'] = request.session.csrfToken;
  }
  const response = await server.inject({
    method: request.method,
    url: request.url,
    headers,
    ...(request.payload === undefined ? {} : { payload: request.payload }),
  });
  let body: unknown = response.body;
  try {
    body = JSON.parse(response.body);
  } catch {
    // Not JSON: kept as text; the error-body check then fails with the text in view.
  }
  return { status: response.statusCode, body };
}

/** Asserts a refusal carries the API error body `{ error: { code, message } }`. */
export function expectErrorBody(response: FuzzResponse): void {
  const error = (response.body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  expect(typeof error?.code, JSON.stringify(response.body)).toBe('string');
  expect(typeof error?.message, JSON.stringify(response.body)).toBe('string');
}

/** Asserts a 4xx-only answer; field-issue paths when the console refused the body (400). */
export function expectClientErrorOrOk(response: FuzzResponse, allowed: readonly number[]): void {
  expect(allowed, `status ${response.status}: ${JSON.stringify(response.body)}`).toContain(response.status);
  if (response.status >= 400) expectErrorBody(response);
}
