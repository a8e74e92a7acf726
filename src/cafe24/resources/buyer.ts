import { z } from 'zod';
import type { Cafe24Client } from '../cafe24-client.js';

const BuyerResponse = z.object({ buyer: z.unknown() });

/** The buyer of one order, raw for the order mapper. Personal data. */
export async function fetchBuyer(client: Cafe24Client, orderId: string): Promise<unknown> {
  const response = await client.get(
    `/api/v2/admin/orders/${encodeURIComponent(orderId)}/buyer`,
    {},
    BuyerResponse,
  );
  return response.buyer;
}
