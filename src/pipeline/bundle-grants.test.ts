import { describe, expect, it } from 'vitest';
import { grantsAfter, withdrawnGrants, type GrantSource } from './bundle-grants.js';

const bundle = (flowId: string, label: string) => ({
  type: 'addLabel',
  label,
  scope: 'order',
  alsoOrdersWithinMinutes: 60,
  flowId,
  ruleId: 'r1',
});

/** A stored run: decision and trace apart, as the runs repository returns them. */
const run = (
  grants: { orderId: string; label: string }[],
  actions: unknown[],
  skippedByTrigger: string[] = [],
): GrantSource => ({
  decision: { relatedOrderLabels: grants, actions },
  trace: {
    trigger: 'order.paid',
    flows: [],
    skippedFlows: skippedByTrigger.map((flowId) => ({ flowId, reason: 'trigger' })),
  },
});

describe('bundle grants', () => {
  it('are the ones the latest run made', () => {
    const previous = run([{ orderId: 'A', label: 'BUNDLE_SHIP' }], [bundle('bundle', 'BUNDLE_SHIP')]);
    const latest = run([], []);
    expect(grantsAfter(latest, previous)).toEqual([]);
    expect(withdrawnGrants(grantsAfter(previous, undefined), grantsAfter(latest, previous))).toEqual([
      { orderId: 'A', label: 'BUNDLE_SHIP' },
    ]);
  });

  it('keep those of flows the latest run skipped for its trigger, and only those', () => {
    const previous = run(
      [
        { orderId: 'A', label: '합포장' },
        { orderId: 'A', label: 'OTHER' },
      ],
      [bundle('created-only', '합포장'), bundle('every-trigger', 'OTHER')],
    );
    const latest = run([], [], ['created-only']);
    expect(grantsAfter(latest, previous)).toEqual([{ orderId: 'A', label: '합포장' }]);
    expect(withdrawnGrants(grantsAfter(previous, undefined), grantsAfter(latest, previous))).toEqual([
      { orderId: 'A', label: 'OTHER' },
    ]);
  });

  it('read nothing from a run stored without a readable decision or trace', () => {
    expect(grantsAfter({ decision: null, trace: null }, undefined)).toEqual([]);
    expect(grantsAfter({ decision: { relatedOrderLabels: 'x' }, trace: 7 }, undefined)).toEqual([]);
  });
});
