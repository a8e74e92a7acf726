import { z } from 'zod';
import { Operator } from './flow-schema.js';

/**
 * The order facts a rule can test (DESIGN.md "Order facts"), as plain data over OrderFacts. The
 * validator, compiler, interpreter, explanations and the console's rule builder all read this one
 * table; `describeFactCatalogue()` is its JSON form for the console.
 */

export const Localized = z.object({ ko: z.string(), en: z.string() });
export type Localized = z.infer<typeof Localized>;

/**
 * Value types. won/int: integers (won ≥ 0); time: KST minute of day, written `HH:mm`; date: KST
 * `YYYY-MM-DD`; datetime: an instant, written as a KST date or `YYYY-MM-DDTHH:mm` naming a period;
 * set: a list of strings; country: ISO 3166 alpha-2.
 */
export const FactType = z.enum([
  'won',
  'int',
  'string',
  'bool',
  'enum',
  'set',
  'datetime',
  'date',
  'time',
  'country',
]);
export type FactType = z.infer<typeof FactType>;

export const FactGroup = z.enum(['order', 'shipping', 'customer', 'item', 'time', 'payment']);
export type FactGroup = z.infer<typeof FactGroup>;

export const EnumOption = z.object({ value: z.union([z.string(), z.number()]), label: Localized });
export type EnumOption = z.infer<typeof EnumOption>;

/** The numeric parameter of a parameterised fact (n days, n minutes); windows are inclusive. */
export const FactArg = z.object({
  name: z.enum(['days', 'minutes']),
  label: Localized,
  min: z.number().int(),
  max: z.number().int(),
});
export type FactArg = z.infer<typeof FactArg>;

/** How a parameterised fact is computed from `customer.history` and `order.placedAt`. */
export const DerivedFact = z.enum(['returnsInDays', 'ordersWithin']);
export type DerivedFact = z.infer<typeof DerivedFact>;

export const FactDefinition = z.object({
  id: z.string(),
  type: FactType,
  group: FactGroup,
  /** `item` facts are read from one ItemFacts and are usable only inside an `items` quantifier. */
  scope: z.enum(['order', 'item']),
  label: Localized,
  description: Localized,
  /** The value may be null (unknown); a null value satisfies only `isEmpty`. */
  nullable: z.boolean(),
  /** Personal data: usable in conditions, never rendered into memo/notify templates. */
  personal: z.boolean(),
  /** Property path into OrderFacts (scope order) or ItemFacts (scope item); absent when derived. */
  path: z.array(z.string()).optional(),
  derived: DerivedFact.optional(),
  arg: FactArg.optional(),
  /** Enum/set options shown by the console; `openOptions` accepts values outside the list. */
  options: z.array(EnumOption).optional(),
  openOptions: z.boolean().optional(),
  /** Inclusive bounds for numeric values (hour 0–23 …). */
  min: z.number().optional(),
  max: z.number().optional(),
});
export type FactDefinition = z.infer<typeof FactDefinition>;

const L = (ko: string, en: string): Localized => ({ ko, en });
const opt = (value: string | number, ko: string, en: string): EnumOption => ({ value, label: L(ko, en) });

export const SHIPPING_ZONE_OPTIONS: EnumOption[] = [
  opt('MAINLAND', '내륙', 'mainland'),
  opt('JEJU', '제주', 'Jeju'),
  opt('REMOTE', '도서산간', 'remote island/mountain area'),
];

/** Cafe24 payment method codes (reference/cafe24-api.md, `payment_method`). */
export const PAYMENT_METHOD_OPTIONS: EnumOption[] = [
  opt('cash', '무통장입금', 'bank transfer (manual deposit)'),
  opt('icash', '가상계좌', 'virtual account'),
  opt('tcash', '계좌이체', 'real-time account transfer'),
  opt('card', '신용카드', 'credit card'),
  opt('cell', '휴대폰결제', 'mobile phone billing'),
  opt('point', '적립금', 'mileage points'),
  opt('credit', '예치금', 'store credit'),
  opt('cod', '후불결제', 'cash on delivery'),
  opt('prepaid', '선불결제', 'prepaid'),
  opt('pointfy', '포인트결제', 'pointfy'),
  opt('cvs', '편의점결제', 'convenience store'),
  opt('coupon', '쿠폰', 'coupon'),
  opt('market_discount', '마켓할인', 'marketplace discount'),
  opt('giftcard', '상품권', 'gift card'),
  opt('pointcard', '포인트카드', 'point card'),
  opt('etc', '기타', 'other'),
];

