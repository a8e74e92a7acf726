import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { mapCafe24Order, OrderMappingError } from '../cafe24/order-mapping.js';
import type { Order } from '../domain/order.js';
import { Product } from '../domain/product.js';
import type { Flow } from '../engine/flow-schema.js';
import { validateFlows } from '../engine/validate-flow.js';
import { InputFileError } from './cli-errors.js';

/**
 * Reading the offline CLI's input files: Cafe24 order exports, the catalogue and flow files.
 * Every problem becomes an InputFileError naming the file, the record and the field.
 */

/** A raw JSON record with where it came from, for error messages. */
export interface RawRecord {
  value: unknown;
  /** 1-based position in the file's order list. */
  position: number;
  /** NDJSON line number, when the file is NDJSON. */
  line?: number;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new InputFileError(file, null, null, `파일을 읽을 수 없습니다 / cannot read the file (${reason})`, {
      cause: error,
    });
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{"order":{…}}` → the inner order; a bare order object stays as it is. */
function unwrapOrder(value: unknown): unknown {
  return isPlainObject(value) && isPlainObject(value.order) && !('order_id' in value) ? value.order : value;
}

/** Human-readable name of a raw order for messages: its order_id when it has one, else its position. */
function describeRawOrder(record: RawRecord): string {
  const id = isPlainObject(record.value) ? record.value.order_id : undefined;
  const where = record.line !== undefined ? ` (line ${record.line})` : '';
  return typeof id === 'string' && id !== '' ? `order ${id}${where}` : `order #${record.position}${where}`;
}

/**
 * Splits an order file into raw order objects. Accepts Cafe24 REST JSON as the API returns it —
 * `{"orders":[…]}`, `{"order":{…}}` — a JSON array, or NDJSON (one order or `{"order":…}` a line).
 */
export function splitOrdersText(file: string, text: string): RawRecord[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') throw new InputFileError(file, null, null, '빈 파일입니다 / the file is empty');
  let whole: unknown;
  let wholeError: unknown;
  try {
    whole = JSON.parse(trimmed);
  } catch (error) {
    wholeError = error;
  }
  if (wholeError === undefined) {
    if (Array.isArray(whole))
      return whole.map((value, index) => ({ value: unwrapOrder(value), position: index + 1 }));
    if (isPlainObject(whole)) {
      if ('orders' in whole) {
        if (!Array.isArray(whole.orders)) {
          throw new InputFileError(file, null, 'orders', '배열이 필요합니다 / expected an array');
        }
        return whole.orders.map((value, index) => ({ value, position: index + 1 }));
      }
      return [{ value: unwrapOrder(whole), position: 1 }];
    }
    throw new InputFileError(
      file,
      null,
      null,
      '주문 JSON이 아닙니다: {"orders":[…]}, {"order":{…}}, 배열 또는 NDJSON이 필요합니다 / ' +
        'not order JSON: expected {"orders":[…]}, {"order":{…}}, an array or NDJSON',
    );
  }
  const lines = trimmed.split(/\r?\n/);
  if (lines.length === 1) {
    throw new InputFileError(
      file,
      'line 1',
      null,
      `JSON 구문 오류 / invalid JSON: ${errorMessage(wholeError)}`,
      {
        cause: wholeError,
      },
    );
  }
  const records: RawRecord[] = [];
  lines.forEach((lineText, index) => {
    if (lineText.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(lineText);
    } catch (error) {
      throw new InputFileError(
        file,
        `line ${index + 1}`,
        null,
        `JSON 구문 오류 / invalid JSON: ${errorMessage(error)}`,
        {
          cause: error,
        },
      );
    }
    records.push({ value: unwrapOrder(value), position: records.length + 1, line: index + 1 });
  });
  return records;
}

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** `a.b[0].c` from a zod issue path. */
function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

/** Cafe24 T/F flags or booleans. */
const Flag = z.union([z.boolean(), z.enum(['T', 'F']).transform((flag) => flag === 'T')]);

/** An integer, or the decimal string Cafe24 sends ("12", "12.00"). */
const IntegerLike = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+(\.0+)?$/, '정수가 필요합니다 / expected an integer')
    .transform((text) => Number.parseInt(text, 10)),
]);

