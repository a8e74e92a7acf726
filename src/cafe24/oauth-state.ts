import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { MallId } from './cafe24-config.js';
import type { StateStore } from './nonce-store.js';

/** How long an authorize round trip may take. */
export const STATE_TTL_MS = 10 * 60 * 1000;

export type StateVerification =
  { ok: true; mallId: string } | { ok: false; error: 'malformed' | 'bad_signature' | 'expired' | 'replayed' };

const sign = (secret: string, payload: string): string =>
  createHmac('sha256', secret).update(payload).digest('base64url');

/**
 * A signed OAuth `state`: `mallId.nonce.expiresAtMs.signature`, HMAC-SHA256 over the first three
 * parts. It binds the callback to the mall that started the install and expires after 10 minutes.
 */
export function createOAuthState(args: {
  mallId: string;
  secret: string;
  now: number;
  ttlMs?: number;
  nonce?: string;
}): string {
  const mallId = MallId.parse(args.mallId);
  const nonce = args.nonce ?? randomBytes(16).toString('base64url');
  const payload = `${mallId}.${nonce}.${args.now + (args.ttlMs ?? STATE_TTL_MS)}`;
  return `${payload}.${sign(args.secret, payload)}`;
}

/**
 * Verifies signature and expiry, then claims the nonce in `store` so a state works once. The nonce
 * is claimed only for a genuine, unexpired state, so garbage cannot fill the store.
 */
export async function verifyOAuthState(
  state: string,
  args: { secret: string; now: number; store: StateStore },
): Promise<StateVerification> {
  const parts = state.split('.');
  if (parts.length !== 4) return { ok: false, error: 'malformed' };
  const [mallId, nonce, expiresText, signature] = parts as [string, string, string, string];
  const expiresAt = Number(expiresText);
  if (!MallId.safeParse(mallId).success || !nonce || !Number.isSafeInteger(expiresAt)) {
    return { ok: false, error: 'malformed' };
  }
  const expected = Buffer.from(sign(args.secret, `${mallId}.${nonce}.${expiresText}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, error: 'bad_signature' };
  }
  if (args.now > expiresAt) return { ok: false, error: 'expired' };
  if (!(await args.store.claim(`oauth-state:${nonce}`, expiresAt))) return { ok: false, error: 'replayed' };
  return { ok: true, mallId };
}
