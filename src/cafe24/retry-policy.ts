/** What the transport reads from Cafe24's rate-limit headers (reference §3). */
export interface RateLimitHints {
  /** `X-Api-Call-Limit: used/capacity`. */
  callLimit: { used: number; capacity: number } | null;
  /** Longest of `X-Cafe24-Call-Remain` / `X-Cafe24-Time-Remain`, in ms; null when absent. */
  quotaRemainMs: number | null;
}

export function readRateLimitHints(headers: Headers): RateLimitHints {
  const limit = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(headers.get('x-api-call-limit') ?? '');
  const remains = ['x-cafe24-call-remain', 'x-cafe24-time-remain']
    .map((name) => Number.parseFloat(headers.get(name) ?? ''))
    .filter((seconds) => Number.isFinite(seconds) && seconds > 0);
  return {
    callLimit: limit ? { used: Number(limit[1]), capacity: Number(limit[2]) } : null,
    quotaRemainMs: remains.length > 0 ? Math.max(...remains) * 1000 : null,
  };
}

export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  random?: () => number;
}

/**
 * Delay before retry number `attempt` (0-based): "equal jitter" exponential backoff (half fixed,
 * half random, so concurrent retries spread but never collapse to zero), and never shorter than
 * the time Cafe24 says the quota needs to recover (plus a little jitter).
 */
export function retryDelayMs(
  attempt: number,
  quotaRemainMs: number | null,
  options: BackoffOptions = {},
): number {
  const random = options.random ?? Math.random;
  const ceiling = Math.min(options.maxMs ?? 20_000, (options.baseMs ?? 500) * 2 ** attempt);
  const backoff = ceiling / 2 + (random() * ceiling) / 2;
  return quotaRemainMs === null ? backoff : Math.max(backoff, quotaRemainMs + random() * 250);
}
