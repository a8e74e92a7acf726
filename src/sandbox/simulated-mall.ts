import { kstCompactDate } from './kst-time.js';
import type {
  CustomerGroupRecord,
  ItemRecord,
  MemberRecord,
  MemoRecord,
  OrderRecord,
  ProductRecord,
  ReceiverRecord,
  ScriptTagRecord,
  VariantRecord,
  WebhookLogRecord,
} from './mall-records.js';
import { SandboxError } from './sandbox-error.js';

/** Item statuses that no longer count towards the actual order amount. */
/** One label write on an item (see SimulatedMall.labelChanges). */
export interface LabelChange {
  itemCode: string;
  label: string;
  change: 'added' | 'removed' | 'already-there';
}

export function isClaimedStatus(status: string): boolean {
  return status.startsWith('C') || /^R(3[0-9]|4[0-3])$/.test(status);
}

/** Item statuses a cancel/return may not start from. */
function isFinalStatus(status: string): boolean {
  return isClaimedStatus(status) || status.startsWith('R') || status.startsWith('E');
}

/**
 * One simulated mall: its catalogue, members, orders, labels and logs, plus the state changes the
 * Admin API and the in-process sandbox API perform. It does no IO and emits no webhooks itself.
 */
export class SimulatedMall {
  readonly groups: CustomerGroupRecord[] = [];
  readonly members = new Map<string, MemberRecord>();
  readonly products: ProductRecord[] = [];
  /** Orders in placement order. */
  readonly orders: OrderRecord[] = [];
  /** The mall's label dictionary (`GET /labels`), in first-use order. */
  readonly labelNames: string[] = [];
  readonly scriptTags: ScriptTagRecord[] = [];
  readonly webhookLogs: WebhookLogRecord[] = [];
  private readonly ordersById = new Map<string, OrderRecord>();
  private readonly daySequence = new Map<string, number>();
  private memoSequence = 0;
  private claimSequence = 0;
  private scriptSequence = 0;

  constructor(readonly mallId: string) {}

  /** The next `YYYYMMDD-NNNNNNN` id for an order placed at `placedAt`. */
  nextOrderId(placedAt: number): string {
    const day = kstCompactDate(placedAt);
    const sequence = (this.daySequence.get(day) ?? 0) + 1;
    this.daySequence.set(day, sequence);
    return `${day}-${String(sequence).padStart(7, '0')}`;
  }

  nextClaimCode(at: number): string {
    this.claimSequence += 1;
    return `C${kstCompactDate(at)}-${String(this.claimSequence).padStart(7, '0')}`;
  }

  nextScriptNo(): string {
    this.scriptSequence += 1;
    return `${1_500_000_000_000 + this.scriptSequence}`;
  }

  addOrder(order: OrderRecord): void {
    this.orders.push(order);
    this.ordersById.set(order.orderId, order);
  }

  findOrder(orderId: string): OrderRecord | undefined {
    return this.ordersById.get(orderId);
  }

  /** The order or a SandboxError (for the in-process API, where a bad id is the caller's mistake). */
  order(orderId: string): OrderRecord {
    const order = this.findOrder(orderId);
    if (order === undefined) {
      throw new SandboxError('SANDBOX_UNKNOWN_ORDER', 'user', `mall ${this.mallId} has no order ${orderId}`);
    }
    return order;
  }

  findItem(itemCode: string): { order: OrderRecord; item: ItemRecord } | undefined {
    const orderId = itemCode.replace(/-\d{2}$/, '');
    const order = this.findOrder(orderId);
    const item = order?.items.find((candidate) => candidate.itemCode === itemCode);
    return order !== undefined && item !== undefined ? { order, item } : undefined;
  }

  findVariant(variantCode: string): { product: ProductRecord; variant: VariantRecord } | undefined {
    for (const product of this.products) {
      const variant = product.variants.find((candidate) => candidate.variantCode === variantCode);
      if (variant !== undefined) return { product, variant };
    }
    return undefined;
  }

  findProduct(productNo: number): ProductRecord | undefined {
    return this.products.find((product) => product.productNo === productNo);
  }

  /** Earlier orders of a member that were not cancelled (for `first_order`). */
  hasEarlierOrder(memberId: string): boolean {
    return this.orders.some((order) => order.memberId === memberId && order.canceled !== 'T');
  }

  // ---- state changes; each returns whether anything changed ----

  /** Marks an unpaid order paid (무통장/가상계좌 deposit). */
  pay(orderId: string, at: number): boolean {
    const order = this.order(orderId);
    if (order.paid === 'T' || order.canceled === 'T') return false;
    order.paid = 'T';
    order.paymentDate = at;
    for (const item of order.items) if (item.orderStatus === 'N00') item.orderStatus = 'N10';
    return true;
  }

