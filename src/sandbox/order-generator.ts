import { kstHour } from './kst-time.js';
import {
  ADDRESSES,
  CUSTOMER_GROUPS,
  FAMILY_NAMES,
  FREE_SHIPPING_FROM,
  GIVEN_NAMES,
  PRODUCTS,
  REGIONAL_SURCHARGE,
  SHIPPING_FEE,
  SHIPPING_MESSAGES,
  type AddressFixture,
} from './korean-fixtures.js';
import type {
  AddressRecord,
  ItemRecord,
  MemberRecord,
  OrderRecord,
  PaymentKind,
  ProductRecord,
} from './mall-records.js';
import { SandboxError } from './sandbox-error.js';
import type { SeededRandom } from './seeded-random.js';
import type { SimulatedMall } from './simulated-mall.js';

const MEMBER_COUNT = 40;
/** The first members are regulars: they order far more often (repeat purchases, VIP candidates). */
const REGULAR_COUNT = 8;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Overrides for one generated order (tests pin what they need; the rest stays random). */
export interface GenerateOrderOptions {
  /** Placement time (epoch ms); default: the sandbox clock. */
  placedAt?: number;
  /** A member id of the mall, or null for a guest order. */
  memberId?: string | null;
  payment?: PaymentKind;
  /** Receiver address (e.g. `{ zipcode: '63122', address1: '제주특별자치도 …' }`). */
  address?: Partial<AddressRecord>;
  /** Product codes to order, one item each (quantity 1). */
  productCodes?: string[];
}

const PAYMENT_MIX: readonly (readonly [PaymentKind, number])[] = [
  ['card', 45],
  ['naverpay', 25],
  ['cash', 20],
  ['icash', 10],
];

function fakeName(random: SeededRandom): string {
  return `${random.pick(FAMILY_NAMES)}${random.pick(GIVEN_NAMES)}`;
}

/** Fills a new mall with customer groups, members and products, deterministically for `random`. */
export function populateMall(mall: SimulatedMall, random: SeededRandom, now: number): void {
  mall.groups.push(...CUSTOMER_GROUPS.map((group) => ({ ...group })));
  for (let index = 1; index <= MEMBER_COUNT; index += 1) {
    const memberId = `member${String(index).padStart(3, '0')}`;
    const regular = index <= REGULAR_COUNT;
    const member: MemberRecord = {
      memberId,
      name: fakeName(random),
      email: `${memberId}@example.com`,
      cellphone: `010-0000-${String(1000 + index).padStart(4, '0')}`,
      groupNo: regular
        ? random.pick([2, 3, 4])
        : random.weighted([
            [1, 8],
            [2, 2],
          ] as const),
      createdAt: now - random.int(30, 900) * DAY_MS,
      addressIndex: pickAddressIndex(random),
      gender: random.chance(0.6) ? 'F' : 'M',
    };
    mall.members.set(memberId, member);
  }
  PRODUCTS.forEach((fixture, index) => {
    const productNo = 11 + index;
    const productCode = `P0000${(10 + index).toString(36).toUpperCase().padStart(3, '0')}`;
    mall.products.push({
      productNo,
      productCode,
      name: fixture.name,
      price: fixture.price,
      supplyPrice: Math.round(fixture.price * 0.6),
      tags: [...fixture.tags],
      createdAt: now - random.int(1, 200) * DAY_MS,
      variants: fixture.options.map((optionValue, optionIndex) => ({
        variantCode: `${productCode}000${String.fromCharCode(65 + optionIndex)}`,
        optionValue,
        additionalAmount: 0,
        useInventory: fixture.stock !== null,
        quantity: fixture.stock ?? 0,
        safetyInventory: fixture.stock !== null ? 2 : 0,
      })),
    });
  });
}

function pickAddressIndex(random: SeededRandom): number {
  return random.weighted(ADDRESSES.map((address, index) => [index, address.weight] as const));
}

function addressAt(index: number): AddressFixture {
  const address = ADDRESSES[index];
  if (address === undefined) throw new RangeError(`no address fixture ${index}`);
  return address;
}

/**
 * Generates orders for one mall from a seeded stream: members with repeat purchases and guests,
 * the payment mix (card, Naver Pay, 무통장 and 가상계좌 unpaid until deposit), Jeju/island/mainland
 * receivers, limited stock that runs out.
 */
export class OrderGenerator {
  constructor(
    private readonly mall: SimulatedMall,
    private readonly random: SeededRandom,
  ) {}

