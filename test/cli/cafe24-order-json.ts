/**
 * Builds raw Cafe24 Admin REST orders (`GET /orders?embed=items,receivers,buyer`) in the shape of the
 * verbatim samples in reference/cafe24-api.md §4.4–4.6, with obviously fake personal data.
 */

export interface RawItemSpec {
  productNo: number;
  productCode: string;
  variantCode: string;
  name?: string;
  price: number;
  quantity?: number;
  status?: string;
}

export interface RawOrderSpec {
  orderId: string;
  /** ISO 8601 with offset, e.g. `2026-11-02T00:30:00+09:00`. */
  orderDate: string;
  memberId?: string;
  firstOrder?: 'T' | 'F' | '';
  paymentMethods?: string[];
  paid?: 'T' | 'F' | 'M';
  canceled?: 'T' | 'F';
  zipcode?: string;
  address1?: string;
  receiverName?: string;
  receiverCellphone?: string;
  clientIp?: string;
  items: RawItemSpec[];
}

const money = (won: number): string => `${won}.00`;

/** One raw Cafe24 order with embedded items, receivers and buyer. */
export function cafe24OrderJson(spec: RawOrderSpec): Record<string, unknown> {
  const productAmount = spec.items.reduce((sum, item) => sum + item.price * (item.quantity ?? 1), 0);
  const amounts = {
    order_price_amount: money(productAmount),
    shipping_fee: '3000.00',
    points_spent_amount: '0.00',
    credits_spent_amount: '0.00',
    coupon_discount_price: '0.00',
    coupon_shipping_fee_amount: '0.00',
    membership_discount_amount: '0.00',
    shipping_fee_discount_amount: '0.00',
    set_product_discount_amount: '0.00',
    app_discount_amount: '0.00',
    point_incentive_amount: '0.00',
    total_amount_due: '0.00',
    payment_amount: money(productAmount + 3000),
    market_other_discount_amount: '0.00',
    tax: '0.0',
  };
  const paymentMethods = spec.paymentMethods ?? ['card'];
  const order: Record<string, unknown> = {
    shop_no: 1,
    currency: 'KRW',
    order_id: spec.orderId,
    market_id: 'self',
    market_order_no: null,
    member_id: spec.memberId ?? '',
    member_authentication: spec.memberId ? 'T' : null,
    customer_group_no_when_ordering: spec.memberId ? 1 : null,
    group_no_when_ordering: spec.memberId ? 1 : null,
    initial_order_amount: amounts,
    actual_order_amount: amounts,
    billing_name: '테스트입금자',
    payment_method: paymentMethods,
    payment_method_name: paymentMethods.map((method) => (method === 'cash' ? '무통장입금' : method)),
    paid: spec.paid ?? 'T',
    canceled: spec.canceled ?? 'F',
    order_date: spec.orderDate,
    first_order: spec.firstOrder ?? 'F',
    payment_date: spec.paid === 'F' ? null : spec.orderDate,
    order_from_mobile: 'F',
    use_escrow: 'F',
    payment_amount: money(productAmount + 3000),
    cancel_date: spec.canceled === 'T' ? spec.orderDate : null,
    order_place_name: 'PC 쇼핑몰',
    order_place_id: 'cafe24',
    shipping_type: 'A',
    shipping_type_text: '국내배송',
    shipping_status: 'F',
    wished_delivery_date: '',
    store_pickup: 'F',
    subscription: 'F',
    multiple_addresses: 'F',
    items: spec.items.map((item, index) => ({
      shop_no: 1,
      item_no: index + 1,
      order_item_code: `${spec.orderId}-${String(index + 1).padStart(2, '0')}`,
      variant_code: item.variantCode,
      product_no: item.productNo,
      product_code: item.productCode,
      custom_product_code: '',
      custom_variant_code: null,
      product_name: item.name ?? `테스트 상품 ${item.productNo}`,
      option_id: '000A',
      option_value: '',
      product_price: money(item.price),
      option_price: '0.00',
      additional_discount_price: '0.00',
      coupon_discount_price: '0.00',
      payment_amount: money(item.price * (item.quantity ?? 1)),
      quantity: item.quantity ?? 1,
      supplier_id: 'S0000000',
      order_status: item.status ?? 'N10',
      status_code: 'N1',
      labels: null,
      ordered_date: spec.orderDate.slice(0, 19).replace('T', ' '),
    })),
    receivers: [
      {
        shop_no: 1,
        name: spec.receiverName ?? '테스트수령인',
        phone: '02-0000-0000',
        cellphone: spec.receiverCellphone ?? '010-0000-0000',
        zipcode: spec.zipcode ?? '06258',
        address1: spec.address1 ?? '서울특별시 강남구 테스트로 1',
        address2: '테스트동 101호',
        country_code: '',
        shipping_message: '문 앞에 놓아 주세요',
        shipping_code: `D-${spec.orderId}-00`,
      },
    ],
    buyer: {
      shop_no: 1,
      member_id: spec.memberId ?? '',
      member_group_no: spec.memberId ? 1 : null,
      name: '테스트구매자',
      email: 'buyer@example.invalid',
      phone: '02-0000-0000',
      cellphone: '010-0000-0000',
    },
  };
  if (spec.clientIp !== undefined) order.client_ip = spec.clientIp;
  return order;
}