/** Cafe24 `order_place_id`; open list (marketplaces vary by mall). */
export const CHANNEL_OPTIONS: EnumOption[] = [
  opt('cafe24', 'PC 쇼핑몰', 'storefront (PC)'),
  opt('mobile', '모바일 쇼핑몰', 'storefront (mobile)'),
  opt('mobile_d', '모바일 앱', 'mobile app'),
  opt('NCHECKOUT', '네이버페이', 'Naver Pay'),
  opt('shopn', '스마트스토어', 'Naver Smart Store'),
  opt('coupang', '쿠팡', 'Coupang'),
  opt('gmarket', 'G마켓', 'Gmarket'),
  opt('auction', '옥션', 'Auction'),
  opt('sk11st', '11번가', '11st'),
  opt('inpark', '인터파크', 'Interpark'),
];

export const PAID_OPTIONS: EnumOption[] = [
  opt('T', '결제 완료', 'paid'),
  opt('F', '미결제', 'unpaid'),
  opt('M', '부분 결제', 'partially paid'),
];

export const WEEKDAY_OPTIONS: EnumOption[] = [
  opt(1, '월요일', 'Monday'),
  opt(2, '화요일', 'Tuesday'),
  opt(3, '수요일', 'Wednesday'),
  opt(4, '목요일', 'Thursday'),
  opt(5, '금요일', 'Friday'),
  opt(6, '토요일', 'Saturday'),
  opt(7, '일요일', 'Sunday'),
];

export const CUSTOMER_KIND_OPTIONS: EnumOption[] = [
  opt('member', '회원', 'member'),
  opt('guest', '비회원', 'guest'),
];

type FactSpec = Omit<FactDefinition, 'nullable' | 'personal' | 'scope' | 'label' | 'description'> & {
  nullable?: boolean;
  personal?: boolean;
  label: [string, string];
  description: [string, string];
};

const fact = (spec: FactSpec): FactDefinition => ({
  ...spec,
  scope: spec.group === 'item' ? 'item' : 'order',
  nullable: spec.nullable ?? false,
  personal: spec.personal ?? false,
  label: L(...spec.label),
  description: L(...spec.description),
});

