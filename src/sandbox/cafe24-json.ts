import { formatKstOffset, formatKstSpaced } from './kst-time.js';
import type {
  CustomerGroupRecord,
  ItemRecord,
  MemberRecord,
  MemoRecord,
  OrderRecord,
  PaymentKind,
  ProductRecord,
  ScriptTagRecord,
  VariantRecord,
  WebhookLogRecord,
} from './mall-records.js';
import { isClaimedStatus } from './simulated-mall.js';

/**
 * Renders simulator records in Cafe24's Admin API shapes (reference/cafe24-api.md §4–§7): money as
 * decimal strings, T/F flags, `+09:00` datetimes, `null` where the sample shows null.
 */

type Json = Record<string, unknown>;

/** `24680` → `"24680.00"`. */
export function money(won: number): string {
  return won.toFixed(2);
}

function kstOrNull(ms: number | null): string | null {
  return ms === null ? null : formatKstOffset(ms);
}

function spacedOrNull(ms: number | null): string | null {
  return ms === null ? null : formatKstSpaced(ms);
}

const PAYMENT_METHODS: Record<PaymentKind, { code: string; name: string }> = {
  card: { code: 'card', name: '신용카드' },
  naverpay: { code: 'card', name: '신용카드' },
  cash: { code: 'cash', name: '무통장입금' },
  icash: { code: 'icash', name: '가상계좌' },
};

export function paymentMethodCode(order: OrderRecord): string {
  return PAYMENT_METHODS[order.payment].code;
}

export function orderPlace(order: OrderRecord): { id: string; name: string } {
  if (order.payment === 'naverpay') return { id: 'NCHECKOUT', name: 'Naver Pay' };
  return order.fromMobile ? { id: 'mobile', name: '모바일웹' } : { id: 'cafe24', name: 'PC쇼핑몰' };
}

const STATUS_TEXT: Record<string, string> = {
  N00: '입금전',
  N10: '상품준비중',
  N20: '배송준비중',
  N22: '배송보류',
  N30: '배송중',
  N40: '배송완료',
  N50: '구매확정',
  C40: '취소완료',
  C47: '입금전취소-구매자',
  R40: '반품완료',
  E00: '교환신청',
};

export function itemAmount(item: ItemRecord): number {
  return (item.productPrice + item.optionPrice) * item.quantity;
}

/** Product amount of all items (initial) or of the items not cancelled/returned (actual). */
export function productAmount(order: OrderRecord, actual: boolean): number {
  return order.items
    .filter((item) => !actual || !isClaimedStatus(item.orderStatus))
    .reduce((sum, item) => sum + itemAmount(item), 0);
}

function amountBlock(order: OrderRecord, actual: boolean): Json {
  const price = productAmount(order, actual);
  const nothingLeft = actual && price === 0;
  const shipping = nothingLeft ? 0 : order.shippingFee + order.regionalSurcharge;
  const discount = nothingLeft
    ? 0
    : Math.floor((price * order.membershipDiscount) / Math.max(1, productAmount(order, false)));
  const payment = price + shipping - discount;
  return {
    order_price_amount: money(price),
    shipping_fee: money(shipping),
    points_spent_amount: money(0),
    credits_spent_amount: money(0),
    coupon_discount_price: money(0),
    coupon_shipping_fee_amount: money(0),
    membership_discount_amount: money(discount),
    shipping_fee_discount_amount: money(0),
    set_product_discount_amount: money(0),
    app_discount_amount: money(0),
    point_incentive_amount: money(0),
    total_amount_due: money(order.paid === 'T' ? 0 : payment),
    payment_amount: money(payment),
    market_other_discount_amount: money(0),
    tax: (Math.round((payment / 11) * 10) / 10).toFixed(1),
  };
}

/** The order's final payment amount (`payment_amount`, after claims). */
export function paymentAmount(order: OrderRecord): number {
  const price = productAmount(order, true);
  if (price === 0) return 0;
  const discount = Math.floor((price * order.membershipDiscount) / Math.max(1, productAmount(order, false)));
  return price + order.shippingFee + order.regionalSurcharge - discount;
}