  /** Creates one order placed at `placedAt` (no webhook; the caller emits it). */
  generate(placedAt: number, options: GenerateOrderOptions = {}): OrderRecord {
    const random = this.random;
    const member = this.chooseMember(options.memberId);
    const addressFixture = addressAt(
      member !== null && random.chance(0.8) ? member.addressIndex : pickAddressIndex(random),
    );
    const address = { ...addressFixture, ...options.address };
    const zone = ADDRESSES.find((fixture) => fixture.zipcode === address.zipcode)?.zone ?? 'MAINLAND';
    const payment = options.payment ?? random.weighted(PAYMENT_MIX);
    const paid = payment === 'card' || payment === 'naverpay';
    const orderId = this.mall.nextOrderId(placedAt);
    const items = this.chooseItems(orderId, options.productCodes);
    for (const item of items) item.orderStatus = paid ? 'N10' : 'N00';
    const productAmount = items.reduce(
      (sum, item) => sum + (item.productPrice + item.optionPrice) * item.quantity,
      0,
    );
    const group = member === null ? undefined : this.mall.groups.find((g) => g.groupNo === member.groupNo);
    const buyerName = member?.name ?? fakeName(random);
    const buyerCellphone = member?.cellphone ?? `010-0000-${String(random.int(5000, 9999))}`;
    const receiverIsBuyer = random.chance(0.85);
    const order: OrderRecord = {
      orderId,
      placedAt,
      memberId: member?.memberId ?? null,
      groupNo: member?.groupNo ?? null,
      firstOrder: member !== null && !this.mall.hasEarlierOrder(member.memberId) ? 'T' : 'F',
      payment,
      paid: paid ? 'T' : 'F',
      paymentDate: paid ? placedAt : null,
      canceled: 'F',
      cancelDate: null,
      fromMobile: random.chance(0.6),
      shippingFee: productAmount >= FREE_SHIPPING_FROM ? 0 : SHIPPING_FEE,
      regionalSurcharge: REGIONAL_SURCHARGE[zone],
      membershipDiscount: Math.floor((productAmount * (group?.discountPercent ?? 0)) / 100),
      buyer: {
        name: buyerName,
        email: member?.email ?? `guest${random.int(100, 999)}@example.com`,
        phone: '',
        cellphone: buyerCellphone,
      },
      receiver: {
        name: receiverIsBuyer ? buyerName : fakeName(random),
        phone: '',
        cellphone: receiverIsBuyer ? buyerCellphone : `010-0000-${String(random.int(5000, 9999))}`,
        zipcode: address.zipcode,
        address1: address.address1,
        address2: address.address2,
        shippingMessage: random.pick(SHIPPING_MESSAGES),
      },
      items,
      memos: [],
      bankAccountNo: payment === 'cash' || payment === 'icash' ? `000-0000-${random.int(1000, 9999)}-00` : '',
      bankCode: payment === 'cash' || payment === 'icash' ? 'bank_20' : '',
    };
    for (const item of items) {
      const found = this.mall.findVariant(item.variantCode);
      if (found?.variant.useInventory === true) {
        found.variant.quantity = Math.max(0, found.variant.quantity - item.quantity);
      }
    }
    this.mall.addOrder(order);
    return order;
  }

  /**
   * Placement times for `count` historical orders over the `days` before `now`, oldest first;
   * about one in ten falls between 00:00 and 05:00 KST.
   */
  historicalTimes(count: number, now: number, days: number): number[] {
    const times: number[] = [];
    for (let i = 0; i < count; i += 1) {
      let at = now - this.random.next() * days * DAY_MS;
      const dawn = this.random.chance(0.1);
      const hour = kstHour(at);
      if (dawn && hour >= 5) at -= (hour - this.random.int(0, 4)) * 60 * 60 * 1000;
      times.push(Math.floor(Math.min(at, now - 60_000) / 1000) * 1000);
    }
    return times.sort((a, b) => a - b);
  }

  private chooseMember(requested: string | null | undefined): MemberRecord | null {
    if (requested === null) return null;
    if (requested !== undefined) {
      const member = this.mall.members.get(requested);
      if (member === undefined) {
        throw new SandboxError(
          'SANDBOX_BAD_OPTIONS',
          'user',
          `mall ${this.mall.mallId} has no member ${requested}`,
        );
      }
      return member;
    }
    if (this.random.chance(0.3)) return null;
    const members = [...this.mall.members.values()];
    return this.random.weighted(
      members.map((member, index) => [member, index < REGULAR_COUNT ? 6 : 1] as const),
    );
  }

  private chooseItems(orderId: string, productCodes: string[] | undefined): ItemRecord[] {
    const random = this.random;
    const available = this.mall.products.filter((product) =>
      product.variants.some((variant) => !variant.useInventory || variant.quantity > 0),
    );
    let chosen: ProductRecord[];
    if (productCodes !== undefined) {
      chosen = productCodes.map((code) => {
        const product = this.mall.products.find((candidate) => candidate.productCode === code);
        if (product === undefined) {
          throw new SandboxError(
            'SANDBOX_BAD_OPTIONS',
            'user',
            `mall ${this.mall.mallId} has no product ${code}`,
          );
        }
        return product;
      });
    } else {
      const pool = available.length > 0 ? available : this.mall.products;
      const count = random.weighted([
        [1, 6],
        [2, 3],
        [3, 1],
      ] as const);
      chosen = [];
      for (let i = 0; i < count; i += 1) {
        const product = random.weighted(
          pool.map((candidate) => [candidate, PRODUCTS[candidate.productNo - 11]?.weight ?? 1] as const),
        );
        if (!chosen.includes(product)) chosen.push(product);
      }
    }
    return chosen.map((product, index) => {
      const inStock = product.variants.filter((variant) => !variant.useInventory || variant.quantity > 0);
      const variant = random.pick(inStock.length > 0 ? inStock : product.variants);
      const quantity =
        productCodes !== undefined
          ? 1
          : random.weighted([
              [1, 17],
              [2, 2],
              [3, 1],
            ] as const);
      return {
        itemNo: index + 1,
        itemCode: `${orderId}-${String(index + 1).padStart(2, '0')}`,
        productNo: product.productNo,
        productCode: product.productCode,
        variantCode: variant.variantCode,
        productName: product.name,
        optionValue: variant.optionValue,
        productPrice: product.price,
        optionPrice: variant.additionalAmount,
        quantity,
        orderStatus: 'N00',
        statusBeforeHold: null,
        statusCode: 'N1',
        claimCode: null,
        claimReasonType: null,
        claimReason: null,
        cancelDate: null,
        cancelRequestDate: null,
        returnRequestDate: null,
        returnConfirmedDate: null,
        exchangeRequestDate: null,
        refundDate: null,
        labels: [],
      } satisfies ItemRecord;
    });
  }
}
