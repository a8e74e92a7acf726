import { z } from 'zod';
import { SandboxError } from './sandbox-error.js';
import { SeededRandom } from './seeded-random.js';

const Percent = z.coerce.number().min(0).max(100);

/**
 * The `--faults` spec, e.g. `drop=10,dup=10,delay=2000,reorder=1,http5xx=5,timeout=2`.
 * drop/dup/http5xx/timeout are percentages; delay is the maximum extra webhook delay in ms;
 * reorder (0/1) swaps adjacent webhook deliveries; hang (ms, default 10000, an extension) is how
 * long a "timeout" API call is held before it is answered with 504.
 */
export const FaultSpec = z
  .object({
    drop: Percent.default(0),
    dup: Percent.default(0),
    delay: z.coerce.number().int().min(0).max(600_000).default(0),
    reorder: z.coerce
      .number()
      .int()
      .min(0)
      .max(1)
      .default(0)
      .transform((value) => value === 1),
    http5xx: Percent.default(0),
    timeout: Percent.default(0),
    hang: z.coerce.number().int().min(0).max(600_000).default(10_000),
  })
  .strict();
export type FaultSpec = z.infer<typeof FaultSpec>;

/** Parses the spec text; an empty or missing spec means no faults. Throws SandboxError when malformed. */
export function parseFaultSpec(text: string | undefined): FaultSpec {
  const entries: Record<string, string> = {};
  for (const part of (text ?? '').split(',')) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const [key, value, extra] = trimmed.split('=');
    if (key === undefined || value === undefined || extra !== undefined || key in entries) {
      throw new SandboxError('SANDBOX_BAD_FAULT_SPEC', 'user', `bad fault entry "${trimmed}"`);
    }
    entries[key.trim()] = value.trim();
  }
  const parsed = FaultSpec.safeParse(entries);
  if (!parsed.success) {
    throw new SandboxError(
      'SANDBOX_BAD_FAULT_SPEC',
      'user',
      `bad fault spec "${text}": ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

export type ApiFault = 'none' | 'http5xx' | 'timeout';

/** What happens to one webhook delivery. */
export interface WebhookFault {
  drop: boolean;
  duplicate: boolean;
  delayMs: number;
  /** Hold this delivery back and send it after the next one. */
  holdBack: boolean;
}

/**
 * Fault decisions drawn from two seeded streams (API calls, webhook deliveries), so the n-th
 * API call and the n-th webhook get the same fate for the same seed and spec.
 */
export class FaultPlan {
  private readonly apiRandom: SeededRandom;
  private readonly webhookRandom: SeededRandom;

  constructor(
    readonly spec: FaultSpec,
    seed: number,
  ) {
    this.apiRandom = SeededRandom.derive(seed, 'faults/api');
    this.webhookRandom = SeededRandom.derive(seed, 'faults/webhook');
  }

  /** The fate of the next Admin API call. */
  nextApiFault(): ApiFault {
    if (this.spec.http5xx === 0 && this.spec.timeout === 0) return 'none';
    const roll = this.apiRandom.next() * 100;
    if (roll < this.spec.http5xx) return 'http5xx';
    if (roll < this.spec.http5xx + this.spec.timeout) return 'timeout';
    return 'none';
  }

  /** The fate of the next webhook delivery. */
  nextWebhookFault(): WebhookFault {
    const random = this.webhookRandom;
    // Always draw the same number of values so one decision never shifts the others.
    const dropRoll = random.next() * 100;
    const dupRoll = random.next() * 100;
    const delayRoll = random.next();
    const reorderRoll = random.next();
    return {
      drop: dropRoll < this.spec.drop,
      duplicate: dupRoll < this.spec.dup,
      delayMs: Math.round(delayRoll * this.spec.delay),
      holdBack: this.spec.reorder && reorderRoll < 0.5,
    };
  }
}
