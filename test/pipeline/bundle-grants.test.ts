import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Flow } from '../../src/engine/flow-schema.js';
import { processOrderEvents } from '../../src/pipeline/process-order-events.js';
import { installTemplates } from './passwing-harness.js';
import {
  dialectsUnderTest,
  drainOrderEvents,
  placedOrderJob,
  placeTwoOrders,
  ownedLabels,
  replayedLabels,
  sandboxLabels,
  startStack,
  type Stack,
} from './pipeline-stack.js';

const MALL = 'bundle-mall';
const MEMBER = 'member007';
const OTHER_MEMBER = 'member008';

// Labels one order grants another (BUNDLE_SHIP: "label both orders") are written to an order outside
// the batch being processed, judged from PassWing's stored copy of it. That copy must not show a label
// PassWing has removed since it was fetched, or the grant would count as present and not be written.
describe.each(dialectsUnderTest())('bundle labels granted to an order outside the batch on %s', (dialect) => {
  let stack: Stack;
  let flows: Flow[];

  beforeAll(async () => {
    // No worker and no webhooks: the test processes each order itself, in the order the scenario needs.
    stack = await startStack({ dialect, malls: [MALL], worker: false, historyOrders: 0 });
    stack.sandbox.setWebhookUrl(null);
    flows = await installTemplates(stack.passwing, MALL, [{ id: 'BUNDLE_SHIP' }]);
  }, 120_000);
  afterAll(async () => stack?.cleanup());

  it('grants again what an earlier order removed after an attempt that died', async () => {
    const { ctx, sandbox } = stack;
    const { earlier, later } = await placeTwoOrders(sandbox, MALL, MEMBER, {
      earlier: 20,
      later: 10,
    });
    // An attempt at the later order claimed BUNDLE_SHIP on the earlier one and wrote it, then its
    // worker was killed before the run was recorded.
    const earlierItems = Object.keys(sandbox.orderLabels(MALL, earlier));
    await ctx.store.labels.claim(
      MALL,
      earlierItems.map((itemCode) => ({
        itemCode,
        label: 'BUNDLE_SHIP',
        orderId: earlier,
        runId: randomUUID(),
        addedAt: Date.now(),
      })),
    );
    for (const itemCode of earlierItems) sandbox.addManualLabel(MALL, itemCode, 'BUNDLE_SHIP');

    // The earlier order is processed first: a claim of a run never recorded grants nothing.
    await processOrderEvents(ctx, [placedOrderJob(MALL, earlier)]);
    expect(sandboxLabels(sandbox, MALL, earlier)).toEqual([]);

    // The later order's retry grants it again.
    await processOrderEvents(ctx, [placedOrderJob(MALL, later)]);
    const expected = await replayedLabels(ctx, MALL, flows);
    for (const orderId of [earlier, later]) {
      expect({ orderId, labels: sandboxLabels(sandbox, MALL, orderId) }).toEqual({
        orderId,
        labels: ['BUNDLE_SHIP'],
      });
      expect(expected.get(orderId)).toEqual(['BUNDLE_SHIP']);
      expect(await ownedLabels(ctx, MALL, orderId)).toEqual(['BUNDLE_SHIP']);
    }
  });

  it('takes the bundle label off the earlier order when the later one is cancelled', async () => {
    const { ctx, sandbox } = stack;
    const { earlier, later } = await placeTwoOrders(sandbox, MALL, OTHER_MEMBER, {
      earlier: 30,
      later: 20,
    });
    await processOrderEvents(ctx, [placedOrderJob(MALL, earlier)]);
    await processOrderEvents(ctx, [placedOrderJob(MALL, later)]);
    expect(sandboxLabels(sandbox, MALL, earlier)).toEqual(['BUNDLE_SHIP']);

    sandbox.cancelOrder(MALL, later);
    await processOrderEvents(ctx, [{ ...placedOrderJob(MALL, later), trigger: 'order.changed' }]);
    await drainOrderEvents(ctx);
    const expected = await replayedLabels(ctx, MALL, flows);
    for (const orderId of [earlier, later]) {
      expect(expected.get(orderId)).toEqual([]);
      expect({ orderId, labels: sandboxLabels(sandbox, MALL, orderId) }).toEqual({ orderId, labels: [] });
      expect(await ownedLabels(ctx, MALL, orderId)).toEqual([]);
    }
  });
});
