import { z } from 'zod';

/**
 * The simulator's in-memory model of one mall. Times are epoch ms; money is integer won. These
 * records are rendered to Cafe24's JSON shapes by cafe24-json.ts, never sent as they are.
 */

export const CustomerGroupRecord = z.object({
  groupNo: z.number().int(),
  name: z.string(),
  description: z.string(),
  /** Membership discount in percent of the product amount. */
  discountPercent: z.number(),
});
export type CustomerGroupRecord = z.infer<typeof CustomerGroupRecord>;

export const MemberRecord = z.object({
  memberId: z.string(),
  name: z.string(),
  email: z.string(),
  cellphone: z.string(),
  groupNo: z.number().int(),
  createdAt: z.number(),
  /** Home address (index into the address fixtures), reused as the default receiver. */
  addressIndex: z.number().int(),
  gender: z.enum(['M', 'F']),
});
export type MemberRecord = z.infer<typeof MemberRecord>;

export const VariantRecord = z.object({
  variantCode: z.string(),
  optionValue: z.string(),
  additionalAmount: z.number().int(),
  useInventory: z.boolean(),
  quantity: z.number().int(),
  safetyInventory: z.number().int(),
});
export type VariantRecord = z.infer<typeof VariantRecord>;

export const ProductRecord = z.object({
  productNo: z.number().int(),
  productCode: z.string(),
  name: z.string(),
  price: z.number().int(),
  supplyPrice: z.number().int(),
  /** Tag candidates a merchant would set in PassWing (NEW, BEST, SAME_DAY); Cafe24's `product_tag`. */
  tags: z.array(z.string()),
  createdAt: z.number(),
  variants: z.array(VariantRecord),
});
export type ProductRecord = z.infer<typeof ProductRecord>;

export const AddressRecord = z.object({
  zipcode: z.string(),
  address1: z.string(),
  address2: z.string(),
});
export type AddressRecord = z.infer<typeof AddressRecord>;

export const ItemRecord = z.object({
  itemNo: z.number().int(),
  itemCode: z.string(),
  productNo: z.number().int(),
  productCode: z.string(),
  variantCode: z.string(),
  productName: z.string(),
  optionValue: z.string(),
  productPrice: z.number().int(),
  optionPrice: z.number().int(),
  quantity: z.number().int(),
  /** Cafe24 item `order_status` (N00, N10, N22, C40, R40 …). */
  orderStatus: z.string(),
  /** The status before a hold, restored by unhold. */
  statusBeforeHold: z.string().nullable(),
  statusCode: z.enum(['N1', 'N2', 'C1', 'C2', 'C3', 'E1']),
  claimCode: z.string().nullable(),
  claimReasonType: z.string().nullable(),
  claimReason: z.string().nullable(),
  cancelDate: z.number().nullable(),
  cancelRequestDate: z.number().nullable(),
  returnRequestDate: z.number().nullable(),
  returnConfirmedDate: z.number().nullable(),
  exchangeRequestDate: z.number().nullable(),
  refundDate: z.number().nullable(),
  labels: z.array(z.string()),
});
export type ItemRecord = z.infer<typeof ItemRecord>;

export const MemoRecord = z.object({
  memoNo: z.number().int(),
  authorId: z.string(),
  createdAt: z.number(),
  content: z.string(),
  useCustomerInquiry: z.enum(['T', 'F']),
  topicType: z.string().nullable(),
  status: z.enum(['T', 'F']).nullable(),
  attachType: z.enum(['O', 'P']),
  starredMemo: z.enum(['T', 'F']),
  fixed: z.enum(['T', 'F']),
});
export type MemoRecord = z.infer<typeof MemoRecord>;

export const ReceiverRecord = z.object({
  name: z.string(),
  phone: z.string(),
  cellphone: z.string(),
  zipcode: z.string(),
  address1: z.string(),
  address2: z.string(),
  shippingMessage: z.string(),
});
export type ReceiverRecord = z.infer<typeof ReceiverRecord>;

export const BuyerRecord = z.object({
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  cellphone: z.string(),
});
export type BuyerRecord = z.infer<typeof BuyerRecord>;

export const PaymentKind = z.enum(['card', 'cash', 'icash', 'naverpay']);
export type PaymentKind = z.infer<typeof PaymentKind>;

export const OrderRecord = z.object({
  orderId: z.string(),
  placedAt: z.number(),
  memberId: z.string().nullable(),
  groupNo: z.number().int().nullable(),
  firstOrder: z.enum(['T', 'F']),
  payment: PaymentKind,
  paid: z.enum(['T', 'F', 'M']),
  paymentDate: z.number().nullable(),
  canceled: z.enum(['T', 'F', 'M']),
  cancelDate: z.number().nullable(),
  fromMobile: z.boolean(),
  shippingFee: z.number().int(),
  /** 도서산간/제주 extra fee. */
  regionalSurcharge: z.number().int(),
  membershipDiscount: z.number().int(),
  buyer: BuyerRecord,
  receiver: ReceiverRecord,
  items: z.array(ItemRecord),
  memos: z.array(MemoRecord),
  /** Deposit account for 무통장/가상계좌 orders. */
  bankAccountNo: z.string(),
  bankCode: z.string(),
});
export type OrderRecord = z.infer<typeof OrderRecord>;

export const ScriptTagRecord = z.object({
  scriptNo: z.string(),
  clientId: z.string(),
  src: z.string(),
  displayLocation: z.array(z.string()),
  excludePath: z.array(z.string()),
  skinNo: z.array(z.number().int()),
  integrity: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ScriptTagRecord = z.infer<typeof ScriptTagRecord>;

/** One webhook delivery attempt as `GET /webhooks/logs` reports it, plus the simulator's fault notes. */
export const WebhookLogRecord = z.object({
  logId: z.string(),
  logType: z.enum(['G', 'R', 'T']),
  eventNo: z.number().int(),
  mallId: z.string(),
  traceId: z.string(),
  requestedAt: z.number(),
  endpoint: z.string(),
  body: z.string(),
  success: z.enum(['T', 'F']),
  responseHttpCode: z.number().int().nullable(),
  responseBody: z.string().nullable(),
  /** Simulator only: the fault applied (`dropped` deliveries never reached the endpoint). */
  fault: z.enum(['none', 'dropped', 'duplicate', 'delayed', 'reordered']),
});
export type WebhookLogRecord = z.infer<typeof WebhookLogRecord>;
