import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Console sessions as signed cookies (HMAC-SHA256 with a key derived from the secret key): no
 * server-side session table, valid on every web process. A session is bound to one mall.
 */
export const Session = z.object({
  mallId: z.string().min(1),
  userId: z.string().min(1),
  userName: z.string(),
  /** merchant: opened from the Cafe24 admin; admin: the self-hosted local administrator. */
  role: z.enum(['merchant', 'admin']),
  csrfToken: z.string().min(16),
  /** Expiry, epoch seconds. */
  exp: z.number().int(),
});
export type Session = z.infer<typeof Session>;

export const SESSION_COOKIE = 'passwing_session';
export const SESSION_HOURS = 12;

export function newSession(fields: Omit<Session, 'csrfToken' | 'exp'>, nowMs: number): Session {
  return {
    ...fields,
    csrfToken: randomBytes(24).toString('base64url'),
    exp: Math.floor(nowMs / 1000) + SESSION_HOURS * 3600,
  };
}

const mac = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest();

export function encodeSession(session: Session, key: Buffer): string {
  const body = Buffer.from(JSON.stringify(session)).toString('base64url');
  return `${body}.${mac(key, body).toString('base64url')}`;
}

/** The session in a cookie value, or null when absent, forged, malformed or expired. */
export function decodeSession(value: string | undefined, key: Buffer, nowMs: number): Session | null {
  if (!value) return null;
  const [body, signature] = value.split('.');
  if (!body || !signature) return null;
  const expected = mac(key, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = Session.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    if (!parsed.success || parsed.data.exp * 1000 <= nowMs) return null;
    return parsed.data;
  } catch {
    return null;
  }
}
