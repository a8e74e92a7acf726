import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox, type Sandbox } from '../../src/sandbox/start-sandbox.js';
import type { SandboxOptionsInput } from '../../src/sandbox/sandbox-options.js';

export const CLIENT_ID = 'test-client-id';
export const CLIENT_SECRET = 'test-client-secret';
export const MALL = 'test-mall';
export const REDIRECT_URI = 'http://127.0.0.1:9/cafe24/callback';
export const ALL_SCOPES = [
  'mall.read_order',
  'mall.write_order',
  'mall.read_customer',
  'mall.read_product',
  'mall.read_application',
  'mall.write_application',
];

/** A controllable clock: 2026-03-02 10:00 KST unless moved. */
export class TestClock {
  now = Date.parse('2026-03-02T10:00:00+09:00');
  readonly read = (): number => this.now;
  advance(ms: number): void {
    this.now += ms;
  }
}

export interface Harness {
  sandbox: Sandbox;
  clock: TestClock;
}

export async function startTestSandbox(options: Partial<SandboxOptionsInput> = {}): Promise<Harness> {
  const clock = new TestClock();
  const sandbox = await startSandbox({
    malls: [MALL],
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    autoApprove: true,
    seed: 42,
    clock: clock.read,
    ...options,
  });
  return { sandbox, clock };
}

export function basicAuth(id = CLIENT_ID, secret = CLIENT_SECRET): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

/** Runs authorize (auto-approved) and returns the redirect's code and state. */
export async function authorize(
  sandbox: Sandbox,
  scopes: string[] = ALL_SCOPES,
  mall = MALL,
): Promise<{ code: string; state: string }> {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    state: 'state-123',
    redirect_uri: REDIRECT_URI,
    scope: scopes.join(','),
  });
  const response = await fetch(`${sandbox.apiBase(mall)}/oauth/authorize?${query}`, { redirect: 'manual' });
  if (response.status !== 302) throw new Error(`authorize answered ${response.status}`);
  const location = new URL(response.headers.get('location') ?? '');
  return { code: location.searchParams.get('code') ?? '', state: location.searchParams.get('state') ?? '' };
}

export async function tokenRequest(
  sandbox: Sandbox,
  form: Record<string, string>,
  authorization = basicAuth(),
  mall = MALL,
): Promise<Response> {
  return fetch(`${sandbox.apiBase(mall)}/oauth/token`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
}

export interface TokenBody {
  access_token: string;
  refresh_token: string;
  expires_at: string;
  refresh_token_expires_at: string;
  issued_at: string;
  scopes: string[];
  [key: string]: unknown;
}

/** Installs the app (authorize + code exchange) and returns the token response. */
export async function install(
  sandbox: Sandbox,
  scopes: string[] = ALL_SCOPES,
  mall = MALL,
): Promise<TokenBody> {
  const { code } = await authorize(sandbox, scopes, mall);
  const response = await tokenRequest(
    sandbox,
    { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
    basicAuth(),
    mall,
  );
  if (response.status !== 200) throw new Error(`token answered ${response.status}`);
  return (await response.json()) as TokenBody;
}

/** An Admin API client bound to one token: `api('GET', '/admin/orders?limit=5')`. */
export function adminClient(sandbox: Sandbox, accessToken: string, mall = MALL) {
  return async (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${sandbox.apiBase(mall)}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        'x-cafe24-api-version': '2025-12-01',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

/** A local webhook receiver that records every JSON body it gets. */
export async function startReceiver(status = 200): Promise<{
  url: string;
  bodies: { event_no: number; resource: Record<string, unknown> }[];
  close(): Promise<void>;
}> {
  const bodies: { event_no: number; resource: Record<string, unknown> }[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      response.writeHead(status).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/cafe24?token=secret-path-token`,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
