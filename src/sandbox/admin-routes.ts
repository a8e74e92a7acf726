import type { z } from 'zod';
import {
  BulkLabelsBody,
  ItemLabelsBody,
  MemoBody,
  OrdersUpdateBody,
  OrderUpdateBody,
  ScriptTagBody,
} from './admin-request.js';
import {
  renderCustomer,
  renderCustomerGroup,
  renderInventory,
  renderItem,
  renderMemo,
  renderOrder,
  renderProduct,
  renderReceiver,
  renderBuyer,
  renderScriptTag,
  renderVariant,
  renderWebhookLog,
  paymentMethodCode,
  orderPlace,
} from './cafe24-json.js';
import { addKstMonths, parseKstSearchDate } from './kst-time.js';
import type { OrderRecord } from './mall-records.js';
import type { SimulatedMall } from './simulated-mall.js';
import { memoAddedPayload, type WebhookPayload } from './webhook-payloads.js';

/** What a handler sees of one authenticated, rate-limited Admin API request. */
export interface AdminContext {
  mall: SimulatedMall;
  query: URLSearchParams;
  /** Parsed JSON body of a write (undefined for reads). */
  body: unknown;
  now: number;
  clientId: string;
  scopes: readonly string[];
  /** `http://host:port/{mall}/api/v2` for `links`. */
  apiBase: string;
  emit(payload: WebhookPayload): void;
}

export interface RouteResult {
  status: number;
  body: unknown;
}

export interface AdminRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Matched against the path after `/{mall}/api/v2`; groups are URL-decoded path parameters. */
  pattern: RegExp;
  /** Stable name for statistics, e.g. `GET /admin/orders/{order_id}`. */
  endpoint: string;
  scope: string;
  handle(context: AdminContext, params: string[]): RouteResult;
}

const ok = (body: unknown): RouteResult => ({ status: 200, body });
const created = (body: unknown): RouteResult => ({ status: 201, body });
const fail = (status: number, message: string): RouteResult => ({
  status,
  body: { error: { code: status, message } },
});

function list(query: URLSearchParams, name: string): string[] | null {
  const value = query.get(name);
  if (value === null || value.trim() === '') return null;
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

type Paging = { ok: true; limit: number; offset: number } | { ok: false; result: RouteResult };

function paging(
  query: URLSearchParams,
  defaults: { limit: number; maxLimit: number; maxOffset: number },
): Paging {
  const parse = (name: string, fallback: number): number | null => {
    const text = query.get(name);
    if (text === null || text === '') return fallback;
    return /^\d+$/.test(text) ? Number(text) : null;
  };
  const limit = parse('limit', defaults.limit);
  const offset = parse('offset', 0);
  if (limit === null || limit < 1 || limit > defaults.maxLimit) {
    return { ok: false, result: fail(422, `limit must be between 1 and ${defaults.maxLimit}`) };
  }
  if (offset === null || offset > defaults.maxOffset) {
    return { ok: false, result: fail(422, `offset must be between 0 and ${defaults.maxOffset}`) };
  }
  return { ok: true, limit, offset };
}

type BodyResult<T> = { ok: true; value: T } | { ok: false; result: RouteResult };

function parseBody<S extends z.ZodType>(schema: S, body: unknown): BodyResult<z.output<S>> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.join('.') ?? '';
  return { ok: false, result: fail(422, `${where === '' ? 'body' : where}: ${issue?.message ?? 'invalid'}`) };
}

// ---- orders ----

const ORDER_EMBEDS = new Set(['items', 'receivers', 'buyer', 'return', 'cancellation', 'exchange']);

/** Which dates of an order each `date_type` searches (any of them inside the window matches). */
const DATE_TYPES: Record<string, (order: OrderRecord) => (number | null)[]> = {
  order_date: (order) => [order.placedAt],
  pay_date: (order) => [order.paymentDate],
  cancel_date: cancelDates,
  cancel_request_date: cancelDates,
  cancel_accept_date: cancelDates,
  cancel_complete_date: cancelDates,
  return_request_date: (order) => order.items.map((item) => item.returnRequestDate),
  return_accept_date: (order) => order.items.map((item) => item.returnConfirmedDate),
  return_complete_date: (order) => order.items.map((item) => item.returnConfirmedDate),
  exchange_request_date: exchangeDates,
  exchange_accept_date: exchangeDates,
  exchange_complete_date: exchangeDates,
  // Documented but not simulated: shipping and purchase-confirmation dates are never set.
  shipbegin_date: () => [],
  shipend_date: () => [],
  place_date: () => [],
  purchaseconfirmation_date: () => [],
};

