import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { emptyStats, handleAdmin, type MallRuntime, type MallStats } from './admin-gateway.js';
import { signedLaunchUrl } from './app-launch.js';
import { FaultPlan, parseFaultSpec } from './fault-plan.js';
import { sendApiError, sendHtml, sendJson } from './http-kit.js';
import { LeakyBucket } from './leaky-bucket.js';
import type { ReceiverRecord, WebhookLogRecord } from './mall-records.js';
import { OAuthServer } from './oauth-server.js';
import { handleAuthorize, handleRevoke, handleToken } from './oauth-routes.js';
import { OrderGenerator, populateMall, type GenerateOrderOptions } from './order-generator.js';
import { orderListHtml, orderListRows } from './order-list-page.js';
import { SandboxError } from './sandbox-error.js';
import { silentLogger, type SandboxLogger } from './sandbox-logger.js';
import { SandboxOptions, type SandboxOptionsInput } from './sandbox-options.js';
import { SeededRandom } from './seeded-random.js';
import { SimulatedMall, type LabelChange } from './simulated-mall.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import {
  addressChangedPayload,
  appDeletedPayload,
  bulkEventPayload,
  orderEventPayload,
  stockChangedPayload,
  type BulkEventNo,
} from './webhook-payloads.js';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Bulk status changes and the webhook each one emits (90071–90074). */
export const BULK_CHANGES = { ship: 90071, cancel: 90072, refund: 90073, return: 90074 } as const;
export type BulkChange = keyof typeof BULK_CHANGES;

export type { GenerateOrderOptions } from './order-generator.js';
export type { MallStats } from './admin-gateway.js';
export type { LabelChange } from './simulated-mall.js';

/** A running Cafe24 simulator (see DESIGN.md, issue 4). All mall-scoped calls throw for unknown malls. */
export interface Sandbox {
  /** `http://127.0.0.1:PORT`. */
  readonly baseUrl: string;
  /** `${baseUrl}/${mallId}/api/v2` — stands for `https://{mallId}.cafe24api.com/api/v2`. */
  apiBase(mallId: string): string;
  close(): Promise<void>;
  setWebhookUrl(url: string | null): void;
  /** Where the order list's "앱 열기" link points. */
  setAppUrl(url: string | null): void;
  /** Creates orders now (or at `options.placedAt`), each announced by a 90023 webhook. */
  generateOrders(mallId: string, count: number, options?: GenerateOrderOptions): Promise<string[]>;
  /** 무통장/가상계좌 deposit arrives → paid, 90025. */
  payOrder(mallId: string, orderId: string): void;
  /** Cancels the open items → 90026. */
  cancelOrder(mallId: string, orderId: string): void;
  /** Returns one item (or every open item) → R40, 90027. */
  returnOrder(mallId: string, orderId: string, itemCode?: string): void;
  /** Opens an exchange → 90028. */
  exchangeOrder(mallId: string, orderId: string): void;
  /** Refund status changed → 90029. */
  refundOrder(mallId: string, orderId: string): void;
  /** Applies one status change to several orders with one bulk webhook (90071–90074). */
  bulkStatusChange(mallId: string, change: BulkChange, orderIds: string[]): void;
  /** The buyer changed the receiver → 90064. */
  changeAddress(mallId: string, orderId: string, address: Partial<ReceiverRecord>): void;
  /** Sets a variant's stock → 90075. */
  setStock(mallId: string, variantCode: string, quantity: number): void;
  /** Every label write on the order's items (API writes, manual labels), in order; see LabelChange. */
  labelChanges(mallId: string, orderId: string): LabelChange[];
  /** Labels per item code of an order. */
  orderLabels(mallId: string, orderId: string): Record<string, string[]>;
  /** A label "typed by a person" in the Cafe24 admin (no API call, no webhook). */
  addManualLabel(mallId: string, itemCode: string, name: string): void;
  /** Every access token of the mall expires now (refresh tokens stay valid); returns how many. */
  expireAccessTokens(mallId: string): number;
  /**
   * Another app floods the mall's bucket: for `ms` every Admin call is answered 429 with
   * `X-Api-Call-Limit: 40/40` (counted in `stats().stormRejected`).
   */
  rateLimitStorm(mallId: string, ms: number): void;
  /** The mall removes the app: tokens stop working (401 / invalid_grant), 90077 is sent. */
  revokeGrant(mallId: string): void;
  stats(mallId: string): MallStats;
  /** Every webhook delivery attempt, including dropped ones (`fault: 'dropped'`). */
  webhookLog(mallId: string): WebhookLogRecord[];
  /** Resolves when all queued webhook deliveries have been attempted. */
  webhooksIdle(): Promise<void>;
  /** A Cafe24-style signed app-launch URL to `appUrl`. */
  launchUrl(mallId: string, appUrl: string): string;
}