export const FACTS: readonly FactDefinition[] = [
  // 주문
  fact({
    id: 'order.productAmount',
    type: 'won',
    group: 'order',
    path: ['order', 'productAmount'],
    label: ['상품구매금액', 'product amount'],
    description: [
      '실결제 기준 상품 구매 금액(클레임 반영)',
      'Amount of the ordered products after later claims',
    ],
  }),
  fact({
    id: 'order.id',
    type: 'string',
    group: 'order',
    path: ['order', 'id'],
    label: ['주문번호', 'order ID'],
    description: ['카페24 주문번호', 'Cafe24 order ID'],
  }),
  fact({
    id: 'order.channel',
    type: 'enum',
    group: 'order',
    path: ['order', 'channel'],
    options: CHANNEL_OPTIONS,
    openOptions: true,
    label: ['주문 경로', 'sales channel'],
    description: ['주문이 들어온 판매 채널(order_place_id)', 'Where the order was placed (order_place_id)'],
  }),
  fact({
    id: 'order.itemCount',
    type: 'int',
    group: 'order',
    path: ['order', 'itemCount'],
    min: 0,
    label: ['품목 수', 'item count'],
    description: ['주문에 담긴 품목(품주) 수', 'Number of order items'],
  }),
  fact({
    id: 'order.quantity',
    type: 'int',
    group: 'order',
    path: ['order', 'quantity'],
    min: 0,
    label: ['총 수량', 'total quantity'],
    description: ['모든 품목 수량의 합', 'Sum of all item quantities'],
  }),
  fact({
    id: 'order.canceled',
    type: 'bool',
    group: 'order',
    path: ['order', 'canceled'],
    label: ['주문 취소', 'cancelled'],
    description: ['주문이 취소되었는지(canceled = T)', 'Whether the order is cancelled (canceled = T)'],
  }),
  fact({
    id: 'order.clientIp',
    type: 'string',
    group: 'order',
    path: ['order', 'clientIp'],
    nullable: true,
    personal: true,
    label: ['주문 IP', 'client IP'],
    description: [
      '쇼핑몰에서 수집한 주문자 IP(없으면 비어 있음)',
      'Captured storefront IP (empty when unknown)',
    ],
  }),
  fact({
    id: 'order.ipCountry',
    type: 'country',
    group: 'order',
    path: ['order', 'ipCountry'],
    nullable: true,
    label: ['IP 국가', 'IP country'],
    description: [
      '주문 IP의 국가 코드(ISO, 모르면 비어 있음)',
      'ISO country of the client IP (empty when unknown)',
    ],
  }),
  fact({
    id: 'order.isOverseasIp',
    type: 'bool',
    group: 'order',
    path: ['order', 'isOverseasIp'],
    label: ['해외 IP', 'overseas IP'],
    description: [
      'IP 국가를 알고 한국이 아닐 때만 참',
      'True only when the IP country is known and is not KR',
    ],
  }),
  // 결제
  fact({
    id: 'order.paymentAmount',
    type: 'won',
    group: 'payment',
    path: ['order', 'paymentAmount'],
    label: ['최종 결제금액', 'payment amount'],
    description: ['할인·적립금 반영 후 최종 결제금액', 'Final amount paid after discounts and points'],
  }),
  fact({
    id: 'order.paymentMethods',
    type: 'set',
    group: 'payment',
    path: ['order', 'paymentMethods'],
    options: PAYMENT_METHOD_OPTIONS,
    openOptions: true,
    label: ['결제수단', 'payment methods'],
    description: ['주문에 쓰인 결제수단 목록', 'Payment methods used by the order'],
  }),
  fact({
    id: 'order.paid',
    type: 'enum',
    group: 'payment',
    path: ['order', 'paid'],
    options: PAID_OPTIONS,
    label: ['결제 상태', 'payment status'],
    description: ['T 결제 완료, F 미결제, M 부분 결제', 'T paid, F unpaid, M partially paid'],
  }),
  // 시간
  fact({
    id: 'order.placedAt',
    type: 'datetime',
    group: 'time',
    path: ['order', 'placedAt'],
    label: ['주문 일시', 'order time'],
    description: ['주문 시각(한국 시간)', 'When the order was placed (KST)'],
  }),
  fact({
    id: 'order.date',
    type: 'date',
    group: 'time',
    path: ['order', 'date'],
    label: ['주문일', 'order date'],
    description: ['주문한 날짜(한국 시간)', 'Calendar date of the order (KST)'],
  }),
  fact({
    id: 'order.hour',
    type: 'int',
    group: 'time',
    path: ['order', 'hour'],
    min: 0,
    max: 23,
    label: ['주문 시(時)', 'order hour'],
    description: ['주문 시각의 시(0–23, 한국 시간)', 'Hour of the order, 0–23 KST'],
  }),
  fact({
    id: 'order.minuteOfDay',
    type: 'time',
    group: 'time',
    path: ['order', 'minuteOfDay'],
    label: ['주문 시각', 'order time of day'],
    description: ['주문 시각(HH:mm, 한국 시간)', 'Time of day of the order (HH:mm KST)'],
  }),
  fact({
    id: 'order.weekday',
    type: 'enum',
    group: 'time',
    path: ['order', 'weekday'],
    options: WEEKDAY_OPTIONS,
    label: ['요일', 'weekday'],
    description: ['주문한 요일(한국 시간)', 'Weekday of the order (KST)'],
  }),
  fact({
    id: 'order.isHoliday',
    type: 'bool',
    group: 'time',
    path: ['order', 'isHoliday'],
    nullable: true,
    label: ['공휴일·휴무일', 'holiday or closed day'],
    description: [
      '공휴일 또는 쇼핑몰 휴무일(해당 연도 정보가 없으면 비어 있음)',
      'Public holiday or merchant closed day (empty when the year is unknown)',
    ],
  }),
  // 배송
  fact({
    id: 'shipping.zone',
    type: 'enum',
    group: 'shipping',
    path: ['shipping', 'zone'],
    options: SHIPPING_ZONE_OPTIONS,
    label: ['배송 권역', 'shipping zone'],
    description: [
      '우편번호·주소로 정한 내륙/제주/도서산간',
      'Mainland, Jeju or remote, from zip and address',
    ],
  }),
  fact({
    id: 'shipping.areaName',
    type: 'string',
    group: 'shipping',
    path: ['shipping', 'areaName'],
    nullable: true,
    label: ['권역 지역명', 'area name'],
    description: ['제주·도서산간 지역 이름(예: 우도)', 'Name of the island or remote area (e.g. 우도)'],
  }),
  fact({
    id: 'shipping.zip',
    type: 'string',
    group: 'shipping',
    path: ['shipping', 'zip'],
    nullable: true,
    personal: true,
    label: ['우편번호', 'zip code'],
    description: ['받는 사람 우편번호(5자리)', "Receiver's 5-digit zip code"],
  }),
  fact({
    id: 'shipping.address',
    type: 'string',
    group: 'shipping',
    path: ['shipping', 'address'],
    nullable: true,
    personal: true,
    label: ['배송 주소', 'shipping address'],
    description: ['받는 사람 주소', "Receiver's address"],
  }),
  fact({
    id: 'shipping.international',
    type: 'bool',
    group: 'shipping',
    path: ['shipping', 'international'],
    label: ['해외 배송', 'international shipping'],
    description: ['해외 배송 주문(shipping_type = B)', 'International shipping (shipping_type = B)'],
  }),
  // 고객
  fact({
    id: 'customer.kind',
    type: 'enum',
    group: 'customer',
    path: ['customer', 'kind'],
    options: CUSTOMER_KIND_OPTIONS,
    label: ['회원 구분', 'customer type'],
    description: ['회원 또는 비회원', 'Member or guest'],
  }),
  fact({
    id: 'customer.grade',
    type: 'int',
    group: 'customer',
    path: ['customer', 'grade'],
    nullable: true,
    min: 0,
    label: ['회원 등급 번호', 'customer group number'],
    description: ['주문 당시 회원 등급 번호(group_no)', 'Customer group number when ordering'],
  }),
  fact({
    id: 'customer.gradeName',
    type: 'string',
    group: 'customer',
    path: ['customer', 'gradeName'],
    nullable: true,
    label: ['회원 등급', 'customer group'],
    description: ['주문 당시 회원 등급 이름', 'Customer group name when ordering'],
  }),
  fact({
    id: 'customer.isFirstOrder',
    type: 'bool',
    group: 'customer',
    path: ['customer', 'isFirstOrder'],
    label: ['첫 주문', 'first order'],
    description: [
      '카페24 first_order, 비어 있으면 이전 주문이 없는 회원',
      'Cafe24 first_order; when empty, a member with no earlier order',
    ],
  }),
  fact({
    id: 'customer.orderCount',
    type: 'int',
    group: 'customer',
    path: ['customer', 'previousOrderCount'],
    min: 0,
    label: ['이전 주문 수', 'earlier orders'],
    description: ['이 주문 이전의 취소되지 않은 주문 수', 'Earlier non-cancelled orders of the customer'],
  }),
  fact({
    id: 'customer.lifetimeAmount',
    type: 'won',
    group: 'customer',
    path: ['customer', 'lifetimeAmount'],
    label: ['누적 구매금액', 'lifetime amount'],
    description: [
      '이 주문을 포함한 취소되지 않은 주문의 상품구매금액 합계',
      'Product amount of all non-cancelled orders, this one included',
    ],
  }),
  fact({
    id: 'customer.returnsInDays',
    type: 'int',
    group: 'customer',
    derived: 'returnsInDays',
    arg: { name: 'days', label: L('기간(일)', 'days'), min: 1, max: 3650 },
    label: ['최근 반품 주문 수', 'orders with returns'],
    description: [
      '이 주문 전 n일(경계 포함) 안에 주문된, 반품 품목이 있는 주문 수',
      'Earlier orders with a returned item placed in the n days before this order (inclusive)',
    ],
  }),
  fact({
    id: 'customer.ordersWithin',
    type: 'int',
    group: 'customer',
    derived: 'ordersWithin',
    arg: { name: 'minutes', label: L('기간(분)', 'minutes'), min: 1, max: 43200 },
    label: ['최근 주문 수', 'recent orders'],
    description: [
      '이 주문 전 n분(경계 포함) 안의 같은 고객의 취소되지 않은 주문 수(합포장)',
      "Customer's non-cancelled orders in the n minutes before this one (inclusive; bundling)",
    ],
  }),
  // 상품 (only inside an `items` quantifier)
  fact({
    id: 'item.tags',
    type: 'set',
    group: 'item',
    path: ['tags'],
    options: [
      opt('NEW', '신상품', 'new'),
      opt('BEST', '베스트', 'best seller'),
      opt('SAME_DAY', '당일배송', 'same-day shipping'),
    ],
    openOptions: true,
    label: ['상품 태그', 'product tags'],
    description: [
      '상품에 붙인 태그(NEW, BEST, SAME_DAY, 직접 만든 태그)',
      'Product tags (NEW, BEST, SAME_DAY, own tags)',
    ],
  }),
  fact({
    id: 'item.price',
    type: 'won',
    group: 'item',
    path: ['price'],
    label: ['상품 단가', 'item price'],
    description: ['옵션가를 포함한 단가', 'Unit price including the option price'],
  }),
  fact({
    id: 'item.quantity',
    type: 'int',
    group: 'item',
    path: ['quantity'],
    min: 0,
    label: ['상품 수량', 'item quantity'],
    description: ['품목의 주문 수량', 'Ordered quantity of the item'],
  }),
  fact({
    id: 'item.productNo',
    type: 'int',
    group: 'item',
    path: ['productNo'],
    min: 0,
    label: ['상품번호', 'product number'],
    description: ['카페24 상품번호(product_no)', 'Cafe24 product_no'],
  }),
  fact({
    id: 'item.productCode',
    type: 'string',
    group: 'item',
    path: ['productCode'],
    label: ['상품코드', 'product code'],
    description: ['카페24 상품코드(P0000…)', 'Cafe24 product code (P0000…)'],
  }),
  fact({
    id: 'item.variantCode',
    type: 'string',
    group: 'item',
    path: ['variantCode'],
    label: ['품목코드', 'variant code'],
    description: ['옵션 조합 품목코드', 'Variant (option combination) code'],
  }),
  fact({
    id: 'item.name',
    type: 'string',
    group: 'item',
    path: ['name'],
    label: ['상품명', 'product name'],
    description: ['주문 당시 상품명', 'Product name as ordered'],
  }),
  fact({
    id: 'item.stock',
    type: 'int',
    group: 'item',
    path: ['stock'],
    nullable: true,
    label: ['재고', 'stock'],
    description: [
      '품목 재고(재고 관리를 쓰는 품목만, 아니면 비어 있음)',
      'Variant stock (only with inventory tracking; else empty)',
    ],
  }),
  fact({
    id: 'item.status',
    type: 'string',
    group: 'item',
    path: ['status'],
    label: ['품목 주문상태', 'item status'],
    description: ['품목 주문상태 코드(N…, C…, R…, E…)', 'Item order status code (N…, C…, R…, E…)'],
  }),
];

