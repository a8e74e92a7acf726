import { z } from 'zod';
import type { MerchantRequestsTable } from '../database-schema.js';
import type { StoreContext } from '../store-context.js';

export const MerchantRequestKind = z.enum(['feedback', 'automation']);
export const MerchantRequestStatus = z.enum(['received', 'reviewing', 'planned', 'done', 'declined']);
export type MerchantRequestStatus = z.infer<typeof MerchantRequestStatus>;

/** 운영 의견 / 자동화 기준 요청: what a merchant asked of the operator, and the answer. */
export const MerchantRequest = z.object({
  requestId: z.string().min(1),
  kind: MerchantRequestKind,
  title: z.string().min(1),
  body: z.string().min(1),
  flowId: z.string().nullable(),
  orderId: z.string().nullable(),
  status: MerchantRequestStatus,
  reply: z.string().nullable(),
  createdAt: z.number(),
  createdBy: z.string(),
  updatedAt: z.number(),
});
export type MerchantRequest = z.infer<typeof MerchantRequest>;

type RequestRow = Omit<MerchantRequestsTable, 'mall_id'>;

const toRequest = (row: RequestRow): MerchantRequest => ({
  requestId: row.request_id,
  kind: MerchantRequestKind.parse(row.kind),
  title: row.title,
  body: row.body,
  flowId: row.flow_id,
  orderId: row.order_id,
  status: MerchantRequestStatus.parse(row.status),
  reply: row.reply,
  createdAt: Number(row.created_at),
  createdBy: row.created_by,
  updatedAt: Number(row.updated_at),
});

/** Merchant requests of a mall; new ones start `received`. */
export function createMerchantRequestsRepository(ctx: StoreContext) {
  return {
    /** Stores a new request; a repeated id is a `conflict` StoreError. */
    async create(
      mallId: string,
      input: Pick<
        MerchantRequest,
        'requestId' | 'kind' | 'title' | 'body' | 'flowId' | 'orderId' | 'createdBy'
      > & {
        now: number;
      },
    ): Promise<MerchantRequest> {
      const request = MerchantRequest.parse({
        ...input,
        status: 'received',
        reply: null,
        createdAt: input.now,
        updatedAt: input.now,
      });
      await ctx.db
        .insertInto('merchant_requests')
        .values({
          mall_id: mallId,
          request_id: request.requestId,
          kind: request.kind,
          title: request.title,
          body: request.body,
          flow_id: request.flowId,
          order_id: request.orderId,
          status: request.status,
          reply: null,
          created_at: request.createdAt,
          created_by: request.createdBy,
          updated_at: request.updatedAt,
        })
        .execute();
      return request;
    },

    /** The mall's requests, newest first. */
    async list(mallId: string, limit: number): Promise<MerchantRequest[]> {
      const rows = await ctx.db
        .selectFrom('merchant_requests')
        .selectAll()
        .where('mall_id', '=', mallId)
        .orderBy('created_at', 'desc')
        .orderBy('request_id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toRequest);
    },

    /** The operator's answer: a new status and optional reply; false when the request is unknown. */
    async answer(
      mallId: string,
      requestId: string,
      answer: { status: MerchantRequestStatus; reply: string | null; now: number },
    ): Promise<boolean> {
      const result = await ctx.db
        .updateTable('merchant_requests')
        .set({
          status: MerchantRequestStatus.parse(answer.status),
          reply: answer.reply,
          updated_at: answer.now,
        })
        .where('mall_id', '=', mallId)
        .where('request_id', '=', requestId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
export type MerchantRequestsRepository = ReturnType<typeof createMerchantRequestsRepository>;
