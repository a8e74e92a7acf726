import { z } from 'zod';
import type { Cafe24Client } from '../cafe24-client.js';
import type { LabelChanges } from '../label-diff.js';
import { mapConcurrent } from '../map-concurrent.js';
import { Cafe24ApiError } from '../errors.js';

/** Cafe24: at most 10 request objects per bulk `POST /labels` (reference §5.1). */
export const MAX_LABEL_REQUESTS_PER_CALL = 10;
/** Item codes per request object: Cafe24 states no cap (UNCONFIRMED), so PassWing keeps it modest. */
export const DEFAULT_ITEM_CODES_PER_REQUEST = 100;

const BulkLabelsResponse = z.object({
  labels: z.array(z.looseObject({ name: z.string(), order_item_code: z.array(z.string()) })).optional(),
});
/** `GET /labels` and `GET …/items/{code}/labels` answer the same shape. */
const LabelNamesResponse = z.object({ labels: z.object({ names: z.array(z.string()).nullish() }) });
const DeleteLabelResponse = z.unknown();

export interface LabelWriteReport {
  /** API calls made (bulk POSTs + DELETEs). */
  calls: number;
  /** Item labels Cafe24 confirmed added. */
  added: number;
  /** Item labels removed (or already gone). */
  removed: number;
  /** Adds Cafe24 answered without echoing back (a 207 partial failure); the caller retries them. */
  unconfirmed: { itemCode: string; label: string }[];
  /** Adds Cafe24 refused with 422 on their own (e.g. the item no longer exists), with its message. */
  rejected: { itemCode: string; label: string; message: string | null }[];
}

type LabelRequest = { name: string; order_item_code: string[] };

/** Groups distinct (label, item) pairs by label into request objects of ≤ `perRequest` codes. */
function requestsOf(
  pairs: readonly { label: string; itemCode: string }[],
  perRequest: number,
): LabelRequest[] {
  const byLabel = new Map<string, Set<string>>();
  for (const { label, itemCode } of pairs) {
    const codes = byLabel.get(label);
    if (codes) codes.add(itemCode);
    else byLabel.set(label, new Set([itemCode]));
  }
  const requests: LabelRequest[] = [];
  for (const [name, codeSet] of byLabel) {
    const codes = [...codeSet];
    for (let i = 0; i < codes.length; i += perRequest) {
      requests.push({ name, order_item_code: codes.slice(i, i + perRequest) });
    }
  }
  return requests;
}

/**
 * Applies label changes across many orders with few calls: adds are grouped by label name into
 * bulk `POST /labels` calls of ≤ 10 `{name, order_item_code[]}` requests; removals go one by one
 * through `DELETE …/items/{code}/labels/{name}` (a 404 there means already gone). A bulk call
 * refused with 422 is split until the refused adds are isolated in `rejected`. A few calls run
 * at once behind the client's rate limiter. Idempotent: safe to repeat after a failure.
 */
export async function writeLabelChanges(
  client: Cafe24Client,
  changes: LabelChanges,
  options: { itemCodesPerRequest?: number; concurrency?: number } = {},
): Promise<LabelWriteReport> {
  const report: LabelWriteReport = { calls: 0, added: 0, removed: 0, unconfirmed: [], rejected: [] };
  const perRequest = Math.max(1, options.itemCodesPerRequest ?? DEFAULT_ITEM_CODES_PER_REQUEST);
  const requests = requestsOf(changes.add, perRequest);
  const calls: LabelRequest[][] = [];
  for (let i = 0; i < requests.length; i += MAX_LABEL_REQUESTS_PER_CALL) {
    calls.push(requests.slice(i, i + MAX_LABEL_REQUESTS_PER_CALL));
  }

  /** One bulk POST; a 422 (one bad item code fails the whole call) is bisected down to the culprit. */
  const post = async (batch: LabelRequest[]): Promise<void> => {
    report.calls += 1;
    let response: z.infer<typeof BulkLabelsResponse>;
    try {
      response = await client.request({
        method: 'POST',
        path: '/api/v2/admin/labels',
        body: { shop_no: client.shopNo, requests: batch },
        schema: BulkLabelsResponse,
        idempotent: true,
      });
    } catch (error) {
      if (!(error instanceof Cafe24ApiError) || error.status !== 422) throw error;
      const flat = batch.flatMap((r) => r.order_item_code.map((itemCode) => ({ label: r.name, itemCode })));
      if (flat.length === 1) {
        report.rejected.push({ ...flat[0]!, message: error.cafe24Message });
        return;
      }
      const half = Math.ceil(flat.length / 2);
      await post(requestsOf(flat.slice(0, half), perRequest));
      await post(requestsOf(flat.slice(half), perRequest));
      return;
    }
    const confirmed = response.labels
      ? new Set(response.labels.flatMap((l) => l.order_item_code.map((code) => `${l.name}\u0000${code}`)))
      : null;
    for (const request of batch) {
      for (const itemCode of request.order_item_code) {
        if (!confirmed || confirmed.has(`${request.name}\u0000${itemCode}`)) report.added += 1;
        else report.unconfirmed.push({ itemCode, label: request.name });
      }
    }
  };
  const concurrency = options.concurrency ?? 3;
  await mapConcurrent(calls, concurrency, post);
  await mapConcurrent(changes.remove, concurrency, async ({ orderId, itemCode, label }) => {
    report.calls += 1;
    await client.request({
      method: 'DELETE',
      path: `/api/v2/admin/orders/${encodeURIComponent(orderId)}/items/${encodeURIComponent(itemCode)}/labels/${encodeURIComponent(label)}`,
      query: { shop_no: client.shopNo },
      schema: DeleteLabelResponse,
      acceptStatuses: [404],
    });
    report.removed += 1;
  });
  return report;
}

/** Labels on one item now (people's and PassWing's). */
export async function fetchItemLabels(
  client: Cafe24Client,
  orderId: string,
  itemCode: string,
): Promise<string[]> {
  const response = await client.get(
    `/api/v2/admin/orders/${encodeURIComponent(orderId)}/items/${encodeURIComponent(itemCode)}/labels`,
    {},
    LabelNamesResponse,
  );
  return response.labels.names ?? [];
}

/** The mall's label dictionary, paged through (limit ≤ 1000). */
export async function listLabelNames(client: Cafe24Client): Promise<string[]> {
  const names: string[] = [];
  const limit = 1000;
  for (let offset = 0; offset <= 15_000; offset += limit) {
    const response = await client.get('/api/v2/admin/labels', { limit, offset }, LabelNamesResponse);
    const page = response.labels.names ?? [];
    names.push(...page);
    if (page.length < limit) break;
  }
  return names;
}
