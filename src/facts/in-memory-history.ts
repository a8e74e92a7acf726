import { customerKeyOf } from '../domain/customer-key.js';
import type { HistoryProvider } from '../domain/history-provider.js';
import type { HistoryOrder } from '../domain/order-facts.js';
import { isReturnStatus, type Order } from '../domain/order.js';
import { parseInstant } from './kst-clock.js';

interface LedgerEntry extends HistoryOrder {
  customerKey: string;
  canceled: boolean;
}

/** Ordering of the HistoryProvider contract: by instant, then by order id. */
function isBefore(entry: HistoryOrder, before: { orderId: string; placedAt: number }): boolean {
  return (
    entry.placedAt < before.placedAt || (entry.placedAt === before.placedAt && entry.orderId < before.orderId)
  );
}

/**
 * History built from a sequence of orders (replay, tests). `record` upserts by order id, so the
 * latest state of an order wins (a later cancellation removes it from every answer; a changed
 * receiver moves a guest order to its new key). Guests are kept too: bundling needs them.
 */
export class InMemoryHistory implements HistoryProvider {
  private readonly byOrderId = new Map<string, LedgerEntry>();
  /** Customer key → that customer's entries by order id, so a lookup reads one customer only. */
  private readonly byCustomer = new Map<string, Map<string, LedgerEntry>>();

  record(order: Order): void {
    const entry: LedgerEntry = {
      orderId: order.orderId,
      placedAt: parseInstant(order.placedAt),
      productAmount: order.productAmount,
      hasReturn: order.items.some((item) => isReturnStatus(item.status)),
      customerKey: customerKeyOf(order),
      canceled: order.canceled,
    };
    const previous = this.byOrderId.get(order.orderId);
    if (previous) this.byCustomer.get(previous.customerKey)?.delete(order.orderId);
    this.byOrderId.set(order.orderId, entry);
    let entries = this.byCustomer.get(entry.customerKey);
    if (!entries) {
      entries = new Map();
      this.byCustomer.set(entry.customerKey, entries);
    }
    entries.set(order.orderId, entry);
  }

  /** Earlier non-cancelled orders of the customer, oldest first (see HistoryProvider). */
  earlierOrders(customerKey: string, before: { orderId: string; placedAt: number }): Promise<HistoryOrder[]> {
    const found: HistoryOrder[] = [];
    for (const entry of this.byCustomer.get(customerKey)?.values() ?? []) {
      if (entry.canceled || entry.orderId === before.orderId) continue;
      if (!isBefore(entry, before)) continue;
      found.push({
        orderId: entry.orderId,
        placedAt: entry.placedAt,
        productAmount: entry.productAmount,
        hasReturn: entry.hasReturn,
      });
    }
    found.sort((a, b) => a.placedAt - b.placedAt || (a.orderId < b.orderId ? -1 : 1));
    return Promise.resolve(found);
  }
}
