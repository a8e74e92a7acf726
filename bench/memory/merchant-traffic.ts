// What the memory benchmark sends to the measured PassWing, all through its public HTTP surface as
// merchants and storefronts would: OAuth installs, console template installs, order-complete beacons
// and run listings. Each merchant comes from its own address (X-Forwarded-For, the process trusts its
// proxy), so the per-IP rate limits of the install and beacon routes see one merchant each.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A console session of one mall: the cookie and the CSRF token its writes need. */
export interface MallSession {
  mallId: string;
  cookie: string;
  csrfToken: string;
}

/** The address merchant `index` comes from (a header value only: nothing is ever sent to it). */
export function merchantIp(index: number): string {
  return `175.223.${Math.floor(index / 250) % 250}.${(index % 250) + 1}`;
}

/** Networks the buyers come from: Korean and foreign IPv4, and IPv6 outside the carriers' shortcut. */
const BUYER_NETWORKS = ['211.234', '1.214', '121.134', '8.8', '2404:6800'];

/** The address of buyer `index` (a header value only), so IP-country lookups go to the database. */
export function buyerIp(index: number): string {
  const network = BUYER_NETWORKS[index % BUYER_NETWORKS.length] ?? '8.8';
  const host = Math.floor(index / BUYER_NETWORKS.length);
  // IPv6 buyers differ in the /48: the rate limiter counts an IPv6 subnet as one client.
  return network.includes(':')
    ? `${network}:${(0x4000 + host).toString(16)}::1`
    : `${network}.${Math.floor(host / 250) % 250}.${(host % 250) + 1}`;
}

/**
 * Installs through /cafe24/install → the sandbox's authorize page (auto-approved) → our callback,
 * which signs the installer in; returns that console session.
 */
export async function installThroughOAuth(
  passwingUrl: string,
  mallId: string,
  ip: string,
): Promise<MallSession> {
  let next = `${passwingUrl}/cafe24/install?mall_id=${encodeURIComponent(mallId)}`;
  let cookie = '';
  for (let hop = 0; hop < 8; hop += 1) {
    const sameOrigin = next.startsWith(passwingUrl);
    const response = await fetch(next, {
      redirect: 'manual',
      headers: sameOrigin ? { 'x-forwarded-for': ip } : {},
    });
    await response.body?.cancel();
    if (response.status === 429) {
      await sleep((Number(response.headers.get('retry-after') ?? '5') + 1) * 1000);
      continue;
    }
    if (response.status >= 400) throw new Error(`install of ${mallId}: HTTP ${response.status} at ${next}`);
    for (const setCookie of response.headers.getSetCookie()) cookie = setCookie.split(';')[0] ?? cookie;
    const location = response.headers.get('location');
    if (location) next = new URL(location, next).toString();
    if (!location || new URL(next).pathname.startsWith('/app')) break;
  }
  if (!cookie) throw new Error(`install of ${mallId} did not sign the installer in`);
  const session = await consoleJson<{ csrfToken: string }>(
    passwingUrl,
    { mallId, cookie, csrfToken: '' },
    'GET',
    '/api/session',
  );
  return { mallId, cookie, csrfToken: session.csrfToken };
}

/** A console API call as the mall's installer; throws on any non-2xx answer. */
export async function consoleJson<T>(
  passwingUrl: string,
  session: MallSession,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${passwingUrl}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) {
    throw new Error(
      `${method} ${path} for ${session.mallId}: HTTP ${response.status} ${await response.text()}`,
    );
  }
  return (await response.json()) as T;
}

/** The storefront's order-complete beacon for an order, sent from the buyer's address. */
export async function sendBeacon(
  passwingUrl: string,
  mallId: string,
  orderId: string,
  buyerIp: string,
): Promise<void> {
  const response = await fetch(`${passwingUrl}/beacon/order-complete?mall_id=${encodeURIComponent(mallId)}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', 'x-forwarded-for': buyerIp },
    body: JSON.stringify({ order_id: orderId }),
  });
  await response.body?.cancel();
  if (response.status !== 202) throw new Error(`beacon for ${mallId}/${orderId}: HTTP ${response.status}`);
}

/** Order ids with at least one recorded run in the mall (the most recent 200 runs). */
export async function ordersWithRuns(passwingUrl: string, session: MallSession): Promise<Set<string>> {
  const { runs } = await consoleJson<{ runs: { orderId: string }[] }>(
    passwingUrl,
    session,
    'GET',
    '/api/runs?limit=200',
  );
  return new Set(runs.map((run) => run.orderId));
}
