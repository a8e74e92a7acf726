import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeSession, encodeSession, newSession } from './session-cookie.js';

const key = randomBytes(32);
const now = Date.UTC(2026, 11, 3, 3, 0, 0);
const session = newSession({ mallId: 'demo-mall', userId: 'u1', userName: '운영자', role: 'merchant' }, now);

describe('session cookie', () => {
  it('round-trips a signed session', () => {
    expect(decodeSession(encodeSession(session, key), key, now)).toEqual(session);
  });

  it('rejects a session whose mall was changed', () => {
    const [body, signature] = encodeSession(session, key).split('.');
    const forged = JSON.parse(Buffer.from(body!, 'base64url').toString());
    forged.mallId = 'other-mall';
    const forgedBody = Buffer.from(JSON.stringify(forged)).toString('base64url');
    expect(decodeSession(`${forgedBody}.${signature}`, key, now)).toBeNull();
  });

  it('rejects a session signed with another key, and an expired one', () => {
    expect(decodeSession(encodeSession(session, randomBytes(32)), key, now)).toBeNull();
    expect(decodeSession(encodeSession(session, key), key, now + 13 * 3600_000)).toBeNull();
  });

  it('rejects garbage', () => {
    expect(decodeSession('not-a-session', key, now)).toBeNull();
    expect(decodeSession(undefined, key, now)).toBeNull();
  });
});
