import pino, { type Logger } from 'pino';

/**
 * The process logger: JSON lines with mall/order/run ids as bindings. Secrets and personal fields are
 * redacted by key wherever they appear, so a careless `log.info({ order })` cannot leak them.
 */
export const REDACTED_KEYS = [
  'access_token',
  'refresh_token',
  'accessToken',
  'refreshToken',
  'authorization',
  'cookie',
  'client_secret',
  'clientSecret',
  'password',
  'buyer_name',
  'buyer_email',
  'buyer_cellphone',
  'buyer_phone',
  'receiverName',
  'receiverCellphone',
  'buyerName',
  'buyerEmail',
  'buyerCellphone',
  'cellphone',
  'phone',
  'email',
  'address',
  'address1',
  'address2',
  'clientIp',
  'client_ip',
] as const;

const redactPaths = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `headers.${key}`]);

export function createLogger(options: { level: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'passwing' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}

export type { Logger };
