import type { StoredJobError } from './job-queue.js';

/**
 * The queue's error policy. Errors are recognised by shape, not class, because adapters never
 * import each other: any thrown value with `kind: 'user'` is a user error (bad input, bad config,
 * 4xx) that no retry can fix, so the job is dead-lettered at once; everything else is retried.
 */
export function isUserError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { kind?: unknown }).kind === 'user';
}

/** The part of a thrown value worth keeping with the job: message, stable code and kind. */
export function toStoredError(error: unknown): StoredJobError {
  if (typeof error === 'object' && error !== null) {
    const { message, code, kind } = error as { message?: unknown; code?: unknown; kind?: unknown };
    return {
      message: typeof message === 'string' ? message : String(error),
      ...(typeof code === 'string' ? { code } : {}),
      ...(typeof kind === 'string' ? { kind } : {}),
    };
  }
  return { message: String(error) };
}

const MAX_EXPONENT = 16;

/**
 * Delay before the retry that follows the `retryNumber`-th failure (1 = first failure): a random
 * value in [base·2^(n-1), base·2^n). The jitter spreads retries of a burst that failed together.
 */
export function retryDelayMs(
  retryNumber: number,
  baseDelayMs: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(MAX_EXPONENT, Math.max(1, retryNumber));
  const ceiling = baseDelayMs * 2 ** exponent;
  return Math.floor(ceiling / 2 + (ceiling / 2) * random());
}
