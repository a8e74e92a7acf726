import { compileFlows } from '../../engine/compile-flows.js';
import type { Trigger } from '../../engine/flow-schema.js';
import type { OrderFacts } from '../../domain/order-facts.js';
import { maskName } from '../../notify/mask-personal.js';
import { factsOfOrders } from '../../pipeline/gather-facts.js';
import type { RecentOrder, SimulateResponse } from '../api-contract.js';
import type { ConsoleBackend } from '../console-backend.js';
import { requireValidFlow } from './flow-endpoints.js';
import { notFound, type BackendDeps } from './shared.js';

type SimulationEndpoints = Pick<ConsoleBackend, 'recentOrders' | 'simulate'>;

export function simulationEndpoints(deps: BackendDeps): SimulationEndpoints {
  const { store } = deps.ctx;
  return {
    async recentOrders(actor, query) {
      const ids = await store.orders.listRecentIds(actor.mallId, {
        limit: query.limit,
        ...(query.q === undefined ? {} : { orderIdPrefix: query.q }),
      });
      const orders = [];
      for (const orderId of ids) {
        const order = await store.orders.get(actor.mallId, orderId);
        if (order !== null) orders.push(order);
      }
      const facts = await factsOfOrders(deps.ctx, actor.mallId, orders);
      // The stored order is Cafe24's copy from before PassWing labelled it: add the labels it owns now.
      const owned = await Promise.all(
        orders.map((order) => store.labels.listForOrder(actor.mallId, order.orderId)),
      );
      const rows: RecentOrder[] = orders.map((order, index) => ({
        orderId: order.orderId,
        placedAt: order.placedAt,
        productAmount: order.productAmount,
        buyerMasked: order.personal.buyerName === null ? null : maskName(order.personal.buyerName),
        zone: facts[index]?.shipping.zone ?? 'MAINLAND',
        itemCount: order.items.length,
        labels: [
          ...new Set([
            ...order.items.flatMap((item) => item.labels),
            ...(owned[index] ?? []).map((entry) => entry.label),
          ]),
        ],
      }));
      return { orders: rows };
    },

    /**
     * Evaluates a (possibly unsaved) flow against a stored order (facts gathered as live processing
     * does) or edited facts, with the trace on. Reads only: nothing goes to Cafe24, runs or labels.
     */
    async simulate(actor, body): Promise<SimulateResponse> {
      const flow = requireValidFlow(deps, { ...body.flow, id: 'simulation', version: 1, enabled: true });
      let facts: OrderFacts;
      if (body.source.kind === 'order') {
        const order = await store.orders.get(actor.mallId, body.source.orderId);
        if (order === null) throw notFound(`Order ${body.source.orderId}`);
        const [orderFacts] = await factsOfOrders(deps.ctx, actor.mallId, [order]);
        if (orderFacts === undefined) throw notFound(`Order ${body.source.orderId}`);
        facts = orderFacts;
      } else {
        facts = body.source.facts;
      }
      const trigger: Trigger = flow.triggers.includes('manual') ? 'manual' : (flow.triggers[0] ?? 'manual');
      const compiled = compileFlows([flow], { maxLabelLength: deps.ctx.config.maxLabelLength });
      const decision = compiled.evaluate(facts, { now: deps.ctx.now(), trigger, explain: true });
      const trace = decision.trace?.flows[0] ?? {
        flowId: flow.id,
        flowName: flow.name,
        flowVersion: flow.version,
        rules: [],
      };
      return {
        matched: decision.matched.length > 0,
        labelsAdded: [...decision.labels],
        labelsRemoved: [...decision.removedLabels],
        actions: decision.actions.map((action) => ({ ...action })),
        trace,
        facts,
      };
    },
  };
}
