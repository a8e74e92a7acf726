import { z } from 'zod';
import { ShippingZone } from '../../domain/order-facts.js';

const Zip5 = z.string().regex(/^\d{5}$/, 'expected a 5-digit zip');

/** A merchant's extra zip range (inclusive); overrides win over the default table. */
export const RegionOverride = z
  .object({ from: Zip5, to: Zip5, zone: ShippingZone, areaName: z.string().nullable() })
  .refine((range) => range.from <= range.to, { message: 'from must not exceed to', path: ['to'] });
export type RegionOverride = z.infer<typeof RegionOverride>;