/** One product of the catalogue file (DESIGN.md "The `passwing` command"). */
const CatalogueProduct = z.object({
  product_no: IntegerLike,
  product_code: z.string(),
  product_name: z.string().default(''),
  tags: z.array(z.string()).default([]),
  variants: z
    .array(z.object({ variant_code: z.string(), quantity: IntegerLike, use_inventory: Flag }))
    .default([]),
});

const CatalogueFile = z.object({ products: z.array(z.unknown()) });

/** Parses catalogue JSON text into products; errors name the product (number or position) and field. */
export function parseCatalogueText(file: string, text: string): Product[] {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputFileError(file, null, null, `JSON 구문 오류 / invalid JSON: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  const envelope = CatalogueFile.safeParse(json);
  if (!envelope.success) {
    throw new InputFileError(
      file,
      null,
      'products',
      '{"products":[…]} 형식이 필요합니다 / expected {"products":[…]}',
    );
  }
  return envelope.data.products.map((raw, index) => {
    const parsed = CatalogueProduct.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const productNo = isPlainObject(raw) ? raw.product_no : undefined;
      const record =
        typeof productNo === 'number' || typeof productNo === 'string'
          ? `product ${String(productNo)}`
          : `product #${index + 1}`;
      throw new InputFileError(
        file,
        record,
        issue ? formatPath(issue.path) : null,
        issue?.message ?? 'invalid',
        {
          cause: parsed.error,
        },
      );
    }
    const product = parsed.data;
    return Product.parse({
      productNo: product.product_no,
      productCode: product.product_code,
      name: product.product_name,
      tags: product.tags,
      variants: product.variants.map((variant) => ({
        variantCode: variant.variant_code,
        quantity: variant.quantity,
        useInventory: variant.use_inventory,
      })),
    });
  });
}

/** Reads a catalogue file (`{"products":[…]}`). */
export async function readCatalogueFile(file: string): Promise<Product[]> {
  return parseCatalogueText(file, await readText(file));
}

/**
 * Reads a Cafe24 order export and maps every order to the domain Order. The first bad order stops
 * the read with an InputFileError naming the file, the order (ID or position) and the field.
 */
export async function readOrdersFile(file: string): Promise<Order[]> {
  const records = splitOrdersText(file, await readText(file));
  return records.map((record) => {
    try {
      return mapCafe24Order(record.value);
    } catch (error) {
      if (error instanceof OrderMappingError) {
        const issue = error.issues[0];
        throw new InputFileError(
          file,
          describeRawOrder(record),
          issue ? issue.path || '(order)' : null,
          issue?.message ?? '주문을 읽을 수 없습니다 / unreadable order',
          { cause: error },
        );
      }
      throw error;
    }
  });
}

/** The record name of a flow in a flows file: its ID when it has one, else its position. */
function describeRawFlow(raw: unknown, index: number): string {
  const id = isPlainObject(raw) ? raw.id : undefined;
  return typeof id === 'string' && id !== '' ? `flow ${id}` : `flow #${index + 1}`;
}

/**
 * Parses a flows file: one flow, an array of flows or `{"flows":[…]}`. Flows are validated as the
 * engine validates them; the first problem is reported with the flow and the field path.
 */
export function parseFlowsText(file: string, text: string): Flow[] {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputFileError(file, null, null, `JSON 구문 오류 / invalid JSON: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  const list: unknown = Array.isArray(json)
    ? json
    : isPlainObject(json) && 'flows' in json
      ? json.flows
      : [json];
  const result = validateFlows(list);
  if (result.ok) return result.flows;
  const issue = result.issues[0];
  const match = /^\[(\d+)\]\.?(.*)$/.exec(issue?.path ?? '');
  const index = match ? Number(match[1]) : null;
  const raw = index !== null && Array.isArray(list) ? (list as unknown[])[index] : undefined;
  const more = result.issues.length > 1 ? ` (+${result.issues.length - 1})` : '';
  throw new InputFileError(
    file,
    index === null ? null : describeRawFlow(raw, index),
    match?.[2] ? match[2] : null,
    `${issue ? `${issue.message.ko} / ${issue.message.en}` : 'invalid flow'}${more}`,
  );
}

/** Reads a flows file (see parseFlowsText). */
export async function readFlowsFile(file: string): Promise<Flow[]> {
  return parseFlowsText(file, await readText(file));
}
