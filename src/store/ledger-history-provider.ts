import type { HistoryProvider } from '../domain/history-provider.js';
import type { HistoryOrder } from '../domain/order-facts.js';
import type { LedgerRepository } from './repositories/ledger-repository.js';

/** HistoryProvider over the customer ledger of one mall; same answers as the in-memory one for the same orders. */
export class LedgerHistoryProvider implements HistoryProvider {
  constructor(
    private readonly ledger: Pick<LedgerRepository, 'earlierOrders'>,
    private readonly mallId: string,
  ) {}

  earlierOrders(customerKey: string, before: { orderId: string; placedAt: number }): Promise<HistoryOrder[]> {
    return this.ledger.earlierOrders(this.mallId, customerKey, before);
  }
}
