import { Product } from '../../domain/product.js';
import { fromFlag, fromJson, toFlag, toJson, transact, type StoreContext } from '../store-context.js';

/** The product catalogue: products with tags, variants and stock. */
export function createProductsRepository(ctx: StoreContext) {
  const load = async (mallId: string, productNos: readonly number[] | null): Promise<Product[]> => {
    let products = ctx.db.selectFrom('products').selectAll().where('mall_id', '=', mallId);
    let variants = ctx.db.selectFrom('product_variants').selectAll().where('mall_id', '=', mallId);
    if (productNos !== null) {
      if (productNos.length === 0) return [];
      products = products.where('product_no', 'in', [...productNos]);
      variants = variants.where('product_no', 'in', [...productNos]);
    }
    const [productRows, variantRows] = await Promise.all([
      products.orderBy('product_no').execute(),
      variants.orderBy('variant_code').execute(),
    ]);
    return productRows.map((row) => ({
      productNo: Number(row.product_no),
      productCode: row.product_code,
      name: row.name,
      tags: fromJson<string[]>(row.tags),
      variants: variantRows
        .filter((variant) => Number(variant.product_no) === Number(row.product_no))
        .map((variant) => ({
          variantCode: variant.variant_code,
          quantity: Number(variant.quantity),
          useInventory: fromFlag(variant.use_inventory),
        })),
    }));
  };

  return {
    /** Inserts or replaces products, their tags and their variants (a variant list replaces the old one). */
    async upsert(mallId: string, products: readonly Product[], now: number): Promise<void> {
      const parsed = products.map((product) => Product.parse(product));
      await transact(ctx, async ({ db }) => {
        for (const product of parsed) {
          const values = {
            product_code: product.productCode,
            name: product.name,
            tags: toJson(product.tags),
            updated_at: now,
          };
          await db
            .insertInto('products')
            .values({ mall_id: mallId, product_no: product.productNo, ...values })
            .onConflict((oc) => oc.columns(['mall_id', 'product_no']).doUpdateSet(values))
            .execute();
          await db
            .deleteFrom('product_variants')
            .where('mall_id', '=', mallId)
            .where('product_no', '=', product.productNo)
            .execute();
          if (product.variants.length > 0) {
            await db
              .insertInto('product_variants')
              .values(
                product.variants.map((variant) => ({
                  mall_id: mallId,
                  variant_code: variant.variantCode,
                  product_no: product.productNo,
                  quantity: variant.quantity,
                  use_inventory: toFlag(variant.useInventory),
                })),
              )
              .execute();
          }
        }
      });
    },

    /** One product with its variants, or null. */
    async get(mallId: string, productNo: number): Promise<Product | null> {
      const [product] = await load(mallId, [productNo]);
      return product ?? null;
    },

    /** The products among `productNos` that exist (enrichment of one order's items). */
    getMany: (mallId: string, productNos: readonly number[]): Promise<Product[]> => load(mallId, productNos),

    /** The whole catalogue of the mall. */
    list: (mallId: string): Promise<Product[]> => load(mallId, null),

    /** Replaces a product's merchant tags; false when the product is unknown. */
    async setTags(mallId: string, productNo: number, tags: readonly string[], now: number): Promise<boolean> {
      const result = await ctx.db
        .updateTable('products')
        .set({ tags: toJson([...new Set(tags)]), updated_at: now })
        .where('mall_id', '=', mallId)
        .where('product_no', '=', productNo)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Sets a variant's stock (webhook 90075); false when the variant is unknown. */
    async setStock(mallId: string, variantCode: string, quantity: number): Promise<boolean> {
      const result = await ctx.db
        .updateTable('product_variants')
        .set({ quantity })
        .where('mall_id', '=', mallId)
        .where('variant_code', '=', variantCode)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
export type ProductsRepository = ReturnType<typeof createProductsRepository>;
