// Cafe24 client benchmark (`npx tsx bench/cafe24.bench.ts [--orders N] [--speed S] [--json]`): labels a
// burst of N orders on a sandbox mall with PassWing's client (batched order reads, label diff,
// bulk label writes behind the leaky bucket) and, in the same run on a second sandbox, with a
// naive client (one GET and one label POST per order, ten at a time, retrying a 429 after a
// second). PassWing's side runs in real time. The naive side's sandbox clock runs S times faster
// than the wall clock so it finishes in minutes; its times are reported in sandbox (Cafe24)
// seconds, which is what the rate limit is measured in. --speed 1 runs both in real time.
import { parseArgs } from 'node:util';
import { Cafe24Client } from '../src/cafe24/cafe24-client.js';
import { Cafe24Config } from '../src/cafe24/cafe24-config.js';
import type { Clock } from '../src/cafe24/clock.js';
import { diffLabels, type ItemLabels } from '../src/cafe24/label-diff.js';
import { buildAuthorizeUrl, exchangeCode } from '../src/cafe24/oauth.js';
import { createOAuthState } from '../src/cafe24/oauth-state.js';
import { LeakyBucketLimiter } from '../src/cafe24/rate-limiter.js';
import { writeLabelChanges } from '../src/cafe24/resources/labels.js';
import { fetchOrdersByIds } from '../src/cafe24/resources/orders.js';
import { TokenManager } from '../src/cafe24/token-manager.js';
import { startSandbox, type Sandbox } from '../src/sandbox/start-sandbox.js';
import { InMemoryTokenStore } from '../test/cafe24/in-memory-token-store.js';

const { values: options } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000' },
    speed: { type: 'string', default: '20' },
    json: { type: 'boolean', default: false },
  },
});
const ORDERS = Number(options.orders);
const SPEED = Number(options.speed);
const CLIENT_ID = 'bench-client';
const CLIENT_SECRET = 'bench-secret';
const NAIVE_CONCURRENCY = 10;

/** Sandbox time: starts at the wall clock and runs `speed` times faster. */
function acceleratedClock(speed: number): Clock {
  const origin = Date.now();
  return {
    now: () => origin + (Date.now() - origin) * speed,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms) / speed)),
  };
}

interface RawOrder {
  order_id: string;
  payment_amount: string;
  items: { order_item_code: string; labels: string[] | null }[];
}

/** The decision both clients apply: BURST on every item, HIGH_VALUE on orders paying ≥ 100,000 won. */
const labelsFor = (order: RawOrder): string[] =>
  Number(order.payment_amount) >= 100_000 ? ['BURST', 'HIGH_VALUE'] : ['BURST'];

interface SideResult {
  calls: number;
  apiCallsPerOrder: number;
  responses429: number;
  secondsToLastLabel: number;
  wallSeconds: number;
  labelledOrders: number;
}

async function installMall(sandbox: Sandbox, clock: Clock, store: InMemoryTokenStore, mallId: string) {
  const config = configFor(sandbox);
  const state = createOAuthState({ mallId, secret: 'bench-state', now: clock.now() });
  const url = buildAuthorizeUrl({
    mallId,
    clientId: CLIENT_ID,
    redirectUri: config.redirectUri,
    scopes: config.scopes,
    state,
    apiBaseUrlPattern: config.apiBaseUrlPattern,
  });
  const redirect = await fetch(url, { redirect: 'manual' });
  const code = new URL(redirect.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const tokens = await exchangeCode({ config, mallId, code });
  store.install(tokens);
  return tokens;
}

function allLabelled(sandbox: Sandbox, mallId: string, orders: RawOrder[]): number {
  return orders.filter((order) => {
    const labels = sandbox.orderLabels(mallId, order.order_id);
    return labelsFor(order).every((label) => Object.values(labels).every((names) => names.includes(label)));
  }).length;
}

async function runOurs(
  sandbox: Sandbox,
  clock: Clock,
  store: InMemoryTokenStore,
  mallId: string,
  ids: string[],
) {
  const config = configFor(sandbox);
  const tokens = new TokenManager({ config, store, now: () => clock.now() });
  const client = new Cafe24Client({
    mallId,
    config,
    tokens,
    clock,
    rateLimiter: new LeakyBucketLimiter({ clock }),
  });
  const before = sandbox.stats(mallId);
  const start = clock.now();
  const wallStart = Date.now();
  const orders = (await fetchOrdersByIds(client, ids)) as RawOrder[];
  const desired: ItemLabels = {};
  const current: ItemLabels = {};
  for (const order of orders) {
    for (const item of order.items) {
      desired[item.order_item_code] = labelsFor(order);
      current[item.order_item_code] = item.labels ?? [];
    }
  }
  await writeLabelChanges(client, diffLabels({ desired, owned: {}, current }));
  return summarise(sandbox, clock, mallId, before, start, wallStart, orders);
}

async function runNaive(sandbox: Sandbox, clock: Clock, mallId: string, accessToken: string, ids: string[]) {
  const api = sandbox.apiBase(mallId);
  const headers = {
    Authorization: `Bearer ${accessToken}`,
    'Content-Type': 'application/json',
    'X-Cafe24-Api-Version': '2025-12-01',
  };
  /** The naive client's only politeness: wait a second after a 429 and try again. */
  const call = async (url: string, init: RequestInit = {}): Promise<unknown> => {
    for (;;) {
      const response = await fetch(url, { ...init, headers });
      if (response.status === 429) {
        await response.body?.cancel();
        await clock.sleep(1000);
        continue;
      }
      if (!response.ok) throw new Error(`naive client: ${response.status} from ${url}`);
      return response.json();
    }
  };
  const before = sandbox.stats(mallId);
  const start = clock.now();
  const wallStart = Date.now();
  const orders: RawOrder[] = [];
  const queue = [...ids];
  await Promise.all(
    Array.from({ length: NAIVE_CONCURRENCY }, async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const { order } = (await call(`${api}/admin/orders/${id}?embed=items`)) as { order: RawOrder };
        const codes = order.items.map((item) => item.order_item_code);
        const requests = labelsFor(order).map((name) => ({ name, order_item_code: codes }));
        await call(`${api}/admin/labels`, { method: 'POST', body: JSON.stringify({ shop_no: 1, requests }) });
        orders.push(order);
      }
    }),
  );
  return summarise(sandbox, clock, mallId, before, start, wallStart, orders);
}

