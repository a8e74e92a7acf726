import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputFileError } from './cli-errors.js';
import { parseCatalogueText, parseFlowsText, readOrdersFile, splitOrdersText } from './read-orders-file.js';

const FIXTURES = join(import.meta.dirname, '../../test/fixtures/replay');

/** The InputFileError `run` throws. */
function inputError(run: () => unknown): InputFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputFileError) return error;
    throw error;
  }
  throw new Error('expected an InputFileError');
}

async function tempFile(name: string, content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'passwing-read-'));
  const file = join(dir, name);
  await writeFile(file, content);
  return file;
}

describe('splitOrdersText', () => {
  const a = { order_id: 'A' };
  const b = { order_id: 'B' };

  it('reads {"orders":[…]}, {"order":{…}}, a JSON array and NDJSON', () => {
    const ids = (text: string) =>
      splitOrdersText('f', text).map((record) => (record.value as { order_id: string }).order_id);
    expect(ids(JSON.stringify({ orders: [a, b] }))).toEqual(['A', 'B']);
    expect(ids(JSON.stringify({ order: a }))).toEqual(['A']);
    expect(ids(JSON.stringify([a, { order: b }]))).toEqual(['A', 'B']);
    expect(ids(`${JSON.stringify(a)}\n\n${JSON.stringify({ order: b })}\r\n`)).toEqual(['A', 'B']);
    expect(ids(`\uFEFF${JSON.stringify(a)}`)).toEqual(['A']);
  });

  it('remembers NDJSON line numbers', () => {
    expect(
      splitOrdersText('f', `${JSON.stringify(a)}\n\n${JSON.stringify(b)}`).map((record) => record.line),
    ).toEqual([1, 3]);
  });

  it('names the file and the line of broken NDJSON', () => {
    const error = inputError(() =>
      splitOrdersText('orders.ndjson', `${JSON.stringify(a)}\n{"order_id": "B",`),
    );
    expect(error.message).toMatch(/^orders\.ndjson: line 2: JSON 구문 오류/);
  });

  it('rejects an empty file, a non-array orders field and scalars', () => {
    expect(inputError(() => splitOrdersText('e.json', '  \n')).message).toContain('e.json');
    expect(inputError(() => splitOrdersText('o.json', '{"orders": {}}')).field).toBe('orders');
    expect(inputError(() => splitOrdersText('s.json', '42')).message).toContain('NDJSON');
  });
});

describe('readOrdersFile', () => {
  it('maps every order of the Cafe24 fixture to a domain order', async () => {
    const orders = await readOrdersFile(join(FIXTURES, 'orders.json'));
    expect(orders.map((order) => order.orderId)).toEqual([
      '20261102-0000002',
      '20261102-0000001',
      '20261102-0000003',
      '20261102-0000004',
      '20261102-0000005',
      '20261102-0000006',
    ]);
    expect(orders[5]).toMatchObject({
      productAmount: 150_000,
      firstOrder: true,
      personal: { clientIp: '8.8.8.8' },
    });
  });

  it('names the file, the order ID and the field of a bad order', async () => {
    const file = await tempFile(
      'bad.json',
      JSON.stringify({ orders: [{ order_id: '20261102-0000009', order_date: 'yesterday' }] }),
    );
    const error = await readOrdersFile(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputFileError);
    expect(error).toMatchObject({ record: 'order 20261102-0000009', field: 'order_date' });
    expect((error as Error).message).toContain(file);
  });

  it('names an order without an ID by its position and line', async () => {
    const file = await tempFile('bad.ndjson', `${JSON.stringify({ x: 1 })}\n${JSON.stringify({ y: 2 })}\n`);
    const error = await readOrdersFile(file).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ record: 'order #1 (line 1)', field: 'order_id' });
  });

  it('reports a missing file as an input error', async () => {
    const error = await readOrdersFile('/nonexistent/orders.json').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputFileError);
    expect((error as Error).message).toContain('ENOENT');
  });
});

describe('parseCatalogueText', () => {
  it('reads products with tags and variants, T/F or boolean inventory flags', () => {
    const products = parseCatalogueText(
      'c.json',
      JSON.stringify({
        products: [
          {
            product_no: 14,
            product_code: 'P000000N',
            tags: ['SAME_DAY'],
            variants: [
              { variant_code: 'P000000N000A', quantity: '5', use_inventory: 'T' },
              { variant_code: 'P000000N000B', quantity: 0, use_inventory: false },
            ],
          },
          { product_no: 15, product_code: 'P000000P' },
        ],
      }),
    );
    expect(products).toEqual([
      {
        productNo: 14,
        productCode: 'P000000N',
        name: '',
        tags: ['SAME_DAY'],
        variants: [
          { variantCode: 'P000000N000A', quantity: 5, useInventory: true },
          { variantCode: 'P000000N000B', quantity: 0, useInventory: false },
        ],
      },
      { productNo: 15, productCode: 'P000000P', name: '', tags: [], variants: [] },
    ]);
  });

  it('names the product and the field of a bad entry', () => {
    const error = inputError(() =>
      parseCatalogueText(
        'c.json',
        JSON.stringify({
          products: [
            {
              product_no: 14,
              product_code: 'P',
              variants: [{ variant_code: 'V', quantity: 'many', use_inventory: 'T' }],
            },
          ],
        }),
      ),
    );
    expect(error).toMatchObject({ file: 'c.json', record: 'product 14', field: 'variants[0].quantity' });
  });

  it('requires the products list', () => {
    expect(inputError(() => parseCatalogueText('c.json', '[]')).field).toBe('products');
    expect(inputError(() => parseCatalogueText('c.json', '{')).message).toContain('JSON');
  });
});

describe('parseFlowsText', () => {
  const flow = {
    id: 'GIFT',
    name: '사은품',
    rules: [
      {
        id: 'R1',
        name: '큰 주문',
        when: { kind: 'compare', fact: 'order.productAmount', op: 'gte', value: 50_000 },
        then: [{ type: 'addLabel', label: 'GIFT' }],
      },
    ],
  };

  it('reads one flow, a list or {"flows":[…]}', () => {
    expect(parseFlowsText('f.json', JSON.stringify(flow)).map((f) => f.id)).toEqual(['GIFT']);
    expect(parseFlowsText('f.json', JSON.stringify([flow]))).toHaveLength(1);
    expect(parseFlowsText('f.json', JSON.stringify({ flows: [flow] }))[0]).toMatchObject({
      enabled: true,
      version: 1,
    });
  });

  it('names the flow and the field of an invalid rule', () => {
    const bad = structuredClone(flow);
    bad.rules[0]!.when.fact = 'order.nope';
    const error = inputError(() => parseFlowsText('f.json', JSON.stringify([bad])));
    expect(error).toMatchObject({ record: 'flow GIFT', field: 'rules[0].when.fact' });
  });
});
