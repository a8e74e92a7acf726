/** What to do with one item's labels. */
export interface LabelChanges {
  /** Labels PassWing should add (wanted, not on the item yet). */
  add: string[];
  /** Labels PassWing added earlier, still on the item, no longer wanted. */
  remove: string[];
  /** Ownership records to drop: labels we added that someone already removed by hand. */
  forget: string[];
}

/**
 * The label difference for one item (DESIGN "label ownership"): add what is desired and missing;
 * remove only labels we own, are present and are no longer desired. Labels people typed are never
 * removed, and a desired label a person already put there is left theirs (not added, not owned).
 */
export function computeLabelChanges(input: {
  desired: readonly string[];
  owned: readonly string[];
  current: readonly string[];
}): LabelChanges {
  const desired = new Set(input.desired);
  const owned = new Set(input.owned);
  const current = new Set(input.current);
  return {
    add: [...desired].filter((label) => !current.has(label)),
    remove: [...owned].filter((label) => current.has(label) && !desired.has(label)),
    forget: [...owned].filter((label) => !current.has(label) && !desired.has(label)),
  };
}
