import { z } from 'zod';
import { Decision, DecisionAction, DecisionTrace } from '../engine/decision.js';

/** A label one order grants an earlier order of the same customer (bundling: "label both orders"). */
export type Grant = Decision['relatedOrderLabels'][number];

/** What grants are read from: a run as stored (decision and trace apart), or a decision being applied. */
export interface GrantSource {
  decision: unknown;
  trace: unknown;
}

const StoredDecision = z.object({
  relatedOrderLabels: Decision.shape.relatedOrderLabels.catch([]),
  actions: z.array(z.unknown()).catch([]),
});

/**
 * The grants an order stands behind after `latest`: the ones it made, plus — for flows it skipped
 * because they do not listen to its trigger — the ones `previous` made through those flows (as an
 * order keeps its own labels of skipped flows). A grant stands only while its order's decision
 * makes it: a later order cancelled or changed takes its grants back.
 */
export function grantsAfter(latest: GrantSource, previous: GrantSource | undefined): Grant[] {
  const decision = StoredDecision.catch({ relatedOrderLabels: [], actions: [] }).parse(latest.decision);
  const grants = [...decision.relatedOrderLabels];
  const trace = DecisionTrace.safeParse(latest.trace);
  const skipped = new Set(
    (trace.success ? trace.data.skippedFlows : [])
      .filter((flow) => flow.reason === 'trigger')
      .map((flow) => flow.flowId),
  );
  if (skipped.size === 0 || previous === undefined) return grants;
  const before = StoredDecision.catch({ relatedOrderLabels: [], actions: [] }).parse(previous.decision);
  const labelsOfSkipped = new Set<string>();
  for (const raw of before.actions) {
    const action = DecisionAction.safeParse(raw);
    if (
      action.success &&
      skipped.has(action.data.flowId) &&
      action.data.type === 'addLabel' &&
      action.data.alsoOrdersWithinMinutes !== undefined
    )
      labelsOfSkipped.add(action.data.label);
  }
  for (const grant of before.relatedOrderLabels)
    if (labelsOfSkipped.has(grant.label) && !grants.some((kept) => sameGrant(kept, grant)))
      grants.push(grant);
  return grants;
}

/** Grants in `before` that `after` no longer makes. */
export function withdrawnGrants(before: readonly Grant[], after: readonly Grant[]): Grant[] {
  return before.filter((grant) => !after.some((kept) => sameGrant(kept, grant)));
}

const sameGrant = (a: Grant, b: Grant) => a.orderId === b.orderId && a.label === b.label;
