import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import { startWorker, type Worker } from '../pipeline/start-worker.js';
import type { PipelineContext } from '../pipeline/pipeline-context.js';
import { startSandbox } from '../sandbox/start-sandbox.js';
import type { ConsoleBackend } from '../server/console-backend.js';
import { ensureAdminAccount } from '../server/admin-auth.js';
import { createServer } from '../server/create-server.js';
import type { NonceStore } from '../cafe24/nonce-store.js';
import { openRuntime, type Runtime } from './runtime.js';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/** The demo mall `passwing start` installs into the sandbox. */
export const DEMO_MALL = 'demo-mall';
const SANDBOX_CLIENT_ID = 'passwing-sandbox-app';

export interface LaunchOptions {
  config: Config;
  web: boolean;
  worker: boolean;
  logger?: Logger;
  /** Builds the console API; absent → the web role serves webhooks and pages only. */
  createBackend?: (ctx: PipelineContext) => ConsoleBackend;
  /** Single-use store for OAuth states and launches (default: the store's, shared by all processes). */
  nonces?: NonceStore;
  /** Sandbox malls (only when the config says to use the sandbox). */
  sandboxMalls?: string[];
  sandboxSeed?: number;
  /** Past orders each sandbox mall starts with (its history). */
  sandboxHistoryOrders?: number;
}

export interface PassWing {
  runtime: Runtime;
  /** The generated password of the local administrator, on the first start only. */
  adminPassword: string | null;
  server: FastifyInstance | null;
  worker: Worker | null;
  sandbox: Sandbox | null;
  /** Where the console/web role listens, e.g. http://127.0.0.1:3000. */
  url: string;
  webhookUrl: string;
  close(): Promise<void>;
}

/** The built console, next to the compiled or source tree: <repo>/web/dist. */
export const WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

/**
 * Starts PassWing's roles in this process: the sandbox first when the config asks for it (its
 * address becomes the Cafe24 API base), then store, queue and Cafe24 gateway, the web server and
 * the worker. The server's real port is known after listening, so with PORT=0 the public URL is
 * the bound one.
 */
export async function launchPassWing(options: LaunchOptions): Promise<PassWing> {
  const logger = options.logger ?? createLogger({ level: options.config.logLevel });
  let config = options.config;
  let sandbox: Sandbox | null = null;
  let credentials = {
    clientId: config.cafe24ClientId ?? '',
    clientSecret: config.cafe24ClientSecret ?? '',
    apiBaseUrlPattern: config.cafe24ApiBase,
  };
  if (config.useSandbox) {
    const clientSecret = randomBytes(24).toString('base64url');
    sandbox = await startSandbox({
      port: config.sandboxPort,
      malls: options.sandboxMalls ?? [DEMO_MALL],
      clientId: SANDBOX_CLIENT_ID,
      clientSecret,
      autoApprove: true,
      seed: options.sandboxSeed ?? 1,
      orders: options.sandboxHistoryOrders ?? 200,
    });
    credentials = {
      clientId: SANDBOX_CLIENT_ID,
      clientSecret,
      apiBaseUrlPattern: `${sandbox.baseUrl}/{mall_id}`,
    };
  } else if (!credentials.clientId) {
    throw new Error(
      'Cafe24 credentials are missing: set CAFE24_CLIENT_ID and CAFE24_CLIENT_SECRET, or PASSWING_SANDBOX=on',
    );
  }

  let server: FastifyInstance | null = null;
  let url = config.publicUrl;
  if (options.web && config.port === 0) {
    // Bind first to learn the port, so OAuth redirect and webhook URLs name the real address.
    const probe = (await import('node:net')).createServer();
    await new Promise<void>((resolve) => probe.listen(0, config.host, resolve));
    const address = probe.address();
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const port = typeof address === 'object' && address ? address.port : 0;
    config = Object.freeze({ ...config, port, publicUrl: `http://${config.host}:${port}` });
    url = config.publicUrl;
  }
  const runtime = await openRuntime(config, credentials, logger);
  const webhookUrl = `${config.publicUrl}/webhooks/cafe24/${runtime.webhookToken}`;
  let adminPassword: string | null = null;
  if (options.web) {
    adminPassword = await ensureAdminAccount(runtime.ctx.store, {
      ...(config.adminPassword ? { password: config.adminPassword } : {}),
      now: Date.now(),
      logger,
    });
    server = await createServer({
      ctx: runtime.ctx,
      ...(options.createBackend ? { backend: options.createBackend(runtime.ctx) } : {}),
      sessionKey: runtime.sessionKey,
      webhookToken: runtime.webhookToken,
      nonces: options.nonces ?? {
        claim: (key, expiresAt) => runtime.ctx.store.nonces.claim(key, expiresAt, Date.now()),
      },
      webDir: WEB_DIR,
    });
    await server.listen({ port: config.port, host: config.host });
  }
  const worker = options.worker ? await startWorker(runtime.ctx) : null;
  if (sandbox) {
    sandbox.setWebhookUrl(webhookUrl);
    sandbox.setAppUrl(`${config.publicUrl}/cafe24/launch`);
  }
  return {
    runtime,
    adminPassword,
    server,
    worker,
    sandbox,
    url,
    webhookUrl,
    async close() {
      await worker?.stop();
      await server?.close();
      await runtime.close();
      await sandbox?.close();
    },
  };
}

/**
 * Installs PassWing into a sandbox mall the way a merchant would: our /cafe24/install redirects to
 * Cafe24's authorize page (auto-approved by the sandbox), which redirects to our callback.
 */
export async function installThroughOAuth(passwing: Pick<PassWing, 'url'>, mallId: string): Promise<void> {
  let next = `${passwing.url}/cafe24/install?mall_id=${encodeURIComponent(mallId)}`;
  for (let hop = 0; hop < 5; hop += 1) {
    const response = await fetch(next, { redirect: 'manual' });
    await response.body?.cancel();
    const location = response.headers.get('location');
    if (response.status >= 400)
      throw new Error(`install of ${mallId} failed at ${new URL(next).pathname}: HTTP ${response.status}`);
    if (!location) return;
    next = new URL(location, next).toString();
    if (new URL(next).pathname.startsWith('/app')) return;
  }
  throw new Error(`install of ${mallId} did not finish`);
}
