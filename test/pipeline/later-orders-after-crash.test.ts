import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapCafe24Order } from '../../src/cafe24/order-mapping.js';
import { fetchOrdersByIds } from '../../src/cafe24/resources/orders.js';
import { processOrderEvents } from '../../src/pipeline/process-order-events.js';
import { installTemplates } from './passwing-harness.js';
import {
  dialectsUnderTest,
  drainOrderEvents,
  placedOrderJob,
  placeTwoOrders,
  replayedLabels,
  sandboxLabels,
  startStack,
  type Stack,
} from './pipeline-stack.js';

const MALL = 'later-mall';
const MEMBER = 'member011';

// An order that reaches PassWing after a later order of the same customer was evaluated changes that
// later order's history facts, so the later order is evaluated again. The attempt that saved the
// earlier order can die before it says so (kill -9, or a Cafe24 error while writing labels): its
// retry finds the order already saved, unchanged, and must still re-evaluate the later order.
describe.each(dialectsUnderTest())('later orders after an attempt that died on %s', (dialect) => {
  let stack: Stack;

  beforeAll(async () => {
    // No worker and no webhooks: the test processes each order itself, in the order the scenario needs.
    stack = await startStack({ dialect, malls: [MALL], worker: false, historyOrders: 0 });
    stack.sandbox.setWebhookUrl(null);
  }, 120_000);
  afterAll(async () => stack?.cleanup());

  it('re-evaluates the later order when the retry finds the earlier one saved', async () => {
    const { ctx, sandbox } = stack;
    const { earlier, later } = await placeTwoOrders(sandbox, MALL, MEMBER, {
      earlier: 20,
      later: 10,
    });
    const [earlierOrder, laterOrder] = (
      await fetchOrdersByIds(ctx.cafe24.client(MALL), [earlier, later])
    ).map(mapCafe24Order);
    // VIP from both orders together, not from either alone.
    const flows = await installTemplates(stack.passwing, MALL, [
      {
        id: 'VIP_GIFT',
        params: { minLifetimeAmount: earlierOrder!.productAmount + laterOrder!.productAmount },
      },
    ]);

    // The later order arrives first: no VIP yet.
    await processOrderEvents(ctx, [placedOrderJob(MALL, later)]);
    expect(sandboxLabels(sandbox, MALL, later)).toEqual([]);

    // An attempt at the earlier order saved it and died; its retry runs.
    await ctx.store.orders.saveMany(MALL, [earlierOrder!], Date.now());
    await processOrderEvents(ctx, [placedOrderJob(MALL, earlier)]);

    await drainOrderEvents(ctx);
    const expected = await replayedLabels(ctx, MALL, flows);
    expect(expected.get(later)).toEqual(['VIP_GIFT']);
    for (const orderId of [earlier, later])
      expect({ orderId, labels: sandboxLabels(sandbox, MALL, orderId) }).toEqual({
        orderId,
        labels: expected.get(orderId),
      });
  });
});