const FACTS_BY_ID: ReadonlyMap<string, FactDefinition> = new Map(FACTS.map((f) => [f.id, f]));

/** The catalogue entry of a fact id, or undefined. */
export function findFact(id: string): FactDefinition | undefined {
  return FACTS_BY_ID.get(id);
}

const BASE_OPERATORS: Record<FactType, readonly Operator[]> = {
  won: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'between', 'in', 'notIn'],
  int: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'between', 'in', 'notIn'],
  time: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'between'],
  date: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'between', 'in', 'notIn'],
  datetime: ['lt', 'lte', 'gt', 'gte', 'between'],
  string: [
    'eq',
    'ne',
    'in',
    'notIn',
    'contains',
    'notContains',
    'startsWith',
    'endsWith',
    'isEmpty',
    'isNotEmpty',
  ],
  bool: ['eq', 'ne'],
  enum: ['eq', 'ne', 'in', 'notIn'],
  country: ['eq', 'ne', 'in', 'notIn'],
  // contains: has this element; in: has any of these; notIn: has none of these.
  set: ['contains', 'notContains', 'in', 'notIn', 'isEmpty', 'isNotEmpty'],
};

/** Operators allowed for a fact: those of its type, plus isEmpty/isNotEmpty when it can be unknown. */
export function operatorsFor(def: FactDefinition): readonly Operator[] {
  const base = BASE_OPERATORS[def.type];
  if (!def.nullable || base.includes('isEmpty')) return base;
  return [...base, 'isEmpty', 'isNotEmpty'];
}

