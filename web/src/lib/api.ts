import type { ApiError } from '../../../src/server/api-contract.js';

/** A failed API call with the server's error body (`{ error: { code, message, details? } }`). */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

let csrfToken = '';

/** Set once from `GET /api/session`; sent on every non-GET request. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

const isApiError = (value: unknown): value is ApiError =>
  typeof value === 'object' && value !== null && 'error' in value;

/**
 * Calls the console API with the session cookie and the CSRF header. Resolves with the JSON body;
 * rejects with ApiRequestError for non-2xx answers (network failures keep their own error).
 */
export async function api<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) {
    if (isApiError(json)) {
      throw new ApiRequestError(response.status, json.error.code, json.error.message, json.error.details);
    }
    throw new ApiRequestError(response.status, 'http_error', `HTTP ${response.status}`);
  }
  return json as T;
}

/** Query string from defined, non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
