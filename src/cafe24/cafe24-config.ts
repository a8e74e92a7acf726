import { z } from 'zod';
import { Cafe24UsageError } from './errors.js';

/**
 * Scopes PassWing asks for by default (reference §1.5: what the order-label flow needs). Registering
 * the storefront IP script (POST /scripttags) needs write_application, which implies read.
 */
export const DEFAULT_SCOPES = [
  'mall.read_order',
  'mall.write_order',
  'mall.read_customer',
  'mall.read_product',
  'mall.read_store',
  'mall.read_application',
  'mall.write_application',
] as const;

export const DEFAULT_API_VERSION = '2025-12-01';
export const DEFAULT_API_BASE_URL_PATTERN = 'https://{mall_id}.cafe24api.com';

/**
 * Cafe24 app configuration, passed in by the caller (config.ts owns the environment). The base URL
 * pattern must contain `{mall_id}` so the sandbox (`http://127.0.0.1:PORT/{mall_id}`) can stand in.
 */
export const Cafe24Config = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  redirectUri: z.url(),
  scopes: z
    .array(z.string().min(1))
    .nonempty()
    .default([...DEFAULT_SCOPES]),
  /** Separator of `scope` in the authorize URL; comma is what working clients use (UNCONFIRMED). */
  scopeSeparator: z.enum([',', ' ']).default(','),
  apiBaseUrlPattern: z
    .string()
    .refine((pattern) => pattern.includes('{mall_id}'), 'must contain {mall_id}')
    .default(DEFAULT_API_BASE_URL_PATTERN),
  apiVersion: z.string().min(1).default(DEFAULT_API_VERSION),
});
export type Cafe24Config = z.infer<typeof Cafe24Config>;
export type Cafe24ConfigInput = z.input<typeof Cafe24Config>;

/** Cafe24 mall ids are short lowercase identifiers; anything else could rewrite the API host. */
export const MallId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/i, 'invalid Cafe24 mall id');

/** The API origin of one mall, without a trailing slash: `https://m1.cafe24api.com`. */
export function apiBaseFor(config: Pick<Cafe24Config, 'apiBaseUrlPattern'>, mallId: string): string {
  if (!MallId.safeParse(mallId).success)
    throw new Cafe24UsageError(`not a Cafe24 mall id: ${JSON.stringify(mallId)}`);
  return config.apiBaseUrlPattern.replaceAll('{mall_id}', mallId).replace(/\/+$/, '');
}