/** Operator display: symbol for explanations, words for the rule builder. */
export const OPERATOR_LABELS: Record<Operator, { symbol: string; label: Localized }> = {
  eq: { symbol: '=', label: L('같음', 'equals') },
  ne: { symbol: '≠', label: L('같지 않음', 'does not equal') },
  lt: { symbol: '<', label: L('미만', 'less than') },
  lte: { symbol: '≤', label: L('이하', 'at most') },
  gt: { symbol: '>', label: L('초과', 'greater than') },
  gte: { symbol: '≥', label: L('이상', 'at least') },
  between: { symbol: '∈', label: L('사이(경계 포함)', 'between (inclusive)') },
  in: { symbol: '∈', label: L('다음 중 하나', 'is one of') },
  notIn: { symbol: '∉', label: L('다음 중 아님', 'is none of') },
  contains: { symbol: '∋', label: L('포함', 'contains') },
  notContains: { symbol: '∌', label: L('포함하지 않음', 'does not contain') },
  startsWith: { symbol: '^', label: L('~로 시작', 'starts with') },
  endsWith: { symbol: '$', label: L('~로 끝남', 'ends with') },
  isEmpty: { symbol: '∅', label: L('비어 있음', 'is empty') },
  isNotEmpty: { symbol: '≠∅', label: L('비어 있지 않음', 'is not empty') },
};

