import { createHmac, timingSafeEqual } from 'node:crypto';
import { MallId } from './cafe24-config.js';
import type { NonceStore } from './nonce-store.js';

/** Who opened PassWing from the Cafe24 admin. */
export interface AppLaunch {
  mallId: string;
  userId: string;
  userName: string;
  shopNo: number;
  /** P 대표운영자, A 부운영자 … (meaning UNCONFIRMED); null when absent. */
  userType: string | null;
  lang: string | null;
  /** Unix seconds Cafe24 signed. */
  timestamp: number;
}

export type AppLaunchResult =
  { ok: true; launch: AppLaunch } | { ok: false; error: 'malformed' | 'bad_hmac' | 'stale' | 'replayed' };

/** Decodes one query component (`+` is a space in query strings). */
const decode = (text: string): string | null => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return null;
  }
};

/**
 * Verifies an app-launch query (reference §8): `hmac = base64(HMAC-SHA256(client_secret, raw query
 * without hmac))`, computed over the raw, still-encoded query so encoding differences cannot break
 * it; timing-safe comparison; `timestamp` within ±maxAgeSeconds of `now`; each signature accepted
 * once (claimed in `nonceStore` until it would be stale anyway).
 */
export async function verifyAppLaunch(
  rawQueryString: string,
  options: { clientSecret: string; now: number; maxAgeSeconds?: number; nonceStore: NonceStore },
): Promise<AppLaunchResult> {
  const maxAgeMs = (options.maxAgeSeconds ?? 600) * 1000;
  const parts = rawQueryString
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => part.length > 0);
  const hmacParts = parts.filter((part) => part.startsWith('hmac='));
  if (hmacParts.length !== 1) return { ok: false, error: 'malformed' };
  const given = decode(hmacParts[0]!.slice('hmac='.length));
  if (!given) return { ok: false, error: 'malformed' };
  const signed = parts.filter((part) => !part.startsWith('hmac=')).join('&');
  const expected = createHmac('sha256', options.clientSecret).update(signed).digest();
  const givenBytes = Buffer.from(given, 'base64');
  if (givenBytes.length !== expected.length || !timingSafeEqual(givenBytes, expected)) {
    return { ok: false, error: 'bad_hmac' };
  }

  const params = new Map<string, string>();
  for (const part of parts) {
    const cut = part.indexOf('=');
    const key = decode(cut < 0 ? part : part.slice(0, cut));
    const value = decode(cut < 0 ? '' : part.slice(cut + 1));
    if (key === null || value === null) return { ok: false, error: 'malformed' };
    params.set(key, value);
  }
  const mallId = params.get('mall_id') ?? '';
  const userId = params.get('user_id') ?? '';
  const timestamp = Number(params.get('timestamp'));
  const shopNo = Number(params.get('shop_no') ?? '1');
  if (!MallId.safeParse(mallId).success || !userId || !Number.isSafeInteger(timestamp)) {
    return { ok: false, error: 'malformed' };
  }
  if (Math.abs(options.now - timestamp * 1000) > maxAgeMs) return { ok: false, error: 'stale' };
  // Keyed by the signature's bytes, not its text: base64 decoding is lenient (padding, stray
  // characters, %-spellings), so keying by text let a respelled signature replay the launch.
  const signature = expected.toString('base64');
  const fresh = await options.nonceStore.claim(
    `app-launch:${mallId}:${signature}`,
    timestamp * 1000 + maxAgeMs,
  );
  if (!fresh) return { ok: false, error: 'replayed' };
  return {
    ok: true,
    launch: {
      mallId,
      userId,
      userName: params.get('user_name') ?? '',
      shopNo: Number.isSafeInteger(shopNo) && shopNo > 0 ? shopNo : 1,
      userType: params.get('user_type') ?? null,
      lang: params.get('lang') ?? null,
      timestamp,
    },
  };
}
