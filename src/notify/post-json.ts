import { NotificationRejectedError, NotificationUnavailableError } from './notify-errors.js';

export interface PostJsonResult {
  status: number;
}

/**
 * POSTs JSON and classifies the outcome: 2xx resolves; 408, 429 and 5xx, timeouts and network
 * errors throw NotificationUnavailableError (retry); other statuses throw NotificationRejectedError.
 * Redirects are not followed: a webhook that moved must be reconfigured, and following redirects
 * would let a receiver steer our requests elsewhere.
 */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  timeoutMs: number,
  label: string,
): Promise<PostJsonResult> {
  const where = `${label} ${new URL(url).host}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new NotificationUnavailableError(
      timedOut ? `${where} did not answer within ${timeoutMs} ms` : `${where} could not be reached`,
      null,
      error,
    );
  }
  // The body is not needed (and may echo our message); drain it so the connection is reusable.
  await response.arrayBuffer().catch(() => undefined);
  const { status } = response;
  if (status >= 200 && status < 300) return { status };
  if (status === 408 || status === 429 || status >= 500) {
    throw new NotificationUnavailableError(`${where} answered ${status}`, status);
  }
  throw new NotificationRejectedError(`${where} refused the message with ${status}`, status);
}