function cancelDates(order: OrderRecord): (number | null)[] {
  return [order.cancelDate, ...order.items.map((item) => item.cancelDate)];
}

function exchangeDates(order: OrderRecord): (number | null)[] {
  return order.items.map((item) => item.exchangeRequestDate);
}

type OrderSearch = { ok: true; orders: OrderRecord[] } | { ok: false; result: RouteResult };

/** The filters shared by `GET /orders` and `GET /orders/count` (reference §2, §4.2). */
function searchOrders(mall: SimulatedMall, query: URLSearchParams): OrderSearch {
  let orders = mall.orders;
  const startText = query.get('start_date');
  const endText = query.get('end_date');
  if ((startText === null) !== (endText === null)) {
    return { ok: false, result: fail(422, 'start_date and end_date must be used together') };
  }
  if (startText !== null && endText !== null) {
    const start = parseKstSearchDate(startText);
    const endStart = parseKstSearchDate(endText);
    if (start === null || endStart === null) {
      return { ok: false, result: fail(422, 'start_date/end_date must be YYYY-MM-DD') };
    }
    const end = /^\d{4}-\d{2}-\d{2}$/.test(endText) ? endStart + 24 * 60 * 60 * 1000 - 1 : endStart;
    if (end < start) return { ok: false, result: fail(422, 'end_date must not be before start_date') };
    if (endStart > addKstMonths(start, 3)) {
      return { ok: false, result: fail(422, 'The search period cannot exceed 3 months') };
    }
    const dateType = query.get('date_type') ?? 'order_date';
    const datesOf = Object.hasOwn(DATE_TYPES, dateType) ? DATE_TYPES[dateType] : undefined;
    if (datesOf === undefined)
      return { ok: false, result: fail(422, `date_type ${dateType} is not supported`) };
    orders = orders.filter((order) => datesOf(order).some((at) => at !== null && at >= start && at <= end));
  }
  const orderIds = list(query, 'order_id');
  if (orderIds !== null) orders = orders.filter((order) => orderIds.includes(order.orderId));
  const memberIds = list(query, 'member_id');
  if (memberIds !== null)
    orders = orders.filter((order) => order.memberId !== null && memberIds.includes(order.memberId));
  const statuses = list(query, 'order_status');
  if (statuses !== null) {
    orders = orders.filter((order) => order.items.some((item) => statuses.includes(item.orderStatus)));
  }
  const methods = list(query, 'payment_method');
  if (methods !== null) orders = orders.filter((order) => methods.includes(paymentMethodCode(order)));
  const labels = list(query, 'labels');
  if (labels !== null) {
    orders = orders.filter((order) =>
      order.items.some((item) => item.labels.some((name) => labels.includes(name))),
    );
  }
  const places = list(query, 'order_place_id');
  if (places !== null) orders = orders.filter((order) => places.includes(orderPlace(order).id));
  const memberType = query.get('member_type');
  if (memberType === '2') orders = orders.filter((order) => order.memberId !== null);
  if (memberType === '3') orders = orders.filter((order) => order.memberId === null);
  const cellphone = query.get('buyer_cellphone');
  if (cellphone !== null) orders = orders.filter((order) => order.buyer.cellphone === cellphone);
  return { ok: true, orders };
}

function embedsOf(query: URLSearchParams): { items: boolean; receivers: boolean; buyer: boolean } | string {
  const embeds = list(query, 'embed') ?? [];
  const unknown = embeds.find((embed) => !ORDER_EMBEDS.has(embed));
  if (unknown !== undefined) return unknown;
  return {
    items: embeds.includes('items'),
    receivers: embeds.includes('receivers'),
    buyer: embeds.includes('buyer'),
  };
}

