import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readOrdersFile } from '../../src/cli/read-orders-file.js';
import { replayOrders } from '../../src/pipeline/replay-orders.js';
import { TEMPLATES } from '../../src/templates/index.js';
import { FIXTURES, parseNdjson, runCli, STACK_FRAME, tempFile } from './run-cli.js';

const FIXTURE_ORDERS = (
  JSON.parse(readFileSync(join(FIXTURES, 'orders.json'), 'utf8')) as { orders: Record<string, unknown>[] }
).orders;
const FLOWS = TEMPLATES.filter((template) => template.kind === 'template').map((template) =>
  template.build(),
);

/** A fixture order with one field (top level, first item or first receiver) replaced by random JSON. */
const mutatedOrder = fc
  .record({
    base: fc.constantFrom(...FIXTURE_ORDERS),
    where: fc.constantFrom('order', 'item', 'receiver'),
    keyIndex: fc.nat(),
    value: fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(
        '',
        'T',
        'F',
        '-1',
        '1e400',
        '2026-02-30T10:00:00+09:00',
        '::1',
        '999.1.1.1',
        '63000',
        null,
      ),
    ),
    remove: fc.boolean(),
  })
  .map(({ base, where, keyIndex, value, remove }) => {
    const order = structuredClone(base);
    const target =
      where === 'order'
        ? order
        : ((order[where === 'item' ? 'items' : 'receivers'] as Record<string, unknown>[] | undefined)?.[0] ??
          order);
    const keys = Object.keys(target);
    const key = keys[keyIndex % keys.length] ?? 'order_id';
    if (remove) delete target[key];
    else target[key] = value;
    return order;
  });

/** Whole input files: mutated Cafe24 exports in every accepted envelope, or arbitrary text. */
const inputFile = fc.oneof(
  fc.array(mutatedOrder, { minLength: 1, maxLength: 4 }).map((orders) => JSON.stringify({ orders })),
  fc
    .array(mutatedOrder, { minLength: 1, maxLength: 4 })
    .map((orders) => orders.map((o) => JSON.stringify(o)).join('\n')),
  mutatedOrder.map((order) => JSON.stringify({ order })),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
);

const isUserError = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'kind' in error && error.kind === 'user';

describe('replay on random input', () => {
  it('either replays every order or fails with a user error naming the file (in process)', async () => {
    await fc.assert(
      fc.asyncProperty(inputFile, async (content) => {
        const file = await tempFile('random.json', content);
        let orders;
        try {
          orders = await readOrdersFile(file);
        } catch (error) {
          expect(isUserError(error), String(error)).toBe(true);
          expect((error as Error).message).toContain(file);
          return;
        }
        const lines = await replayOrders(orders, { flows: FLOWS, catalogue: [] });
        expect(lines.map((line) => line.order_id)).toEqual(orders.map((order) => order.orderId));
      }),
      { numRuns: 300 },
    );
  });

  it('exits 0 with one line per order or 2 with a message, never a stack trace (real process)', async () => {
    await fc.assert(
      fc.asyncProperty(inputFile, async (content) => {
        const file = await tempFile('random.json', content);
        const result = await runCli(['replay', '--orders', file]);
        expect([0, 2]).toContain(result.code);
        expect(result.stderr).not.toMatch(STACK_FRAME);
        if (result.code === 2) expect(result.stderr).toContain(file);
        else
          for (const line of parseNdjson<{ order_id: unknown }>(result.stdout))
            expect(typeof line.order_id).toBe('string');
      }),
      { numRuns: 12 },
    );
  }, 180_000);
});
