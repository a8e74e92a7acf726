import type { Condition, Flow, Rule } from '../../src/engine/flow-schema.js';
import { SeededRandom } from '../../src/sandbox/seeded-random.js';

/**
 * The generated merchant rules of the benchmark: a parameter table (five rule shapes with random
 * parameters) and the flow built from it. The hand-written contender loops over the same table.
 */
export type MerchantRuleParams =
  | { kind: 'amountZone'; label: string; min: number; max: number; zones: string[] }
  | { kind: 'itemTagPrice'; label: string; tag: string; minPrice: number }
  | { kind: 'channelPayment'; label: string; channels: string[]; method: string }
  | {
      kind: 'timeWeekday';
      label: string;
      from: string;
      to: string;
      fromMinute: number;
      toMinute: number;
      weekdays: number[];
    }
  | { kind: 'loyal'; label: string; minOrders: number; minLifetime: number; excludedZone: string };

const KINDS = ['amountZone', 'itemTagPrice', 'channelPayment', 'timeWeekday', 'loyal'] as const;
const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** `count` rule parameter rows from `seed` (deterministic). */
export function merchantRuleTable(count: number, seed = 7): MerchantRuleParams[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, (_, i): MerchantRuleParams => {
    const kind = KINDS[i % KINDS.length] as (typeof KINDS)[number];
    const label = `M${String(i + 1).padStart(4, '0')}_${kind}`;
    switch (kind) {
      case 'amountZone': {
        const min = random.int(0, 40) * 5_000;
        return {
          kind,
          label,
          min,
          max: min + random.int(1, 40) * 5_000,
          zones: random.pick([['JEJU'], ['JEJU', 'REMOTE'], ['MAINLAND'], ['REMOTE']]),
        };
      }
      case 'itemTagPrice':
        return {
          kind,
          label,
          tag: random.pick(['NEW', 'BEST', 'SAME_DAY', 'GIFT', 'SALE']),
          minPrice: random.int(1, 40) * 5_000,
        };
      case 'channelPayment':
        return {
          kind,
          label,
          channels: random.pick([['cafe24', 'mobile'], ['NCHECKOUT'], ['shopn', 'coupang'], ['mobile']]),
          method: random.pick(['cash', 'icash', 'card', 'point']),
        };
      case 'timeWeekday': {
        const fromMinute = random.int(0, 47) * 30;
        let toMinute = random.int(0, 47) * 30;
        if (toMinute === fromMinute) toMinute = (fromMinute + 300) % 1440;
        return {
          kind,
          label,
          from: hhmm(fromMinute),
          to: hhmm(toMinute),
          fromMinute,
          toMinute,
          weekdays: [1, 2, 3, 4, 5, 6, 7]
            .filter(() => random.chance(0.5))
            .concat(random.int(1, 7))
            .filter((d, j, a) => a.indexOf(d) === j),
        };
      }
      case 'loyal':
        return {
          kind,
          label,
          minOrders: random.int(1, 4),
          minLifetime: random.int(1, 30) * 50_000,
          excludedZone: random.pick(['REMOTE', 'JEJU']),
        };
    }
  });
}

function condition(p: MerchantRuleParams): Condition {
  switch (p.kind) {
    case 'amountZone':
      return {
        kind: 'all',
        conditions: [
          { kind: 'compare', fact: 'order.productAmount', op: 'between', value: [p.min, p.max] },
          { kind: 'compare', fact: 'shipping.zone', op: 'in', value: p.zones },
        ],
      };
    case 'itemTagPrice':
      return {
        kind: 'items',
        quantifier: 'any',
        where: [
          { kind: 'compare', fact: 'item.tags', op: 'contains', value: p.tag },
          { kind: 'compare', fact: 'item.price', op: 'gte', value: p.minPrice },
        ],
      };
    case 'channelPayment':
      return {
        kind: 'all',
        conditions: [
          { kind: 'compare', fact: 'order.channel', op: 'in', value: p.channels },
          { kind: 'compare', fact: 'order.paymentMethods', op: 'contains', value: p.method },
          { kind: 'compare', fact: 'order.paid', op: 'ne', value: 'T' },
        ],
      };
    case 'timeWeekday':
      return {
        kind: 'all',
        conditions: [
          { kind: 'timeOfDay', from: p.from, to: p.to },
          { kind: 'compare', fact: 'order.weekday', op: 'in', value: p.weekdays },
        ],
      };
    case 'loyal':
      return {
        kind: 'all',
        conditions: [
          { kind: 'compare', fact: 'customer.kind', op: 'eq', value: 'member' },
          { kind: 'compare', fact: 'customer.orderCount', op: 'gte', value: p.minOrders },
          {
            kind: 'any',
            conditions: [
              { kind: 'compare', fact: 'customer.lifetimeAmount', op: 'gte', value: p.minLifetime },
              { kind: 'compare', fact: 'customer.returnsInDays', arg: 30, op: 'eq', value: 0 },
            ],
          },
          {
            kind: 'not',
            condition: { kind: 'compare', fact: 'shipping.zone', op: 'eq', value: p.excludedZone },
          },
        ],
      };
  }
}

/** One merchant flow holding a rule per table row, evaluated after the built-in templates. */
export function merchantFlow(table: readonly MerchantRuleParams[], priority = 1000): Flow {
  const rules: Rule[] = table.map((p) => ({
    id: p.label,
    name: p.label,
    when: condition(p),
    then: [{ type: 'addLabel', label: p.label, scope: 'order' }],
  }));
  return {
    id: 'MERCHANT',
    name: '머천트 규칙',
    enabled: true,
    priority,
    triggers: ['order.created', 'order.paid', 'order.changed', 'manual'],
    rules,
    version: 1,
  };
}
