import { z } from 'zod';
import { fetchAllProducts, fetchProducts } from '../cafe24/resources/products.js';
import type { PipelineContext } from './pipeline-context.js';

export const CATALOGUE_QUEUE = 'sync-catalogue';

export const CatalogueJob = z.object({
  mallId: z.string(),
  /** Products to refresh; empty = the whole catalogue. */
  productNos: z.array(z.number().int()),
});
export type CatalogueJob = z.infer<typeof CatalogueJob>;

/**
 * Refreshes products, variants and stock from Cafe24 (install, periodic refresh, stock webhooks).
 * Tags are the merchant's: Cafe24's product tags seed a product the first time it is seen; after
 * that the tags kept in PassWing (edited in the console) win.
 */
export async function syncCatalogue(ctx: PipelineContext, job: CatalogueJob): Promise<number> {
  const client = ctx.cafe24.client(job.mallId);
  const fetched =
    job.productNos.length > 0 ? await fetchProducts(client, job.productNos) : await fetchAllProducts(client);
  const known = new Map(
    (
      await ctx.store.products.getMany(
        job.mallId,
        fetched.map((product) => product.productNo),
      )
    ).map((product) => [product.productNo, product]),
  );
  const merged = fetched.map((product) => ({
    ...product,
    tags: known.get(product.productNo)?.tags ?? product.tags,
  }));
  await ctx.store.products.upsert(job.mallId, merged, ctx.now());
  return merged.length;
}