function listOrders(context: AdminContext): RouteResult {
  const page = paging(context.query, { limit: 10, maxLimit: 1000, maxOffset: 15000 });
  if (!page.ok) return page.result;
  const embeds = embedsOf(context.query);
  if (typeof embeds === 'string') return fail(422, `embed ${embeds} is not supported`);
  const search = searchOrders(context.mall, context.query);
  if (!search.ok) return search.result;
  const sorted = context.query.get('order') === 'desc' ? [...search.orders].reverse() : search.orders;
  const orders = sorted
    .slice(page.offset, page.offset + page.limit)
    .map((order) => renderOrder(order, embeds, memberOf(context, order)));
  return ok({ orders });
}

function memberOf(context: AdminContext, order: OrderRecord) {
  return order.memberId === null ? undefined : context.mall.members.get(order.memberId);
}

function withOrder(
  context: AdminContext,
  orderId: string,
  then: (order: OrderRecord) => RouteResult,
): RouteResult {
  const order = context.mall.findOrder(orderId);
  return order === undefined ? fail(404, `Order not found: ${orderId}`) : then(order);
}

function updateProcessStatus(
  context: AdminContext,
  order: OrderRecord,
  processStatus: 'prepare' | 'prepareproduct' | 'hold' | 'unhold',
  itemCodes: string[] | undefined,
): Record<string, unknown> | RouteResult {
  const unknownItem = itemCodes?.find((code) => !order.items.some((item) => item.itemCode === code));
  if (unknownItem !== undefined)
    return fail(422, `order_item_code ${unknownItem} is not in order ${order.orderId}`);
  if (processStatus === 'hold' || processStatus === 'unhold') {
    context.mall.setHold(order.orderId, processStatus === 'hold', itemCodes);
  } else {
    for (const item of order.items) {
      if (itemCodes !== undefined && !itemCodes.includes(item.itemCode)) continue;
      if (item.orderStatus === 'N10' || item.orderStatus === 'N20') {
        item.orderStatus = processStatus === 'prepare' ? 'N20' : 'N10';
      }
    }
  }
  return {
    shop_no: 1,
    order_id: order.orderId,
    process_status: processStatus,
    order_item_code: itemCodes ?? order.items.map((item) => item.itemCode),
  };
}

function isRouteResult(value: unknown): value is RouteResult {
  return typeof value === 'object' && value !== null && 'status' in value && 'body' in value;
}

// ---- labels ----

function withItem(
  context: AdminContext,
  orderId: string,
  itemCode: string,
  then: (order: OrderRecord, item: OrderRecord['items'][number]) => RouteResult,
): RouteResult {
  return withOrder(context, orderId, (order) => {
    const item = order.items.find((candidate) => candidate.itemCode === itemCode);
    return item === undefined ? fail(404, `Order item not found: ${itemCode}`) : then(order, item);
  });
}

// ---- the route table ----

const ORDER_ID = '(\\d{8}-\\d{7})';
const ITEM_CODE = '(\\d{8}-\\d{7}-\\d{2})';
const SEGMENT = '([^/]+)';

function route(
  method: AdminRoute['method'],
  path: string,
  scope: string,
  handle: AdminRoute['handle'],
): AdminRoute {
  const pattern = new RegExp(
    `^${path
      .replace('{order_id}', ORDER_ID)
      .replace('{order_item_code}', ITEM_CODE)
      .replace(/\{[a-z_]+\}/g, SEGMENT)}$`,
  );
  return { method, pattern, endpoint: `${method} ${path}`, scope, handle };
}

const READ_ORDER = 'mall.read_order';
const WRITE_ORDER = 'mall.write_order';
const READ_CUSTOMER = 'mall.read_customer';
const READ_PRODUCT = 'mall.read_product';
const READ_APPLICATION = 'mall.read_application';
const WRITE_APPLICATION = 'mall.write_application';

