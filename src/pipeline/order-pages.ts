import type { Cafe24Client } from '../cafe24/cafe24-client.js';
import { OrderMappingError, mapCafe24Order } from '../cafe24/order-mapping.js';
import { orderPagesInWindow, splitIntoWindows, type OrderDateType } from '../cafe24/resources/orders.js';
import type { Order } from '../domain/order.js';
import { kstParts } from '../facts/kst-clock.js';

/** KST calendar date of an instant. */
export const kstDate = (epochMs: number): string => kstParts(epochMs).date;

/**
 * Every order of a KST date range (split into Cafe24's < 3-month windows, paged), mapped to the
 * domain; unreadable orders are reported through `onUnreadable` and skipped.
 */
export async function* ordersInRange(
  client: Cafe24Client,
  range: { from: string; to: string; dateType: OrderDateType },
  onUnreadable: (error: OrderMappingError) => void,
): AsyncGenerator<Order[]> {
  for (const window of splitIntoWindows(range.from, range.to)) {
    for await (const page of orderPagesInWindow(client, { ...window, dateType: range.dateType })) {
      const orders: Order[] = [];
      for (const raw of page) {
        try {
          orders.push(mapCafe24Order(raw));
        } catch (error) {
          if (error instanceof OrderMappingError) onUnreadable(error);
          else throw error;
        }
      }
      yield orders;
    }
  }
}
