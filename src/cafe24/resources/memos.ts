import { z } from 'zod';
import type { Cafe24Client } from '../cafe24-client.js';

/** Cafe24 caps memo content at 1000 characters. */
export const MAX_MEMO_LENGTH = 1000;

const MemoJson = z.object({
  memo_no: z.coerce.number().int(),
  content: z.string().nullish(),
  author_id: z.string().nullish(),
});
const MemoResponse = z.object({ memo: MemoJson });
const MemosResponse = z.object({ memos: z.array(MemoJson) });

export interface OrderMemo {
  memoNo: number;
  content: string;
  authorId: string | null;
}

/**
 * Adds an admin memo (관리자 메모) to an order; content is cut to 1000 characters. Not idempotent:
 * after a timeout it is not retried (the caller dedupes via its run record).
 */
export async function addOrderMemo(
  client: Cafe24Client,
  orderId: string,
  memo: { content: string; starred?: boolean },
): Promise<OrderMemo> {
  const response = await client.request({
    method: 'POST',
    path: `/api/v2/admin/orders/${encodeURIComponent(orderId)}/memos`,
    body: {
      shop_no: client.shopNo,
      request: {
        content: memo.content.slice(0, MAX_MEMO_LENGTH),
        use_customer_inquiry: 'F',
        attach_type: 'O',
        starred_memo: memo.starred ? 'T' : 'F',
      },
    },
    schema: MemoResponse,
    idempotent: false,
  });
  const m = response.memo;
  return { memoNo: m.memo_no, content: m.content ?? '', authorId: m.author_id ?? null };
}

/** The admin memos of one order. */
export async function listOrderMemos(client: Cafe24Client, orderId: string): Promise<OrderMemo[]> {
  const response = await client.get(
    `/api/v2/admin/orders/${encodeURIComponent(orderId)}/memos`,
    {},
    MemosResponse,
  );
  return response.memos.map((m) => ({
    memoNo: m.memo_no,
    content: m.content ?? '',
    authorId: m.author_id ?? null,
  }));
}