export const ADMIN_ROUTES: readonly AdminRoute[] = [
  route('GET', '/admin/orders', READ_ORDER, (context) => listOrders(context)),
  route('GET', '/admin/orders/count', READ_ORDER, (context) => {
    const search = searchOrders(context.mall, context.query);
    return search.ok ? ok({ count: search.orders.length }) : search.result;
  }),
  route('PUT', '/admin/orders', WRITE_ORDER, (context) => {
    const body = parseBody(OrdersUpdateBody, context.body);
    if (!body.ok) return body.result;
    const missing = body.value.requests.find(
      (request) => context.mall.findOrder(request.order_id) === undefined,
    );
    if (missing !== undefined) return fail(404, `Order not found: ${missing.order_id}`);
    const orders = [];
    for (const request of body.value.requests) {
      const order = context.mall.order(request.order_id);
      const result = updateProcessStatus(context, order, request.process_status, request.order_item_code);
      if (isRouteResult(result)) return result;
      orders.push(result);
    }
    return ok({ orders });
  }),
  route('GET', '/admin/orders/{order_id}', READ_ORDER, (context, [orderId = '']) =>
    withOrder(context, orderId, (order) => {
      const embeds = embedsOf(context.query);
      if (typeof embeds === 'string') return fail(422, `embed ${embeds} is not supported`);
      return ok({ order: renderOrder(order, embeds, memberOf(context, order)) });
    }),
  ),
  route('PUT', '/admin/orders/{order_id}', WRITE_ORDER, (context, [orderId = '']) =>
    withOrder(context, orderId, (order) => {
      const body = parseBody(OrderUpdateBody, context.body);
      if (!body.ok) return body.result;
      const result = updateProcessStatus(
        context,
        order,
        body.value.request.process_status,
        body.value.request.order_item_code,
      );
      return isRouteResult(result) ? result : ok({ order: result });
    }),
  ),
  route('GET', '/admin/orders/{order_id}/items', READ_ORDER, (context, [orderId = '']) =>
    withOrder(context, orderId, (order) => ok({ items: order.items.map((item) => renderItem(item, order)) })),
  ),
  route(
    'GET',
    '/admin/orders/{order_id}/items/{order_item_code}',
    READ_ORDER,
    (context, [orderId = '', code = '']) =>
      withItem(context, orderId, code, (order, item) => ok({ item: renderItem(item, order) })),
  ),
  route('GET', '/admin/orders/{order_id}/receivers', READ_ORDER, (context, [orderId = '']) =>
    withOrder(context, orderId, (order) => ok({ receivers: [renderReceiver(order)] })),
  ),
  route('GET', '/admin/orders/{order_id}/buyer', READ_ORDER, (context, [orderId = '']) =>
    withOrder(context, orderId, (order) => ok({ buyer: renderBuyer(order, memberOf(context, order)) })),
  ),
  route('GET', '/admin/orders/{order_id}/memos', READ_ORDER, (context, [orderId = '']) =>
    withOrder(context, orderId, (order) => ok({ memos: order.memos.map(renderMemo) })),
  ),
  route('POST', '/admin/orders/{order_id}/memos', WRITE_ORDER, (context, [orderId = '']) =>
    withOrder(context, orderId, (order) => {
      const body = parseBody(MemoBody, context.body);
      if (!body.ok) return body.result;
      const request = body.value;
      const memo = context.mall.addMemo(order, {
        authorId: context.clientId,
        createdAt: context.now,
        content: request.content,
        useCustomerInquiry: request.use_customer_inquiry,
        topicType: request.topic_type,
        status: request.status,
        attachType: request.attach_type,
        starredMemo: request.starred_memo,
        fixed: request.fixed,
      });
      context.emit(memoAddedPayload(context.mall.mallId, order, context.now, context.clientId));
      return created({ memo: renderMemo(memo) });
    }),
  ),
  route(
    'GET',
    '/admin/orders/{order_id}/items/{order_item_code}/labels',
    READ_ORDER,
    (context, [orderId = '', code = '']) =>
      withItem(context, orderId, code, (_order, item) =>
        ok({ labels: { shop_no: 1, names: [...item.labels] } }),
      ),
  ),
  route(
    'POST',
    '/admin/orders/{order_id}/items/{order_item_code}/labels',
    WRITE_ORDER,
    (context, [orderId = '', code = '']) =>
      withItem(context, orderId, code, (order, item) => {
        const body = parseBody(ItemLabelsBody, context.body);
        if (!body.ok) return body.result;
        context.mall.addLabels(item, body.value);
        return created({
          label: {
            shop_no: 1,
            order_id: order.orderId,
            order_item_code: item.itemCode,
            names: [...item.labels],
          },
        });
      }),
  ),
  route(
    'PUT',
    '/admin/orders/{order_id}/items/{order_item_code}/labels',
    WRITE_ORDER,
    (context, [orderId = '', code = '']) =>
      withItem(context, orderId, code, (_order, item) => {
        const body = parseBody(ItemLabelsBody, context.body);
        if (!body.ok) return body.result;
        context.mall.replaceLabels(item, body.value);
        return ok({ label: { shop_no: 1, names: [...item.labels] } });
      }),
  ),
  route(
    'DELETE',
    '/admin/orders/{order_id}/items/{order_item_code}/labels/{name}',
    WRITE_ORDER,
    (context, [orderId = '', code = '', name = '']) =>
      withItem(context, orderId, code, (order, item) => {
        if (!context.mall.removeLabel(item, name)) return fail(404, `Label not found: ${name}`);
        return ok({ label: { shop_no: 1, order_id: order.orderId, order_item_code: item.itemCode, name } });
      }),
  ),
  route('GET', '/admin/labels', READ_ORDER, (context) => {
    const page = paging(context.query, { limit: 100, maxLimit: 1000, maxOffset: 15000 });
    if (!page.ok) return page.result;
    const names = context.mall.labelNames.slice(page.offset, page.offset + page.limit);
    const links = [];
    if (page.offset + page.limit < context.mall.labelNames.length) {
      links.push({
        rel: 'next',
        href: `${context.apiBase}/admin/labels?limit=${page.limit}&offset=${page.offset + page.limit}`,
      });
    }
    return ok({ labels: { shop_no: 1, names }, links });
  }),
  route('POST', '/admin/labels', WRITE_ORDER, (context) => {
    const body = parseBody(BulkLabelsBody, context.body);
    if (!body.ok) return body.result;
    for (const request of body.value.requests) {
      const unknown = request.order_item_code.find((code) => context.mall.findItem(code) === undefined);
      if (unknown !== undefined) return fail(422, `order_item_code ${unknown} does not exist`);
    }
    for (const request of body.value.requests) {
      for (const code of request.order_item_code) {
        const found = context.mall.findItem(code);
        if (found !== undefined) context.mall.addLabels(found.item, [request.name]);
      }
    }
    return created({
      labels: body.value.requests.map((request) => ({
        shop_no: 1,
        name: request.name,
        order_item_code: request.order_item_code,
      })),
    });
  }),
  route('GET', '/admin/customers', READ_CUSTOMER, (context) => {
    const memberIds = list(context.query, 'member_id');
    const cellphones = list(context.query, 'cellphone');
    if (memberIds === null && cellphones === null) return fail(422, 'member_id or cellphone is required');
    const customers = [...context.mall.members.values()]
      .filter(
        (member) =>
          (memberIds === null || memberIds.includes(member.memberId)) &&
          (cellphones === null || cellphones.includes(member.cellphone)),
      )
      .map(renderCustomer);
    return ok({ customers });
  }),
  route('GET', '/admin/customergroups', READ_CUSTOMER, (context) =>
    ok({ customergroups: context.mall.groups.map(renderCustomerGroup) }),
  ),
  route('GET', '/admin/customergroups/count', READ_CUSTOMER, (context) =>
    ok({ count: context.mall.groups.length }),
  ),
  route('GET', '/admin/customergroups/{group_no}', READ_CUSTOMER, (context, [groupNo = '']) => {
    const group = context.mall.groups.find((candidate) => String(candidate.groupNo) === groupNo);
    return group === undefined
      ? fail(404, `Customer group not found: ${groupNo}`)
      : ok({ customergroup: renderCustomerGroup(group) });
  }),
  route('GET', '/admin/products', READ_PRODUCT, (context) => {
    const page = paging(context.query, { limit: 10, maxLimit: 100, maxOffset: 5000 });
    if (!page.ok) return page.result;
    const embeds = list(context.query, 'embed') ?? [];
    const numbers = list(context.query, 'product_no');
    const codes = list(context.query, 'product_code');
    const since = Number(context.query.get('since_product_no') ?? '0');
    const products = context.mall.products
      .filter(
        (product) =>
          (numbers === null || numbers.includes(String(product.productNo))) &&
          (codes === null || codes.includes(product.productCode)) &&
          product.productNo > since,
      )
      .slice(page.offset, page.offset + page.limit)
      .map((product) => renderProduct(product, embeds.includes('variants'), embeds.includes('inventories')));
    return ok({ products });
  }),
  route('GET', '/admin/products/count', READ_PRODUCT, (context) =>
    ok({ count: context.mall.products.length }),
  ),
  route('GET', '/admin/products/{product_no}', READ_PRODUCT, (context, [productNo = '']) => {
    const product = context.mall.findProduct(Number(productNo));
    const embeds = list(context.query, 'embed') ?? [];
    return product === undefined
      ? fail(404, `Product not found: ${productNo}`)
      : ok({ product: renderProduct(product, embeds.includes('variants'), embeds.includes('inventories')) });
  }),
  route('GET', '/admin/products/{product_no}/variants', READ_PRODUCT, (context, [productNo = '']) => {
    const product = context.mall.findProduct(Number(productNo));
    return product === undefined
      ? fail(404, `Product not found: ${productNo}`)
      : ok({ variants: product.variants.map((variant) => renderVariant(variant, false)) });
  }),
  route(
    'GET',
    '/admin/products/{product_no}/variants/{variant_code}/inventories',
    READ_PRODUCT,
    (context, [productNo = '', variantCode = '']) => {
      const found = context.mall.findVariant(variantCode);
      return found === undefined || String(found.product.productNo) !== productNo
        ? fail(404, `Variant not found: ${variantCode}`)
        : ok({ inventory: renderInventory(found.variant) });
    },
  ),
  route('GET', '/admin/scripttags', READ_APPLICATION, (context) =>
    ok({ scripttags: context.mall.scriptTags.map(renderScriptTag) }),
  ),
  route('GET', '/admin/scripttags/count', READ_APPLICATION, (context) =>
    ok({ count: context.mall.scriptTags.length }),
  ),
  route('POST', '/admin/scripttags', WRITE_APPLICATION, (context) => {
    const body = parseBody(ScriptTagBody, context.body);
    if (!body.ok) return body.result;
    const request = body.value.request;
    const tag = {
      scriptNo: context.mall.nextScriptNo(),
      clientId: context.clientId,
      src: request.src,
      displayLocation: request.display_location,
      excludePath: request.exclude_path,
      skinNo: request.skin_no,
      integrity: request.integrity,
      createdAt: context.now,
      updatedAt: context.now,
    };
    context.mall.scriptTags.push(tag);
    return created({ scripttag: renderScriptTag(tag) });
  }),
  route('DELETE', '/admin/scripttags/{script_no}', WRITE_APPLICATION, (context, [scriptNo = '']) => {
    const index = context.mall.scriptTags.findIndex((tag) => tag.scriptNo === scriptNo);
    if (index < 0) return fail(404, `Script tag not found: ${scriptNo}`);
    context.mall.scriptTags.splice(index, 1);
    return ok({ scripttag: { shop_no: 1, script_no: scriptNo } });
  }),
  route('GET', '/admin/webhooks/logs', READ_APPLICATION, (context) => {
    const page = paging(context.query, { limit: 100, maxLimit: 10000, maxOffset: 0 });
    if (!page.ok) return page.result;
    const success = context.query.get('success');
    const logType = context.query.get('log_type');
    const sinceId = context.query.get('since_log_id');
    let logs = context.mall.webhookLogs.filter((log) => log.fault !== 'dropped');
    if (sinceId !== null) {
      const index = logs.findIndex((log) => log.logId === sinceId);
      logs = index < 0 ? [] : logs.slice(index + 1);
    }
    logs = logs.filter(
      (log) => (success === null || log.success === success) && (logType === null || log.logType === logType),
    );
    return ok({ logs: logs.slice(0, page.limit).map(renderWebhookLog) });
  }),
  route('GET', '/admin/webhooks/setting', READ_APPLICATION, (context) =>
    ok({ webhook: { scopes: [...context.scopes] } }),
  ),
  route('GET', '/admin/apps', READ_APPLICATION, (context) =>
    ok({
      app: {
        client_id: context.clientId,
        version: '2025-12-01',
        version_expiration_date: '2026-12-01',
        initial_version: '2025-12-01',
        previous_version: null,
        extension_type: 'embedded',
      },
    }),
  ),
];

/** The route for a method and path, with its URL-decoded parameters (throws URIError on bad encoding). */
export function matchRoute(method: string, path: string): { route: AdminRoute; params: string[] } | null {
  for (const candidate of ADMIN_ROUTES) {
    if (candidate.method !== method) continue;
    const match = candidate.pattern.exec(path);
    if (match !== null)
      return { route: candidate, params: match.slice(1).map((part) => decodeURIComponent(part)) };
  }
  return null;
}
