import type { HistoryOrder } from './order-facts.js';

/**
 * Where history facts come from. Implementations: the in-memory one built from a sequence of orders
 * (facts/in-memory-history.ts, used by replay) and the ledger-backed one (store). Both must report
 * the same orders for the same sequence.
 */
export interface HistoryProvider {
  /**
   * Earlier non-cancelled orders of the customer: placed strictly before `before.placedAt`, or at
   * the same instant with a smaller order id; never `before.orderId` itself. Oldest first.
   */
  earlierOrders(customerKey: string, before: { orderId: string; placedAt: number }): Promise<HistoryOrder[]>;
}
