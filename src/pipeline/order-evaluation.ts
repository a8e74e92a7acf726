import type { Order } from '../domain/order.js';
import type { Decision } from '../engine/decision.js';
import type { Trigger } from '../engine/flow-schema.js';
import type { RunAction, RunRecord } from '../store/repositories/runs-repository.js';
import type { OrderEventJob } from './order-event-job.js';

/** One order evaluated in a batch: its decision and, as effects are applied, their outcomes. */
export interface OrderEvaluation {
  order: Order;
  trigger: Trigger;
  source: OrderEventJob['source'];
  /** Evaluated again because an earlier order of the customer changed (see OrderEventJob). */
  reevaluation: boolean;
  /** The order's runs recorded before this one, newest first. */
  previousRuns: RunRecord[];
  runId: string;
  receivedAt: number;
  decision: Decision;
  startedAt: number;
  evaluatedAt: number;
  /** Outcomes of the effects, recorded in the Run. */
  actions: RunAction[];
}
