import {
  money,
  orderPlace,
  paymentAmount,
  paymentMethodCode,
  productAmount,
  shippingStatus,
} from './cafe24-json.js';
import { formatKstOffset, formatKstSpaced } from './kst-time.js';
import type { OrderRecord, ProductRecord, VariantRecord } from './mall-records.js';

/**
 * Webhook bodies in the shape of reference/cafe24-webhooks/*.json: `{event_no, resource}` with
 * string values (`event_shop_no: "1"`, amounts as decimal strings, `payment_method` a string).
 */
export interface WebhookPayload {
  event_no: number;
  resource: Record<string, unknown>;
}

/** Order events with a full order resource, and their `event_code`. */
export const ORDER_EVENTS = {
  90023: 'create_order',
  90025: 'paid_order',
  90026: 'cancel_order',
  90027: 'return_order',
  90028: 'exchange_order',
  90029: 'refund_order',
} as const;
export type OrderEventNo = keyof typeof ORDER_EVENTS;

/** Bulk status events: comma-joined order ids. */
export const BULK_EVENTS = {
  90071: 'pickup_complete_order',
  90072: 'cancel_order',
  90073: 'refund_order',
  90074: 'return_order',
} as const;
export type BulkEventNo = keyof typeof BULK_EVENTS;

export function orderEventPayload(mallId: string, eventNo: OrderEventNo, order: OrderRecord): WebhookPayload {
  const place = orderPlace(order);
  const products = order.items;
  const resource: Record<string, unknown> = {
    mall_id: mallId,
    event_shop_no: '1',
    event_code: ORDER_EVENTS[eventNo],
    order_id: order.orderId,
    payment_gateway_name: order.payment === 'card' ? 'inicis' : '',
    currency: 'KRW',
    order_date: formatKstOffset(order.placedAt),
    order_place_name: place.name,
    member_id: order.memberId ?? '',
    member_authentication: null,
    buyer_name: order.buyer.name,
    buyer_email: order.buyer.email,
    buyer_phone: order.buyer.phone,
    buyer_cellphone: order.buyer.cellphone,
    group_no_when_ordering: order.groupNo === null ? '' : String(order.groupNo),
    first_order: order.firstOrder,
    order_from_mobile: order.fromMobile ? 'T' : 'F',
    paid: order.paid,
    payment_date: order.paymentDate === null ? null : formatKstOffset(order.paymentDate),
    billing_name: order.buyer.name,
    bank_code: order.bankCode === '' ? null : order.bankCode,
    payment_method: paymentMethodCode(order),
    easypay_name: order.payment === 'naverpay' ? '네이버페이' : '',
    use_escrow: 'F',
    bank_account_no: order.bankAccountNo,
    order_price_amount: money(productAmount(order, false)),
    membership_discount_amount: money(order.membershipDiscount),
    actual_payment_amount: money(paymentAmount(order)),
    mileage_spent_amount: money(0),
  };
  if (eventNo !== 90023 && eventNo !== 90025) {
    resource.cancel_date = order.cancelDate === null ? null : formatKstOffset(order.cancelDate);
  }
  Object.assign(resource, {
    shipping_fee: money(order.shippingFee + order.regionalSurcharge),
    shipping_type: 'A',
    shipping_status: shippingStatus(order),
    wished_delivery_date: '',
    wished_delivery_time: null,
  });
  if (eventNo === 90029) resource.return_confirmed_date = null;
  Object.assign(resource, {
    store_pickup: 'F',
    shipping_message: order.receiver.shippingMessage,
    ordering_product_code: products.map((item) => item.productCode).join(','),
    ordering_product_name: products.map((item) => item.productName).join(','),
  });
  // The documented 90025 sample has no order_place_id; every other order event has it.
  if (eventNo !== 90025) resource.order_place_id = place.id;
  if (eventNo === 90025) {
    resource.withdraw = 'F';
    resource.withdraw_type = '';
  }
  if (eventNo === 90027) {
    const claimed = order.items.find((item) => item.claimReasonType !== null);
    resource.claim_reason_type = claimed?.claimReasonType ?? 'P';
    resource.claim_reason = claimed?.claimReason ?? '';
    resource.claim_reason_type_text = '상품 불만족';
  }
  return { event_no: eventNo, resource };
}

export function bulkEventPayload(
  mallId: string,
  eventNo: BulkEventNo,
  orderIds: readonly string[],
): WebhookPayload {
  const resource: Record<string, unknown> = {
    mall_id: mallId,
    event_shop_no: '1',
    event_code: BULK_EVENTS[eventNo],
    order_id: orderIds.join(','),
  };
  if (eventNo === 90071) {
    resource.included_deferpay_order = '';
    resource.deferpay_order_id = '';
  }
  return { event_no: eventNo, resource };
}

/** 90064: the receiver of an order changed. */
export function addressChangedPayload(mallId: string, order: OrderRecord): WebhookPayload {
  return {
    event_no: 90064,
    resource: {
      mall_id: mallId,
      event_shop_no: '1',
      event_code: 'changing_recipient_information',
      order_id: order.orderId,
      order_place_id: 'self',
    },
  };
}

/** 90066: an admin memo was added; `executor_id` is the client id when an app wrote it. */
export function memoAddedPayload(
  mallId: string,
  order: OrderRecord,
  at: number,
  executorId: string,
): WebhookPayload {
  return {
    event_no: 90066,
    resource: {
      mall_id: mallId,
      event_shop_no: '1',
      event_code: 'insert_admin_memo',
      order_id: order.orderId,
      requested_date: formatKstSpaced(at),
      order_place_id: orderPlace(order).id,
      ordering_product_code: order.items.map((item) => item.productCode).join(','),
      ordering_product_name: order.items.map((item) => item.productName).join(','),
      executor_id: executorId,
      execute_method: 'V2X',
    },
  };
}

/** 90075: a variant's stock changed. */
export function stockChangedPayload(
  mallId: string,
  product: ProductRecord,
  variant: VariantRecord,
  at: number,
): WebhookPayload {
  return {
    event_no: 90075,
    resource: {
      mall_id: mallId,
      product_no: product.productNo,
      product_code: product.productCode,
      created_date: formatKstOffset(product.createdAt),
      updated_date: formatKstOffset(at),
      product_name: product.name,
      eng_product_name: '',
      supply_product_name: '',
      model_name: '',
      custom_product_code: '',
      product_condition: 'N',
      summary_description: '',
      simple_description: '',
      description: '',
      display: 'T',
      selling: 'T',
      retail_price: money(0),
      supply_price: money(product.supplyPrice),
      price: money(product.price),
      price_content: null,
      adult_certification: 'F',
      manufacturer_code: 'M0000000',
      supplier_code: 'S0000000',
      brand_code: 'B0000000',
      trend_code: 'T0000000',
      made_date: '',
      release_date: '',
      origin_place_code: 1798,
      shipping_scope: 'A',
      translated: 'F',
      status_text: variant.quantity <= 0 ? 'In case that item stock is less than or equal 0' : '',
      variant_code: variant.variantCode,
      use_soldout: variant.useInventory && variant.quantity <= 0 ? 'T' : 'F',
    },
  };
}

/** 90077: the app was deleted from the mall. */
export function appDeletedPayload(mallId: string, clientId: string, at: number): WebhookPayload {
  return {
    event_no: 90077,
    resource: {
      mall_id: mallId,
      client_id: clientId,
      app_name: 'PassWing',
      deleted_date: formatKstOffset(at),
    },
  };
}
