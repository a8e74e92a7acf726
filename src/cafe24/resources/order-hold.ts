import { z } from 'zod';
import type { Cafe24Client } from '../cafe24-client.js';

const UpdateOrderResponse = z.object({ order: z.unknown() });

/**
 * Puts an order's shipping on hold (`process_status=hold`, 배송보류) or releases it; with item codes
 * only those items. Setting the same status twice is harmless, so it is retried freely.
 */
export async function setOrderHold(
  client: Cafe24Client,
  orderId: string,
  hold: boolean,
  itemCodes?: readonly string[],
): Promise<void> {
  await client.request({
    method: 'PUT',
    path: `/api/v2/admin/orders/${encodeURIComponent(orderId)}`,
    body: {
      shop_no: client.shopNo,
      request: {
        process_status: hold ? 'hold' : 'unhold',
        ...(itemCodes && itemCodes.length > 0 ? { order_item_code: [...itemCodes] } : {}),
      },
    },
    schema: UpdateOrderResponse,
  });
}
