import { z } from 'zod';
import type { SandboxLogger } from './sandbox-logger.js';

/** A Cafe24 mall id as it appears in `{mall_id}.cafe24api.com`. */
export const MallId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,49}$/i, 'mall ids are letters, digits, - and _');

/** Options of `startSandbox` (the CLI maps its flags onto these). */
export const SandboxOptions = z.object({
  /** 0 = a random free port. */
  port: z.number().int().min(0).max(65535).default(0),
  host: z.string().min(1).default('127.0.0.1'),
  malls: z
    .array(MallId)
    .min(1)
    .refine((malls) => new Set(malls).size === malls.length, 'mall ids must be unique'),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** Skip the consent page: authorize redirects at once. */
  autoApprove: z.boolean().default(false),
  seed: z.number().int().default(1),
  /** Historical orders created per mall at start (no webhooks). */
  orders: z.number().int().min(0).max(100_000).default(0),
  /** Orders generated per minute per mall, with their later payments, cancellations and returns. */
  ratePerMinute: z.number().min(0).max(6000).default(0),
  /** Size of an occasional event-day burst of orders (0 = none). */
  burst: z.number().int().min(0).max(1000).default(0),
  webhookUrl: z.url().optional(),
  /** Fault spec, see fault-plan.ts. */
  faults: z.string().optional(),
  /** Where "앱 열기" points (the app URL registered with Cafe24); default: origin of the OAuth redirect_uri. */
  appUrl: z.url().optional(),
  clock: z.custom<() => number>((value) => typeof value === 'function').optional(),
  logger: z.custom<SandboxLogger>((value) => typeof value === 'object' && value !== null).optional(),
});
export type SandboxOptionsInput = z.input<typeof SandboxOptions>;
export type SandboxOptions = z.output<typeof SandboxOptions>;
