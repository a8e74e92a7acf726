/** What a payment method is, whatever the code Cafe24 used for it. */
export type PaymentKind =
  | 'bank_deposit'
  | 'virtual_account'
  | 'account_transfer'
  | 'card'
  | 'mobile'
  | 'points'
  | 'deposit'
  | 'cod'
  | 'prepaid'
  | 'convenience_store'
  | 'coupon'
  | 'gift_card'
  | 'easy_pay'
  | 'market_discount'
  | 'other';

export interface PaymentMethodInfo {
  /** Canonical Cafe24 code (aliases such as `mileage` become `point`). */
  code: string;
  kind: PaymentKind;
  ko: string;
  en: string;
}

/** Cafe24 `payment_method` codes (REST array values and webhook strings). */
const METHODS: Readonly<Record<string, Omit<PaymentMethodInfo, 'code'>>> = {
  cash: { kind: 'bank_deposit', ko: '무통장입금', en: 'Bank deposit' },
  icash: { kind: 'virtual_account', ko: '가상계좌', en: 'Virtual account' },
  tcash: { kind: 'account_transfer', ko: '계좌이체', en: 'Account transfer' },
  card: { kind: 'card', ko: '신용카드', en: 'Credit card' },
  cell: { kind: 'mobile', ko: '휴대폰', en: 'Mobile phone' },
  point: { kind: 'points', ko: '적립금', en: 'Points' },
  pointfy: { kind: 'points', ko: '포인트', en: 'Pointfy points' },
  pointcard: { kind: 'points', ko: '포인트카드', en: 'Point card' },
  credit: { kind: 'deposit', ko: '예치금', en: 'Store credit' },
  cod: { kind: 'cod', ko: '후불', en: 'Cash on delivery' },
  prepaid: { kind: 'prepaid', ko: '선불금', en: 'Prepaid' },
  cvs: { kind: 'convenience_store', ko: '편의점결제', en: 'Convenience store' },
  coupon: { kind: 'coupon', ko: '쿠폰', en: 'Coupon' },
  giftcard: { kind: 'gift_card', ko: '상품권', en: 'Gift card' },
  naverpay: { kind: 'easy_pay', ko: '네이버페이', en: 'Naver Pay' },
  market_discount: { kind: 'market_discount', ko: '마켓할인', en: 'Market discount' },
  etc: { kind: 'other', ko: '기타', en: 'Other' },
};

/** Different spellings of the same method: webhooks say `mileage` where REST orders say `point`. */
const ALIASES: Readonly<Record<string, string>> = { mileage: 'point' };

/** The canonical code: trimmed, aliases resolved; unknown codes are kept as they are. */
export function canonicalPaymentMethod(code: string): string {
  const trimmed = code.trim();
  return ALIASES[trimmed] ?? trimmed;
}

/** Canonical, de-duplicated codes in their original order, empty codes dropped. */
export function normalizePaymentMethods(codes: readonly string[]): string[] {
  return [...new Set(codes.map(canonicalPaymentMethod).filter((code) => code.length > 0))];
}

/** Kind and Korean/English names of a code; an unknown code is kind `other` named by itself. */
export function describePaymentMethod(code: string): PaymentMethodInfo {
  const canonical = canonicalPaymentMethod(code);
  const known = METHODS[canonical];
  return known
    ? { code: canonical, ...known }
    : { code: canonical, kind: 'other', ko: canonical, en: canonical };
}