interface SandboxMall extends MallRuntime {
  generator: OrderGenerator;
  lifecycle: SeededRandom;
  appUrl: string | null;
}

/** Starts the simulator's HTTP server and, if asked, its order generator. */
export async function startSandbox(input: SandboxOptionsInput): Promise<Sandbox> {
  const parsed = SandboxOptions.safeParse(input);
  if (!parsed.success) {
    throw new SandboxError(
      'SANDBOX_BAD_OPTIONS',
      'user',
      `bad sandbox options: ${z.prettifyError(parsed.error)}`,
    );
  }
  const options = parsed.data;
  const clock = options.clock ?? Date.now;
  const logger: SandboxLogger = options.logger ?? silentLogger;
  const faults = new FaultPlan(parseFaultSpec(options.faults), options.seed);
  const oauth = new OAuthServer(options.clientId, options.clientSecret, clock);
  const dispatcher = new WebhookDispatcher(
    options.webhookUrl ?? null,
    faults,
    SeededRandom.derive(options.seed, 'webhook-ids'),
    clock,
    logger,
  );
  let defaultAppUrl = options.appUrl ?? null;

  const malls = new Map<string, SandboxMall>();
  for (const mallId of options.malls) {
    const mall = new SimulatedMall(mallId);
    const random = SeededRandom.derive(options.seed, `mall/${mallId}`);
    populateMall(mall, random, clock());
    const runtime: SandboxMall = {
      mall,
      bucket: new LeakyBucket(clock),
      stats: emptyStats(),
      quota: { windowStart: clock(), calls: 0 },
      stormUntil: 0,
      generator: new OrderGenerator(mall, random),
      lifecycle: SeededRandom.derive(options.seed, `lifecycle/${mallId}`),
      appUrl: null,
    };
    malls.set(mallId, runtime);
    createHistory(runtime, options.orders, clock());
  }

  const runtimeOf = (mallId: string): SandboxMall => {
    const runtime = malls.get(mallId);
    if (runtime === undefined)
      throw new SandboxError('SANDBOX_UNKNOWN_MALL', 'user', `no sandbox mall ${mallId}`);
    return runtime;
  };

  const hangs = new Set<() => void>();
  const hang = (ms: number) =>
    new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        hangs.delete(finish);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      hangs.add(finish);
    });

  let baseUrl = '';
  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      logger.warn({ err: String(error) }, 'sandbox request failed');
      if (!response.headersSent) {
        const status = error instanceof URIError ? 400 : 500;
        sendApiError(response, status, status === 400 ? 'Malformed URL encoding' : 'Internal Server Error');
      } else {
        response.destroy();
      }
    });
  });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawUrl = request.url ?? '/';
    // Cafe24 answers 400 to URLs with un-encoded non-ASCII characters (e.g. raw Korean label names).
    if (/[^\x21-\x7e]/.test(rawUrl)) {
      sendApiError(response, 400, 'The URL must be percent-encoded');
      return;
    }
    const url = new URL(rawUrl, 'http://sandbox.invalid');
    const [, mallId = '', ...rest] = url.pathname.split('/');
    const subPath = `/${rest.join('/')}`;
    if (mallId === '' && request.method === 'GET') {
      sendJson(response, 200, { sandbox: 'cafe24', malls: [...malls.keys()] });
      return;
    }
    const runtime = malls.get(mallId);
    if (runtime === undefined) {
      sendApiError(response, 404, `Unknown mall: ${mallId}`);
      return;
    }
    const method = request.method ?? 'GET';
    if (subPath.startsWith('/api/v2/admin/')) {
      await handleAdmin(request, response, url, subPath.slice('/api/v2'.length), runtime, {
        oauth,
        faults,
        clock,
        clientId: options.clientId,
        apiBase: `${baseUrl}/${mallId}/api/v2`,
        emit: (mall, payload) => dispatcher.emit(mall, payload),
        hang,
      });
      return;
    }
    if (subPath === '/api/v2/oauth/authorize' && (method === 'GET' || method === 'POST')) {
      await handleAuthorize(request, response, url, {
        mallId,
        oauth,
        autoApprove: options.autoApprove,
        onRedirect: (_mall, redirectUri) => {
          runtime.appUrl = `${new URL(redirectUri).origin}/`;
        },
      });
      return;
    }
    if (subPath === '/api/v2/oauth/token' && method === 'POST') {
      await handleToken(request, response, { mallId, oauth });
      return;
    }
    if (subPath === '/api/v2/oauth/revoke' && method === 'POST') {
      await handleRevoke(request, response, { mallId, oauth });
      return;
    }
    if (subPath === '/admin/order/list' && method === 'GET') {
      const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit') ?? '200') || 200));
      const rows = orderListRows(runtime.mall.orders, limit);
      if ((request.headers.accept ?? '').includes('application/json')) {
        sendJson(response, 200, { orders: rows });
      } else {
        const appUrl = defaultAppUrl ?? runtime.appUrl;
        sendHtml(
          response,
          200,
          orderListHtml(mallId, rows, appUrl === null ? null : launchUrl(mallId, appUrl)),
        );
      }
      return;
    }
    sendApiError(response, 404, `Not found: ${method} ${url.pathname}`);
  }

  const launchUrl = (mallId: string, appUrl: string): string =>
    signedLaunchUrl(
      appUrl,
      {
        mallId,
        userId: mallId,
        userName: '김운영',
        userType: 'P',
        shopNo: 1,
        timestamp: Math.floor(clock() / 1000),
      },
      options.clientSecret,
    );

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        new SandboxError('SANDBOX_LISTEN_FAILED', 'operational', `cannot listen on ${options.port}`, {
          cause: error,
        }),
      ),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  baseUrl = `http://${host}:${address.port}`;

  const emitOrderEvent = (
    runtime: SandboxMall,
    eventNo: 90023 | 90025 | 90026 | 90027 | 90028 | 90029,
    orderId: string,
  ) =>
    dispatcher.emit(
      runtime.mall,
      orderEventPayload(runtime.mall.mallId, eventNo, runtime.mall.order(orderId)),
    );

  const sandbox: Sandbox = {
    baseUrl,
    apiBase: (mallId) => `${baseUrl}/${runtimeOf(mallId).mall.mallId}/api/v2`,
    async close() {
      for (const timer of timers) clearInterval(timer);
      for (const finish of [...hangs]) finish();
      await dispatcher.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    setWebhookUrl: (url) => dispatcher.setUrl(url),
    setAppUrl: (url) => {
      defaultAppUrl = url;
    },
    async generateOrders(mallId, count, generateOptions = {}) {
      const runtime = runtimeOf(mallId);
      const ids: string[] = [];
      for (let i = 0; i < count; i += 1) {
        const order = runtime.generator.generate(generateOptions.placedAt ?? clock(), generateOptions);
        ids.push(order.orderId);
        emitOrderEvent(runtime, 90023, order.orderId);
      }
      return ids;
    },
    payOrder(mallId, orderId) {
      const runtime = runtimeOf(mallId);
      if (runtime.mall.pay(orderId, clock())) emitOrderEvent(runtime, 90025, orderId);
    },
    cancelOrder(mallId, orderId) {
      const runtime = runtimeOf(mallId);
      if (runtime.mall.cancel(orderId, clock())) emitOrderEvent(runtime, 90026, orderId);
    },
    returnOrder(mallId, orderId, itemCode) {
      const runtime = runtimeOf(mallId);
      if (runtime.mall.returnItems(orderId, clock(), itemCode).length > 0)
        emitOrderEvent(runtime, 90027, orderId);
    },
    exchangeOrder(mallId, orderId) {
      const runtime = runtimeOf(mallId);
      if (runtime.mall.exchange(orderId, clock())) emitOrderEvent(runtime, 90028, orderId);
    },
    refundOrder(mallId, orderId) {
      const runtime = runtimeOf(mallId);
      const order = runtime.mall.order(orderId);
      for (const item of order.items)
        if (item.claimCode !== null && item.refundDate === null) item.refundDate = clock();
      emitOrderEvent(runtime, 90029, orderId);
    },
    bulkStatusChange(mallId, change, orderIds) {
      const runtime = runtimeOf(mallId);
      const at = clock();
      for (const orderId of orderIds) {
        if (change === 'ship') runtime.mall.ship(orderId, true);
        else if (change === 'cancel') runtime.mall.cancel(orderId, at);
        else if (change === 'return') runtime.mall.returnItems(orderId, at);
        else
          for (const item of runtime.mall.order(orderId).items)
            if (item.claimCode !== null) item.refundDate = at;
      }
      const eventNo: BulkEventNo = BULK_CHANGES[change];
      dispatcher.emit(runtime.mall, bulkEventPayload(mallId, eventNo, orderIds));
    },
    changeAddress(mallId, orderId, address) {
      const runtime = runtimeOf(mallId);
      runtime.mall.changeReceiver(orderId, address);
      dispatcher.emit(runtime.mall, addressChangedPayload(mallId, runtime.mall.order(orderId)));
    },
    setStock(mallId, variantCode, quantity) {
      const runtime = runtimeOf(mallId);
      const found = runtime.mall.findVariant(variantCode);
      if (found === undefined) {
        throw new SandboxError(
          'SANDBOX_UNKNOWN_VARIANT',
          'user',
          `mall ${mallId} has no variant ${variantCode}`,
        );
      }
      found.variant.quantity = quantity;
      dispatcher.emit(runtime.mall, stockChangedPayload(mallId, found.product, found.variant, clock()));
    },
    labelChanges(mallId, orderId) {
      const order = runtimeOf(mallId).mall.order(orderId);
      const codes = new Set(order.items.map((item) => item.itemCode));
      return runtimeOf(mallId).mall.labelChanges.filter((entry) => codes.has(entry.itemCode));
    },
    orderLabels(mallId, orderId) {
      const order = runtimeOf(mallId).mall.order(orderId);
      return Object.fromEntries(order.items.map((item) => [item.itemCode, [...item.labels]]));
    },
    addManualLabel(mallId, itemCode, name) {
      const runtime = runtimeOf(mallId);
      const found = runtime.mall.findItem(itemCode);
      if (found === undefined) {
        throw new SandboxError(
          'SANDBOX_UNKNOWN_ITEM',
          'user',
          `mall ${mallId} has no order item ${itemCode}`,
        );
      }
      runtime.mall.addLabels(found.item, [name]);
    },
    expireAccessTokens(mallId) {
      return oauth.expireAccessTokens(runtimeOf(mallId).mall.mallId);
    },
    rateLimitStorm(mallId, ms) {
      const runtime = runtimeOf(mallId);
      runtime.stormUntil = Math.max(runtime.stormUntil, clock() + ms);
    },
    revokeGrant(mallId) {
      const runtime = runtimeOf(mallId);
      oauth.revokeGrant(mallId);
      dispatcher.emit(runtime.mall, appDeletedPayload(mallId, options.clientId, clock()));
    },
    stats: (mallId) => structuredClone(runtimeOf(mallId).stats),
    webhookLog: (mallId) => runtimeOf(mallId).mall.webhookLogs.map((log) => ({ ...log })),
    webhooksIdle: () => dispatcher.idle(),
    launchUrl: (mallId, appUrl) => launchUrl(runtimeOf(mallId).mall.mallId, appUrl),
  };

  const timers: NodeJS.Timeout[] = [];
  if (options.ratePerMinute > 0) {
    const intervalMs = Math.max(10, 60_000 / options.ratePerMinute);
    for (const runtime of malls.values()) {
      timers.push(setInterval(() => lifecycleTick(sandbox, runtime, options.burst, logger), intervalMs));
    }
  }
  logger.info({ baseUrl, malls: options.malls }, 'cafe24 sandbox listening');
  return sandbox;
}