/** `shipping_status`: F before shipping, M in transit, T delivered, W on hold. */
export function shippingStatus(order: OrderRecord): string {
  const statuses = order.items.map((item) => item.orderStatus);
  if (statuses.includes('N22')) return 'W';
  if (statuses.includes('N30')) return 'M';
  if (statuses.some((status) => status === 'N40' || status === 'N50' || status.startsWith('R'))) return 'T';
  return 'F';
}

export function renderItem(item: ItemRecord, order: OrderRecord): Json {
  const shipped = ['N30', 'N40', 'N50'].includes(item.orderStatus) || item.orderStatus.startsWith('R');
  return {
    shop_no: 1,
    item_no: item.itemNo,
    order_item_code: item.itemCode,
    variant_code: item.variantCode,
    product_no: item.productNo,
    product_code: item.productCode,
    internal_product_name: item.productName,
    custom_product_code: '',
    custom_variant_code: null,
    eng_product_name: null,
    option_id: item.variantCode.slice(8),
    option_value: item.optionValue,
    option_value_default: item.optionValue,
    additional_option_value: '',
    additional_option_values: [],
    product_name: item.productName,
    product_name_default: item.productName,
    product_price: money(item.productPrice),
    option_price: money(item.optionPrice),
    additional_discount_price: money(0),
    coupon_discount_price: money(0),
    app_item_discount_amount: money(0),
    payment_amount: money(itemAmount(item)),
    quantity: item.quantity,
    product_tax_type: 'A',
    tax_rate: 10,
    supplier_product_name: '',
    supplier_transaction_type: 'D',
    supplier_id: 'S0000000',
    supplier_name: '자체공급',
    tracking_no: shipped ? `5000${order.orderId.replace('-', '').slice(-8)}` : null,
    shipping_code: `D-${order.orderId}-00`,
    claim_code: item.claimCode,
    claim_reason_type: item.claimReasonType,
    claim_reason: item.claimReason,
    refund_bank_name: null,
    refund_bank_account_no: null,
    refund_bank_account_holder: null,
    post_express_flag: null,
    order_status: item.orderStatus,
    request_undone: null,
    claim_quantity: item.claimCode === null ? 0 : item.quantity,
    order_status_additional_info: null,
    status_code: item.statusCode,
    status_text: STATUS_TEXT[item.orderStatus] ?? item.orderStatus,
    open_market_status: '',
    bundled_shipping_type: 'N',
    shipping_company_id: shipped ? '2' : null,
    shipping_company_name: shipped ? 'CJ대한통운' : null,
    shipping_company_code: shipped ? '0006' : null,
    product_bundle: 'F',
    product_bundle_no: '0',
    product_bundle_name: null,
    product_bundle_name_default: null,
    product_bundle_type: null,
    was_product_bundle: null,
    original_bundle_item_no: null,
    naver_pay_order_id: null,
    naver_pay_claim_status: null,
    individual_shipping_fee: money(0),
    shipping_fee_type: order.shippingFee === 0 ? 'X' : 'D',
    shipping_fee_type_text: order.shippingFee === 0 ? '무료' : '고정배송비',
    shipping_payment_option: 'P',
    payment_info_id: '0',
    original_item_no: [],
    store_pickup: 'F',
    ordered_date: formatKstSpaced(order.placedAt),
    shipped_date: null,
    delivered_date: null,
    purchaseconfirmation_date: null,
    cancel_date: spacedOrNull(item.cancelDate),
    return_confirmed_date: spacedOrNull(item.returnConfirmedDate),
    return_request_date: spacedOrNull(item.returnRequestDate),
    return_collected_date: spacedOrNull(item.returnConfirmedDate),
    cancel_request_date: spacedOrNull(item.cancelRequestDate),
    refund_date: spacedOrNull(item.refundDate),
    exchange_request_date: spacedOrNull(item.exchangeRequestDate),
    exchange_date: null,
    product_material: null,
    product_material_eng: null,
    cloth_fabric: null,
    product_weight: '1.00',
    volume_size: null,
    volume_size_weight: null,
    clearance_category: null,
    clearance_category_info: null,
    clearance_category_code: null,
    hs_code: '',
    one_plus_n_event: null,
    origin_place: '국내',
    origin_place_no: 1798,
    made_in_code: 'KR',
    origin_place_value: '',
    gift: 'F',
    item_granting_gift: null,
    subscription: 'F',
    product_bundle_list: null,
    market_cancel_request: null,
    market_cancel_request_quantity: null,
    market_fail_reason: null,
    market_fail_reason_guide: null,
    market_item_no: null,
    market_custom_variant_code: null,
    option_type: 'T',
    options: [],
    market_discount_amount: money(0),
    // UNCONFIRMED in the reference: the shape when labels exist. The sandbox uses an array of names.
    labels: item.labels.length > 0 ? [...item.labels] : null,
    order_status_before_cs: null,
    supply_price: money(Math.round(item.productPrice * 0.6)),
  };
}