/** How many values an operator takes: none, one, a [from, to] pair, or a non-empty list. */
export const OPERATOR_ARITY: Record<Operator, 'none' | 'one' | 'range' | 'list'> = {
  eq: 'one',
  ne: 'one',
  lt: 'one',
  lte: 'one',
  gt: 'one',
  gte: 'one',
  between: 'range',
  in: 'list',
  notIn: 'list',
  contains: 'one',
  notContains: 'one',
  startsWith: 'one',
  endsWith: 'one',
  isEmpty: 'none',
  isNotEmpty: 'none',
};

export const GROUP_LABELS: Record<FactGroup, Localized> = {
  order: L('주문', 'order'),
  shipping: L('배송', 'shipping'),
  customer: L('고객', 'customer'),
  item: L('상품', 'item'),
  time: L('시간', 'time'),
  payment: L('결제', 'payment'),
};

/** The catalogue as JSON for the console's rule builder: groups, operators, facts with their operators. */
export function describeFactCatalogue(): {
  groups: { id: FactGroup; label: Localized }[];
  operators: { id: Operator; symbol: string; label: Localized; arity: string }[];
  types: { id: FactType; operators: Operator[] }[];
  facts: (FactDefinition & { operators: Operator[] })[];
} {
  return {
    groups: FactGroup.options.map((id) => ({ id, label: GROUP_LABELS[id] })),
    operators: Operator.options.map((id) => ({ id, ...OPERATOR_LABELS[id], arity: OPERATOR_ARITY[id] })),
    types: FactType.options.map((id) => ({ id, operators: [...BASE_OPERATORS[id]] })),
    facts: FACTS.map((def) => structuredClone({ ...def, operators: [...operatorsFor(def)] })),
  };
}

/** The Korean/English name of an enum/set option value, or the value itself. */
export function optionLabel(def: FactDefinition, value: unknown, lang: 'ko' | 'en'): string {
  const found = def.options?.find((o) => o.value === value);
  return found ? found.label[lang] : String(value);
}
