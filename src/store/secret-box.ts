import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from './store-error.js';

/** The subset of a pino logger the store uses. */
export interface StoreLogger {
  warn(details: object, message: string): void;
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 'v1';
export const KEY_FILE_NAME = 'secret.key';

/** Seals and opens short secrets (tokens) with AES-256-GCM; sealed text is `v1:<base64 iv|tag|ciphertext>`. */
export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

/** Parses a 32-byte key given as 64 hex characters or base64; throws a user error otherwise. */
export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.length !== KEY_BYTES) {
    throw new StoreError(
      'invalid_secret_key',
      'user',
      'The secret key must be 32 bytes, written as 64 hex characters or base64 (e.g. `openssl rand -base64 32`).',
    );
  }
  return key;
}

/** Creates a SecretBox over a 32-byte key. */
export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== KEY_BYTES)
    throw new StoreError('invalid_secret_key', 'user', 'The secret key must be 32 bytes.');
  return {
    seal(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${FORMAT}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    open(sealed) {
      const [format, payload] = sealed.split(':', 2);
      const raw = Buffer.from(payload ?? '', 'base64');
      if (format !== FORMAT || raw.length < IV_BYTES + TAG_BYTES) {
        throw new StoreError('decryption_failed', 'unexpected', 'Sealed secret has an unknown format.');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([
          decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch (cause) {
        throw new StoreError(
          'decryption_failed',
          'user',
          'A stored secret cannot be decrypted: the secret key differs from the one it was sealed with.',
          { cause },
        );
      }
    },
  };
}

/**
 * The key to seal with: `secretKey` when given; else the key file in `dataDir`, created (mode 0600)
 * with a warning on first use so the embedded default needs no set-up.
 */
export function resolveSecretKey(options: {
  secretKey?: string;
  dataDir: string;
  logger?: StoreLogger;
}): Buffer {
  if (options.secretKey !== undefined) return parseSecretKey(options.secretKey);
  const path = join(options.dataDir, KEY_FILE_NAME);
  if (existsSync(path)) return parseSecretKey(readFileSync(path, 'utf8'));
  mkdirSync(options.dataDir, { recursive: true });
  const key = randomBytes(KEY_BYTES);
  try {
    writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process created it first: use theirs, so both seal with the same key.
    if ((error as { code?: string }).code === 'EEXIST') return parseSecretKey(readFileSync(path, 'utf8'));
    throw error;
  }
  options.logger?.warn(
    { keyFile: path },
    'No PASSWING_SECRET_KEY set: generated a key file to encrypt tokens. Back it up; losing it means reinstalling the app.',
  );
  return key;
}
