import { z } from 'zod';
import type { Cafe24Client } from '../cafe24-client.js';

const ReceiversResponse = z.object({ receivers: z.array(z.unknown()) });

/** The receivers (shipping addresses) of one order, raw for the order mapper. Personal data. */
export async function fetchReceivers(client: Cafe24Client, orderId: string): Promise<unknown[]> {
  const response = await client.get(
    `/api/v2/admin/orders/${encodeURIComponent(orderId)}/receivers`,
    {},
    ReceiversResponse,
  );
  return response.receivers;
}
