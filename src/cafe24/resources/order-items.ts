import { z } from 'zod';
import type { Cafe24Client } from '../cafe24-client.js';

/** Raw item JSON for the order mapper; only the item code is checked here. */
export const RawOrderItem = z.looseObject({ order_item_code: z.string() });
export type RawOrderItem = z.infer<typeof RawOrderItem>;

const ItemsResponse = z.object({ items: z.array(RawOrderItem) });

/** The items (품주) of one order, as Cafe24 returns them. */
export async function fetchOrderItems(client: Cafe24Client, orderId: string): Promise<RawOrderItem[]> {
  const response = await client.get(
    `/api/v2/admin/orders/${encodeURIComponent(orderId)}/items`,
    {},
    ItemsResponse,
  );
  return response.items;
}
