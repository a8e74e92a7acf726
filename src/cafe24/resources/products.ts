import { z } from 'zod';
import type { Product, ProductVariant } from '../../domain/product.js';
import type { Cafe24Client } from '../cafe24-client.js';

/** Cafe24 caps `GET /products` at limit 100 (reference §6.2). */
export const PRODUCTS_PER_CALL = 100;

const flag = z.enum(['T', 'F']);
const InventoryJson = z.object({
  use_inventory: flag.nullish(),
  quantity: z.coerce.number().int().nullish(),
});
/** With `embed=inventories` the inventory may sit on the variant itself or under `inventories`. */
const VariantJson = z.object({
  variant_code: z.string(),
  use_inventory: flag.nullish(),
  quantity: z.coerce.number().int().nullish(),
  inventories: z.union([InventoryJson, z.array(InventoryJson)]).nullish(),
});
type VariantJson = z.infer<typeof VariantJson>;

const ProductJson = z.object({
  product_no: z.coerce.number().int(),
  product_code: z.string(),
  product_name: z.string().nullish(),
  /** Cafe24's product tags (검색어); merchants mark NEW/BEST/SAME_DAY here. Array or comma list. */
  product_tag: z.union([z.array(z.string()), z.string()]).nullish(),
  variants: z.array(VariantJson).nullish(),
});
const ProductsResponse = z.object({ products: z.array(ProductJson) });
const InventoryResponse = z.object({ inventory: InventoryJson.extend({ variant_code: z.string() }) });

function variantOf(v: VariantJson): ProductVariant {
  const inventory = Array.isArray(v.inventories) ? v.inventories[0] : v.inventories;
  return {
    variantCode: v.variant_code,
    quantity: v.quantity ?? inventory?.quantity ?? 0,
    useInventory: (v.use_inventory ?? inventory?.use_inventory) === 'T',
  };
}

const tagsOf = (tags: string | string[] | null | undefined): string[] =>
  (typeof tags === 'string' ? tags.split(',') : (tags ?? []))
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');

const productOf = (p: z.infer<typeof ProductJson>): Product => ({
  productNo: p.product_no,
  productCode: p.product_code,
  name: p.product_name ?? '',
  tags: tagsOf(p.product_tag),
  variants: (p.variants ?? []).map(variantOf),
});

/**
 * Products by number with their variants and stock, mapped to the domain Product; Cafe24's product
 * tags become the tags (merchant tags kept by PassWing are merged by the caller).
 */
export async function fetchProducts(client: Cafe24Client, productNos: readonly number[]): Promise<Product[]> {
  const numbers = [...new Set(productNos)];
  const products: Product[] = [];
  for (let start = 0; start < numbers.length; start += PRODUCTS_PER_CALL) {
    const batch = numbers.slice(start, start + PRODUCTS_PER_CALL);
    const response = await client.get(
      '/api/v2/admin/products',
      { product_no: batch, embed: ['variants', 'inventories'], limit: batch.length },
      ProductsResponse,
    );
    products.push(...response.products.map(productOf));
  }
  return products;
}

/** Current stock of one variant (after a 90075 stock webhook). */
export async function fetchVariantInventory(
  client: Cafe24Client,
  productNo: number,
  variantCode: string,
): Promise<ProductVariant> {
  const response = await client.get(
    `/api/v2/admin/products/${productNo}/variants/${encodeURIComponent(variantCode)}/inventories`,
    {},
    InventoryResponse,
  );
  const inventory = response.inventory;
  return {
    variantCode: inventory.variant_code,
    quantity: inventory.quantity ?? 0,
    useInventory: inventory.use_inventory === 'T',
  };
}

/**
 * The whole catalogue with variants and stock, paged with `since_product_no` (Cafe24's way past the
 * 5,000 offset cap), ascending product numbers.
 */
export async function fetchAllProducts(client: Cafe24Client): Promise<Product[]> {
  const products: Product[] = [];
  let since = 0;
  for (;;) {
    const response = await client.get(
      '/api/v2/admin/products',
      { since_product_no: since, embed: ['variants', 'inventories'], limit: PRODUCTS_PER_CALL },
      ProductsResponse,
    );
    products.push(...response.products.map(productOf));
    for (const p of response.products) since = Math.max(since, p.product_no);
    if (response.products.length < PRODUCTS_PER_CALL) return products;
  }
}