function summarise(
  sandbox: Sandbox,
  clock: Clock,
  mallId: string,
  before: ReturnType<Sandbox['stats']>,
  start: number,
  wallStart: number,
  orders: RawOrder[],
): SideResult {
  const after = sandbox.stats(mallId);
  const calls = after.calls - before.calls;
  return {
    calls,
    apiCallsPerOrder: Number((calls / ORDERS).toFixed(4)),
    responses429: after.status429 - before.status429,
    secondsToLastLabel: Number(((clock.now() - start) / 1000).toFixed(2)),
    wallSeconds: Number(((Date.now() - wallStart) / 1000).toFixed(2)),
    labelledOrders: allLabelled(sandbox, mallId, orders),
  };
}

function configFor(sandbox: Sandbox): Cafe24Config {
  return Cafe24Config.parse({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: 'http://127.0.0.1:1/cafe24/callback',
    apiBaseUrlPattern: `${sandbox.baseUrl}/{mall_id}`,
  });
}

const sandboxAt = (mallId: string, clock: Clock): Promise<Sandbox> =>
  startSandbox({
    port: 0,
    malls: [mallId],
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    autoApprove: true,
    seed: 42,
    clock: () => clock.now(),
  });

async function main(): Promise<void> {
  const realTime = acceleratedClock(1);
  const fast = acceleratedClock(SPEED);
  const oursSandbox = await sandboxAt('bench-ours', realTime);
  const naiveSandbox = await sandboxAt('bench-naive', fast);
  try {
    const store = new InMemoryTokenStore();
    await installMall(oursSandbox, realTime, store, 'bench-ours');
    const naiveTokens = await installMall(naiveSandbox, fast, store, 'bench-naive');
    const oursIds = await oursSandbox.generateOrders('bench-ours', ORDERS);
    const ours = await runOurs(oursSandbox, realTime, store, 'bench-ours', oursIds);
    const naiveIds = await naiveSandbox.generateOrders('bench-naive', ORDERS);
    const naive = await runNaive(naiveSandbox, fast, 'bench-naive', naiveTokens.accessToken, naiveIds);
    const result = {
      orders: ORDERS,
      naiveClockSpeed: SPEED,
      ours,
      naive,
      targets: { apiCallsPerOrder: 0.1, responses429: 0 },
      pass: ours.apiCallsPerOrder <= 0.1 && ours.responses429 === 0 && ours.labelledOrders === ORDERS,
    };
    if (options.json) {
      console.log(JSON.stringify(result));
      return;
    }
    const row = (name: string, a: string | number, b: string | number) =>
      `${name.padEnd(30)}${String(a).padStart(14)}${String(b).padStart(14)}`;
    console.log(
      `Cafe24 label burst: ${ORDERS} orders; naive side on a sandbox clock ×${SPEED} (Cafe24 seconds)`,
    );
    console.log(row('', 'PassWing', 'naive'));
    console.log(row('API calls', ours.calls, naive.calls));
    console.log(row('API calls per order (≤ 0.1)', ours.apiCallsPerOrder, naive.apiCallsPerOrder));
    console.log(row('429 responses (0)', ours.responses429, naive.responses429));
    console.log(row('seconds to last label', ours.secondsToLastLabel, naive.secondsToLastLabel));
    console.log(row('wall seconds', ours.wallSeconds, naive.wallSeconds));
    console.log(row('orders fully labelled', ours.labelledOrders, naive.labelledOrders));
    console.log(result.pass ? 'PASS' : 'FAIL');
  } finally {
    await oursSandbox.close();
    await naiveSandbox.close();
  }
}

await main();
