import { z } from 'zod';

/**
 * Request bodies of the Admin API writes. Cafe24 wraps single writes as `{shop_no, request:{…}}`
 * and multi writes as `{shop_no, requests:[…]}` (reference §2); where the reference has no
 * verbatim sample (item labels) the top-level form is accepted as well.
 */

const ShopNo = z.coerce.number().int().positive().default(1);
const LabelName = z.string().trim().min(1);

export const BulkLabelsBody = z.object({
  shop_no: ShopNo,
  requests: z
    .array(z.object({ name: LabelName, order_item_code: z.array(z.string().min(1)).min(1) }))
    .min(1)
    .max(10, 'at most 10 requests per call'),
});

const NamesFields = z.object({ names: z.array(LabelName).min(1) });

/** Item label POST/PUT: `{shop_no, request:{names}}`, or `{shop_no, names}`. */
export const ItemLabelsBody = z.union([
  z.object({ shop_no: ShopNo, request: NamesFields }).transform((body) => body.request.names),
  z.object({ shop_no: ShopNo, names: NamesFields.shape.names }).transform((body) => body.names),
]);

const TF = z.enum(['T', 'F']);

const MemoFields = z.object({
  content: z.string().min(1).max(1000, 'content must be at most 1000 characters'),
  use_customer_inquiry: TF.default('F'),
  topic_type: z.enum(['cs_01', 'cs_02', 'cs_03', 'cs_04', 'cs_05']).nullable().default(null),
  status: TF.nullable().default(null),
  attach_type: z.enum(['O', 'P']).default('O'),
  starred_memo: TF.default('F'),
  fixed: TF.default('F'),
});

/** Memo POST: `{shop_no, request:{content, …}}`, or the fields at the top level (no verbatim sample). */
export const MemoBody = z.union([
  z.object({ shop_no: ShopNo, request: MemoFields }).transform((body) => body.request),
  MemoFields.extend({ shop_no: ShopNo }),
]);

const ProcessStatus = z.enum(['prepare', 'prepareproduct', 'hold', 'unhold']);

const OrderUpdateFields = z.object({
  process_status: ProcessStatus,
  order_item_code: z.array(z.string().min(1)).optional(),
});

export const OrderUpdateBody = z.object({ shop_no: ShopNo, request: OrderUpdateFields });

export const OrdersUpdateBody = z.object({
  shop_no: ShopNo,
  requests: z
    .array(OrderUpdateFields.extend({ order_id: z.string().min(1) }))
    .min(1)
    .max(100),
});

export const ScriptTagBody = z.object({
  shop_no: ShopNo,
  request: z.object({
    src: z.url({ protocol: /^https?$/ }),
    display_location: z.array(z.string().min(1)).min(1),
    exclude_path: z.array(z.string()).default([]),
    skin_no: z.array(z.number().int()).default([]),
    integrity: z.string().nullable().default(null),
  }),
});
