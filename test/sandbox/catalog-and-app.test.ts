import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import samples from './fixtures/reference-samples.json' with { type: 'json' };
import { adminClient, CLIENT_ID, install, MALL, startTestSandbox, type Harness } from './sandbox-harness.js';

type Json = Record<string, unknown>;

let harness: Harness;
let api: ReturnType<typeof adminClient>;

beforeAll(async () => {
  harness = await startTestSandbox();
  api = adminClient(harness.sandbox, (await install(harness.sandbox)).access_token);
});
afterAll(async () => {
  await harness.sandbox.close();
});

async function json(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const response = await api(method, path, body);
  return { status: response.status, body: (await response.json()) as Json };
}

describe('customers and groups', () => {
  it('requires member_id or cellphone', async () => {
    const result = await json('GET', '/admin/customers');
    expect(result.status).toBe(422);
    expect(result.body).toEqual({ error: { code: 422, message: expect.stringContaining('member_id') } });
  });

  it('finds members by member_id list or exact cellphone', async () => {
    const byId = await json('GET', '/admin/customers?member_id=member001,member002');
    const customers = byId.body.customers as Json[];
    expect(customers.map((customer) => customer.member_id)).toEqual(['member001', 'member002']);
    expect(customers[0]).toMatchObject({ shop_no: 1, group_no: expect.any(Number), use_blacklist: 'F' });
    const byPhone = await json('GET', '/admin/customers?cellphone=010-0000-1001');
    expect((byPhone.body.customers as Json[]).map((customer) => customer.member_id)).toEqual(['member001']);
  });

  it('lists customer groups with names', async () => {
    const groups = (await json('GET', '/admin/customergroups')).body.customergroups as Json[];
    expect(groups.map((group) => group.group_name)).toEqual(['일반회원', '실버', '골드', 'VIP']);
    expect((await json('GET', '/admin/customergroups/4')).body.customergroup).toMatchObject({ group_no: 4 });
  });
});

describe('products', () => {
  it('caps limit at 100', async () => {
    expect((await json('GET', '/admin/products?limit=101')).status).toBe(422);
    expect((await json('GET', '/admin/products?limit=100')).status).toBe(200);
  });

  it('embeds variants and inventories, with tag candidates and limited stock', async () => {
    const products = (await json('GET', '/admin/products?limit=100&embed=variants,inventories')).body
      .products as Json[];
    expect(products.length).toBeGreaterThan(5);
    const tags = new Set(products.flatMap((product) => product.product_tag as string[]));
    expect([...tags].sort()).toEqual(['BEST', 'NEW', 'SAME_DAY']);
    const variants = products.flatMap((product) => product.variants as Json[]);
    expect(variants.every((variant) => /^[A-Z0-9]{12}$/.test(String(variant.variant_code)))).toBe(true);
    const inventory = (variants[0]?.inventories as Json[])[0] as Json;
    expect(Object.keys(inventory).sort()).toEqual(Object.keys(samples.inventory.inventory).sort());
    expect(variants.some((variant) => variant.use_inventory === 'T' && Number(variant.quantity) <= 5)).toBe(
      true,
    );
    expect(variants.some((variant) => variant.use_inventory === 'F')).toBe(true);
  });

  it('serves one variant inventory and reflects setStock', async () => {
    harness.sandbox.setStock(MALL, 'P000000A000B', 3);
    const result = await json('GET', '/admin/products/11/variants/P000000A000B/inventories');
    expect(result.body).toEqual({
      inventory: expect.objectContaining({ variant_code: 'P000000A000B', quantity: 3 }),
    });
    expect((await json('GET', '/admin/products/999/variants/P000000A000B/inventories')).status).toBe(404);
  });
});

describe('memos', () => {
  it('adds a memo in the sample shape and refuses content over 1000 characters', async () => {
    const [orderId] = await harness.sandbox.generateOrders(MALL, 1);
    const created = await json('POST', `/admin/orders/${String(orderId)}/memos`, {
      shop_no: 1,
      request: { content: '확인 필요' },
    });
    expect(created.status).toBe(201);
    for (const key of Object.keys(samples.memo.memo)) expect(created.body.memo).toHaveProperty([key]);
    expect(created.body.memo).toMatchObject({ content: '확인 필요', author_id: CLIENT_ID });
    const listed = await json('GET', `/admin/orders/${String(orderId)}/memos`);
    expect((listed.body.memos as Json[]).map((memo) => memo.content)).toEqual(['확인 필요']);
    const tooLong = await json('POST', `/admin/orders/${String(orderId)}/memos`, {
      shop_no: 1,
      request: { content: '가'.repeat(1001) },
    });
    expect(tooLong.status).toBe(422);
    const exactly = await json('POST', `/admin/orders/${String(orderId)}/memos`, {
      shop_no: 1,
      request: { content: '가'.repeat(1000) },
    });
    expect(exactly.status).toBe(201);
  });
});

describe('application resources', () => {
  it('creates, lists and deletes script tags', async () => {
    const created = await json('POST', '/admin/scripttags', {
      shop_no: 1,
      request: { src: 'https://passwing.example/beacon.js', display_location: ['ORDER_BASKET'] },
    });
    expect(created.status).toBe(201);
    const tag = created.body.scripttag as Json;
    expect(tag).toMatchObject({ client_id: CLIENT_ID, src: 'https://passwing.example/beacon.js' });
    expect(((await json('GET', '/admin/scripttags')).body.scripttags as Json[]).length).toBe(1);
    expect((await json('DELETE', `/admin/scripttags/${String(tag.script_no)}`)).status).toBe(200);
    expect((await json('GET', '/admin/scripttags/count')).body).toEqual({ count: 0 });
    const bad = await json('POST', '/admin/scripttags', { shop_no: 1, request: { src: 'not a url' } });
    expect(bad.status).toBe(422);
  });

  it('reports the app version', async () => {
    expect((await json('GET', '/admin/apps')).body.app).toMatchObject({
      client_id: CLIENT_ID,
      version: expect.any(String),
    });
  });

  it('answers 404 in the error envelope for an unknown Admin path', async () => {
    const result = await json('GET', '/admin/nothing-here');
    expect(result).toEqual({ status: 404, body: { error: { code: 404, message: expect.any(String) } } });
  });
});
