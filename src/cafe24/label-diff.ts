/** Labels keyed by Cafe24 `order_item_code`. */
export type ItemLabels = Record<string, readonly string[]>;

export interface LabelAdd {
  itemCode: string;
  label: string;
}
export interface LabelRemoval {
  orderId: string;
  itemCode: string;
  label: string;
}
/** What to write to Cafe24: the input of `writeLabelChanges`. */
export interface LabelChanges {
  add: LabelAdd[];
  remove: LabelRemoval[];
}

/**
 * The order id of an item code: Cafe24 item codes are `{order_id}-NN` (reference §4.3).
 */
export function orderIdOfItemCode(itemCode: string): string {
  const cut = itemCode.lastIndexOf('-');
  return cut > 0 ? itemCode.slice(0, cut) : itemCode;
}

/**
 * The label writes that bring Cafe24 to the decision without touching people's labels.
 * - `desired`: labels PassWing wants per item; an item absent here wants none of PassWing's.
 * - `owned`: labels PassWing itself put on each item (its ownership record).
 * - `current`: labels on each item in Cafe24 now (people's and PassWing's).
 * Adds every desired label the item lacks; removes only owned labels no longer desired that are
 * still there. `owned` afterwards is `nextOwned`: kept owned labels plus the ones added now (a
 * desired label a person had already typed stays theirs). Pure; input order is preserved.
 */
export function diffLabels(input: {
  desired: ItemLabels;
  owned: ItemLabels;
  current: ItemLabels;
}): LabelChanges & {
  nextOwned: Record<string, string[]>;
} {
  const add: LabelAdd[] = [];
  const remove: LabelRemoval[] = [];
  const nextOwned: Record<string, string[]> = {};
  const itemCodes = new Set([...Object.keys(input.desired), ...Object.keys(input.owned)]);
  for (const itemCode of itemCodes) {
    const desired = new Set(input.desired[itemCode] ?? []);
    const owned = new Set(input.owned[itemCode] ?? []);
    const current = new Set(input.current[itemCode] ?? []);
    const keep: string[] = [];
    for (const label of desired) {
      if (!current.has(label)) {
        add.push({ itemCode, label });
        keep.push(label);
      } else if (owned.has(label)) {
        keep.push(label);
      }
    }
    for (const label of owned) {
      if (!desired.has(label) && current.has(label)) {
        remove.push({ orderId: orderIdOfItemCode(itemCode), itemCode, label });
      }
    }
    if (keep.length > 0) nextOwned[itemCode] = keep;
  }
  return { add, remove, nextOwned };
}
