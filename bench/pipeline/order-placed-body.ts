/** A Cafe24 90023 (order placed) webhook body in the documented envelope, with a distinct order id. */
export function orderPlacedBody(mallId: string, sequence: number): string {
  return JSON.stringify({
    event_no: 90023,
    resource: {
      mall_id: mallId,
      event_shop_no: '1',
      event_code: 'create_order',
      order_id: `20260101-${String(sequence).padStart(7, '0')}`,
      currency: 'KRW',
      order_date: '2026-01-01T10:00:00+09:00',
      member_id: 'member001',
      buyer_name: '홍길동',
      buyer_cellphone: '010-0000-0000',
      paid: 'T',
      payment_method: 'card',
      order_price_amount: '24680.00',
      order_place_id: 'cafe24',
    },
  });
}
