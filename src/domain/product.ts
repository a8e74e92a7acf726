import { z } from 'zod';

/** A variant (option combination) of a product with its stock. */
export const ProductVariant = z.object({
  variantCode: z.string(),
  /** Stock on hand; meaningful only when `useInventory` is true. */
  quantity: z.number().int(),
  useInventory: z.boolean(),
});
export type ProductVariant = z.infer<typeof ProductVariant>;

/** A catalogue product. Tags (NEW, BEST, SAME_DAY, merchant tags) are the merchant's, kept by PassWing. */
export const Product = z.object({
  productNo: z.number().int(),
  productCode: z.string(),
  name: z.string().default(''),
  tags: z.array(z.string()).default([]),
  variants: z.array(ProductVariant).default([]),
});
export type Product = z.infer<typeof Product>;