export function renderReceiver(order: OrderRecord): Json {
  const receiver = order.receiver;
  return {
    shop_no: 1,
    name: receiver.name,
    name_furigana: '',
    phone: receiver.phone,
    cellphone: receiver.cellphone,
    virtual_phone_no: null,
    zipcode: receiver.zipcode,
    address1: receiver.address1,
    address2: receiver.address2,
    address_state: '',
    address_city: '',
    address_street: '',
    address_full: `${receiver.address1} ${receiver.address2}`.trim(),
    name_en: null,
    city_en: null,
    state_en: null,
    street_en: null,
    country_code: '',
    country_name: null,
    country_name_en: null,
    shipping_message: receiver.shippingMessage,
    clearance_information_type: null,
    clearance_information: null,
    wished_delivery_date: '',
    wished_delivery_time: null,
    shipping_code: `D-${order.orderId}-00`,
  };
}

export function renderBuyer(order: OrderRecord, member: MemberRecord | undefined): Json {
  return {
    shop_no: 1,
    member_id: order.memberId ?? '',
    member_group_no: order.groupNo ?? 0,
    name: order.buyer.name,
    names_furigana: '',
    email: order.buyer.email,
    phone: order.buyer.phone,
    cellphone: order.buyer.cellphone,
    customer_notification: null,
    updated_date: formatKstOffset(order.placedAt),
    user_id: order.memberId ?? '',
    user_name: order.buyer.name,
    company_name: null,
    company_registration_no: null,
    buyer_zipcode: member === undefined ? '' : order.receiver.zipcode,
    buyer_address1: member === undefined ? '' : order.receiver.address1,
    buyer_address2: member === undefined ? '' : order.receiver.address2,
  };
}

export interface OrderEmbeds {
  items: boolean;
  receivers: boolean;
  buyer: boolean;
}

