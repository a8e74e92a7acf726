import { createHash } from 'node:crypto';
import { z } from 'zod';

/** What a webhook asks PassWing to do (DESIGN: flow triggers, plus catalogue and app events). */
export const WebhookTrigger = z.enum([
  'order.created',
  'order.paid',
  'order.changed',
  'stock.changed',
  'app.deleted',
  'ignored',
]);
export type WebhookTrigger = z.infer<typeof WebhookTrigger>;

/** The normalised webhook. The body is a hint only: orders are re-fetched before any decision. */
export const WebhookEvent = z.object({
  eventNo: z.number().int(),
  mallId: z.string(),
  shopNo: z.number().int(),
  /** Order ids named by the event (bulk events 90071–90074 name several); empty when none. */
  orderIds: z.array(z.string()),
  trigger: WebhookTrigger,
  /** 90075 stock change: the variant whose stock changed. */
  variantCode: z.string().optional(),
  /** 90075: the product of that variant. */
  productNo: z.number().int().optional(),
  /** Who caused the change (an app's client id for API writes); see isOwnWrite. */
  executorId: z.string().optional(),
  /** 90077: the client id of the app that was deleted. */
  appClientId: z.string().optional(),
  /**
   * Same key for a resend of the same change: (mall, event, orders, state fields). Events without
   * state fields (90064 address change) give the same key for two real changes, so keep dedupe
   * keys only for a bounded window (the reconciliation poll catches anything suppressed).
   */
  dedupeKey: z.string(),
});
export type WebhookEvent = z.infer<typeof WebhookEvent>;

const TRIGGERS: Record<number, WebhookTrigger> = {
  90023: 'order.created',
  90025: 'order.paid',
  90024: 'order.changed', // shipping status: item statuses move (N20 → N30 …)
  90026: 'order.changed',
  90027: 'order.changed',
  90028: 'order.changed',
  90029: 'order.changed',
  90031: 'order.changed',
  90064: 'order.changed',
  90071: 'order.changed',
  90072: 'order.changed',
  90073: 'order.changed',
  90074: 'order.changed',
  90160: 'order.changed', // return completed
  90075: 'stock.changed',
  90077: 'app.deleted',
};

/** Resource fields that distinguish one state of an order from the next (for dedupe). */
const STATE_FIELDS = [
  'event_code',
  'paid',
  'shipping_status',
  'payment_date',
  'cancel_date',
  'return_confirmed_date',
  'claim_code',
  'claim_reason_type',
  'withdraw_type',
  'order_price_amount',
  'actual_payment_amount',
  'refund_amount',
  'requested_date',
  'tracking_no',
  'variant_code',
  'updated_date',
  'deleted_date',
] as const;

const idText = z.union([z.string(), z.number()]).transform(String);

/** The fields of `resource` (or of the flat body) PassWing reads; everything else is kept opaque. */
const Resource = z.looseObject({
  mall_id: z.string().min(1),
  event_shop_no: idText.nullish(),
  shop_no: idText.nullish(),
  order_id: idText.nullish(),
  variant_code: z.string().nullish(),
  product_no: z.coerce.number().int().nullish(),
  executor_id: z.string().nullish(),
  client_id: z.string().nullish(),
});
type Resource = z.infer<typeof Resource>;

const EventNo = z.coerce.number().int().positive();
const Envelope = z.object({ event_no: EventNo, resource: Resource });
const Flat = Resource.extend({ event_no: EventNo });

export type WebhookParseResult = { ok: true; event: WebhookEvent } | { ok: false; error: string };

function dedupeKeyOf(eventNo: number, resource: Resource, orderIds: string[]): string {
  const known = eventNo in TRIGGERS;
  // Unknown events: the whole resource identifies the delivery (resends are byte-identical).
  const state = known ? STATE_FIELDS.map((field) => resource[field] ?? null) : resource;
  const digest = createHash('sha256')
    .update(JSON.stringify([orderIds, state]))
    .digest('base64url')
    .slice(0, 32);
  return `${resource.mall_id}:${eventNo}:${digest}`;
}

/**
 * Parses a Cafe24 webhook body in either documented shape, `{event_no, resource}` or flat, into a
 * WebhookEvent. Unknown event numbers parse as trigger 'ignored'; a body without `event_no` or
 * `mall_id` is an error (the HTTP layer answers 400).
 */
export function parseWebhookEvent(body: unknown): WebhookParseResult {
  const envelope = Envelope.safeParse(body);
  const flat = envelope.success ? null : Flat.safeParse(body);
  let eventNo: number;
  let resource: Resource;
  if (envelope.success) {
    eventNo = envelope.data.event_no;
    resource = envelope.data.resource;
  } else if (flat?.success) {
    const { event_no, ...rest } = flat.data;
    eventNo = event_no;
    resource = rest;
  } else {
    return { ok: false, error: 'not a Cafe24 webhook: event_no and mall_id are required' };
  }
  const trigger = TRIGGERS[eventNo] ?? 'ignored';
  const orderIds =
    trigger === 'stock.changed' || trigger === 'app.deleted'
      ? []
      : (resource.order_id ?? '')
          .split(',')
          .map((id) => id.trim())
          .filter((id) => id.length > 0);
  if (
    (trigger === 'order.created' || trigger === 'order.paid' || trigger === 'order.changed') &&
    orderIds.length === 0
  ) {
    return { ok: false, error: `event ${eventNo} carries no order_id` };
  }
  const shopNo = Number(resource.event_shop_no ?? resource.shop_no ?? 1);
  const event: WebhookEvent = {
    eventNo,
    mallId: resource.mall_id,
    shopNo: Number.isSafeInteger(shopNo) && shopNo > 0 ? shopNo : 1,
    orderIds,
    trigger,
    dedupeKey: dedupeKeyOf(eventNo, resource, orderIds),
  };
  if (trigger === 'stock.changed' && resource.variant_code) event.variantCode = resource.variant_code;
  if (trigger === 'stock.changed' && resource.product_no != null) event.productNo = resource.product_no;
  if (resource.executor_id) event.executorId = resource.executor_id;
  if (trigger === 'app.deleted' && resource.client_id) event.appClientId = resource.client_id;
  return { ok: true, event };
}

/** True when PassWing itself caused the event (executor = our client id): never react to it. */
export function isOwnWrite(event: WebhookEvent, clientId: string): boolean {
  return event.executorId !== undefined && event.executorId === clientId;
}
