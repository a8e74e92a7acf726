import { z } from 'zod';
import { Trigger } from '../engine/flow-schema.js';

/** Queue name of order evaluations; jobs of one fetch are processed together per mall. */
export const ORDER_EVENTS_QUEUE = 'order-events';

/** One order to (re-)evaluate: from a webhook, the reconciliation poll, a backfill or by hand. */
export const OrderEventJob = z.object({
  mallId: z.string().min(1),
  orderId: z.string().min(1),
  trigger: Trigger,
  source: z.enum(['webhook', 'reconcile', 'backfill', 'manual', 'import', 'beacon']),
  /** Epoch ms the event reached PassWing (start of the webhook → label latency). */
  receivedAt: z.number(),
  /** The webhook inbox row this job came from, marked processed afterwards. */
  inboxId: z.number().int().optional(),
  /**
   * Evaluate again although this state of the order was evaluated: an earlier order of the same
   * customer changed, and with it this order's history facts.
   */
  reevaluation: z.boolean().optional(),
  /** The buyer's IP captured by the storefront beacon (used only if the order is recent). */
  clientIp: z.string().optional(),
});
export type OrderEventJob = z.infer<typeof OrderEventJob>;

/**
 * While one job per (mall, order, state) is queued, more events for the same state are dropped;
 * an event for a new state (paid, cancelled …) gets its own job.
 */
export const orderEventSingletonKey = (job: Pick<OrderEventJob, 'mallId' | 'orderId'>, stateKey: string) =>
  `${job.mallId}:${job.orderId}:${stateKey}`;