export function renderOrder(order: OrderRecord, embeds: OrderEmbeds, member: MemberRecord | undefined): Json {
  const method = PAYMENT_METHODS[order.payment];
  const place = orderPlace(order);
  const json: Json = {
    shop_no: 1,
    currency: 'KRW',
    order_id: order.orderId,
    market_id: 'self',
    market_order_no: null,
    member_id: order.memberId ?? '',
    member_email: order.memberId === null ? '' : order.buyer.email,
    member_authentication: order.memberId === null ? null : 'T',
    customer_group_no_when_ordering: order.groupNo ?? 0,
    group_no_when_ordering: order.groupNo === null ? '' : String(order.groupNo),
    initial_order_amount: amountBlock(order, false),
    actual_order_amount: amountBlock(order, true),
    billing_name: order.buyer.name,
    bank_code: order.bankCode === '' ? null : order.bankCode,
    bank_code_name: order.bankCode === '' ? null : '샘플은행',
    payment_method: [method.code],
    payment_method_name: [method.name],
    payment_gateway_names: order.payment === 'card' ? ['inicis'] : null,
    sub_payment_method_name: null,
    sub_payment_method_code: null,
    transaction_ids: null,
    paid: order.paid,
    canceled: order.canceled,
    order_date: formatKstOffset(order.placedAt),
    first_order: order.firstOrder,
    payment_date: kstOrNull(order.paymentDate),
    order_from_mobile: order.fromMobile ? 'T' : 'F',
    use_escrow: 'F',
    bank_account_no: order.bankAccountNo,
    bank_account_owner_name: order.bankAccountNo === '' ? '' : '(주)샘플몰',
    market_seller_id: null,
    payment_amount: money(paymentAmount(order)),
    cancel_date: kstOrNull(order.cancelDate),
    order_place_name: place.name,
    order_place_id: place.id,
    payment_confirmation: null,
    commission: money(0),
    postpay: 'F',
    admin_additional_amount: money(0),
    additional_shipping_fee: money(0),
    international_shipping_insurance: money(0),
    additional_handling_fee: money(0),
    shipping_type: 'A',
    shipping_type_text: '국내배송',
    shipping_status: shippingStatus(order),
    shipping_fee_detail: [
      {
        shipping_group_code: 1,
        supplier_code: 'S0000000',
        shipping_fee: money(order.shippingFee),
        cancel_shipping_fee: money(0),
        additional_shipping_fee: money(0),
        refunded_shipping_fee: money(0),
        return_shpping_fee: money(0),
        items: order.items.map((item) => item.itemCode),
      },
    ],
    regional_surcharge_detail:
      order.regionalSurcharge === 0
        ? []
        : [
            {
              shipping_group_code: 1,
              supplier_code: 'S0000000',
              regional_surcharge_amount: money(order.regionalSurcharge),
              cancel_shipping_fee: money(0),
              additional_shipping_fee: money(0),
              refunded_shipping_fee: money(0),
              return_shpping_fee: money(0),
              items: order.items.map((item) => item.itemCode),
            },
          ],
    wished_delivery_date: '',
    wished_delivery_time: null,
    wished_carrier_id: null,
    wished_carrier_name: null,
    return_confirmed_date: null,
    total_supply_price: String(
      order.items.reduce((sum, item) => sum + Math.round(item.productPrice * 0.6), 0),
    ),
    naver_point: 0,
    additional_order_info_list: [],
    store_pickup: 'F',
    easypay_name: order.payment === 'naverpay' ? '네이버페이' : '',
    loan_status: null,
    subscription: 'F',
    multiple_addresses: 'F',
    exchange_rate: '1.0000',
    first_payment_methods: [method.code],
    naverpay_payment_information: order.payment === 'naverpay' ? 'Y' : 'N',
    include_tax: 'T',
    tax_detail: [],
    service_type: null,
    service_data: null,
    show_shipping_address: 'T',
    social_member_code: null,
    social_name: null,
  };
  if (embeds.items) json.items = order.items.map((item) => renderItem(item, order));
  if (embeds.receivers) json.receivers = [renderReceiver(order)];
  if (embeds.buyer) json.buyer = renderBuyer(order, member);
  return json;
}

export function renderCustomer(member: MemberRecord): Json {
  return {
    shop_no: 1,
    member_id: member.memberId,
    group_no: member.groupNo,
    member_authentication: 'T',
    use_blacklist: 'F',
    blacklist_type: '',
    authentication_method: null,
    sms: 'T',
    news_mail: 'T',
    solar_calendar: 'T',
    total_points: money(0),
    available_points: money(0),
    used_points: money(0),
    last_login_date: formatKstOffset(member.createdAt),
    created_date: formatKstOffset(member.createdAt),
    gender: member.gender,
    use_mobile_app: 'F',
    available_credits: money(0),
    fixed_group: 'F',
  };
}

export function renderCustomerGroup(group: CustomerGroupRecord): Json {
  return {
    shop_no: 1,
    group_no: group.groupNo,
    group_name: group.name,
    group_description: group.description,
    group_icon: '',
    benefits_paymethod: 'A',
    buy_benefits: group.discountPercent > 0 ? 'D' : 'F',
    ship_benefits: 'F',
    product_availability: 'P',
    discount_information:
      group.discountPercent > 0
        ? {
            discount_amount: group.discountPercent.toFixed(2),
            discount_unit: 'P',
            round_unit: '1',
            round_type: 'F',
          }
        : null,
    points_information: null,
  };
}

