import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapCafe24Order } from '../../src/cafe24/order-mapping.js';
import { InputFileError } from '../../src/cli/cli-errors.js';
import {
  parseCatalogueText,
  parseFlowsText,
  readOrdersFile,
  splitOrdersText,
} from '../../src/cli/read-orders-file.js';
import type { Order } from '../../src/domain/order.js';
import type { Product } from '../../src/domain/product.js';
import type { Flow } from '../../src/engine/flow-schema.js';
import { replayOrders } from '../../src/pipeline/replay-orders.js';
import { TEMPLATES } from '../../src/templates/index.js';
import { mutatedFrom } from './json-mutation.js';

/**
 * Hostile replay files (issue 8 item 2): random bytes, random JSON and mutated Cafe24 exports,
 * catalogues and flow files into the replay parsers and `replayOrders`. Every outcome is a result
 * or a typed user error (kind 'user', stable code); nothing else escapes.
 */

const FIXTURES = join(import.meta.dirname, '../fixtures/replay');
const readJson = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
const ORDERS = (readJson('orders.json') as { orders: unknown[] }).orders;
const CATALOGUE_DOC = readJson('catalog.json');
const FILE = 'fuzz-input.json';

const TEMPLATE_FLOWS: Flow[] = TEMPLATES.flatMap((template) => {
  try {
    return [template.build()];
  } catch {
    return [];
  }
});
const VALID_CATALOGUE = parseCatalogueText(FILE, JSON.stringify(CATALOGUE_DOC));

/** Asserts the thrown value is one of the CLI's typed user errors. */
function expectUserError(error: unknown): void {
  const typed = error as { kind?: unknown; code?: unknown };
  expect(typed?.kind, String(error)).toBe('user');
  expect(typeof typed?.code, String(error)).toBe('string');
}

/** Runs `work`; a throw must be a typed user error. Returns the result or undefined. */
function userErrorOr<T>(work: () => T): T | undefined {
  try {
    return work();
  } catch (error) {
    expectUserError(error);
    return undefined;
  }
}

/** Order text as the replay command reads it: split, then map each record (errors are user errors). */
function parseOrders(text: string): Order[] | undefined {
  return userErrorOr(() => splitOrdersText(FILE, text).map((record) => mapCafe24Order(record.value)));
}

const mutatedOrders = fc.array(mutatedFrom(ORDERS), { minLength: 1, maxLength: 5 });
const orderText = fc.oneof(
  { weight: 3, arbitrary: mutatedOrders.map((orders) => JSON.stringify({ orders })) },
  { weight: 1, arbitrary: mutatedOrders.map((orders) => JSON.stringify(orders)) },
  { weight: 1, arbitrary: mutatedOrders.map((orders) => orders.map((o) => JSON.stringify(o)).join('\n')) },
  { weight: 1, arbitrary: mutatedFrom([{ orders: ORDERS }]).map((doc) => JSON.stringify(doc)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  {
    weight: 1,
    arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
  },
);

describe('replay parsers and replay under hostile files', () => {
  it('maps or refuses order files with user errors, and replays whatever maps', async () => {
    let replayed = 0;
    await fc.assert(
      fc.asyncProperty(orderText, async (text) => {
        const orders = parseOrders(text);
        if (!orders) return;
        const lines = await replayOrders(orders, { flows: TEMPLATE_FLOWS, catalogue: VALID_CATALOGUE });
        expect(lines.map((line) => line.order_id)).toEqual(orders.map((order) => order.orderId));
        replayed += 1;
      }),
      { numRuns: 4000 },
    );
    expect(replayed).toBeGreaterThan(200);
  });

  it('parses or refuses catalogue files with user errors, and replays with what parses', async () => {
    const catalogueText = fc.oneof(
      { weight: 3, arbitrary: mutatedFrom([CATALOGUE_DOC]).map((doc) => JSON.stringify(doc)) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)) },
      { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    );
    const orders = parseOrders(JSON.stringify({ orders: ORDERS })) ?? [];
    expect(orders.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(catalogueText, async (text) => {
        const catalogue: Product[] | undefined = userErrorOr(() => parseCatalogueText(FILE, text));
        if (!catalogue) return;
        const lines = await replayOrders(orders, { flows: TEMPLATE_FLOWS, catalogue });
        expect(lines).toHaveLength(orders.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('parses or refuses flow files with user errors naming the field, and replays with what parses', async () => {
    const flowsText = fc.oneof(
      { weight: 3, arbitrary: mutatedFrom([TEMPLATE_FLOWS]).map((doc) => JSON.stringify(doc)) },
      { weight: 1, arbitrary: mutatedFrom([{ flows: TEMPLATE_FLOWS }]).map((doc) => JSON.stringify(doc)) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)) },
      { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    );
    const orders = (parseOrders(JSON.stringify({ orders: ORDERS })) ?? []).slice(0, 3);
    await fc.assert(
      fc.asyncProperty(flowsText, async (text) => {
        let flows: Flow[];
        try {
          flows = parseFlowsText(FILE, text);
        } catch (error) {
          expect(error).toBeInstanceOf(InputFileError);
          expect((error as InputFileError).message).toContain(FILE);
          return;
        }
        const lines = await replayOrders(orders, { flows, catalogue: VALID_CATALOGUE });
        expect(lines).toHaveLength(orders.length);
      }),
      { numRuns: 3500 },
    );
  });

  describe('through the file reader', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'passwing-replay-fuzz-'));
    });
    afterAll(async () => rm(dir, { recursive: true, force: true }));

    it('reads or refuses files with an InputFileError naming the file', async () => {
      const file = (): string => join(dir, 'orders.json');
      await fc.assert(
        fc.asyncProperty(orderText, async (text) => {
          await writeFile(file(), text);
          try {
            await readOrdersFile(file());
          } catch (error) {
            expect(error).toBeInstanceOf(InputFileError);
            expect((error as Error).message).toContain(file());
          }
        }),
        { numRuns: 600 },
      );
    });
  });
});