  /** Cancels every item that is not already claimed. */
  cancel(orderId: string, at: number): boolean {
    const order = this.order(orderId);
    const open = order.items.filter((item) => !isFinalStatus(item.orderStatus));
    if (open.length === 0) return false;
    const claimCode = this.nextClaimCode(at);
    for (const item of open) {
      item.orderStatus = order.paid === 'T' ? 'C40' : 'C47';
      item.statusCode = order.paid === 'T' ? 'C2' : 'C1';
      item.claimCode = claimCode;
      item.claimReasonType = 'A';
      item.claimReason = '고객 변심';
      item.cancelRequestDate = at;
      item.cancelDate = at;
    }
    const allCancelled = order.items.every((item) => item.orderStatus.startsWith('C'));
    order.canceled = allCancelled ? 'T' : 'M';
    order.cancelDate = at;
    return true;
  }

  /** Returns one item (or all open items) with a completed refund (R40). */
  returnItems(orderId: string, at: number, itemCode?: string): ItemRecord[] {
    const order = this.order(orderId);
    const targets = order.items.filter(
      (item) => !isFinalStatus(item.orderStatus) && (itemCode === undefined || item.itemCode === itemCode),
    );
    if (itemCode !== undefined && !order.items.some((item) => item.itemCode === itemCode)) {
      throw new SandboxError('SANDBOX_UNKNOWN_ITEM', 'user', `order ${orderId} has no item ${itemCode}`);
    }
    const claimCode = targets.length > 0 ? this.nextClaimCode(at) : null;
    for (const item of targets) {
      item.orderStatus = 'R40';
      item.statusCode = 'C3';
      item.claimCode = claimCode;
      item.claimReasonType = 'P';
      item.claimReason = '상품 불만족';
      item.returnRequestDate = at;
      item.returnConfirmedDate = at;
      item.refundDate = at;
    }
    return targets;
  }

  /** Opens an exchange request (E00) on every open item. */
  exchange(orderId: string, at: number): boolean {
    const order = this.order(orderId);
    const open = order.items.filter((item) => !isFinalStatus(item.orderStatus));
    const claimCode = open.length > 0 ? this.nextClaimCode(at) : null;
    for (const item of open) {
      item.orderStatus = 'E00';
      item.statusCode = 'E1';
      item.claimCode = claimCode;
      item.exchangeRequestDate = at;
    }
    return open.length > 0;
  }

  /** Moves open items along the shipping states (N10/N20 → N30 → N40). */
  ship(orderId: string, delivered: boolean): boolean {
    const order = this.order(orderId);
    let changed = false;
    for (const item of order.items) {
      if (['N10', 'N20', 'N21', 'N30'].includes(item.orderStatus)) {
        item.orderStatus = delivered ? 'N40' : 'N30';
        changed = true;
      }
    }
    return changed;
  }

  changeReceiver(orderId: string, change: Partial<ReceiverRecord>): void {
    const order = this.order(orderId);
    order.receiver = { ...order.receiver, ...change };
  }

  /** `process_status=hold` puts open items on 배송보류 (N22); `unhold` restores their status. */
  setHold(orderId: string, hold: boolean, itemCodes?: readonly string[]): ItemRecord[] {
    const order = this.order(orderId);
    const targets = order.items.filter(
      (item) => itemCodes === undefined || itemCodes.includes(item.itemCode),
    );
    const changed: ItemRecord[] = [];
    for (const item of targets) {
      if (
        hold &&
        item.orderStatus.startsWith('N') &&
        item.orderStatus !== 'N22' &&
        item.orderStatus < 'N30'
      ) {
        item.statusBeforeHold = item.orderStatus;
        item.orderStatus = 'N22';
        changed.push(item);
      } else if (!hold && item.orderStatus === 'N22') {
        item.orderStatus = item.statusBeforeHold ?? 'N20';
        item.statusBeforeHold = null;
        changed.push(item);
      }
    }
    return changed;
  }

  /**
   * Every label write on the mall's items, in order (for tests: who wrote what when), including
   * adds of a label the item already had (`already-there`: a wasted write, changing nothing).
   */
  readonly labelChanges: LabelChange[] = [];

  /** Adds labels to an item (no duplicates) and to the mall's dictionary. */
  addLabels(item: ItemRecord, names: readonly string[]): void {
    for (const name of names) {
      const change = item.labels.includes(name) ? 'already-there' : 'added';
      if (change === 'added') item.labels.push(name);
      this.labelChanges.push({ itemCode: item.itemCode, label: name, change });
      if (!this.labelNames.includes(name)) this.labelNames.push(name);
    }
  }

  /** Removes one label from an item; false when it was not there. */
  removeLabel(item: ItemRecord, name: string): boolean {
    if (!item.labels.includes(name)) return false;
    item.labels = item.labels.filter((label) => label !== name);
    this.labelChanges.push({ itemCode: item.itemCode, label: name, change: 'removed' });
    return true;
  }

  /** Replaces an item's labels. */
  replaceLabels(item: ItemRecord, names: readonly string[]): void {
    for (const label of [...item.labels]) if (!names.includes(label)) this.removeLabel(item, label);
    this.addLabels(
      item,
      [...new Set(names)].filter((name) => !item.labels.includes(name)),
    );
  }

  addMemo(order: OrderRecord, memo: Omit<MemoRecord, 'memoNo'>): MemoRecord {
    this.memoSequence += 1;
    const record: MemoRecord = { ...memo, memoNo: this.memoSequence };
    order.memos.push(record);
    return record;
  }
}