export function renderInventory(variant: VariantRecord): Json {
  return {
    shop_no: 1,
    variant_code: variant.variantCode,
    use_inventory: variant.useInventory ? 'T' : 'F',
    important_inventory: 'A',
    inventory_control_type: 'A',
    display_soldout: 'T',
    quantity: variant.quantity,
    safety_inventory: variant.safetyInventory,
    origin_code: null,
  };
}

export function renderVariant(variant: VariantRecord, withInventories: boolean): Json {
  const json: Json = {
    shop_no: 1,
    variant_code: variant.variantCode,
    options: [{ name: '옵션', value: variant.optionValue }],
    custom_variant_code: '',
    display: 'T',
    selling: 'T',
    additional_amount: money(variant.additionalAmount),
    use_inventory: variant.useInventory ? 'T' : 'F',
    important_inventory: 'A',
    inventory_control_type: 'A',
    display_soldout: 'T',
    quantity: variant.quantity,
    safety_inventory: variant.safetyInventory,
    image: null,
  };
  if (withInventories) json.inventories = [renderInventory(variant)];
  return json;
}

export function isSoldOut(product: ProductRecord): boolean {
  return product.variants.every((variant) => variant.useInventory && variant.quantity <= 0);
}

export function renderProduct(
  product: ProductRecord,
  embedVariants: boolean,
  embedInventories: boolean,
): Json {
  const json: Json = {
    shop_no: 1,
    product_no: product.productNo,
    product_code: product.productCode,
    custom_product_code: '',
    product_name: product.name,
    eng_product_name: '',
    supply_product_name: '',
    internal_product_name: '',
    model_name: '',
    price_excluding_tax: money(Math.round(product.price / 1.1)),
    price: money(product.price),
    retail_price: money(0),
    supply_price: money(product.supplyPrice),
    display: 'T',
    selling: 'T',
    product_condition: 'N',
    product_used_month: null,
    summary_description: '',
    product_tag: [...product.tags],
    sold_out: isSoldOut(product) ? 'T' : 'F',
    has_option: product.variants.length > 1 ? 'T' : 'F',
    created_date: formatKstOffset(product.createdAt),
    updated_date: formatKstOffset(product.createdAt),
  };
  if (embedVariants || embedInventories) {
    json.variants = product.variants.map((variant) => renderVariant(variant, embedInventories));
  }
  return json;
}

export function renderMemo(memo: MemoRecord): Json {
  return {
    shop_no: 1,
    memo_no: memo.memoNo,
    author_id: memo.authorId,
    created_date: formatKstOffset(memo.createdAt),
    use_customer_inquiry: memo.useCustomerInquiry,
    topic_type: memo.topicType,
    status: memo.status,
    attach_type: memo.attachType,
    content: memo.content,
    starred_memo: memo.starredMemo,
    fixed: memo.fixed,
    product_list: [],
  };
}

export function renderScriptTag(tag: ScriptTagRecord): Json {
  return {
    shop_no: 1,
    script_no: tag.scriptNo,
    client_id: tag.clientId,
    src: tag.src,
    display_location: tag.displayLocation,
    exclude_path: tag.excludePath,
    skin_no: tag.skinNo,
    integrity: tag.integrity,
    created_date: formatKstOffset(tag.createdAt),
    updated_date: formatKstOffset(tag.updatedAt),
  };
}

export function renderWebhookLog(log: WebhookLogRecord): Json {
  return {
    log_id: log.logId,
    log_type: log.logType,
    event_no: log.eventNo,
    mall_id: log.mallId,
    trace_id: log.traceId,
    requested_time: formatKstOffset(log.requestedAt),
    request_endpoint: log.endpoint,
    request_body: log.body,
    success: log.success,
    response_http_code: log.responseHttpCode,
    response_body: log.responseBody,
  };
}
