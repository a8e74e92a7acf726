import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, parseSecretKey } from './secret-box.js';

describe('SecretBox', () => {
  const key = randomBytes(32);

  it('opens what it sealed, and sealing twice gives different ciphertexts', () => {
    const box = createSecretBox(key);
    const first = box.seal('refresh-token-토큰');
    expect(box.open(first)).toBe('refresh-token-토큰');
    expect(box.seal('refresh-token-토큰')).not.toBe(first);
    expect(first).not.toContain('refresh');
  });

  it('detects tampering and a wrong key', () => {
    const sealed = createSecretBox(key).seal('secret');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => createSecretBox(key).open(`v1:${raw.toString('base64')}`)).toThrow(
      expect.objectContaining({ code: 'decryption_failed' }),
    );
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow(
      expect.objectContaining({ code: 'decryption_failed' }),
    );
  });

  it('parses 32-byte keys written as hex or base64 and rejects others', () => {
    expect(parseSecretKey(key.toString('hex'))).toEqual(key);
    expect(parseSecretKey(`${key.toString('base64')}\n`)).toEqual(key);
    expect(() => parseSecretKey('short')).toThrow(
      expect.objectContaining({ code: 'invalid_secret_key', kind: 'user' }),
    );
  });
});