/**
 * One tick of a live mall: a new order (sometimes an event-day burst), and now and then a deposit
 * for an unpaid order, a cancellation, a shipment or a return — each with its webhook.
 */
function lifecycleTick(sandbox: Sandbox, runtime: SandboxMall, burst: number, logger: SandboxLogger): void {
  const random = runtime.lifecycle;
  const mallId = runtime.mall.mallId;
  const count = burst > 0 && random.chance(0.05) ? burst : 1;
  sandbox.generateOrders(mallId, count).catch((error: unknown) => {
    logger.warn({ mallId, err: String(error) }, 'sandbox order generation failed');
  });
  const recent = runtime.mall.orders.slice(-50);
  const open = recent.filter((order) => order.canceled === 'F');
  const unpaid = open.filter((order) => order.paid === 'F');
  if (unpaid.length > 0 && random.chance(0.4)) sandbox.payOrder(mallId, random.pick(unpaid).orderId);
  const paid = open.filter((order) => order.paid === 'T');
  if (paid.length > 0 && random.chance(0.15)) runtime.mall.ship(random.pick(paid).orderId, true);
  if (open.length > 0 && random.chance(0.04)) sandbox.cancelOrder(mallId, random.pick(open).orderId);
  const delivered = paid.filter((order) => order.items.some((item) => item.orderStatus === 'N40'));
  if (delivered.length > 0 && random.chance(0.05))
    sandbox.returnOrder(mallId, random.pick(delivered).orderId);
}

/**
 * Historical orders over the last 60 days, already moved along their lives (paid, delivered,
 * some cancelled or returned), so history-based rules have something to see. No webhooks.
 */
function createHistory(runtime: SandboxMall, count: number, now: number): void {
  if (count === 0) return;
  const random = runtime.lifecycle;
  const mall = runtime.mall;
  for (const placedAt of runtime.generator.historicalTimes(count, now, 60)) {
    const order = runtime.generator.generate(placedAt);
    const age = now - placedAt;
    const later = (maxDays: number) => Math.min(now, placedAt + random.int(6, maxDays * 24) * HOUR_MS);
    if (order.paid === 'F' && age > 2 * DAY_MS) {
      if (random.chance(0.8)) mall.pay(order.orderId, later(4));
      else mall.cancel(order.orderId, later(8));
    }
    if (order.canceled === 'F' && random.chance(0.05)) mall.cancel(order.orderId, later(2));
    if (order.paid === 'T' && order.canceled === 'F' && age > 3 * DAY_MS) {
      mall.ship(order.orderId, true);
      if (random.chance(0.08) && age > 7 * DAY_MS) mall.returnItems(order.orderId, later(20));
    }
  }
}
