import type { OrderFacts } from '../domain/order-facts.js';
import type { Decision, DecisionAction, MatchedRule } from './decision.js';
import { historyWithin } from './fact-readers.js';
import type { Flow, Rule } from './flow-schema.js';
import { MS_PER_MINUTE } from './kst-time.js';
import type { TemplatePart, TemplateContext } from './render-template.js';
import { parseTemplate, renderTemplate } from './render-template.js';

/**
 * Builds Decisions for the compiled engine from its matches, with the same semantics as
 * interpret-flows.ts `assemble` (property-tested). Everything per rule is precomputed: label
 * numbers, frozen action objects, parsed templates. Label de-duplication uses a stamp array
 * (stamp = evaluation number), so it costs O(1) per label. The stamps are scratch state only:
 * evaluation stays synchronous and a decision depends on its inputs alone.
 */

interface Templated {
  base: DecisionAction;
  parts: TemplatePart[];
  context: TemplateContext;
}

interface RulePlan {
  matched: MatchedRule;
  /** Label numbers in action order, and whether each goes to the matched items only. */
  labels: number[];
  matchedItemsOnly: boolean[];
  hasItemScope: boolean;
  removes: number[];
  related: { label: string; windowMs: number }[];
  /** Frozen action objects; null where a memo/notify template must be rendered per order. */
  actions: (DecisionAction | null)[];
  templated: (Templated | null)[];
}

const EMPTY: readonly string[] = Object.freeze([]);
const STAMP_LIMIT = 0x3fffffff;

export class DecisionAssembler {
  private readonly plans: RulePlan[] = [];
  private readonly names: string[] = [];
  private readonly numbers = new Map<string, number>();
  private added = new Int32Array(0);
  private removedStamp = new Int32Array(0);
  private stamp = 0;

  private labelNumber(label: string): number {
    let n = this.numbers.get(label);
    if (n === undefined) {
      n = this.names.push(label) - 1;
      this.numbers.set(label, n);
    }
    return n;
  }

  /** Registers a rule; returns its index and whether it needs its matched items. */
  addRule(flow: Flow, rule: Rule): { index: number; tracksItems: boolean } {
    const plan: RulePlan = {
      matched: Object.freeze({
        flowId: flow.id,
        flowVersion: flow.version,
        ruleId: rule.id,
        ruleName: rule.name,
      }),
      labels: [],
      matchedItemsOnly: [],
      hasItemScope: false,
      removes: [],
      related: [],
      actions: [],
      templated: [],
    };
    const context = { flow: { id: flow.id, name: flow.name }, rule: { id: rule.id, name: rule.name } };
    for (const action of rule.then) {
      const base = Object.freeze({ ...action, flowId: flow.id, ruleId: rule.id }) as DecisionAction;
      if (action.type === 'addLabel' || action.type === 'giftTarget') {
        const onlyMatched = action.type === 'addLabel' && action.scope === 'matchedItems';
        plan.labels.push(
          this.labelNumber(action.type === 'addLabel' ? action.label : (action.label ?? action.gift)),
        );
        plan.matchedItemsOnly.push(onlyMatched);
        plan.hasItemScope ||= onlyMatched;
      }
      if (action.type === 'addLabel' && action.alsoOrdersWithinMinutes !== undefined) {
        plan.related.push({ label: action.label, windowMs: action.alsoOrdersWithinMinutes * MS_PER_MINUTE });
      }
      if (action.type === 'removeLabel') plan.removes.push(this.labelNumber(action.label));
      if (action.type === 'memo' || action.type === 'notify') {
        plan.actions.push(null);
        plan.templated.push({ base, parts: parseTemplate(action.template).parts, context });
      } else {
        plan.actions.push(base);
        plan.templated.push(null);
      }
    }
    const index = this.plans.push(plan) - 1;
    return { index, tracksItems: plan.hasItemScope };
  }

  private nextStamp(): number {
    if (this.added.length !== this.names.length) {
      this.added = new Int32Array(this.names.length);
      this.removedStamp = new Int32Array(this.names.length);
      this.stamp = 0;
    }
    if (this.stamp === STAMP_LIMIT) {
      this.added.fill(0);
      this.removedStamp.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }

  /** The Decision for `out` = [ruleIndex, matchedItems | undefined, …] in evaluation order. */
  assemble(out: readonly unknown[] | null, facts: OrderFacts): Decision {
    const items = facts.items;
    // A null-prototype record: item codes are unique per order, and V8 builds a new hidden class for
    // every new key of an ordinary object (~5 µs per decision); a dictionary object avoids that.
    const itemLabels: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
    if (out === null) {
      for (const it of items) itemLabels[it.itemCode] = EMPTY as string[];
      return { matched: [], labels: [], itemLabels, removedLabels: [], actions: [], relatedOrderLabels: [] };
    }
    const stamp = this.nextStamp();
    const { added, removedStamp, names } = this;
    const matched: MatchedRule[] = [];
    const labelNumbers: number[] = [];
    const removed: string[] = [];
    const actions: DecisionAction[] = [];
    const related: { orderId: string; label: string }[] = [];
    let itemScoped = false;
    for (let j = 0; j < out.length; j += 2) {
      const plan = this.plans[out[j] as number] as RulePlan;
      matched.push(plan.matched);
      itemScoped ||= plan.hasItemScope;
      for (const n of plan.labels) {
        if (added[n] !== stamp) {
          added[n] = stamp;
          labelNumbers.push(n);
        }
      }
      for (const n of plan.removes) {
        if (removedStamp[n] !== stamp) {
          removedStamp[n] = stamp;
          removed.push(names[n] as string);
        }
      }
      for (const r of plan.related) {
        for (const h of historyWithin(facts, r.windowMs)) {
          if (!related.some((x) => x.orderId === h.orderId && x.label === r.label))
            related.push({ orderId: h.orderId, label: r.label });
        }
      }
      for (let a = 0; a < plan.actions.length; a++) {
        const fixed = plan.actions[a];
        if (fixed) actions.push(fixed);
        else {
          const t = plan.templated[a] as Templated;
          actions.push({ ...t.base, text: renderTemplate(t.parts, facts, t.context) });
        }
      }
    }
    const labels: string[] = [];
    for (const n of labelNumbers) if (removedStamp[n] !== stamp) labels.push(names[n] as string);
    if (!itemScoped) {
      // Every label went to every item: each item's list is the order's list.
      for (const it of items) itemLabels[it.itemCode] = labels;
    } else {
      this.itemScopedLabels(out, facts, stamp, itemLabels);
    }
    return { matched, labels, itemLabels, removedLabels: removed, actions, relatedOrderLabels: related };
  }

  /** Per item: labels in first-added order among the events that reached that item. */
  private itemScopedLabels(
    out: readonly unknown[],
    facts: OrderFacts,
    stamp: number,
    into: Record<string, string[]>,
  ): void {
    facts.items.forEach((it, index) => {
      const own: string[] = [];
      for (let j = 0; j < out.length; j += 2) {
        const plan = this.plans[out[j] as number] as RulePlan;
        const matchedItems = out[j + 1] as number[] | undefined;
        plan.labels.forEach((n, k) => {
          const reaches = !plan.matchedItemsOnly[k] || (matchedItems ?? []).includes(index);
          const name = this.names[n] as string;
          if (reaches && this.removedStamp[n] !== stamp && !own.includes(name)) own.push(name);
        });
      }
      into[it.itemCode] = own;
    });
  }
}
